"""`msglint check` and `msglint explain` end to end on the shipped example corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = str(ROOT / "corpus")
DRAFT = str(ROOT / "examples" / "draft.md")


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no stray .msglint.yaml above the test's files

    def go(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input)

    return go


def test_sample_draft_json_report_has_the_documented_shape(run):
    res = run("check", "--corpus", CORPUS, "--format", "json", DRAFT)
    assert res.exit_code == 1, res.output
    report = json.loads(res.stdout)
    assert set(report) == {"version", "tool", "corpus", "files", "summary"}
    assert report["version"] == 1 and report["tool"]["name"] == "msglint"
    assert report["corpus"]["documents"] == 3 and report["corpus"]["hash"].startswith("sha256:")
    (entry,) = report["files"]
    rules = {f["rule"] for f in entry["findings"]}
    assert {"figure-mismatch", "dropped-hedge", "background-only", "unsupported-claim"} <= rules
    fm = next(f for f in entry["findings"] if f["rule"] == "figure-mismatch")
    assert set(fm) == {"rule", "severity", "message", "line", "column", "end_line", "end_column",
                       "evidence", "suggestion"}
    assert fm["message"] == "draft says $1.5 billion; approved line says $1B"
    assert fm["evidence"][0]["path"].endswith("mexico_mil_to_mil.txt") and fm["evidence"][0]["line"] > 0
    text = Path(DRAFT).read_text().splitlines()[fm["line"] - 1]
    assert text[fm["column"] - 1:fm["end_column"] - 1] == "$1.5 billion"
    assert report["summary"]["files"] == 1 and report["summary"]["error"] >= 1


def test_output_is_byte_identical_across_runs(run):
    first = run("check", "--corpus", CORPUS, "--format", "json", DRAFT).stdout
    second = run("check", "--corpus", CORPUS, "--format", "json", DRAFT).stdout
    assert first == second


@pytest.mark.parametrize("args,code", [
    (["--fail-on", "error"], 1),
    (["--fail-on", "never"], 0),
    (["--exit-zero"], 0),
    (["--fail-on", "info"], 1),
])
def test_exit_codes_follow_fail_on(run, args, code):
    res = run("check", "--corpus", CORPUS, *args, DRAFT)
    assert res.exit_code == code, res.output


def test_faithful_draft_passes_and_stdin_works(run):
    text = "Good evening. Mexico's Foreign Military Sales budget last year was one billion dollars.\n"
    res = run("check", "--corpus", CORPUS, "--format", "line", "--stdin-filename", "speech.txt", "-", input=text)
    assert res.exit_code == 0, res.output
    assert "error" not in res.stdout and "warning" not in res.stdout


def test_line_format_and_min_severity(run):
    res = run("check", "--corpus", CORPUS, "--format", "line", "--min-severity", "error", DRAFT)
    lines = res.stdout.strip().splitlines()
    assert lines and all(" error [" in ln for ln in lines)
    assert all(ln.startswith(DRAFT + ":") for ln in lines)


def test_missing_corpus_is_a_one_line_usage_error(run, tmp_path):
    res = run("check", "--corpus", str(tmp_path / "nope"), DRAFT)
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1 and "nope" in res.stderr


def test_explain_gives_a_verdict_for_every_sentence(run):
    res = run("explain", "--corpus", CORPUS, "--format", "json", DRAFT)
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)["sentences"]
    verdicts = {r["verdict"] for r in rows}
    assert {"not a claim", "supported", "contradicted"} <= verdicts
    assert all(set(r) >= {"line", "column", "text", "verdict", "score", "best"} for r in rows)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"]])
def test_help_and_version_start_without_spacy(args):
    import subprocess
    import sys

    code = ("import sys\nfrom linter.cli.main import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().endswith("NO-SPACY"), out.stdout + out.stderr


def test_negation_written_differently_passes_and_its_flip_is_a_contradiction(run):
    same = "None of the eight soldiers was trained by the U.S. military.\n"
    flipped = "Some of the eight soldiers had received training from the U.S. military.\n"
    ok = run("check", "--corpus", CORPUS, "--format", "line", "--fail-on", "warning", "-", input=same)
    assert ok.exit_code == 0, ok.output
    bad = run("check", "--corpus", CORPUS, "--format", "line", "-", input=flipped)
    assert bad.exit_code == 1 and "[contradiction]" in bad.stdout
