"""Hostile output targets and names (issue 23): ``-o`` never replaces an input, never turns a
device or FIFO into a regular file, a full disk or a closed pipe is one line (or silence),
and file names that are not UTF-8 or hold control characters break no format."""
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
DRAFT = REPO / "examples" / "draft.md"


def run(*args, cwd=None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        res = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return res


def proc(*args, cwd=None, **kw):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, timeout=300, **kw)


@pytest.fixture()
def work(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "c")
    (tmp_path / "d").mkdir()
    shutil.copy(DRAFT, tmp_path / "d" / "draft.md")
    return tmp_path


def _one_error(res, name):
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("msglint: error")]
    assert len(lines) == 1, res.stderr
    assert name in lines[0] and "Traceback" not in res.stderr


# -- 1: -o never replaces what the user wrote ---------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "github", "line"])
def test_o_onto_a_corpus_file_is_refused(work, fmt):
    target = work / "c" / "mexico_mil_to_mil.txt"
    before = target.read_bytes()
    res = run("check", "-c", "c", "d/draft.md", "-f", fmt, "-o", "./c/mexico_mil_to_mil.txt", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "mexico_mil_to_mil.txt")
    assert target.read_bytes() == before


def test_o_onto_a_hard_link_or_symlink_of_a_corpus_file_is_refused(work):
    os.link(work / "c" / "mexico_mil_to_mil.txt", work / "hard.txt")
    os.symlink(work / "c" / "mexico_mil_to_mil.txt", work / "soft.txt")
    before = (work / "c" / "mexico_mil_to_mil.txt").read_bytes()
    for name in ("hard.txt", "soft.txt"):
        res = run("check", "-c", "c", "d/draft.md", "-f", "json", "-o", name, cwd=work)
        assert res.exit_code == 2, res.stderr
        _one_error(res, name)
    res = run("coverage", "-c", "c", "d/draft.md", "-o", "hard.txt", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "hard.txt")
    assert (work / "c" / "mexico_mil_to_mil.txt").read_bytes() == before
    assert (work / "soft.txt").is_symlink()


def test_o_onto_the_corpus_folder_is_refused(work):
    res = run("check", "-c", "c", "d/draft.md", "-o", "c/.", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "c")
    assert "part of the corpus" in res.stderr
    assert (work / "c").is_dir()


def test_o_onto_the_config_file_is_refused(work):
    cfg = work / ".msglint.yaml"
    cfg.write_text("corpus: [c]\n")
    for cmd in (["check", "-f", "json"], ["coverage"]):
        res = run(*cmd, "d/draft.md", "-o", ".msglint.yaml", cwd=work)
        assert res.exit_code == 2, res.stderr
        _one_error(res, ".msglint.yaml")
    other = work / "conf.yaml"
    other.write_text("corpus: [c]\n")
    res = run("check", "--config", "conf.yaml", "d/draft.md", "-o", "./conf.yaml", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "conf.yaml")
    assert cfg.read_text() == other.read_text() == "corpus: [c]\n"


def test_docx_o_onto_a_corpus_file_is_refused(work):
    target = work / "c" / "mexico_mil_to_mil.txt"
    before = target.read_bytes()
    res = run("check", "-c", "c", "d/draft.md", "-f", "docx", "-o", target, cwd=work)
    assert res.exit_code == 2
    _one_error(res, "mexico_mil_to_mil.txt")
    assert target.read_bytes() == before


# -- 2: devices and FIFOs ------------------------------------------------------------------------

def test_o_dev_null_is_written_in_place(work, monkeypatch):
    from linter import textio

    replaced = []
    real = os.replace
    monkeypatch.setattr(textio.os, "replace", lambda a, b: (replaced.append(b), real(a, b)))
    res = run("check", "-c", "c", "d/draft.md", "-o", "/dev/null", "--exit-zero", cwd=work)
    assert res.exit_code == 0, res.stderr
    assert replaced == []
    assert Path("/dev/null").is_char_device()


def test_o_fifo_without_reader_is_refused_without_hanging(work):
    fifo = work / "pipe"
    os.mkfifo(fifo)
    res = proc("check", "-c", "c", "d/draft.md", "-o", "pipe", cwd=work)
    assert res.returncode == 2
    err = res.stderr.decode()
    assert err.count("msglint: error") == 1 and "pipe" in err and "FIFO" in err
    assert fifo.is_fifo()


def test_write_atomic_to_a_fifo_with_a_reader(tmp_path):
    from linter.textio import write_atomic

    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    rd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "hello\n")
        assert os.read(rd, 100) == b"hello\n"
    finally:
        os.close(rd)
    assert fifo.is_fifo()


# -- 3: full disk and broken pipe ----------------------------------------------------------------

def test_stdout_on_dev_full_is_one_line(work):
    with open("/dev/full", "wb") as full:
        res = subprocess.run([sys.executable, "-m", "linter", "check", "-c", "c", "d/draft.md"], cwd=work,
                             env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=full,
                             stderr=subprocess.PIPE, timeout=300)
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert err.strip().splitlines()[-1] == "msglint: error: cannot write standard output: No space left on device"
    assert "Traceback" not in err


