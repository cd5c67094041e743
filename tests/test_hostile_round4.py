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
from test_hostile_output import proc  # pytest puts tests/ on the path

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


# -- 3, 4, 5: closed, full or vanishing standard streams ----------------------------------------

def sh(script, *args, cwd=None, **kw):
    """Run ``msglint ARGS`` through ``sh -c SCRIPT`` (which applies redirections such as
    ``>&-``); ``"$@"`` in SCRIPT is the msglint command."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(["sh", "-c", script, "sh", sys.executable, "-m", "linter", *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, timeout=300, **kw)


def _last_error(res):
    err = res.stderr.decode()
    assert "Traceback" not in err, err
    return err.strip().splitlines()[-1]


def test_closed_stdout_is_one_line_exit_2(work):
    res = sh('exec "$@" >&-', "check", "-c", "c", "tp.md", "--no-cache", cwd=work)
    assert res.returncode == 2, res.stderr
    assert _last_error(res) == "msglint: error: cannot write standard output: it is closed"
    res = sh('exec "$@" >&-', "corpus", "show", "c", cwd=work)
    assert res.returncode == 2, res.stderr
    assert _last_error(res) == "msglint: error: cannot write standard output: it is closed"


def test_closed_stdout_with_o_still_writes_the_report(work):
    res = sh('exec "$@" >&-', "check", "-c", "c", "tp.md", "--no-cache", "-f", "json", "-o", "r.json",
             cwd=work)
    assert res.returncode == 1, res.stderr
    assert "figure-mismatch" in (work / "r.json").read_text()


def test_closed_stdin_is_one_line_exit_2(work):
    res = sh('exec "$@" <&-', "check", "-c", "c", "-", "--no-cache", cwd=work)
    assert res.returncode == 2, res.stderr
    line = _last_error(res)
    assert line.startswith("msglint: error: <stdin>: standard input is closed"), line


@pytest.mark.parametrize("redirect", ["2>/dev/full", "2>&-"])
def test_unwritable_stderr_keeps_the_input_error_exit_code(work, redirect):
    (work / "bin.md").write_bytes(bytes(range(256)) * 20)
    res = sh(f'exec "$@" >/dev/null {redirect}', "check", "-c", "c", "bin.md", "--no-cache", cwd=work)
    assert res.returncode == 2
    (work / "drafts").mkdir()
    (work / "drafts" / "ok.md").write_text(f"{WRONG}\n")
    os.symlink(work / "gone.md", work / "drafts" / "dangling.md")
    res = sh(f'exec "$@" >/dev/null {redirect}', "check", "-c", "c", "drafts", "--no-cache", cwd=work)
    assert res.returncode == 2
    res = sh(f'exec "$@" >/dev/null {redirect}', "check", "-c", "c", "tp.md", "--no-cache", cwd=work)
    assert res.returncode == 1  # the findings code, as with a working stderr


def _first_line_then_close(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.Popen([sys.executable, "-m", "linter", *map(str, args)], cwd=cwd, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()  # the reader goes away, far before the end of the output
    err = p.stderr.read().decode()
    return p.wait(timeout=300), first, err


def test_reader_going_away_keeps_the_runs_exit_code(work):
    # far more output than a pipe holds (64 KiB), so the write really meets a closed pipe
    lines = [f"- In {1900 + i}, the Foreign Military Sales budget was ${i % 9 + 2}.5 billion."
             for i in range(400)]
    (work / "long.md").write_text("# Long\n\n" + "\n".join(lines) + "\n")
    res = proc("check", "-c", "c", "long.md", "--cache-dir", "cache", cwd=work)
    assert len(res.stdout) > 150_000 and res.returncode == 1
    code, first, err = _first_line_then_close("check", "-c", "c", "long.md", "--cache-dir", "cache",
                                              cwd=work)
    assert first and code == 1, err  # the findings code: | head under pipefail still fails
    assert "Traceback" not in err and "BrokenPipe" not in err and "msglint: error" not in err
    code, first, err = _first_line_then_close("explain", "-c", "c", "long.md", "--cache-dir", "cache",
                                              cwd=work)
    assert first and code == 0, err
    assert "Traceback" not in err and "msglint: error" not in err


def test_reader_gone_before_the_first_write_keeps_the_findings_code(work):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    p = subprocess.Popen([sys.executable, "-m", "linter", "check", "-c", "c", "tp.md", "--no-cache"],
                         cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # nobody reads: the first write meets a closed pipe
    err = p.stderr.read().decode()
    assert p.wait(timeout=300) == 1, err
    assert "Traceback" not in err and "msglint: error" not in err


# -- 6, 7: init says only what it did ------------------------------------------------------------

def test_init_on_a_device_is_one_line_exit_2():
    res = proc("init", "/dev/null")
    assert res.returncode == 2, res.stderr
    assert _last_error(res) == "msglint: error: /dev/null: is not a folder; give the folder to set up"
    assert Path("/dev/null").is_char_device()


def test_init_on_a_file_below_a_file_is_one_line(tmp_path):
    (tmp_path / "f").write_text("keep\n")
    res = run("init", tmp_path / "f" / "sub")
    assert res.exit_code == 2
    assert "Traceback" not in res.output and res.stderr.count("msglint: error") == 1
    assert (tmp_path / "f").read_text() == "keep\n"


def test_init_with_a_dangling_config_link_only_says_skipped(tmp_path):
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / ".msglint.yaml")
    res = run("init", tmp_path)
    assert res.exit_code == 0, res.output
    assert "wrote" not in [ln.split()[0] for ln in res.stdout.splitlines() if ".msglint.yaml" in ln]
    assert "dangling" in res.stdout
    assert (tmp_path / ".msglint.yaml").is_symlink() and not (tmp_path / "nowhere.yaml").exists()


def test_init_with_a_file_named_corpus_says_so(tmp_path):
    (tmp_path / "corpus").write_text("my notes\n")
    res = run("init", tmp_path)
    assert res.exit_code == 0
    assert "(already exists)" not in [ln for ln in res.stdout.splitlines() if "corpus" in ln][0]
    assert "not a folder" in res.stderr
    assert (tmp_path / "corpus").read_text() == "my notes\n"
    assert (tmp_path / ".msglint.yaml").exists()


# -- 13-16: Markdown parts that were not read, or read when deleted ------------------------------

S = "Last year's Foreign Military Sales budget of {f} shows that Mexico sees us as its partner of choice."

MD_PARTS = {
    "ref_title_quoted": "See [the report][r].\n\n[r]: http://x.org \"" + S + "\"\n",
    "ref_title_angle_parens": "See [the report][r].\n\n[r]: <http://x.org>\n  (" + S + ")\n",
    "ref_title_single_quoted": "Read [this].\n\n[this]: /a/b '" + S + "'\n",
    "footnote_second_paragraph": "Remarks.[^n]\n\n[^n]: Sources below.\n\n    " + S + "\n",
    "footnote_third_paragraph": "Remarks.[^n]\n\n[^n]: Sources.\n\n    See the annex.\n\n    " + S + "\n",
    "front_matter_list": "---\ntitle: Remarks\nsummary:\n  - Opening.\n  - " + S + "\n---\n\nHello.\n",
    "front_matter_block": "---\nabstract: >\n  " + S + "\n---\n\nHello.\n",
}


def _lint_md(tmp_path, name, text):
    (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    res = run("check", "-c", CORPUS, f"{name}.md", "--no-cache", "-f", "json", cwd=tmp_path)
    assert res.exit_code in (0, 1), res.stderr
    return [f for fr in json.loads(res.stdout)["files"] for f in fr["findings"]], res.stderr


@pytest.mark.parametrize("name", sorted(MD_PARTS))
def test_markdown_part_is_read(tmp_path, name):
    text = MD_PARTS[name]
    wrong, _ = _lint_md(tmp_path, name + "_w", text.replace("{f}", "$1.5 billion"))
    hits = [f for f in wrong if f["rule"] == "figure-mismatch"]
    assert hits, wrong
    src = text.replace("{f}", "$1.5 billion")
    line = src.splitlines()[hits[0]["line"] - 1]
    assert "$1.5 billion" in line  # the finding points at the line the figure is on
    right, _ = _lint_md(tmp_path, name + "_r", text.replace("{f}", "$1B"))
    assert not [f for f in right if f["rule"] in ("figure-mismatch", "unvetted-figure")], right


def test_front_matter_keys_not_read_are_named(tmp_path):
    text = "---\ntitle: Remarks\ndate: 2024-05-01\nquote: " + S.replace("{f}", "$1.5 billion") + "\n---\n\nHello.\n"
    _, err = _lint_md(tmp_path, "fm", text)
    notes = [ln for ln in err.splitlines() if "front matter" in ln]
    assert len(notes) == 1 and "quote" in notes[0] and "date" not in notes[0].split("(")[0], err


DELETED = {
    "del_tag": "<del>$3B</del> {f}",
    "s_tag": "<s>$3B</s> {f}",
    "strike_tag": "<STRIKE class=x>$3B</STRIKE> {f}",
    "single_tilde": "~$3B~ {f}",
    "double_tilde": "~~$3B~~ {f}",
}


@pytest.mark.parametrize("name", sorted(DELETED))
def test_deleted_text_is_not_read(tmp_path, name):
    sentence = S.replace("{f}", DELETED[name])
    right, err = _lint_md(tmp_path, name + "_r", sentence.replace("{f}", "$1B") + "\n")
    assert not [f for f in right if f["rule"] in ("figure-mismatch", "unvetted-figure")], right
    assert "struck-through" in err
    wrong, _ = _lint_md(tmp_path, name + "_w", sentence.replace("{f}", "$1.5 billion") + "\n")
    said = [f["message"] for f in wrong if f["rule"] in ("figure-mismatch", "unvetted-figure")]
    assert said and not any("$3B" in m for m in said), said


def test_a_lone_tilde_is_still_read(tmp_path):
    found, _ = _lint_md(tmp_path, "approx", "The Foreign Military Sales budget last year was ~$1.5 billion, "
                        "up from ~ $1 billion.\n")
    assert [f for f in found if "$1.5 billion" in f["message"]], found


# -- 17: corpus check escapes control characters in names ---------------------------------------

def test_corpus_check_escapes_control_characters_in_names(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    (c / "no\x1bposture\x07.txt").write_text("TITLE\n\nQ: Is it open?\nA: It is open.\n")
    res = run("corpus", "check", "c", cwd=tmp_path)
    assert res.exit_code in (0, 1), res.output
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "no\\x1bposture\\x07.txt" in res.stdout


# -- 18: the test suite on a source copy without .git --------------------------------------------

def test_precommit_test_skips_outside_a_git_checkout(tmp_path):
    copy = tmp_path / "export"
    (copy / "tests").mkdir(parents=True)
    shutil.copy(REPO / "tests" / "test_precommit.py", copy / "tests")
    shutil.copytree(REPO / "corpus", copy / "corpus")
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                          "tests/test_precommit.py"], cwd=copy, capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, GIT_CEILING_DIRECTORIES=str(tmp_path)))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 skipped" in res.stdout and "git clone" in res.stdout, res.stdout


# -- 19b: a letter standing for a digit in a figure ----------------------------------------------

def test_homoglyph_figure_is_read_as_the_figure_it_imitates_and_named(tmp_path):
    text = "- Last year's Foreign Military Sales budget of $l.5 billion shows that Mexico sees us as its partner of choice.\n"
    found, err = _lint_md(tmp_path, "homoglyph", text)
    assert [f for f in found if f["rule"] == "figure-mismatch" and "$1.5 billion" in f["message"]], found
    assert 'the figure "l.5" has a letter that looks like a digit; it was read as "1.5"' in err, err


def test_homoglyph_needs_a_real_digit_and_a_capital_o_reads_as_zero(tmp_path):
    found, err = _lint_md(tmp_path, "homoglyph_r", "The Foreign Military Sales budget last year was $lB.\n")
    assert "looks like a digit" not in err  # "$lB" has no digit at all: a word, left alone
    found, err = _lint_md(tmp_path, "homoglyph_o", "Last year's Foreign Military Sales budget of $1O billion "
                          "shows that Mexico sees us as its partner of choice.\n")
    assert [f for f in found if "$10 billion" in f["message"]], found
    assert 'read as "10"' in err


@pytest.mark.parametrize("text", ["It cost $1.5 billion.", "We said $lol.", "Price: $IOU 5.", "Call 1O1."])
def test_no_homoglyph_notice_on_ordinary_text(text):
    from linter.textnorm import homoglyph_figures

    assert homoglyph_figures(text) == []
