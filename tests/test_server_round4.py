"""`msglint server` against the fourth red-team round (issue 23, findings 8-12): deeply
nested JSON, requests that are not valid JSON-RPC, a batch, the lifecycle edges (a request
before ``initialize``, a second ``shutdown``) and duplicate ``Content-Length`` headers.
The real server process, fed bytes written here, as in test_server_hostile.py."""
from __future__ import annotations

import json
import time

from pygls.uris import from_fs_path

from test_server import WRONG, workspace  # noqa: F401  (a fixture)
from test_server_hostile import WAIT, Wire, diagnostics_for, frame, hover, wire  # noqa: F401  (a fixture)


HOVER_OK = {"textDocument": {"uri": "file:///tmp/x.md"}, "position": {"line": 0, "character": 0}}


def raw(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def error_of(w: Wire, id_):
    got = w.reply(id_)
    assert "error" in got, got
    return got["error"]


def null_errors(w: Wire, code):
    return [m for m in w.seen if "method" not in m and m.get("id", 0) is None
            and m.get("error", {}).get("code") == code]


def wait_null_errors(w: Wire, code, n, what):
    w.until(lambda m: len(null_errors(w, code)) >= n, what)
    return null_errors(w, code)


def open_and_expect_diagnostics(w: Wire, root, name):
    uri = from_fs_path(str(root / name))
    w.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                       "text": WRONG + "\n"}})
    diags = diagnostics_for(w, uri, f"the diagnostics of {name}")
    assert [d["code"] for d in diags if d["code"] != "not-judged"] == ["figure-mismatch"]


def shut_down_cleanly(w: Wire):
    w.request(999, "shutdown")
    assert "result" in w.reply(999)
    w.notify("exit")
    assert w.proc.wait(WAIT) == 0
    time.sleep(0.3)  # let the stderr reader finish
    err = w.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "RecursionError" not in err, err[-3000:]
    return err


def nested(depth: int, leaf="0") -> str:
    return "[" * depth + leaf + "]" * depth


# -- finding 8: deep nesting ----------------------------------------------------------------------
def test_a_deeply_nested_body_is_refused_and_the_server_reads_on(wire, workspace):  # noqa: F811
    wire.initialize()
    # far deeper than Python's recursion limit: the decoder itself gives up
    wire.send(raw(b"[" * 100000 + b"]" * 100000))
    errors = wait_null_errors(wire, -32700, 1, "a parse error for the 100,000-deep body")
    assert "nest" in errors[0]["error"]["message"]
    assert wire.proc.poll() is None
    # deeper than the bound but decodable: refused too, and answered under its own id
    body = '{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": ' \
           '{"uri": "file:///tmp/x.md"}, "position": {"line": 0, "character": 0}, "extra": %s}}' % nested(500)
    wire.send(raw(body.encode()))
    err = error_of(wire, 3)
    assert err["code"] == -32600 and "nest" in err["message"]
    # a nested object as a whole message (no id to answer under): one parse error, id null
    wire.send(raw(('{"a": ' * 3000 + "1" + "}" * 3000).encode()))
    wait_null_errors(wire, -32700, 2, "a parse error for the deep object")
    # moderate nesting inside a valid request is fine
    body = '{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": ' \
           '{"uri": "file:///tmp/x.md"}, "position": {"line": 0, "character": 0}, "extra": %s}}' % nested(30)
    wire.send(raw(body.encode()))
    assert "result" in wire.reply(4)
    assert "result" in hover(wire, 5)
    open_and_expect_diagnostics(wire, workspace, "after-deep.md")
    shut_down_cleanly(wire)


# -- finding 12: duplicate Content-Length ---------------------------------------------------------
def test_duplicate_content_length_headers_do_not_lose_the_next_message(wire, workspace):  # noqa: F811
    wire.initialize()
    # two different lengths: the frame is ambiguous, so it is dropped unread, and the next
    # frame (right after its body) is found and read
    wire.send(b"Content-Length: 2\r\nContent-Length: 9\r\n\r\n{}")
    open_and_expect_diagnostics(wire, workspace, "after-duplicate.md")
    # the long length first: the same
    wire.send(b"Content-Length: 9\r\nContent-Length: 2\r\n\r\n{}")
    assert "result" in hover(wire, 6)
    # the same length twice is no conflict: the message is read
    body = json.dumps({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": HOVER_OK}).encode()
    wire.send(b"Content-Length: %d\r\ncontent-length: %d\r\n\r\n" % (len(body), len(body)) + body)
    assert "result" in wire.reply(5)
    err = shut_down_cleanly(wire)
    assert err.count("different Content-Length") == 2, err
