#!/usr/bin/env python
"""Benchmark of ``msglint server``: an LSP client times the real server process.

Uses the synthetic corpus and ~2,000-word draft of ``bench.py`` (its generators, under
benchmarks/_work/server/), builds the corpus cache once with ``msglint check``, then:

  ready    spawn ``msglint server``, initialize, until it logs that the corpus is open
           (spaCy loaded, snapshot opened, pipeline warmed up)
  open     textDocument/didOpen of the draft -> its first publishDiagnostics
  edit     one paragraph changed (an incremental didChange replacing that paragraph, with a
           figure no earlier edit used) -> publishDiagnostics for that version; the
           paragraphs edited take turns; a pause after each so every edit is measured alone

Targets (issue 14): edit p50 <= 60 ms, p95 <= 150 ms over >= 20 edits against 1,000
documents; first diagnostics after open <= 0.6 s once the server has started.

Usage:
  python benchmarks/server_bench.py                # 1000 documents, 30 edits
  python benchmarks/server_bench.py --docs 20 --edits 5   # smoke
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402  (the corpus and draft generators)


TARGETS = {"open": 0.6, "p50": 0.060, "p95": 0.150}
TIMEOUT = 600  # seconds for any one wait (a cold corpus of 1,000 documents takes ~1 min)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1), linear between the closest ranks."""
    s = sorted(values)
    if len(s) == 1:
        return s[0]
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(first line, last line) of each paragraph of more than one sentence."""
    out, lines, start = [], text.split("\n"), None
    for i, ln in enumerate(lines + [""]):
        if ln.strip() and start is None:
            start = i
        elif not ln.strip() and start is not None:
            para = " ".join(lines[start:i])
            if para.count(". ") >= 2:
                out.append((start, i - 1))
            start = None
    return out


def edited(line: str, n: int) -> str:
    """The paragraph with one sentence changed: a figure no other edit used."""
    cut = line.find(". ")
    cut = cut if cut > 0 else len(line) - 1
    return line[:cut] + f", as {1000 + n} partners noted" + line[cut:]


class Wire:
    """A minimal LSP client: JSON-RPC over the server's stdin and stdout, Content-Length
    framing, plain ``json``.  A message is timed when its last byte arrives, so the client's
    own decoding (an editor's business) is not counted."""

    def __init__(self, proc):
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.waiting: dict[int, asyncio.Future] = {}  # document version -> arrival time
        self.logged: list[str] = []
        self.errors: list[str] = []
        self.ready = asyncio.Event()
        self.task = asyncio.ensure_future(self._read())

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params) -> object:
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        self.send({"id": self.next_id, "method": method, "params": params})
        return await asyncio.wait_for(fut, TIMEOUT)

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def expect(self, version: int) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        self.waiting[version] = fut
        return fut

    async def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = await out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = await out.readexactly(length)
            arrived = time.perf_counter()
            msg = json.loads(body)
            method = msg.get("method")
            if method is None:
                fut = self.pending.pop(msg.get("id"), None)
                if fut is not None and not fut.done():
                    fut.set_result(msg.get("result"))
            elif "id" in msg:  # a request from the server (registerCapability): accept it
                self.send({"id": msg["id"], "result": None})
            elif method == "textDocument/publishDiagnostics":
                fut = self.waiting.get(msg["params"].get("version"))
                if fut is not None and not fut.done():
                    fut.set_result(arrived)
            elif method == "window/logMessage":
                self.logged.append(msg["params"]["message"])
                if "ready" in msg["params"]["message"]:
                    self.ready.set()
            elif method == "window/showMessage" and msg["params"]["type"] == 1:
                self.errors.append(msg["params"]["message"])
                self.ready.set()


