"""Red team round four (issue 23, s32): findings 1-7 and 13-19, each reproduced with our
own inputs.  Language-server findings (8-12) are tested in the server's own tests."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli

REPO = Path(__file__).parents[1]
CORPUS = REPO / "corpus"

#: A sentence the bundled corpus approves with a different figure (mexico_mil_to_mil.txt:
#: the FMS budget was $1B), so a wrong figure here is a figure-mismatch.
WRONG = "The Foreign Military Sales budget last year was $1.5 billion."


def run(*args, cwd=None, input=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, input=input)
    finally:
        os.chdir(old)


def proc(*args, cwd=None, **kw):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, timeout=300, **kw)


@pytest.fixture()
def work(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "c")
    (tmp_path / "tp.md").write_text(f"# Points\n\n- {WRONG}\n", encoding="utf-8")
    return tmp_path


def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_error(res, name):
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("msglint: error")]
    assert len(lines) == 1, res.stderr
    assert name in lines[0] and "Traceback" not in res.stderr


# -- 1, 2, 19a: nothing msglint writes lands inside a corpus folder ------------------------------

@pytest.mark.parametrize("fmt,name", [("html", "review.md"), ("text", "report.md"),
                                      ("json", "r.yaml"), ("line", "notes.txt"), ("sarif", "x.sarif")])
def test_o_to_a_new_file_inside_the_corpus_folder_is_refused(work, fmt, name):
    before = _tree(work / "c")
    res = run("check", "-c", "c", "tp.md", "--no-cache", "-f", fmt, "-o", f"c/{name}", cwd=work)
    assert res.exit_code == 2, res.stderr
    _one_error(res, name)
    assert "corpus" in res.stderr
    assert _tree(work / "c") == before
    again = run("check", "-c", "c", "tp.md", "--no-cache", "-f", "line", cwd=work)
    assert again.exit_code == 1 and "figure-mismatch" in again.stdout


def test_o_below_a_corpus_subfolder_and_through_a_link_is_refused(work):
    (work / "c" / "sub").mkdir()
    os.symlink(work / "c", work / "lnk")
    before = _tree(work / "c")
    for target in ("c/sub/new.md", "lnk/new.txt", "./c/../c/x.yaml"):
        res = run("check", "-c", "c", "tp.md", "--no-cache", "-o", target, cwd=work)
        assert res.exit_code == 2, (target, res.stderr)
        _one_error(res, target.rsplit("/", 1)[1])
    res = run("coverage", "-c", "c", "tp.md", "--no-cache", "-o", "c/cov.txt", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "cov.txt")
    assert _tree(work / "c") == before


def test_o_outside_the_corpus_still_writes(work):
    res = run("check", "-c", "c", "tp.md", "--no-cache", "-f", "json", "-o", "out.json", cwd=work)
    assert res.exit_code == 1, res.stderr
    assert json.loads((work / "out.json").read_text())["files"]


def test_docx_o_onto_the_corpus_folder_is_refused(work):
    before = _tree(work / "c")
    for target in ("c", "c/", "c/rev.docx"):
        res = run("check", "-c", "c", "tp.md", "--no-cache", "-f", "docx", "-o", target, cwd=work)
        assert res.exit_code == 2, (target, res.stderr)
        assert "Traceback" not in res.stderr
        assert len([ln for ln in res.stderr.splitlines() if ln.startswith("msglint: error")]) == 1
    assert _tree(work / "c") == before


@pytest.mark.parametrize("cache,shown", [("c", "c"), ("c/cache", "c/cache"), ("./c/", "c")])
def test_cache_dir_inside_the_corpus_is_refused(work, cache, shown):
    before = _tree(work / "c")
    res = run("check", "-c", "c", "tp.md", "--cache-dir", cache, cwd=work)
    assert res.exit_code == 2, res.stderr
    _one_error(res, f"{shown}: ")
    assert _tree(work / "c") == before and not (work / "c" / "cache").exists()
    res = run("explain", "-c", "c", "tp.md", "--cache-dir", cache, cwd=work)
    assert res.exit_code == 2
    assert _tree(work / "c") == before


def test_cache_dir_outside_the_corpus_is_used(work):
    res = run("check", "-c", "c", "tp.md", "--cache-dir", "cache", cwd=work)
    assert res.exit_code == 1, res.stderr
    assert any((work / "cache").rglob("*.dat")) or any((work / "cache").rglob("*.bin"))
