"""Months, ranges of months and sources: tables of our own sentences against a small
corpus written here.  Each row is a draft sentence and the rule it must get (None: it must
pass)."""
from __future__ import annotations

import pytest

from linter.analysis.figures import FigureFinder
from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.rulepack import load_rules

CORPUS = """HARBOR FESTIVAL
Background: The city council funds the festival.  PA posture is active.
Q: When is the festival?
A: The harbor festival runs from June to late August, with stage construction from March
through September 2027.  Tickets go on sale on April 2, 2027.
Q: Who pays for it?
A: The festival is paid for by the city and by private sponsors.
Q: Why did the contracts take so long?
A: Before the city could sign the sponsors, the council had to approve the festival budget.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    (d / "festival.txt").write_text(CORPUS, encoding="utf-8")
    return Engine(load_corpus([d]), load_rules(), cache=False)


def verdict(engine, sentence):
    found = [f for f in engine.check(sentence, "d.txt") if f.severity in ("error", "warning")]
    return found[0].rule if found else None


MONTHS = [
    # the year of a range belongs to both months; a month on its own after a preposition is a date
    ("The harbor festival runs from June to August 2027.", None),
    ("Stage construction lasts from March through September 2027.", None),
    ("Stage construction lasts from March through November 2027.", "figure-mismatch"),
    ("The harbor festival runs from June to late October.", "figure-mismatch"),
    # more precise than approved: a day the corpus never gave
    ("Stage construction starts on March 9, 2027.", "unvetted-figure"),
    ("Tickets go on sale on April 2, 2027.", None),
    ("Tickets go on sale in April.", None),
]

SOURCES = [
    # the source of an attribution is not a claim of its own
    ("According to the festival's own website, the festival is paid for by the city and by private sponsors.",
     None),
    ("The festival is paid for by the city and by private sponsors, according to a statement from the organisers.",
     None),
    ("According to the organisers, the festival is paid for by the state.", "unsupported-claim"),
]


MODALS_IN_TIME_CLAUSES = [
    # "before we could ..." times the claim; the modal is not a hedge the draft must keep
    ("The council had to approve the festival budget before the city signed the sponsors.", None),
]

HEADLINES = [
    # a headline (no full stop) may sum up several approved lines of one document
    ("Sponsor-Funded Harbor Festival Runs June To August", None),
    # but not add what no line says
    ("City Adds Fireworks And A Ferris Wheel To Harbor Festival", "unsupported-claim"),
]


@pytest.mark.parametrize("sentence,want", MONTHS + SOURCES + HEADLINES + MODALS_IN_TIME_CLAUSES)
def test_months_and_sources(engine, sentence, want):
    assert verdict(engine, sentence) == want


def test_may_the_modal_is_not_a_month():
    finder = FigureFinder(load_rules().numbers)
    assert [f.kind for f in finder.find("Crews may finish 20 stages by May.")] == ["count", "date"]
    assert [f.kind for f in finder.find("Crews may finish 20 stages.")] == ["count"]
    (april, may) = [f for f in finder.find("It runs from April to May 2027.") if f.kind == "date"]
    assert april.value == (2027, 4, None) and may.value == (2027, 5, None)
