"""Where a command's output goes: checks shared by `check` and `coverage`, and the one
writer of standard output."""
from __future__ import annotations

import os
import sys

import click

from ..errors import InputError

#: Formats that are a page to open in a browser, not text to read on a terminal.
PAGE_FORMATS = ("html",)


def _same_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name one file: the same inode (hard and symbolic links), or,
    when either does not exist yet, the same resolved path (``./x`` and ``x``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # the output does not exist yet (or cannot be read): compare names
        return os.path.realpath(a) == os.path.realpath(b)


def protected_paths(drafts=(), corpus=(), config=None) -> list[tuple[str, str]]:
    """``(path, what it is)`` for every file ``-o`` must never replace: the drafts, every
    file the corpus reader reads under each corpus path, the corpus paths themselves
    (folders included) and the configuration file in use."""
    out = [(str(p), "one of the drafts being checked") for p in drafts if p != "-"]
    for root in corpus or ():
        out.append((str(root), "part of the corpus"))
    if corpus:
        from ..corpus import collect_files

        try:
            out += [(str(p), "a corpus file") for p, _ in collect_files(list(corpus))]
        except Exception:  # noqa: BLE001 - an unreadable corpus is reported when it is loaded
            pass
    if config:
        out.append((str(config), "the configuration file in use"))
    return out


def refuse_protected(target, protected) -> None:
    """One-line error (exit 2) when ``target`` is one of ``protected`` (see
    :func:`protected_paths`); nothing has been written yet."""
    for path, what in protected:
        if _same_file(str(target), path):
            raise InputError(f"is {what}; refusing to overwrite it with the report", str(target))


def refuse_inside_corpus(target, corpus, what: str = "the report") -> None:
    """One-line error (exit 2) when ``target`` is a corpus path or lies below a corpus
    folder (links resolved): the next run would read what msglint wrote there as an
    approved document (an HTML page or a text report full of the draft's own sentences
    can even approve the draft)."""
    from ..textio import is_within

    roots = [str(r) for r in corpus or ()]
    if not roots or not is_within(str(target), roots):
        return
    real = os.path.realpath(str(target))
    root = next(r for r in roots if real == os.path.realpath(r)
                or real.startswith(os.path.realpath(r).rstrip(os.sep) + os.sep))
    raise InputError(f"is inside the corpus folder {root}; refusing to write {what} there "
                     "(the corpus reader would read it as approved documents): choose a path "
                     "outside the corpus", str(target))


def refuse_destination(target, protected, corpus) -> None:
    """:func:`refuse_protected`, then :func:`refuse_inside_corpus`."""
    refuse_protected(target, protected)
    refuse_inside_corpus(target, corpus)


def check_destination(fmt: str, output, drafts, corpus=(), config=None) -> None:
    """Refuse, before any work is done, an ``-o`` that would overwrite a draft, a corpus
    file or folder or the configuration file, or write anywhere inside a corpus folder,
    and a page format written to a terminal: an HTML page is for a file (``-o``) or a
    pipe, and thousands of lines of markup on a screen help nobody."""
    if output is not None:
        refuse_destination(output, protected_paths(drafts, corpus, config), corpus)
    elif fmt in PAGE_FORMATS and sys.stdout.isatty():
        raise click.UsageError(f"--format {fmt} writes a web page: give -o FILE.html "
                               "(or redirect standard output to a file or pipe)")


def emit(text: str) -> None:
    """Write ``text`` to standard output and flush it.  A full disk (or any other write
    error) is a one-line error, exit 2; a reader that went away (``| head -1``) ends the
    command quietly (exit 0: the reader had what it wanted)."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_after_broken_pipe()
    except OSError as exc:
        _silence_stdout()
        raise InputError(f"cannot write standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the buffered rest is not flushed (and does
    not fail again) when the process exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def quiet_after_broken_pipe() -> None:
    """End the command without a word after standard output's reader has gone."""
    _silence_stdout()
    raise SystemExit(0)
