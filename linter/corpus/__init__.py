"""Loading the approved response corpus: files and folders -> :class:`~linter.model.Corpus`.

A corpus is any mix of files and folders.  Folders are walked recursively in sorted order
(hidden files and folders, ``README.*`` files and editor backups are skipped, symlink loops
are not followed) and pick up ``.txt``/``.md`` quick-response text
(:mod:`linter.corpus.quickresponse`) and ``.yaml``/``.yml`` structured documents
(:mod:`linter.corpus.yamldoc`).  A file named explicitly is read whatever its extension:
YAML for ``.yaml``/``.yml``, quick-response text otherwise.

Every file is read through :func:`linter.textio.read_bytes`/:func:`~linter.textio.decode`,
so encodings, binary files and size limits fail the same way everywhere, as one
:class:`~linter.errors.InputError` naming the file (and line where known).
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, NamedTuple, Optional, Union

from ..errors import InputError
from ..model import Corpus, Document, Unreadable, hash_sources
from ..textio import DEFAULT_MAX_BYTES, decode, display_path, read_bytes
from .quickresponse import parse_quick_response
from .yamldoc import parse_yaml_documents

TEXT_SUFFIXES = (".txt", ".md")
YAML_SUFFIXES = (".yaml", ".yml")
WORD_SUFFIXES = (".docx",)
SUFFIXES = TEXT_SUFFIXES + YAML_SUFFIXES + WORD_SUFFIXES

PathLike = Union[str, os.PathLike]

__all__ = ["load_corpus", "load_document_file", "collect_files", "SUFFIXES", "DEFAULT_MAX_BYTES"]


def _skipped(name: str) -> bool:
    return (name.startswith(".") or name.endswith("~") or name.startswith("~$")
            or name.split(".")[0].upper() == "README")


def _walk(root: str, prefix: str, visited: set[str],
          unsupported: Optional[list] = None) -> Iterable[tuple[str, str]]:
    """``(path, key)`` of every corpus file under ``root``, the key being ``prefix`` plus
    the path below ``root`` with "/" separators.  Files of other types are appended to
    ``unsupported`` when it is given."""
    real = os.path.realpath(root)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"cannot read folder: {exc.strerror or exc}", display_path(root)) from None
    for entry in entries:
        if _skipped(entry.name):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
            is_file = entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _walk(entry.path, prefix + entry.name + "/", visited, unsupported)
        elif is_file and entry.name.lower().endswith(SUFFIXES):
            yield entry.path, prefix + entry.name
        elif is_file and unsupported is not None:
            unsupported.append(display_path(entry.path))


class CorpusFile(NamedTuple):
    path: str
    key: str  # path below the folder it was found in ("/" separators), or the file name
    stat: os.stat_result
    shown: str  # the path as reports show it (see :func:`~linter.textio.display_path`)


def collect_files(paths: Union[PathLike, Iterable[PathLike]]) -> list[tuple[Path, str]]:
    """The corpus files named by ``paths``: ``(path, hash key)`` pairs, in a stable order.

    The hash key is the file's path relative to the folder it was found in (its name when
    given directly), so the corpus hash does not depend on the working directory.
    """
    return [(Path(f.path), f.key) for f in collect_files_stat(paths)]


def collect_files_stat(paths: Union[PathLike, Iterable[PathLike]],
                       unsupported: Optional[list] = None) -> list[CorpusFile]:
    """:func:`collect_files` with each file's ``os.stat`` result and displayed path (a file
    reached twice, through a symbolic or hard link, is listed once).  Files in the folders
    that are not of a corpus type (a PDF, an old ``.doc``) are appended to ``unsupported``
    when it is given."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    if not paths:
        raise InputError("no corpus given; pass corpus files or folders")
    out: list[CorpusFile] = []
    seen: set = set()
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError("no such file or directory", str(given))
        if p.is_dir():
            found = list(_walk(str(p), "", set(), unsupported))
            if not found:
                raise InputError(
                    f"no corpus documents ({', '.join(SUFFIXES)}) found in this folder", str(given))
            shown_root = display_path(p)
            if shown_root.startswith("..") or os.path.isabs(shown_root):
                shown = [display_path(f) for f, _ in found]
            else:  # inside the working directory: relative paths join
                shown = [key.replace("/", os.sep) if shown_root == "." else
                         shown_root + os.sep + key.replace("/", os.sep) for _, key in found]
            pairs = [(f, key, name) for (f, key), name in zip(found, shown)]
        else:
            pairs = [(str(p), p.name, display_path(p))]
        for f, key, name in pairs:
            try:
                st = os.stat(f)
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", display_path(f)) from None
            ident = (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(f)
            if ident in seen:
                continue
            seen.add(ident)
            out.append(CorpusFile(f, key, st, name))
    return out


def unsupported_notice(names: list[str]) -> Optional[str]:
    """The one notice listing the files of a corpus folder that msglint does not read."""
    if not names:
        return None
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"left out {len(names)} file(s) in the corpus folder that are not corpus documents "
            f"(msglint reads {', '.join(SUFFIXES)}; save a quick response as .docx, .md or .txt): {shown}")


