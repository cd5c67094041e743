"""Reading LSP frames from standard input without trusting them.

pygls' own reader (``pygls.io_.run_async``) trusts the client: a negative, fractional or
lowercase ``Content-Length``, LF-only line ends or a wrong length leave it out of step with
the stream for good, and a huge length makes it allocate that many bytes (MemoryError).
This reader keeps its own buffer and, whatever arrives, finds the next frame:

* header names are case-insensitive and lines may end in CRLF or LF;
* a header block with no usable ``Content-Length`` (missing, negative, non-numeric,
  fractional, a NUL in it) is dropped and the reader looks for the next header;
* a body that is not JSON (length zero or too short or too long) gets a parse error
  response (-32700, id null); if a ``Content-Length:`` header follows inside the bytes read,
  reading goes on from there, so the next well-formed request is answered;
* a length above :data:`MAX_FRAME` (64 MiB) is refused before anything is allocated: one
  log line, then the bytes are scanned (not kept) for the next header;
* a header block with two *different* ``Content-Length`` values is ambiguous (RFC 9112
  treats it as an unrecoverable framing error): it is dropped without reading a body, one
  log line, and the reader looks for the next header (in practice right after the body);
  the same value twice is no conflict;
* a body nested deeper than :data:`MAX_DEPTH` arrays and objects is refused (the JSON
  decoder recurses, and a 200 kB body of ``[`` would exhaust the stack): a parse error
  (-32700, id null) when it cannot be decoded at all, an invalid-request error (-32600)
  under its own id when it can and has one;
* end of input, also in the middle of a body, ends the server as ``exit`` would.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading

MAX_FRAME = 64 * 1024 * 1024  # bytes: a longer Content-Length is refused
MAX_DEPTH = 100  # nested arrays and objects in one message; LSP's own messages need under 10
CHUNK = 65536
HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
LENGTH = re.compile(rb"[ \t]*(\d+)[ \t]*")

logger = logging.getLogger("msglint.server")


def too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` (decoded JSON) nests more than ``limit`` arrays and objects; without
    recursion, so the check itself cannot exhaust the stack."""
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in (node.values() if isinstance(node, dict) else node):
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def request_id(value):
    """The id of a decoded message, when it has a usable one (a string or an integer)."""
    if isinstance(value, dict):
        got = value.get("id")
        if isinstance(got, (str, int)) and not isinstance(got, bool):
            return got
    return None


