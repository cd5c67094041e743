"""Figures beside note markup (issue 23): a figure in parentheses or brackets is a figure,
note markers and footnote labels are not.

The corpus is the example one (corpus/): the approved figures are "about 1,200 service
members are supporting relief operations" and "more than 40 relief flights"
(hurricane_relief).  A draft that restates them must get nothing about the figure; one
that changes them must get figure-mismatch.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.drafts import parse

REPO = Path(__file__).resolve().parents[1]
RIGHT = "About 1,200 service members are supporting relief operations in the affected counties."
WRONG = "About 1,300 service members are supporting relief operations in the affected counties."
FLIGHTS = "Military aircraft have flown more than {} relief flights carrying water, food and generators."


@pytest.fixture(scope="module")
def linter():
    from linter.api import Linter

    return Linter.open([str(REPO / "corpus")])


def rules(linter, name, text):
    return [f.rule for f in linter.check_draft(parse(name, text)).findings]


def figures(linter, name, text):
    return [f for f in linter.check_draft(parse(name, text)).findings
            if f.rule in ("figure-mismatch", "unvetted-figure", "background-only")]


# -- 1. a figure in parentheses or brackets ----------------------------------------------
@pytest.mark.parametrize("name", ["d.md", "d.txt"])
@pytest.mark.parametrize("wrap", ["({})", "[{}]"])
def test_a_figure_in_parentheses_or_brackets_is_the_figure(linter, name, wrap):
    # "(40)" on its own inside a sentence is a figure, not an enumerator like "(1) ... (2)"
    assert figures(linter, name, FLIGHTS.format(wrap.format("40")) + "\n") == []
    assert "figure-mismatch" in rules(linter, name, FLIGHTS.format(wrap.format("30")) + "\n")
    right = "Relief flights (40) have been flown by military aircraft, more than 40 of them.\n"
    assert "figure-mismatch" not in rules(linter, name, right)
    wrong = "Military aircraft have flown relief flights (30) carrying water, food and generators.\n"
    assert "figure-mismatch" in rules(linter, name, wrong)
    assert "figure-mismatch" in rules(linter, name, WRONG.replace("1,300", wrap.format("1,300")) + "\n")
    assert figures(linter, name, RIGHT.replace("1,200", wrap.format("1,200")) + "\n") == []


@pytest.mark.parametrize("name", ["d.md", "d.txt"])
def test_enumerators_in_a_run_are_still_not_figures(linter, name):
    text = RIGHT[:-1] + " to (1) clear roads, (2) carry water and (3) restore power.\n"
    assert figures(linter, name, text) == []
    text = RIGHT[:-1] + " to (1) clear roads and (2).\n"  # the last one ends the sentence
    assert figures(linter, name, text) == []
    text = RIGHT[:-1] + " (see notes (1), (2)).\n"
    assert figures(linter, name, text) == []
    wrong = WRONG[:-1] + " to (1) clear roads and (2) carry water.\n"
    got = figures(linter, name, wrong)
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message


# -- 2. footnotes and note markers ---------------------------------------------------------
@pytest.mark.parametrize("name", ["d.md", "d.txt"])
def test_footnote_labels_are_not_figures_but_the_notes_are_checked(linter, name):
    right = RIGHT + "[^1]\n\n[^1]: " + RIGHT + "\n"
    assert figures(linter, name, right) == []
    # named labels and references, a digit in the name included
    right = RIGHT[:-1] + "[^fema2].\n\n[^fema2]: " + FLIGHTS.format("40") + "\n"
    assert figures(linter, name, right) == []
    # the note's text is checked, and each note on its own
    wrong = RIGHT + "[^1]\n\n[^1]: " + WRONG + "\n"
    got = figures(linter, name, wrong)
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message
    two = (RIGHT + "[^1][^2]\n\n[^1]: " + FLIGHTS.format("40") + "\n[^2]: " + FLIGHTS.format("30") + "\n")
    got = figures(linter, name, two)
    assert [f.rule for f in got] == ["figure-mismatch"] and "draft says 30" in got[0].message
    assert got[0].line == 4


@pytest.mark.parametrize("name", ["d.md", "d.txt"])
@pytest.mark.parametrize("marker", ["[1]", "[12]", "[^3]", "[^note]", "[^n2]", "[^2a]"])
def test_a_reference_marker_after_a_word_or_full_stop_is_not_a_figure(linter, name, marker):
    assert figures(linter, name, RIGHT + marker + "\n") == []
    assert figures(linter, name, RIGHT.replace("members", "members" + marker) + "\n") == []
    got = figures(linter, name, WRONG + marker + "\n")
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message
