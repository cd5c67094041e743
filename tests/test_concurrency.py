"""Two `msglint check` processes sharing one cache, and caches that cannot be used.

* Two processes started together on the same fresh ``--cache-dir``: both succeed with
  identical output, and the cache they leave behind is valid (a third run hits it and
  prints the same report).
* A read-only cache dir and a cache path that is a regular file: the check still succeeds
  with identical output and a single info notice on stderr.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
CORPUS = REPO / "corpus"
DRAFT = REPO / "examples" / "draft.md"
MSGLINT = str(Path(sys.executable).parent / "msglint")


def args(cache) -> list[str]:
    return [MSGLINT, "check", "-c", str(CORPUS), "--format", "json", "--cache-dir", str(cache), str(DRAFT)]


def run(cache, **kw):
    return subprocess.run(args(cache), capture_output=True, text=True, timeout=180, cwd=REPO, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    p = subprocess.run([MSGLINT, "check", "-c", str(CORPUS), "--format", "json", "--no-cache", str(DRAFT)],
                       capture_output=True, text=True, timeout=180, cwd=REPO)
    assert p.returncode in (0, 1), p.stderr
    assert p.stdout.strip()
    return p


def tmp_files(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.name.startswith(".tmp-")]


def test_two_processes_share_a_fresh_cache(tmp_path, reference):
    cache = tmp_path / "cache"
    procs = [subprocess.Popen(args(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for _ in range(2)]
    results = [(p, *p.communicate(timeout=180)) for p in procs]
    for p, out, err in results:
        assert "Traceback" not in err, err
        assert p.returncode in (0, 1), err
        assert p.returncode == reference.returncode
        assert out == reference.stdout
    assert results[0][1] == results[1][1]
    assert cache.is_dir()
    entries = list(cache.rglob("*.dat"))
    assert entries, "the cache was not written"
    assert not tmp_files(cache)
    third = run(cache)
    assert third.returncode == reference.returncode, third.stderr
    assert third.stdout == reference.stdout
    assert "info" not in third.stderr, third.stderr  # no "unreadable entry, rebuilding" notice
    assert sorted(cache.rglob("*.dat")) == sorted(entries)  # hit, nothing rebuilt


def test_many_processes_on_a_fresh_cache(tmp_path, reference):
    cache = tmp_path / "cache"
    procs = [subprocess.Popen(args(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for _ in range(4)]
    outs = [p.communicate(timeout=180) + (p.returncode,) for p in procs]
    assert {o for o, _, _ in outs} == {reference.stdout}, [e for _, e, _ in outs]
    assert {rc for _, _, rc in outs} == {reference.returncode}
    assert not tmp_files(cache)
    assert run(cache).stdout == reference.stdout


def info_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 555 does not stop root writing")
def test_read_only_cache_dir(tmp_path, reference):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        p = run(cache)
    finally:
        cache.chmod(0o755)
    assert "Traceback" not in p.stderr
    assert p.returncode == reference.returncode, p.stderr
    assert p.stdout == reference.stdout
    lines = info_lines(p.stderr)
    assert len(lines) == 1 and lines[0].startswith("msglint: info: "), p.stderr
    assert str(cache) in lines[0]



def test_cache_dir_is_a_regular_file(tmp_path, reference):
    cache = tmp_path / "cache"
    cache.write_text("not a folder\n")
    p = run(cache)
    assert "Traceback" not in p.stderr
    assert p.returncode == reference.returncode, p.stderr
    assert p.stdout == reference.stdout
    lines = info_lines(p.stderr)
    assert len(lines) == 1 and lines[0].startswith("msglint: info: "), p.stderr
    assert str(cache) in lines[0]
    assert cache.read_text() == "not a folder\n"  # left alone


def test_cache_parent_is_a_regular_file(tmp_path, reference):
    parent = tmp_path / "file"
    parent.write_text("x")
    p = run(parent / "cache")
    assert "Traceback" not in p.stderr
    assert p.returncode == reference.returncode, p.stderr
    assert p.stdout == reference.stdout
    assert len(info_lines(p.stderr)) == 1, p.stderr


def test_corrupt_cache_entries_are_rebuilt(tmp_path, reference):
    cache = tmp_path / "cache"
    assert run(cache).stdout == reference.stdout
    # the snapshot is the entry every warm run reads (document analyses are read only when
    # a draft sentence needs them; tests/test_cache_cmd.py covers a corrupt analysis entry)
    entries = sorted((cache / "snapshots").rglob("*.dat"))
    assert entries
    entries[0].write_bytes(b"garbage")
    p = run(cache)
    assert p.returncode == reference.returncode, p.stderr
    assert p.stdout == reference.stdout
    lines = info_lines(p.stderr)
    assert len(lines) == 1 and "rebuilding" in lines[0], p.stderr
    assert run(cache).stderr.strip() == ""  # rebuilt entry is valid again
