"""Where a command's output goes: checks shared by `check` and `coverage`, and the one
writer of standard output."""
from __future__ import annotations

import errno
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
    """Write ``text`` to standard output and flush it.  A full disk, a closed standard
    output (or any other write error) is a one-line error, exit 2.  A reader that went
    away (``| head -1``) ends the output quietly; the command goes on to its own exit
    code, so a pipeline under ``set -o pipefail`` still sees the findings (1)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # a stand-in (tests, a closed stream)
        fd = None
    try:
        if fd is None:
            click.echo(text, nl=False)
            sys.stdout.flush()
        else:
            _write_fd(fd, text)
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        raise InputError(f"cannot write standard output: {exc.strerror or exc}") from None


def _write_fd(fd: int, text: str) -> None:
    """Write all of ``text`` to file descriptor ``fd`` (standard output), in the stream's
    encoding.  The bytes go straight to the descriptor, in a loop: a buffered write cut
    short by the reader going away (a partial write, then SIGPIPE) must end in
    ``BrokenPipeError`` here, not in bytes left in a buffer that nobody flushes."""
    sys.stdout.flush()  # anything click printed before goes first
    enc = getattr(sys.stdout, "encoding", None) or "utf-8"
    errors = "surrogateescape" if getattr(sys.stdout, "errors", None) == "surrogateescape" else "replace"
    view = memoryview(text.encode(enc, errors))
    while view:
        view = view[os.write(fd, view):]


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so the buffered rest is not flushed (and does
    not fail again) when the process exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


# -- standard streams that are closed or cannot be written ------------------------------------

class ClosedOutput:
    """Stands for a standard output that was closed before msglint started (``>&-``):
    asking whether it is a terminal is fine, writing to it is an error (one line, exit 2)
    and a command that writes elsewhere (``-o FILE``) runs as usual."""

    encoding = "utf-8"
    errors = "strict"
    closed = False

    def write(self, s):
        raise OSError(errno.EBADF, "it is closed")

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class QuietOnFailure:
    """Standard error that cannot be written (``2>/dev/full``): msglint's messages are
    lost, but the failure to print them changes nothing else, the exit code least of all.
    After the first failure, file descriptor 2 points at /dev/null, so buffered bytes drain
    harmlessly."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, s):
        try:
            return self._stream.write(s)
        except (OSError, ValueError):
            self._give_up()
            return len(s)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            self._give_up()

    def _give_up(self) -> None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
            self._stream.flush()  # the buffered rest goes to /dev/null now
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _reserve(fd: int, flags: int) -> bool:
    """Open /dev/null on ``fd`` when it is closed, so no file msglint opens later lands on
    a standard stream's number; say whether it was closed."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    try:
        new = os.open(os.devnull, flags)
        if new != fd:
            os.dup2(new, fd)
            os.close(new)
    except OSError:
        pass
    return True


def guard_streams() -> None:
    """Make closed or unwritable standard streams ordinary errors, once, before a command
    runs: a closed standard input is "standard input is closed" when ``-`` is read; a
    closed standard output is "cannot write standard output: it is closed" (exit 2) when
    something is written to it; standard error that is closed or full loses msglint's
    messages but not its exit code."""
    _reserve(0, os.O_RDONLY)  # sys.stdin stays None: read_draft names it
    if _reserve(1, os.O_WRONLY) or sys.stdout is None:
        sys.stdout = ClosedOutput()
    if _reserve(2, os.O_WRONLY) or sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    elif not isinstance(sys.stderr, QuietOnFailure):
        sys.stderr = QuietOnFailure(sys.stderr)
