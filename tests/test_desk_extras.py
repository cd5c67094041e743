"""`msglint explain` over several drafts and --only-problems; repaired suggestions (the
writer's own sentence with the approved figure or the dropped attribution put back); the
progress hook; report files' permissions; page formats named in the configuration."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linter.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_explain_takes_several_drafts_and_only_problems(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Mexico is a key partner in the defence of North America.\n"
                 "Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    b.write_text("We will open a joint training centre in Monterrey next spring.\n", encoding="utf-8")
    everything = run("explain", "--corpus", CORPUS, a, b)
    assert everything.exit_code == 0, everything.output
    problems = run("explain", "--corpus", CORPUS, "--only-problems", a, b)
    assert problems.exit_code == 0, problems.output
    heads = [ln for ln in problems.stdout.splitlines() if not ln.startswith("    ")]
    assert len(heads) == 2, problems.stdout
    assert heads[0].startswith(f"{a}:2:1: contradicted") and heads[1].startswith(f"{b}:1:1: not covered")
    assert len([ln for ln in everything.stdout.splitlines() if not ln.startswith("    ")]) == 3

    out = json.loads(run("explain", "--corpus", CORPUS, "--format", "json", "--only-problems", a, b).stdout)
    assert [f["path"] for f in out["files"]] == [str(a), str(b)]
    assert [s["verdict"] for s in out["files"][0]["sentences"]] == ["contradicted"]


def test_a_changed_figure_suggests_the_writers_sentence_with_the_approved_figure(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    res = run("check", "--corpus", CORPUS, "--format", "json", draft)
    (f,) = [f for f in json.loads(res.stdout)["files"][0]["findings"] if f["rule"] == "figure-mismatch"]
    assert f["suggestion"] == "Last year the Foreign Military Sales budget was $1B."


def test_a_long_draft_reports_progress_sentence_by_sentence(tmp_path):
    """The hook the command line's progress bar hangs on: one update per sentence judged,
    and the bar closed when the draft is done."""
    from linter.api import Linter
    from linter.drafts import parse

    draft = parse("long.txt", "".join(f"The depot tests its wells every month, report {n}.\n" for n in range(12)))

    class Bar:
        def __init__(self):
            self.n, self.closed = 0, False

        def update(self, k):
            self.n += k

        def close(self):
            self.closed = True

    bars = []
    with Linter.open([CORPUS], cache=False) as lint:
        (checked,) = list(lint.check_many([draft], progress=lambda d: bars.append(Bar()) or bars[-1]))
    assert checked.sentences == 12
    assert bars[0].n == 12 and bars[0].closed


def test_a_dropped_opening_attribution_is_put_back_in_the_writers_sentence(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "trail.txt").write_text(
        "RIVER TRAIL\nBackground: Storm damage in May. PA posture is active.\nQ: When does the trail reopen?\n"
        "A: According to the county's engineering review, the river trail reopens to walkers on Monday.\n",
        encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("The river trail reopens to walkers on Monday.\n", encoding="utf-8")
    res = run("check", "--corpus", corpus, "--format", "json", draft)
    found = [f for f in json.loads(res.stdout)["files"][0]["findings"] if f["rule"] == "dropped-hedge"]
    assert [f["suggestion"] for f in found] == [
        "According to the county's engineering review, the river trail reopens to walkers on Monday."]
    # a hedge inside the line ("alleged") is not put back by rule: the approved line is offered
    res = run("check", "--corpus", CORPUS, "--format", "json", REPO / "examples" / "draft.md")
    (hedge,) = [f for f in json.loads(res.stdout)["files"][0]["findings"] if f["rule"] == "dropped-hedge"]
    assert hedge["suggestion"] == hedge["evidence"][0]["text"]


def test_a_report_file_gets_the_usual_permissions_and_a_rewritten_one_keeps_its_own(tmp_path):
    import os
    import stat

    draft = tmp_path / "d.txt"
    draft.write_text("Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        out = tmp_path / "report.json"
        run("check", "--corpus", CORPUS, "--format", "json", "-o", out, draft)
        assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600
        out.chmod(0o600)
        run("check", "--corpus", CORPUS, "--format", "json", "-o", out, draft)
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_the_configuration_may_name_the_page_formats(tmp_path):
    (tmp_path / ".msglint.yaml").write_text(f"corpus: {CORPUS}\nformat: html\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("Last year the Foreign Military Sales budget was $1.5 billion.\n", encoding="utf-8")
    out = tmp_path / "review.html"
    res = run("check", "--config", tmp_path / ".msglint.yaml", "-o", out, draft)
    assert res.exit_code == 1, res.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_cache_files_stay_private(tmp_path):
    import stat

    cache = tmp_path / "cache"
    draft = tmp_path / "d.txt"
    draft.write_text("The depot tests its wells every month.\n", encoding="utf-8")
    run("check", "--corpus", CORPUS, "--cache-dir", cache, draft)
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def test_explain_and_coverage_leave_the_corpus_out_and_report_a_broken_corpus_file(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "notes.txt").write_text("NOTES\n\nNo labels in this file at all.\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("Mexico is a key partner in the defence of North America.\n", encoding="utf-8")
    res = run("explain", "--corpus", corpus, tmp_path)  # the folder holds the corpus too
    assert res.exit_code == 2, res.output
    assert "notes.txt" in res.stderr and "left out of the corpus" in res.stderr
    assert all(ln.startswith(str(draft)) for ln in res.stdout.splitlines() if not ln.startswith("    "))
    cov = run("coverage", "--corpus", corpus, draft)
    assert cov.exit_code == 2 and "notes.txt" in cov.stderr
