"""Smoke run of benchmarks/bench.py: it generates a corpus, times every command and prints
the ratio table (the figures themselves are not asserted: this is not a performance test)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_prints_ratios():
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--docs", "20",
                          "--runs", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    out = res.stdout
    for label in ("warm/floor", "warm@20/warm@10", "cold/bare-pipe", "edited/warm", "peak MB warm@20"):
        lines = [ln for ln in out.splitlines() if ln.startswith(label)]
        assert lines, (label, out)
        assert lines[0].split()[-1] in ("PASS", "MISS"), lines[0]
    for name in ("floor", "warm@20", "warm@10", "cold", "bare-pipe", "edited"):
        assert any(ln.split()[:1] == [name] for ln in out.splitlines()), (name, out)