async def session(data: dict, cache: Path, edits: int, pause: float, errors: Path) -> dict:
    cmd = bench.msglint_cmd()
    root = data["root"]
    (root / ".msglint.yaml").write_text("corpus: corpus\n", encoding="utf-8")
    t0 = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        *cmd, "server", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "MSGLINT_CACHE_DIR": str(cache)}, cwd=str(root), limit=1 << 24,
        stderr=errors.open("wb"))
    c = Wire(proc)
    try:
        folder = root.as_uri()
        await c.request("initialize", {"processId": os.getpid(), "rootUri": folder, "capabilities": {},
                                       "workspaceFolders": [{"uri": folder, "name": "bench"}]})
        c.notify("initialized", {})
        await asyncio.wait_for(c.ready.wait(), TIMEOUT)
        ready = time.perf_counter() - t0
        if c.errors:
            raise SystemExit(f"server_bench: the server reported: {c.errors[0]}")
        text = data["draft"].read_text(encoding="utf-8")
        uri = data["draft"].as_uri()
        done = c.expect(1)
        t = time.perf_counter()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                           "text": text}})
        opened = await asyncio.wait_for(done, TIMEOUT) - t
        lines = text.split("\n")
        paras = paragraphs(text)
        latencies = []
        for n in range(edits):
            await asyncio.sleep(pause)
            first, _ = paras[n % len(paras)]
            new = edited(lines[first], n)
            width = len(lines[first].encode("utf-16-le")) // 2
            lines[first] = new
            version = n + 2
            done = c.expect(version)
            t = time.perf_counter()
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": first, "character": 0},
                                              "end": {"line": first, "character": width}}, "text": new}]})
            latencies.append(await asyncio.wait_for(done, TIMEOUT) - t)
        await asyncio.sleep(0.2)  # the last lint's log line follows its diagnostics
        checked = [m for m in c.logged if "checked" in m]
        peak = _peak_mb(proc.pid)
        await c.request("shutdown", None)
        c.notify("exit", None)
        await asyncio.wait_for(proc.wait(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    return {"ready": ready, "open": opened, "edits": latencies, "peak": peak,
            "first": checked[0] if checked else "", "last": checked[-1] if checked else ""}


def _peak_mb(pid: int):
    """The server's peak resident memory (Linux), or None."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def build_cache(data: dict, cache: Path) -> float:
    """One ``msglint check`` so the server opens a warm snapshot (as after any earlier run)."""
    t = time.perf_counter()
    res = subprocess.run(bench.check_cmd(data["corpus"], cache, data["draft"]), capture_output=True,
                         cwd=bench.REPO)
    if res.returncode not in (0, 1):
        raise SystemExit(f"server_bench: msglint check failed ({res.returncode}):\n"
                         + res.stderr.decode(errors="replace")[-2000:])
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Examples:\n  python benchmarks/server_bench.py\n"
                                        "  python benchmarks/server_bench.py --docs 20 --edits 5")
    ap.add_argument("--docs", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--edits", type=int, default=30, help="paragraph edits timed (default 30; >= 20 for the target)")
    ap.add_argument("--pause", type=float, default=0.3, help="seconds between edits (default 0.3)")
    args = ap.parse_args(argv)
    if args.docs < 1 or args.edits < 1:
        ap.error("--docs and --edits must be at least 1")
    bench.WORK = bench.WORK / "server"  # not the folders bench.py itself rewrites
    data = bench.generate(args.docs)
    cache = bench.WORK / f"cache{args.docs}"  # outside the folder generate() rewrites: stays warm
    print(f"corpus: {args.docs} documents; draft: {data['words']} words; cache built in "
          f"{build_cache(data, cache):.1f} s")
    load = os.getloadavg()[0]
    got = asyncio.run(session(data, cache, args.edits, args.pause, bench.WORK / "server.err"))
    load = max(load, os.getloadavg()[0])
    p50, p95 = statistics.median(got["edits"]), percentile(got["edits"], 0.95)
    print(f"load average (1 min, highest seen): {load:.1f} on {os.cpu_count()} cores")
    print(f"server ready after start: {got['ready']:.2f} s (spaCy, corpus snapshot, warm-up)")
    if got["peak"] is not None:
        print(f"server peak memory: {got['peak']:.0f} MB")
    print(f"server's log, open: {got['first']}")
    print(f"server's log, last edit: {got['last']}")
    print()
    print(f"{'measure':<36} {'target':>10} {'measured':>10}  result")
    rows = [("first diagnostics after open", TARGETS["open"], got["open"], "s"),
            (f"edit -> diagnostics p50 ({len(got['edits'])} edits)", TARGETS["p50"], p50, "ms"),
            (f"edit -> diagnostics p95 ({len(got['edits'])} edits)", TARGETS["p95"], p95, "ms")]
    for label, target, value, unit in rows:
        k = 1000 if unit == "ms" else 1
        fmt = "{:.0f} ms" if unit == "ms" else "{:.2f} s"
        verdict = "PASS" if value <= target else "MISS"
        print(f"{label:<36} {'<= ' + fmt.format(target * k):>10} {fmt.format(value * k):>10}  {verdict}")
    if args.docs != 1000 or len(got["edits"]) < 20:
        print("(targets are set for 1,000 documents and at least 20 edits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