def _id_base(path: Path) -> str:
    stem = path.stem.strip() or "document"
    return re.sub(r"\s+", "_", stem)


def parse_file(path: Path, data: bytes, id_base: str) -> list[Document]:
    """The documents in one corpus file's bytes (ids ``id_base``, ``id_base#2`` ...)."""
    shown = display_path(path)
    if path.suffix.lower() in WORD_SUFFIXES:
        # a quick response typed in Word: one line per paragraph, read like a .txt one
        from ..drafts.word import docx_units, open_docx

        text, _units = docx_units(open_docx(data, shown))
        return parse_quick_response(text, shown, id_base)
    text = decode(data, shown)
    if path.suffix.lower() in YAML_SUFFIXES:
        return parse_yaml_documents(text, shown, id_base)
    return parse_quick_response(text, shown, id_base)


def load_document_file(path: PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                       id_base: str | None = None) -> list[Document]:
    """The documents of one corpus file (ids ``stem``, ``stem#2`` ... unless ``id_base``)."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    return parse_file(p, data, id_base or _id_base(p))


def load_corpus(paths: Union[PathLike, Iterable[PathLike]],
                max_bytes: int = DEFAULT_MAX_BYTES, parse=None, contents: Optional[dict] = None,
                record: Optional[list] = None, strict: bool = True) -> Corpus:
    """Load every corpus document under ``paths`` (a file or folder, or a list of them).

    ``parse(path, data, id_base)`` replaces :func:`parse_file` (the analysis cache passes
    one that reuses earlier parses of identical files); ``contents`` maps paths to bytes
    already read; ``record``, when given, receives ``(path, key, sha256 of the bytes, id
    base, document ids)`` for each file, in load order.

    With ``strict`` the first file that cannot be read or understood raises its
    :class:`InputError`; otherwise such files are left out, each listed once in
    :attr:`Corpus.unreadable`, and the rest of the corpus is used (an error only when no
    document is left)."""
    parse = parse or parse_file
    documents: list[Document] = []
    sources: list[tuple[str, bytes]] = []
    used: set[str] = set()
    unreadable: list[Unreadable] = []
    for path, key in load_order(collect_files(paths)):
        data = contents.get(str(path)) if contents else None
        base = id_base(path, used)
        try:
            if data is None:
                data = read_bytes(path, max_bytes)
            docs = parse(path, data, base)
        except InputError as exc:
            if strict:
                raise
            unreadable.append(Unreadable(exc.path or display_path(path), exc.line, exc.message))
            sources.append((key, data if data is not None else b""))
            if record is not None:
                record.append((str(path), key, hashlib.sha256(data or b"").hexdigest(), base, ()))
            continue
        sources.append((key, data))
        used.update(d.id for d in docs)
        documents.extend(docs)
        if record is not None:
            record.append((str(path), key, hashlib.sha256(data).hexdigest(), base, tuple(d.id for d in docs)))
    if not documents:
        if unreadable:
            first = unreadable[0]
            more = f" (and {len(unreadable) - 1} other file(s) that cannot be read)" if len(unreadable) > 1 else ""
            raise InputError(first.message + more, first.path, first.line)
        raise InputError("the corpus is empty: no documents found")
    return Corpus(tuple(documents), hash_sources(sources), tuple(unreadable))


def load_order(files: list) -> list:
    """Corpus files in the order documents are read: sorted by hash key, then path, so the
    same files given in another order make the same corpus."""
    return sorted(files, key=lambda f: (f[1], str(f[0])))


def id_base(path: Path, used: set[str]) -> str:
    """The id base of the documents in ``path`` (the file's stem; qualified by its folder,
    then numbered, when another file already used it), added to ``used``."""
    base = _id_base(path)
    if base in used:
        # Same stem in another folder: qualify with the folder, then number it.
        parent = _id_base(Path(path.parent.name or "root"))
        candidate, n = f"{parent}/{base}", 2
        while candidate in used:
            candidate, n = f"{parent}/{base}~{n}", n + 1
        base = candidate
    used.add(base)
    return base
