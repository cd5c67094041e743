"""Smoke run of benchmarks/bench.py: it generates a corpus, times every command and prints
the ratio table.  Absolute figures are not asserted (the machine is shared), but what must
hold on any machine is: a warm check, served from the snapshot, is faster than a cold one
that analyses the corpus, and an edit re-analyses less than a cold build."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_prints_ratios_and_the_cache_pays():
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--docs", "20",
                          "--runs", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    out = res.stdout
    for label in ("warm/floor", "warm@20/warm@10", "cold/bare-pipe", "edited/warm", "peak MB warm@20"):
        lines = [ln for ln in out.splitlines() if ln.startswith(label)]
        assert lines, (label, out)
        assert lines[0].split()[-1] in ("PASS", "MISS"), lines[0]
    seconds = {}
    for name in ("floor", "warm@20", "warm@10", "cold", "bare-pipe", "edited"):
        rows = [ln.split() for ln in out.splitlines() if ln.split()[:1] == [name]]
        assert rows, (name, out)
        seconds[name] = float(rows[-1][1])  # the summary table: name, median s, peak MB
        assert seconds[name] > 0, (name, out)
    assert seconds["warm@20"] < seconds["cold"], out
    assert seconds["edited"] < seconds["cold"], out
