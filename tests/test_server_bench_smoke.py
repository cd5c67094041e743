"""Smoke run of benchmarks/server_bench.py at a tiny size: it drives the real server over
LSP and prints each target beside its measured value (the values are not asserted: this
is not a performance test)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_server_bench_prints_targets_and_measurements():
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "server_bench.py"), "--docs", "10",
                          "--edits", "3", "--pause", "0.05"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    rows = {}
    for line in res.stdout.splitlines():
        m = re.match(r"(first diagnostics after open|edit -> diagnostics p50|edit -> diagnostics p95).*?"
                     r"<= ([\d.]+ m?s)\s+([\d.]+ m?s)\s+(PASS|MISS)$", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    assert set(rows) == {"first diagnostics after open", "edit -> diagnostics p50",
                         "edit -> diagnostics p95"}, res.stdout
    assert rows["first diagnostics after open"][0] == "0.60 s"
    assert rows["edit -> diagnostics p50"][0] == "60 ms" and rows["edit -> diagnostics p95"][0] == "150 ms"
    assert re.search(r"checked draft\.md \(version 4\): \d+ sentence\(s\), 1 parsed", res.stdout), res.stdout
