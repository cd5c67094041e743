"""A sentence may join what two or three approved lines of one document say: reporting
does, and so does a headline.  The joined lines must each be aligned with the sentence
and together cover it as one line must; a join that adds a fact is still unsupported.
Corpus: tests/fixtures/claimhood/harbor.txt; the sentences are our own."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import linter
from linter.checks.engine import Engine
from linter.rulepack import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "claimhood"


@pytest.fixture(scope="module")
def engine():
    return Engine(linter.load_corpus([str(FIXTURES)]), load_rules(), as_of=dt.date(2026, 12, 1), cache=False)


JOINS = [
    # "The work is done by Coastline Marine, under contract with the city." + "The project
    # costs $4.2 million, paid by the state." in one body sentence
    ("The work by Coastline Marine under contract with the city is paid by the state.", []),
    # the same join, with a fact neither line gives
    ("The work by Coastline Marine under contract with the city is paid by the state and ends next spring.",
     ["unsupported-claim"]),
    ("Coastline Marine, working under contract with the city, will build a new ferry terminal during dredging.",
     ["unsupported-claim"]),
]


@pytest.mark.parametrize("text,want", JOINS)
def test_a_join_of_approved_lines(engine, text, want):
    assert [f.rule for f in engine.check(text, "draft.txt") if f.rule == "unsupported-claim"] == want
