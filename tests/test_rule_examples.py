"""Each rule's documentation is a specification: its ``## Example`` run through the engine
makes that rule fire, its ``## Use instead`` does not (the way proselint tests the
examples of its checks).  The examples are written against the library corpus of
``tests/fixtures/checks``; a closing parenthesis gives the setting, not draft text."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from linter import Linter
from linter.checks.registry import check_class, rule_doc, rule_ids
from linter.rulepack import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 28)

# The setting an example needs besides the library corpus.
AS_OF_FOR = {"expired-line": dt.date(2028, 1, 1)}  # after qr_library.txt expires
PACKS_FOR = {"term": [REPO / "examples" / "rule-packs" / "house-style" / "Troops.yml"]}
# Rules whose example needs a corpus that disagrees with itself (tested with one in
# tests/test_corpus_forms.py), so it cannot run against the library corpus.
NOT_RUN = {"figure-conflict": "needs a corpus whose documents disagree on a figure"}


def draft_text(section: str) -> str:
    """The draft text of an example: the section less a closing ``(setting)``."""
    return re.sub(r"\s*\([^()]*\)\s*\Z", "", section.strip()).strip() + "\n"


_LINTERS: dict = {}


def linter_for(rule_id: str) -> Linter:
    key = (AS_OF_FOR.get(rule_id, AS_OF), tuple(PACKS_FOR.get(rule_id, ())))
    if key not in _LINTERS:
        pack = load_rules([str(p) for p in key[1]])
        _LINTERS[key] = Linter.open([str(FIXTURES)], pack, cache=False, as_of=key[0])
    return _LINTERS[key]


RUN = [r for r in rule_ids() if r not in NOT_RUN]


@pytest.mark.parametrize("rule_id", RUN)
def test_the_documented_example_fires(rule_id):
    text = draft_text(rule_doc(rule_id).section("Example"))
    found = [f.rule for f in linter_for(rule_id).check_text(text, path="example.md")]
    assert rule_id in found, (text, found)


@pytest.mark.parametrize("rule_id", RUN)
def test_the_documented_alternative_does_not_fire(rule_id):
    text = draft_text(rule_doc(rule_id).section("Use instead"))
    found = [f.rule for f in linter_for(rule_id).check_text(text, path="example.md")]
    assert rule_id not in found, (text, found)


def test_every_rule_has_its_examples_run_or_says_why_not():
    assert set(NOT_RUN) <= set(rule_ids())
    assert all(NOT_RUN.values())


@pytest.mark.parametrize("rule_id", rule_ids())
def test_every_check_declares_how_the_engine_runs_it(rule_id):
    cls = check_class(rule_id)
    assert cls.scope in ("sentence", "figure", "text", "post", "draft")
    assert cls.verdict in (None, "contradicted", "not covered", "drifted")
    if cls.verdict is not None:  # a verdict rule judges sentences
        assert cls.scope in ("sentence", "figure")


def test_precedences_are_distinct_and_verdict_rules_win_first():
    classes = [check_class(r) for r in rule_ids()]
    assert len({c.precedence for c in classes}) == len(classes)
    ranked = sorted(classes, key=lambda c: c.precedence)
    verdicts = [c.verdict is not None for c in ranked]
    assert verdicts == sorted(verdicts, reverse=True)


def test_the_pack_accepts_exactly_the_thresholds_the_checks_declare():
    from linter.checks.evaluate import THRESHOLDS as ALIGNMENT
    from linter.rulepack import THRESHOLDS

    declared = set(ALIGNMENT).union(*(check_class(r).thresholds for r in rule_ids()))
    assert declared == THRESHOLDS
    assert declared <= set(load_rules().thresholds)
