"""Reading drafts: the file's text, its structural units, and their sentences.

Every reader returns a :class:`~linter.model.Draft`: the text positions are reported in,
the **units** of its structure and the **sentences** of each unit, in their analysis form
(:mod:`linter.textnorm`) with offsets into the file as written.  Every sentence of every
unit is judged; whether it makes a claim is decided later, on positive evidence.

What a unit is, per input format:

Plain text (``.txt`` and anything not listed below), :mod:`.plain`
    A paragraph (lines up to a blank line); a line starting with a list marker (``-``,
    ``*``, ``•``, ``1.``, ``a)``) starts a unit of its own, marker left out; a short line
    with no closing punctuation followed by a capitalised line (a title) is a unit of its
    own.  Lines that are suppression directives are left out.
Markdown (``.md``, ``.markdown``), :mod:`.markdown`
    Paragraphs, headings, list items (nested ones too), block-quote paragraphs (wrapped
    lines joined, ``>`` left out), table rows (short cells joined as ``label: value``,
    long cells each a unit) and the text of HTML blocks.  Inside a unit, link text,
    emphasis and inline HTML are text of the sentence (``<br>`` is a space); left out are
    link targets, autolinks and bare URLs, images, inline code, HTML comments and tags,
    and note markers (``<sup>1</sup>``).  Front matter and code blocks are not prose.
Word (``.docx``), :mod:`.word`
    Body paragraphs and table rows (cells as in Markdown), in document order; paragraph
    *k* of the body (empty paragraphs and table-cell paragraphs counted) is report line
    *k*, and the column is the character within that paragraph.  Tracked changes are
    shown as accepted; text boxes are lines after the paragraph they are anchored in;
    after the body come each section's headers and footers, then footnotes and endnotes,
    one line per paragraph.  Comments and superscript note references are left out.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..model import Draft, DraftSentence, Unit
from ..sentences import split_sentences
from ..textio import DEFAULT_MAX_BYTES, decode, read_text
from ..textnorm import homoglyph_figures

MARKDOWN_SUFFIXES = (".md", ".markdown")
DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx")
#: Files msglint cannot read as drafts: refused when named, listed in one notice when a
#: folder holds them.
UNREADABLE_SUFFIXES = (".pdf", ".doc", ".rtf", ".odt", ".pages", ".wpd", ".xls", ".xlsx", ".ppt",
                       ".pptx", ".key", ".epub", ".zip")


#: What a draft too large for the memory available is told (its size in MB is filled in).
TOO_LARGE = "there is not enough memory to read this draft{size}; split it into smaller drafts"


def read_draft(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin_filename: Optional[str] = None) -> Draft:
    """Read and split the draft at ``path`` (``-``: standard input).  A draft too large
    for the memory left (``--max-bytes`` raised far) is an :class:`InputError` naming it."""
    try:
        return _read_draft(path, max_bytes, stdin_filename)
    except MemoryError:
        pass  # raised below, once this frame has let go of what was built
    name = (stdin_filename or "<stdin>") if path == "-" else path
    try:
        size = os.path.getsize(path) if path != "-" else 0
    except OSError:
        size = 0
    raise InputError(TOO_LARGE.format(size=f" ({size / 1e6:,.0f} MB)" if size else ""), name)


def _read_draft(path: str, max_bytes: int, stdin_filename: Optional[str]) -> Draft:
    if path == "-":
        name = stdin_filename or "<stdin>"
        if sys.stdin is None:  # closed before msglint started (<&-)
            raise InputError("standard input is closed: nothing to read for '-'", name)
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read standard input: {exc.strerror or exc}", name) from None
        if len(data) > max_bytes:
            raise InputError(f"input is over the {max_bytes}-byte limit (raise it with --max-bytes)", name)
        return parse(name, decode(data, name))
    suffix = Path(path).suffix.lower()
    if suffix in UNREADABLE_SUFFIXES:
        raise InputError(f"msglint cannot read {suffix} drafts; save the draft as .docx, .md or .txt", path)
    if suffix == ".docx":
        from .word import read_docx

        return read_docx(path, max_bytes)
    return parse(path, read_text(path, max_bytes))


def parse(name: str, text: str) -> Draft:
    """The draft for ``text`` reported as ``name`` (the suffix picks the reader)."""
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        from .markdown import markdown_units

        units, notices = markdown_units(text)
        return build(name, text, units, markdown=True, notices=notices)
    from .plain import plain_units

    return build(name, text, plain_units(text))


def build(name: str, text: str, units, markdown: bool = False, notices=()) -> Draft:
    """A draft from its units: each unit split into sentences."""
    units = tuple(u for u in units if u.text.text.strip())
    sentences = []
    for i, unit in enumerate(units):
        t = unit.text
        for a, b in split_sentences(t.text, break_on_blank_lines=False):
            m = t.slice(a, b)
            if not m.text:
                continue
            sentences.append(DraftSentence(m.text, m.starts[0], m.ends[-1], i, unit.kind, m))
    notes = list(notices)
    for a, b, read in homoglyph_figures(text)[:20]:
        line = text.count("\n", 0, a) + 1
        notes.append(f"line {line}: the figure \"{text[a:b]}\" has a letter that looks like a digit; "
                     f"it was read as \"{read}\" (fix the draft)")
    if not text.strip():
        notes.append("the draft is empty: nothing was checked")
    elif not sentences:
        notes.append("the draft holds no prose: nothing was checked")
    return Draft(name, text, units, tuple(sentences), markdown, tuple(notes))


def expand_paths(paths, ignore=()) -> tuple[list[str], list[str]]:
    """Draft paths (files as given, folders walked for drafts, sorted, minus ``ignore``
    globs) and the files of folders that were skipped because msglint cannot read them."""
    import fnmatch

    out: list[str] = []
    skipped: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    if name.lower().endswith(DRAFT_SUFFIXES):
                        found.append(full)
                    elif name.lower().endswith(UNREADABLE_SUFFIXES):
                        skipped.append(full)
            if not found:
                raise InputError("folder holds no drafts (.md, .txt, .docx)", p)
            out += found
        elif os.path.exists(p):
            out.append(p)
        else:
            raise InputError("no such file or directory", p)

    def ignored(path: str) -> bool:
        norm = path.replace(os.sep, "/")
        return any(fnmatch.fnmatch(norm, g) or fnmatch.fnmatch(os.path.basename(norm), g) for g in ignore)

    return [p for p in out if p == "-" or not ignored(p)], [p for p in skipped if not ignored(p)]


__all__ = ["Draft", "DraftSentence", "Unit", "read_draft", "parse", "build", "expand_paths",
           "DRAFT_SUFFIXES", "MARKDOWN_SUFFIXES", "UNREADABLE_SUFFIXES"]
