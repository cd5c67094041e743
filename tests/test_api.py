"""The Linter: opened once, frozen results, the same findings as the command line, and no
process-wide setting touched by the library."""
from __future__ import annotations

import dataclasses
import gc
import json
import sys

import pytest
from click.testing import CliRunner

import linter
from linter import Linter
from linter.cli.main import cli
from linter.drafts import parse

DRAFT = ("The renovation budget is $81 million, funded by the 2024 bond measure. "
         "Story time is mandatory for every family. The city council is considering a second bond measure.\n")


@pytest.fixture()
def lint(corpus_dir, tmp_path):
    with Linter.open([str(corpus_dir)], cache=tmp_path / "cache") as opened:
        yield opened


def test_opening_returns_frozen_results(lint):
    opened = lint.opened
    assert isinstance(opened, linter.Opened)
    with pytest.raises(dataclasses.FrozenInstanceError):
        opened.notices = ()  # type: ignore[misc]
    assert isinstance(opened.notices, tuple)
    assert opened.stats.misses == 2  # both documents analysed on a cold cache
    assert lint.corpus is opened.index.corpus


def test_check_text_gives_what_the_command_line_reports(lint, corpus_dir, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--corpus", str(corpus_dir), "--cache-dir", str(tmp_path / "cache"),
                                   "--format", "json", str(draft)])
    reported = [(f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(res.stdout)["files"][0]["findings"]]
    found = lint.check_text(DRAFT, path=str(draft))
    assert found and isinstance(found, tuple)
    assert [(f.rule, f.line, f.column, f.message) for f in found] == reported


def test_check_many_checks_each_draft_in_order(lint):
    drafts = [parse("a.txt", DRAFT), parse("b.txt", "Thank you all for coming.\n")]
    results = list(lint.check_many(drafts))
    assert [r.draft for r in results] == drafts
    assert results[0].findings == lint.check_draft(drafts[0]).findings
    assert not results[1].findings and results[1].claims == 0
    assert any("makes a claim" in n for n in results[1].notices)


def test_a_draft_parsed_while_the_corpus_opens_gives_the_same_findings(corpus_dir, tmp_path):
    draft = parse("draft.txt", DRAFT)
    with Linter.open([str(corpus_dir)], cache=tmp_path / "cache", first_draft=draft) as ahead:
        early = ahead.check_draft(draft)
    with Linter.open([str(corpus_dir)], cache=tmp_path / "cache") as plain:
        assert early.findings == plain.check_draft(draft).findings


def test_an_unused_parse_ahead_is_stopped_on_close(corpus_dir, tmp_path):
    draft = parse("draft.txt", DRAFT)
    lint = Linter.open([str(corpus_dir)], cache=False, first_draft=draft)
    stream = lint._ahead[1]
    lint.close()
    assert not stream._thread.is_alive()
    lint.close()  # twice is fine


def test_explain_gives_a_verdict_per_sentence(lint):
    verdicts = lint.explain(DRAFT, "draft.txt")
    assert len(verdicts) == len(parse("draft.txt", DRAFT).sentences)
    assert {v.verdict for v in verdicts} <= {"supported", "contradicted", "not covered", "drifted", "not a claim"}


def test_the_library_leaves_process_settings_alone(corpus_dir):
    before = (sys.getswitchinterval(), gc.get_freeze_count(), gc.isenabled())
    draft = parse("draft.txt", DRAFT)
    with Linter.open([str(corpus_dir)], cache=False, first_draft=draft) as lint:
        lint.check_draft(draft)
        lint.check_text(DRAFT)
    assert (sys.getswitchinterval(), gc.get_freeze_count(), gc.isenabled()) == before


def test_the_old_shortcuts_still_work(corpus_dir):
    corpus = linter.load_corpus([str(corpus_dir)])
    found = linter.check_text(DRAFT, corpus, cache=False)
    assert found == list(Linter.of_corpus(corpus, cache=False).check_text(DRAFT))


def test_the_command_line_tunes_the_process_in_one_call():
    """linter.cli.process.tune: a short switch interval, and gc.freeze once a model loads
    (run in a child, so this test process keeps its own settings)."""
    import subprocess

    code = ("import gc, sys\n"
            "from linter.cli import process\n"
            "from linter.analysis.pipeline import load_nlp\n"
            "process.tune()\n"
            "assert sys.getswitchinterval() == process.SWITCH_INTERVAL\n"
            "before = gc.get_freeze_count()\n"
            "load_nlp()\n"
            "assert gc.get_freeze_count() > before\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
