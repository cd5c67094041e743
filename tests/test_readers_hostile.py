"""Hostile draft input, round three (issue 23): text the readers dropped or misread.

The corpus is the example one (corpus/): the approved figure is "about 1,200 service
members are supporting relief operations" (hurricane_relief).  A draft that says 1,300
must get figure-mismatch; one that says 1,200 must get nothing about the figure.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.drafts import parse

REPO = Path(__file__).resolve().parents[1]
RIGHT = "About 1,200 service members are supporting relief operations in the affected counties."
WRONG = "About 1,300 service members are supporting relief operations in the affected counties."


@pytest.fixture(scope="module")
def linter():
    from linter.api import Linter

    return Linter.open([str(REPO / "corpus")])


def rules(linter, name, text):
    return [f.rule for f in linter.check_draft(parse(name, text)).findings]


def prose(name, text):
    return " | ".join(s.text for s in parse(name, text).sentences)


# -- 1. Markdown: deep nesting and combining marks ----------------------------------------
NESTED = [
    ("quote 20 deep", "> " * 20 + WRONG + "\n"),
    ("quote 30 deep", "> " * 30 + WRONG + "\n"),
    ("list 24 deep", "".join("  " * i + "- level\n" for i in range(23)) + "  " * 23 + "- " + WRONG + "\n"),
]


@pytest.mark.parametrize("label,text", NESTED, ids=[n[0] for n in NESTED])
def test_deeply_nested_markdown_is_read(linter, label, text):
    assert "1,300" in prose("d.md", text)
    assert "figure-mismatch" in rules(linter, "d.md", text)


@pytest.mark.parametrize("mark", ["\u0301", "\u0308", "\u20dd"])
def test_a_combining_mark_inside_a_figure_does_not_cut_it_short(linter, mark):
    wrong = WRONG.replace("1,300", "1" + mark + ",300")
    assert "figure-mismatch" in rules(linter, "d.md", wrong + "\n")
    assert "figure-mismatch" in rules(linter, "d.txt", wrong + "\n")
    right = RIGHT.replace("1,200", "1,2" + mark + "00")
    assert "figure-mismatch" not in rules(linter, "d.md", right + "\n")


# -- 3. a sentence over 5,000 characters ------------------------------------------------------
def test_a_very_long_sentence_has_its_figures_checked(linter):
    filler = ", ".join(f"the crews of county road {i} worked on" for i in range(200))
    wrong = WRONG[:-1] + ", and " + filler + " through the night.\n"
    assert len(wrong) > 5000
    got = linter.check_draft(parse("d.txt", wrong))
    assert "figure-mismatch" in [f.rule for f in got.findings]
    assert got.claims == 1
    right = RIGHT[:-1] + ", and " + filler + " through the night.\n"
    assert "figure-mismatch" not in rules(linter, "d.txt", right)
    late = filler + ", and about 1,300 service members are supporting relief operations.\n"
    assert len(late) > 5000
    assert "figure-mismatch" in rules(linter, "d.txt", late)


# -- 4. struck text is deleted text ------------------------------------------------------------
def test_struck_figure_is_not_checked_but_its_replacement_is(linter):
    right = "About ~~1,300~~ 1,200 service members are supporting relief operations in the affected counties.\n"
    assert "1,300" not in prose("d.md", right)
    assert rules(linter, "d.md", right) == []
    wrong = "About ~~1,200~~ 1,300 service members are supporting relief operations in the affected counties.\n"
    assert "figure-mismatch" in rules(linter, "d.md", wrong)
