"""`msglint server` fed hostile bytes over stdio: malformed frames, a huge Content-Length,
a broken lifecycle, lone surrogates.  The real server process, spoken to with byte streams
written here (not by an LSP library, which would only send well-formed frames)."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time

import pytest
from pygls.uris import from_fs_path

from test_server import WRONG, msglint_exe, workspace  # noqa: F401  (a fixture)

WAIT = 60


def frame(obj) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Wire:
    """The server process and the messages it wrote, parsed by a reader thread."""

    def __init__(self, root, cache):
        env = {**os.environ, "MSGLINT_CACHE_DIR": str(cache)}
        self.proc = subprocess.Popen(msglint_exe() + ["server"], cwd=str(root), env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.root = root
        self.got: queue.Queue = queue.Queue()
        self.seen: list = []
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()

    def _err(self):
        self.stderr = self.proc.stderr.read()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.strip() == b"":
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.got.put(json.loads(out.read(length)))

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, id_, method, params=None) -> None:
        self.send(frame({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}))

    def notify(self, method, params=None) -> None:
        self.send(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def until(self, test, what, timeout=WAIT):
        end = time.monotonic() + timeout
        while True:
            for m in self.seen:
                if test(m):
                    return m
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}; rc={self.proc.poll()}; "
                                     f"stderr: {self.stderr[-2000:]!r}")
            try:
                self.seen.append(self.got.get(timeout=min(left, 0.5)))
            except queue.Empty:
                if self.proc.poll() is not None and self.got.empty():
                    raise AssertionError(f"the server exited ({self.proc.returncode}) waiting for {what}; "
                                         f"stderr: {self.stderr[-2000:]!r}")

    def reply(self, id_):
        return self.until(lambda m: m.get("id") == id_ and "method" not in m, f"the reply to {id_}")

    def initialize(self):
        uri = from_fs_path(str(self.root))
        self.request(0, "initialize", {"processId": None, "rootUri": uri, "capabilities": {},
                                       "workspaceFolders": [{"uri": uri, "name": "ws"}]})
        assert "result" in self.reply(0)
        self.notify("initialized", {})

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


@pytest.fixture()
def wire(workspace, tmp_path):  # noqa: F811
    w = Wire(workspace, tmp_path / "cache")
    yield w
    w.close()


def hover(w: Wire, id_, uri="file:///tmp/x.md"):
    w.request(id_, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    return w.reply(id_)


BODY = b'{"jsonrpc": "2.0", "method": "$/nothing"}'
MALFORMED = {
    "zero": b"Content-Length: 0\r\n\r\n",
    "too short": b"Content-Length: 5\r\n\r\n" + BODY,
    "too long": b"Content-Length: %d\r\n\r\n" % (len(BODY) + 30) + BODY,
    "negative": b"Content-Length: -5\r\n\r\n" + BODY,
    "non-numeric": b"Content-Length: lots\r\n\r\n" + BODY,
    "fractional": b"Content-Length: 4.5\r\n\r\n" + BODY,
    "missing": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + BODY,
    "NUL in header": b"Content-Length: 4\0\r\n\r\n" + BODY,
}


def test_after_each_malformed_frame_the_next_request_is_answered(wire):
    wire.initialize()
    for n, (name, data) in enumerate(MALFORMED.items(), start=1):
        wire.send(data)
        got = hover(wire, n)
        assert "result" in got, (name, got)
    # the bodies that were read but were not JSON got a parse error each
    errors = [m for m in wire.seen if m.get("error", {}).get("code") == -32700]
    assert len(errors) >= 3 and all(m["id"] is None for m in errors)


def test_lowercase_header_and_lf_line_ends_are_read(wire):
    wire.initialize()
    body = json.dumps({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///tmp/x.md"}, "position": {"line": 0, "character": 0}}}).encode()
    wire.send(b"content-length: %d\n\n" % len(body) + body)
    assert "result" in wire.reply(7)


def test_a_huge_content_length_is_refused_and_the_server_resynchronises(wire):
    wire.initialize()
    wire.send(b"Content-Length: 99999999999999\r\n\r\n" + BODY)
    assert "result" in hover(wire, 1)
    assert wire.proc.poll() is None
    wire.request(2, "shutdown")
    wire.reply(2)
    wire.notify("exit")
    assert wire.proc.wait(WAIT) == 0
    err = wire.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "MemoryError" not in err
    assert err.count("refused a message of 99999999999999 bytes") == 1


def test_lifecycle_second_initialize_second_shutdown_and_requests_after_shutdown(wire, workspace):  # noqa: F811
    wire.initialize()
    uri = from_fs_path(str(workspace / "speech.md"))
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                          "text": WRONG + "\n"}})
    wire.until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["diagnostics"],
               "diagnostics")
    wire.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert wire.reply(1)["error"]["code"] == -32600
    # the open document is kept: a change to it is still linted
    wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"text": WRONG + "\n\n"}]})
    wire.until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == 2
               and m["params"]["diagnostics"], "diagnostics of version 2")
    wire.request(2, "shutdown")
    assert "error" not in wire.reply(2)
    wire.request(3, "shutdown")
    assert "error" not in wire.reply(3)
    wire.request(4, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    assert wire.reply(4)["error"]["code"] == -32600
    wire.notify("exit")
    assert wire.proc.wait(WAIT) == 0


def test_a_body_cut_short_by_the_end_of_input_ends_the_server_cleanly(wire):
    wire.initialize()
    wire.send(b"Content-Length: 500\r\n\r\n" + BODY[:10])
    wire.proc.stdin.close()
    wire.proc.wait(WAIT)
    time.sleep(0.5)
    err = wire.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "input ended inside a message body" in err


def test_exit_without_shutdown_exits_1(wire):
    wire.initialize()
    wire.notify("exit")
    assert wire.proc.wait(WAIT) == 1


def diagnostics_for(w: Wire, uri, what, version=None, timeout=WAIT):
    def test(m):
        if m.get("method") == "window/showMessage" and "cannot check" in m["params"]["message"]:
            raise AssertionError(m["params"]["message"])  # fail now, not after the timeout
        return (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                and m["params"]["diagnostics"] and (version is None or m["params"].get("version") == version))
    return w.until(test, what, timeout)["params"]["diagnostics"]


def test_a_lone_surrogate_in_the_buffer_is_read_as_a_replacement_character(wire, workspace):  # noqa: F811
    wire.initialize()
    uri = from_fs_path(str(workspace / "speech.md"))
    # the JSON escape \ud800 (json.dumps writes it as is): a UTF-16 half with no partner
    text = "Draft \ud800 note.\n\n" + WRONG + "\n"
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                          "text": text}})
    diags = diagnostics_for(wire, uri, "diagnostics of a buffer with a lone surrogate")
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]
    assert diags[0]["range"]["start"] == {"line": 2, "character": WRONG.index("$24")}
    # a change that brings one in mid-line: the figure after it keeps its UTF-16 column
    line = "\udfff " + WRONG
    wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"text": line + "\n"}]})
    diags = diagnostics_for(wire, uri, "diagnostics of version 2", version=2)
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]
    assert diags[0]["range"]["start"] == {"line": 0, "character": line.index("$24")}
    wire.request(1, "shutdown")
    wire.reply(1)
    wire.notify("exit")
    assert wire.proc.wait(WAIT) == 0
    time.sleep(0.3)
    err = wire.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    logged = [m["params"]["message"] for m in wire.seen if m.get("method") in ("window/logMessage",
                                                                               "window/showMessage")]
    assert not any("cannot check" in m or "Traceback" in m for m in logged), logged


@pytest.mark.parametrize("uri", ["file:///tmp/my%20draft.md", "file:///tmp/caf%C3%A9.md"])
def test_a_percent_encoded_uri_gets_diagnostics_and_hover_under_the_uri_sent(wire, uri):
    wire.initialize()
    text = "# Update\n\n" + WRONG + "\n"
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                          "text": text}})
    diags = diagnostics_for(wire, uri, f"diagnostics for {uri}")
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]
    start = diags[0]["range"]["start"]
    assert start == {"line": 2, "character": WRONG.index("$24")}
    wire.request(1, "textDocument/hover", {"textDocument": {"uri": uri}, "position": start})
    got = wire.reply(1)["result"]
    assert got and "$42 million" in got["contents"]["value"], got
    # a change is linted too, and its diagnostics go to the same URI, never to the decoded one
    wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"text": "\n" + WRONG + "\n"}]})
    diags = diagnostics_for(wire, uri, "diagnostics of version 2", version=2)
    assert diags[0]["range"]["start"]["line"] == 1
    published = {m["params"]["uri"] for m in wire.seen if m.get("method") == "textDocument/publishDiagnostics"}
    assert published == {uri}


def test_a_document_over_the_size_limit_is_not_checked_and_does_not_hold_up_the_next(wire, workspace):  # noqa: F811
    from linter.server import protocol

    MAX_DOCUMENT_CHARS = getattr(protocol, "MAX_DOCUMENT_CHARS", 1_000_000)  # the documented limit
    wire.initialize()
    wire.until(lambda m: m.get("method") == "window/logMessage" and "ready (started)" in m["params"]["message"],
               "the server to be ready")
    big_uri = from_fs_path(str(workspace / "big.md"))
    # distinct sentences, so none is answered from the sentence cache: linted, it takes minutes
    parts, size, i = [WRONG + "\n\n"], 0, 0
    while size <= 2_000_000:
        parts.append(f"Note {i}: the ferry to pier {i * 7 % 1000} runs every {i % 50 + 2} minutes.\n\n")
        size += len(parts[-1])
        i += 1
    big = "".join(parts)
    assert len(big) > 2_000_000 > MAX_DOCUMENT_CHARS
    small_uri = from_fs_path(str(workspace / "small.md"))
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": big_uri, "languageId": "markdown", "version": 1,
                                                          "text": big}})
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": small_uri, "languageId": "markdown",
                                                          "version": 1, "text": WRONG + "\n"}})
    t0 = time.monotonic()
    diags = diagnostics_for(wire, small_uri, "the small draft's diagnostics", timeout=15)
    assert time.monotonic() - t0 < 15
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]
    notice = diagnostics_for(wire, big_uri, "the big draft's notice", timeout=5)
    assert len(notice) == 1
    n = notice[0]
    assert n["severity"] in (2, 3) and n["range"]["start"] == {"line": 0, "character": 0}
    assert "did not check" in n["message"] and f"{MAX_DOCUMENT_CHARS:,}" in n["message"]
    assert f"{len(big):,}" in n["message"]
    # cut under the limit, it is checked as any draft
    wire.notify("textDocument/didChange", {"textDocument": {"uri": big_uri, "version": 2}, "contentChanges": [
        {"text": WRONG + "\n"}]})
    diags = diagnostics_for(wire, big_uri, "the cut draft's diagnostics", version=2, timeout=15)
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]
