"""Drafts too large for the machine (issue 23): a draft that does not fit in memory is one
error line naming it, exit 2, and the other drafts are still checked; normalising text
full of note markers takes time in proportion to its length."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter import Linter, textnorm
from linter.drafts import parse
from linter.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = "ferry.txt"
GOOD = ("FERRY TERMINAL\nBackground: Repairs began in May. PA posture is active.\n"
        "Q: What did the repairs cost?\nA: The repairs cost $2.4 million.\n")


def _limit_memory():  # the child may not use more than 3 GB of address space
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS") or sys.platform == "darwin",
                    reason="needs an address-space limit")
def test_draft_too_large_for_memory_is_one_line_and_the_rest_is_checked(tmp_path):
    (tmp_path / CORPUS).write_text(GOOD)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    with open(drafts / "a-huge.md", "w") as fh:  # 50 MB of prose, first in the folder
        line = "The ferry repairs cost $2.4 million in May. " * 1000
        for _ in range(1100):
            fh.write(line)
    (drafts / "b-small.md").write_text("The repairs cost $4.2 million.\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", "--max-bytes", "100000000",
                          "--corpus", str(tmp_path / CORPUS), str(drafts)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600,
                         preexec_fn=_limit_memory)
    assert run.returncode == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, run.stderr[-2000:]
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("msglint: error:")]
    assert len(errors) == 1 and "a-huge.md" in errors[0] and "memory" in errors[0], run.stderr
    assert "b-small.md:1:" in run.stdout and "figure-mismatch" in run.stdout, run.stdout


def test_memory_error_while_checking_a_draft_goes_to_failed(tmp_path, monkeypatch):
    (tmp_path / CORPUS).write_text(GOOD)
    lint = Linter.open([str(tmp_path / CORPUS)], cache=False)
    big, small = parse("big.md", "The repairs cost $9.9 million.\n"), parse("small.md", "The repairs cost $4.2 million.\n")
    real = lint._engine.check_draft

    def check_draft(draft, *args, **kw):
        if draft is big:
            raise MemoryError
        return real(draft, *args, **kw)

    monkeypatch.setattr(lint._engine, "check_draft", check_draft)
    failed = []
    done = list(lint.check_many([big, small], failed=lambda d, e: failed.append((d.path, str(e)))))
    assert [c.draft.path for c in done] == ["small.md"] and done[0].findings
    assert len(failed) == 1 and failed[0][0] == "big.md" and "memory" in failed[0][1]
    with pytest.raises(InputError, match="big.md: there is not enough memory"):
        list(lint.check_many([big, small]))


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        textnorm.normalise_mapped(textnorm.identity(text))
        best = min(best, time.perf_counter() - t)
    return best


def test_normalising_note_markers_is_linear():
    # every "¹" after a word is a note marker: each superscript run was tested against
    # every marker, so 16 times the text took about 256 times as long
    small, large = "x\u00b9" * 2500, "x\u00b9" * 40000
    ratio = _seconds(large) / max(_seconds(small), 1e-6)
    assert ratio < 60, f"16x the text took {ratio:.0f}x as long"
    assert textnorm.normalise_mapped(textnorm.identity("budget\u00b9 of \u00b9\u2075 ships")).text == "budget of 15 ships"