def test_o_dev_full_is_one_line(work):
    res = run("check", "-c", "c", "d/draft.md", "-o", "/dev/full", cwd=work)
    assert res.exit_code == 2
    _one_error(res, "/dev/full")
    assert "No space left on device" in res.stderr
    assert Path("/dev/full").is_char_device()


def test_broken_pipe_is_quiet(work):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.Popen([sys.executable, "-m", "linter", "explain", "-c", "c", "d/draft.md"], cwd=work,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # the reader goes away before msglint writes
    err = p.stderr.read().decode()
    assert p.wait(timeout=300) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


# -- 4: hostile file names -----------------------------------------------------------------------

@pytest.fixture()
def odd_names(work):
    data = DRAFT.read_bytes()
    d = os.fsencode(work / "d")
    with open(d + b"/dr\xffaft.md", "wb") as fh:
        fh.write(data)
    (work / "d" / "b\x1bel\x07l\nx.md").write_bytes(data)
    return work


def test_json_and_sarif_with_undecodable_names(odd_names):
    res = proc("check", "-c", "c", "d", "-f", "json", cwd=odd_names)
    assert res.returncode == 1, res.stderr
    paths = [f["path"] for f in json.loads(res.stdout.decode("utf-8"))["files"]]
    assert "d/dr\\xffaft.md" in paths
    res = proc("check", "-c", "c", "d", "-f", "sarif", "-o", "out.sarif", cwd=odd_names)
    assert res.returncode == 1, res.stderr
    uris = (odd_names / "out.sarif").read_text(encoding="utf-8")
    assert "d/dr%FFaft.md" in uris and "d/b%1Bel%07l%0Ax.md" in uris


def test_text_escapes_hostile_names(odd_names):
    res = proc("check", "-c", "c", "d", cwd=odd_names)
    out = res.stdout.decode("utf-8")
    assert res.returncode == 1
    assert "d/dr\\xffaft.md:" in out and "d/b\\x1bel\\x07l\\x0ax.md:" in out and "\x1b" not in out


def test_docx_and_html_with_control_characters_in_names(odd_names):
    (odd_names / "out").mkdir()
    res = run("check", "-c", "c", "d", "-f", "docx", "-o", "out", cwd=odd_names)
    assert res.exit_code == 1, res.stderr
    assert len(list((odd_names / "out").iterdir())) == 3
    res = run("check", "-c", "c", "d", "-f", "html", "-o", "r.html", cwd=odd_names)
    assert res.exit_code == 1, res.stderr
    assert "\x1b" not in (odd_names / "r.html").read_text(encoding="utf-8")


# -- 5: an unreadable draft in a folder ----------------------------------------------------------

@pytest.mark.parametrize("cmd", ["check", "explain", "coverage"])
def test_unreadable_draft_in_folder_does_not_abort(work, cmd):
    os.symlink("nowhere.md", work / "d" / "a-dangling.md")
    (work / "d" / "b-bad.txt").write_bytes(b"caf\xe9 is not UTF-8\n")
    os.mkfifo(work / "d" / "c-fifo.md")  # never opened: reading it would wait for a writer
    res = run(cmd, "-c", "c", "d", cwd=work)
    assert res.exit_code == 2, res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("msglint: error")]
    assert len(errors) == 3, errors
    assert "a-dangling.md" in errors[0] and "b-bad.txt" in errors[1] and "c-fifo.md" in errors[2]
    assert "d/draft.md" in res.stdout  # the readable draft was still linted



def test_interrupt_removes_temporary_files_of_writes_in_flight(tmp_path, monkeypatch):
    """A Ctrl-C while a worker thread is between writing its temporary file and renaming it
    (the process then exits at once, never unwinding that thread) leaves no .tmp-*.part
    behind, and no write starts after it."""
    import threading

    import linter.textio as textio

    monkeypatch.setattr(textio, "_PENDING", set())
    monkeypatch.setattr(textio, "_INTERRUPTED", False)
    mid_write, release = threading.Event(), threading.Event()
    real_replace = os.replace

    def stalled_replace(src, dst):
        mid_write.set()
        release.wait(30)
        raise OSError("the process is gone by now")

    monkeypatch.setattr(textio.os, "replace", stalled_replace)
    worker = threading.Thread(target=lambda: pytest.raises(OSError, textio.write_atomic_bytes,
                                                           tmp_path / "entry.bin", b"data"))
    worker.start()
    assert mid_write.wait(30)
    assert list(tmp_path.glob(".tmp-*.part"))  # the worker's temporary file is there
    textio.discard_partial_writes()  # what the interrupt handler does before the fast exit
    assert not list(tmp_path.glob(".tmp-*")), list(tmp_path.iterdir())
    with pytest.raises(OSError):
        textio.write_atomic_bytes(tmp_path / "later.bin", b"data")
    assert not (tmp_path / "later.bin").exists()
    release.set()
    worker.join(30)
    monkeypatch.setattr(textio.os, "replace", real_replace)
