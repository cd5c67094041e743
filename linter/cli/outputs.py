"""Where a command's output goes: checks shared by `check` and `coverage`."""
from __future__ import annotations

import os
import sys

import click

from ..errors import InputError

#: Formats that are a page to open in a browser, not text to read on a terminal.
PAGE_FORMATS = ("html",)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # the output does not exist yet (or cannot be read): compare names
        return os.path.realpath(a) == os.path.realpath(b)


def check_destination(fmt: str, output, drafts) -> None:
    """Refuse, before any work is done, an ``-o`` that would overwrite one of ``drafts``,
    and a page format written to a terminal: an HTML page is for a file (``-o``) or a
    pipe, and thousands of lines of markup on a screen help nobody."""
    if output is not None:
        for path in drafts:
            if path != "-" and _same_file(str(output), str(path)):
                raise InputError("is one of the drafts being checked; refusing to overwrite it with the report",
                                 str(output))
    elif fmt in PAGE_FORMATS and sys.stdout.isatty():
        raise click.UsageError(f"--format {fmt} writes a web page: give -o FILE.html "
                               "(or redirect standard output to a file or pipe)")
