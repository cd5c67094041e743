"""Figures beside note markup (issue 23): a figure in parentheses or brackets is a figure,
note markers and footnote labels are not.

The corpus is the example one (corpus/): the approved figures are "about 1,200 service
members are supporting relief operations" and "more than 40 relief flights"
(hurricane_relief).  A draft that restates them must get nothing about the figure; one
that changes them must get figure-mismatch.
"""
from __future__ import annotations

import pytest

from linter.drafts import parse

from test_readers_hostile import RIGHT, WRONG, linter, rules  # noqa: F401  (a fixture)

FLIGHTS = "Military aircraft have flown more than {} relief flights carrying water, food and generators."


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


@pytest.mark.parametrize("name", ["d.md", "d.txt"])
@pytest.mark.parametrize("marker", ["[^1]", "[^12]", "[^note]", "[^n2]"])
def test_a_footnote_reference_with_a_space_before_it_is_not_a_figure(linter, name, marker):
    # "counties. [^1]": the caret says note even with a space before it; the figure beside it is judged
    notes = "\n\n[^1]: The Joint Task Force.\n"
    assert figures(linter, name, RIGHT + " " + marker + notes) == []
    assert figures(linter, name, RIGHT.replace("members", "members " + marker) + notes) == []
    got = figures(linter, name, WRONG + " " + marker + notes)
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message
    got = figures(linter, name, WRONG.replace("members", "members " + marker) + notes)
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message


# -- 3. a note number glued to the full stop after a figure ---------------------------------
COSTS = """\
topic: Relief costs
posture: active
approved: 2026-09-14
expires: 2027-03-31
owner: Joint Task Force Gulf public affairs
responses:
  - q: What has the relief operation cost?
    a: The relief operation has cost the federal government $1B so far.
  - q: How fast are costs rising?
    a: Relief spending by the federal government rose 3.5% in October.
  - q: How much fuel has been delivered?
    a: Military trucks have delivered 1.2 million gallons of fuel to the shelters.
"""


@pytest.fixture(scope="module")
def costs(tmp_path_factory):
    from linter.api import Linter

    root = tmp_path_factory.mktemp("costs")
    (root / "costs.yaml").write_text(COSTS, encoding="utf-8")
    return Linter.open([str(root)])


@pytest.mark.parametrize("name", ["d.md", "d.txt"])
def test_a_note_number_after_a_figure_and_a_full_stop_is_not_a_figure(costs, name):
    money = "The relief operation has cost the federal government {}.{} The state pays the rest.\n"
    pct = "Relief spending by the federal government rose {}.{} The state pays the rest.\n"
    for note in ("2", "12"):
        assert figures(costs, name, money.format("$1B", note)) == []
        assert figures(costs, name, pct.format("3.5%", note)) == []
        got = figures(costs, name, money.format("$2B", note))
        assert [f.rule for f in got] == ["figure-mismatch"] and "$2B" in got[0].message
        got = figures(costs, name, pct.format("4.5%", note))
        assert [f.rule for f in got] == ["figure-mismatch"] and "4.5%" in got[0].message


@pytest.mark.parametrize("name", ["d.md", "d.txt"])
def test_decimals_stay_figures(costs, name):
    # "$1.2B", "1.2 million" and "3.5%" are figures, and so is a decimal after a full stop
    assert "figure-mismatch" in rules(costs, name, "The relief operation has cost the federal government $1.2B so far.\n")
    assert figures(costs, name, "Military trucks have delivered 1.2 million gallons of fuel to the shelters.\n") == []
    assert "figure-mismatch" in rules(costs, name, "Military trucks have delivered 1.3 million gallons of fuel to the shelters.\n")
    assert "figure-mismatch" in rules(costs, name, "Relief spending by the federal government rose 3.6% in October.\n")
    assert figures(costs, name, "Relief spending by the federal government rose 3.5% in October.\n") == []