class FrameReader:
    """Frames from a binary stream; blocking, meant to run in a worker thread."""

    def __init__(self, stream, log):
        self.stream = stream
        self.buf = bytearray()
        self.eof = False
        self.log = log  # called with one line for each thing dropped

    def _fill(self) -> bool:
        if self.eof:
            return False
        read = getattr(self.stream, "read1", None) or self.stream.read
        data = read(CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def _line(self):
        """The next header line without its line end, or None at end of input.  An
        overlong line (no line end in CHUNK bytes) is returned in pieces."""
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line = bytes(self.buf[:i])
                del self.buf[:i + 1]
                return line[:-1] if line.endswith(b"\r") else line
            if len(self.buf) > CHUNK:
                # keep a tail, so a header split across the cut is still found
                line = bytes(self.buf[:-32])
                del self.buf[:-32]
                return line
            if not self._fill():
                if self.buf:
                    line = bytes(self.buf)
                    self.buf.clear()
                    return line
                return None

    def _resync(self, line: bytes) -> bytes:
        """A line that starts with garbage (the rest of a skipped body) but has a header in
        it: the header part."""
        m = HEADER.search(line)
        return line[m.start():] if m and m.start() > 0 else line

    def _read(self, n: int):
        while len(self.buf) < n:
            if not self._fill():
                return None
        body = bytes(self.buf[:n])
        del self.buf[:n]
        return body

    def next(self):
        """``("message", value)`` (the decoded body), ``("bad", bytes)`` (a body that is not
        JSON), ``("deep", id or None)`` (a body nested deeper than :data:`MAX_DEPTH`) or None
        at the end of the input."""
        while True:
            length, seen, broken = None, False, False
            lengths = []
            while True:
                line = self._line()
                if line is None:
                    if seen:
                        self.log("input ended inside a message header")
                    return None
                if not line.strip():
                    if seen:
                        break
                    continue  # blank lines between frames
                line = self._resync(line)
                seen = True
                if b"\0" in line:
                    broken = True
                    continue
                m = HEADER.match(line)
                if m:
                    value = LENGTH.fullmatch(line[m.end():])
                    if value is None:
                        broken = True
                        self.log(f"dropped a message: bad Content-Length {line[m.end():].strip()[:40]!r}")
                    else:
                        length = int(value.group(1))
                        lengths.append(length)
            if not broken and len(set(lengths)) > 1:
                broken = True
                self.log("dropped a message: its header has different Content-Length values ("
                         + ", ".join(str(n) for n in lengths) + "); looking for the next message")
            if broken or length is None:
                if not broken:
                    self.log("dropped a message header without a Content-Length")
                continue
            if length > MAX_FRAME:
                self.log(f"refused a message of {length} bytes (the limit is {MAX_FRAME}); "
                         "looking for the next message")
                continue
            body = self._read(length)
            if body is None:
                self.log("input ended inside a message body")
                return None
            try:
                value = json.loads(body)
            except RecursionError:
                return ("deep", None)
            except ValueError:
                m = HEADER.search(body)
                if m:  # too long: the next frame started inside it
                    self.buf[:0] = body[m.start():]
                    body = body[:m.start()]
                return ("bad", body)
            if too_deep(value):
                return ("deep", request_id(value))
            return ("message", value)


def _send(protocol, payload: dict) -> None:
    body = json.dumps(payload)
    protocol.writer.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}".encode())


def run_stdio(server, stdin, stdout) -> None:
    """Serve ``server`` (a pygls LanguageServer) over ``stdin``/``stdout`` with
    :class:`FrameReader` in place of pygls' reader."""
    from pygls.io_ import StdoutWriter

    protocol = server.protocol
    protocol.set_writer(StdoutWriter(stdout))
    server._stop_event = stop = threading.Event()

    def log(message: str) -> None:
        print(f"msglint server: {message}", file=sys.stderr, flush=True)

    reader = FrameReader(stdin, log)

    async def main():
        loop = asyncio.get_running_loop()

        def quiet(loop, context):
            # at the end of input the pending jobs are cancelled: that is no error
            if isinstance(context.get("exception"), asyncio.CancelledError):
                return
            loop.default_exception_handler(context)

        loop.set_exception_handler(quiet)
        while not stop.is_set():
            got = await loop.run_in_executor(server.thread_pool, reader.next)
            if got is None:
                break
            kind, body = got
            if kind == "bad":
                log(f"a message body of {len(body)} bytes is not JSON: answered with a parse error")
                _send(protocol, {"jsonrpc": "2.0", "id": None,
                                 "error": {"code": -32700, "message": "Parse error: the body is not JSON"}})
                continue
            if kind == "deep":
                nests = f"the message nests more than {MAX_DEPTH} arrays and objects"
                log(f"refused a message: {nests}")
                if body is None:
                    error = {"code": -32700, "message": f"Parse error: {nests}"}
                else:
                    error = {"code": -32600, "message": f"Invalid request: {nests}"}
                _send(protocol, {"jsonrpc": "2.0", "id": body, "error": error})
                continue
            try:
                protocol.handle_message(protocol.structure_message(body))
            except Exception as exc:
                logger.exception("Unable to handle message")
                log(f"could not handle a message: {type(exc).__name__}: {exc}")

    try:
        asyncio.run(main())
    except BrokenPipeError:
        log("the connection to the client is lost")
    except (KeyboardInterrupt, SystemExit):
        raise
    finally:
        server.shutdown()
