"""Reading drafts: the text to report positions in, and the stretches of it that are prose.

Plain text is all prose.  Markdown and Word drafts are handled by :mod:`linter.inputs`;
every reader returns the text positions are reported in and a list of
prose segments (offsets into that text), so checks never see code, URLs or markup.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .sentences import Segment
from .textio import DEFAULT_MAX_BYTES, decode, read_text


@dataclass(frozen=True)
class Draft:
    path: str  # as reported
    text: str
    segments: Optional[tuple[Segment, ...]] = None  # None: the whole text is prose


def read_draft(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin_filename: Optional[str] = None) -> Draft:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = stdin_filename or "<stdin>"
        if len(data) > max_bytes:
            from .errors import InputError

            raise InputError(f"input is over the {max_bytes}-byte limit (raise it with --max-bytes)", name)
        return _parse(name, decode(data, name))
    if path.lower().endswith(".docx"):
        from .inputs import read_docx

        return read_docx(path, max_bytes)
    return _parse(path, read_text(path, max_bytes), Path(path))


def _parse(name: str, text: str, source: Optional[Path] = None) -> Draft:
    from . import inputs  # Markdown and Word readers

    return inputs.parse(name, text, source)


DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx")


def expand_paths(paths, ignore=()) -> list[str]:
    """Draft paths: files as given, folders walked for drafts (sorted), minus ``ignore`` globs."""
    import fnmatch
    import os

    from .errors import InputError

    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith("."):
                        found.append(os.path.join(root, name))
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
    return [p for p in out if p == "-" or not ignored(p)]
