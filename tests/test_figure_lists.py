"""Figures in lists, hyphenated scales and units, and a value approved for the same thing.

A list of values ("in 1989, 2002 and 2007") is not a range; "29-million" is one number;
"parts per trillion" is a unit; a value the corpus approves for the same counted thing (or,
for a date, in the same document) is not a changed figure because an aligned line gives
another one; a predicate's synonym ("start" for "begin") binds a figure as the word does.
The corpus and every sentence are our own.
"""
from __future__ import annotations

import datetime as dt

import pytest

import linter
from linter.analysis.figures import FigureFinder
from linter.checks.engine import Engine
from linter.rulepack import load_rules

FIGURES = {"figure-mismatch", "unvetted-figure", "figure-conflict"}

DOC = """Dresser recall

Background: The retailer sold the dressers for years before the recall.

PA posture: active.

Q: What happened?
A: Two children died in tip-over incidents, in February 2014 and in June 2014.

Q: Were there other incidents?
A: Other models were involved in three deaths, in 1989, 2002 and 2007.

Q: How many people are affected?
A: The recall may affect approximately 29 million households.

Q: Were card numbers taken?
A: Card numbers for about 209,000 households were accessed.

Q: When will the moves happen?
A: The moves would begin in fiscal year 2028 and end by fiscal year 2030. A decision is expected in 2027.
"""


@pytest.fixture(scope="module")
def finder():
    return FigureFinder(load_rules().numbers)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "recall.txt").write_text(DOC, encoding="utf-8")
    return Engine(linter.load_corpus([str(folder)]), load_rules(), as_of=dt.date(2026, 12, 1), cache=False)


def figure_rules(engine, text):
    return [f.rule for f in engine.check(text, "draft.txt") if f.rule in FIGURES]


FINDS = [
    ("in 1989, 2002 and 2007", [("year", (1989,)), ("year", (2002,)), ("year", (2007,))]),
    ("between 2002 and 2007", [("range", (2002.0, 2007.0))]),
    ("from 2002 to 2007", [("range", (2002.0, 2007.0))]),
    ("between 3 and 5 weeks", [("duration", (21.0, 35.0))]),
    ("3 and 5 weeks", [("count", (3.0,)), ("duration", (35.0,))]),
    ("29-million dressers", [("count", (29000000.0,))]),
    ("143 Million consumers", [("count", (143000000.0,))]),
    ("10 parts per trillion", [("count", (10.0,))]),
    ("a trillion dollars", [("money", (1e12,))]),
]


@pytest.mark.parametrize("text,want", FINDS)
def test_the_figures_found(finder, text, want):
    assert [(f.kind, f.value) for f in finder.find(text)] == want


CHECKS = [
    # a year the document states for these deaths, against a line listing other years
    ("Two children died in separate 2014 incidents.", []),
    # the line's own list, or its two ends as a range
    ("Other models were involved in deaths from 1989 to 2007.", []),
    ("Other models were involved in three deaths, in 1989, 2002 and 2009.", ["figure-mismatch"]),
    # a hyphenated scale restates "29 million"
    ("The retailer recalls 29-million dressers, which may affect 29 million households.", []),
    # the value is approved for households, though the aligned line is about card numbers
    ("Card thieves could affect 29 million households.", []),
    # ... but bound to that line's own predicate and role it is a changed figure
    ("Card numbers for 29 million households were accessed.", ["figure-mismatch"]),
    # a synonym of the approved predicate binds the figure: "start" is "begin"
    ("The moves would start in fiscal year 2027.", ["figure-mismatch"]),
    ("The moves would start in fiscal year 2028.", []),
]


@pytest.mark.parametrize("text,want", CHECKS)
def test_figures_end_to_end(engine, text, want):
    assert figure_rules(engine, text) == want
