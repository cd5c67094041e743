"""Reading user files safely: encodings, line endings, binary files and size limits.

Every reader goes through :func:`read_text`, so that a draft, a corpus file and a rule pack
are decoded the same way and fail with the same one-line errors.
"""
from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

from .errors import InputError

#: Default largest file msglint reads (``--max-bytes`` overrides it).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long speech is 100 KB; 5 MB is a mistake, not a draft

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing directories, unreadable files and files over the limit."""
    import stat

    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file or directory", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    size = st.st_size
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, expected a file", str(path))
    if not stat.S_ISREG(st.st_mode):
        # opening a FIFO would wait for a writer forever; a device may never end
        raise InputError("is not a regular file (a FIFO, device or socket); msglint reads only files", str(path))
    if max_bytes and size > max_bytes:
        raise InputError(
            f"file is {size} bytes, over the {max_bytes}-byte limit (raise it with --max-bytes)",
            str(path),
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes else -1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if max_bytes and len(data) > max_bytes:
        raise InputError(f"file is over the {max_bytes}-byte limit (raise it with --max-bytes)", str(path))
    return data


def decode(data: bytes, path: str) -> str:
    """Decode bytes as text: a BOM picks the encoding, otherwise UTF-8.

    Line endings are normalised (CRLF and lone CR become LF) so that line numbers agree
    with what editors show.  Binary data and invalid UTF-8 are one-line errors.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
            encoding = name
            break
    if encoding == "utf-8" and b"\0" in data[:8192]:
        raise InputError("looks like a binary file, not text", path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
            path,
            line,
        ) from None
    if "\0" in text:
        raise InputError("looks like a binary file, not text", path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode a text file (see :func:`decode`)."""
    return decode(read_bytes(path, max_bytes), str(path))


def display_path(path: Path | str) -> str:
    """The path as the user gave it (relative stays relative, absolute stays absolute),
    with ``./`` and doubled separators folded, so the same arguments print the same from
    any working directory."""
    p = str(path)
    return os.path.normpath(p) if p and p != "-" else p


def is_within(path: Path | str, roots) -> bool:
    """Whether ``path`` is one of ``roots`` (files or folders) or lies below one of them,
    links resolved (a corpus file named through a link is still a corpus file)."""
    real = os.path.realpath(path)
    for root in roots:
        r = os.path.realpath(root)
        if real == r or real.startswith(r.rstrip(os.sep) + os.sep):
            return True
    return False


#: Temporary files of writes in flight, in any thread: an interrupted run removes them
#: (:func:`discard_partial_writes`) before it exits, since a fast exit skips ``finally``.
_PENDING: set[str] = set()
_PENDING_LOCK = threading.Lock()
_INTERRUPTED = False


def discard_partial_writes() -> None:
    """Remove the temporary files of writes still in flight (called on Ctrl-C or SIGTERM,
    when worker threads may be mid-write and the process exits without unwinding them)."""
    global _INTERRUPTED
    with _PENDING_LOCK:
        _INTERRUPTED = True  # a write that starts after this is refused, not left half-done
        pending = sorted(_PENDING)
        _PENDING.clear()
    for tmp in pending:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def write_atomic_bytes(path: Path | str, data: bytes, shared: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename, so
    a reader never sees a half-written file and an interrupted write leaves nothing behind.
    The file is private (0600) unless ``shared`` (a report: the umask's permissions, or
    those of the file it replaces).  Raises ``OSError``."""
    import errno
    import secrets

    p = Path(path)
    if _write_special(p, data):
        return
    # The name is recorded before the file exists, so an interrupt at any point leaves
    # nothing that discard_partial_writes() does not know of.
    for _attempt in range(100):
        tmp = os.path.join(str(p.parent), f".tmp-{secrets.token_hex(8)}.part")
        with _PENDING_LOCK:
            if _INTERRUPTED:
                raise OSError(errno.EINTR, "interrupted")
            _PENDING.add(tmp)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            break
        except FileExistsError:
            with _PENDING_LOCK:
                _PENDING.discard(tmp)
        except BaseException:
            with _PENDING_LOCK:
                _PENDING.discard(tmp)
            raise
    else:
        raise OSError(errno.EEXIST, "no free temporary name")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if shared:  # mkstemp makes 0600: right for the cache, not for a report
            os.chmod(tmp, _mode_for(p))
        os.replace(tmp, p)
        with _PENDING_LOCK:
            _PENDING.discard(tmp)
        tmp = None
    finally:
        if tmp is not None:
            with _PENDING_LOCK:
                _PENDING.discard(tmp)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


#: Names of the standard streams, written to through the stream msglint already holds.
_STD_NAMES = {"/dev/stdout": 1, "/dev/fd/1": 1, "/proc/self/fd/1": 1,
              "/dev/stderr": 2, "/dev/fd/2": 2, "/proc/self/fd/2": 2}


def _write_special(p: Path, data: bytes) -> bool:
    """Write ``data`` to ``p`` when it is not a regular file, and say whether it was.

    A temporary file renamed over a device, FIFO or socket would replace the node with a
    regular file (as root, ``-o /dev/null`` would leave a file named /dev/null), so:
    ``/dev/stdout`` and ``/dev/stderr`` (and their /dev/fd, /proc/self/fd names) are the
    streams already open; a character device (``/dev/null``, ``/dev/full``, a terminal) is
    opened and written in place; a FIFO is written only when a reader has it open (opened
    non-blocking, so a FIFO nobody reads is an error, not a hang); a block device, a
    socket and a directory are refused.  A regular file, or a path that does not exist
    yet, returns False: the caller writes it atomically.  Raises ``OSError``."""
    import errno
    import stat

    fdnum = _STD_NAMES.get(os.path.abspath(str(p)))
    if fdnum is not None:
        import sys

        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        _write_all(fdnum, data)
        return True
    try:
        st = os.stat(p)
    except OSError:
        return False  # a new file (or a dangling link): the atomic path makes it or fails
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, expected a file")
    if stat.S_ISCHR(mode):
        fd = os.open(p, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    elif stat.S_ISFIFO(mode):
        try:
            fd = os.open(p, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "is a FIFO that nothing is reading; msglint does not wait "
                                           "for a reader") from None
            raise
        os.set_blocking(fd, True)  # a reader is there: write at its pace
    else:  # block device or socket
        raise OSError(errno.EINVAL, "is a block device or socket, not a file msglint writes reports to")
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _mode_for(p: Path) -> int:
    """The permissions a rewritten file keeps, or a new one gets from the umask (read from
    /proc where there is one, never set: the umask is the process's), else 0644."""
    try:
        return p.stat().st_mode & 0o777
    except OSError:
        pass
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for row in fh:
                if row.startswith("Umask:"):
                    return 0o666 & ~int(row.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def write_atomic(path: Path | str, text: str) -> None:
    """Write a report file atomically; a failure is a one-line error naming the file."""
    try:
        write_atomic_bytes(path, text.encode("utf-8"), shared=True)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None  # escaped where printed

