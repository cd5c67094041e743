"""Each claim check fires on the drift it names and stays quiet on faithful paraphrases.

The corpus is a small invented one in tests/fixtures/checks (a library renovation and a
garage closure); the tables read as specifications: sentence -> the rule that must win.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import linter
from linter.checks.engine import Engine
from linter.rulepack import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
PROBLEMS = {"figure-mismatch", "unvetted-figure", "contradiction", "unsupported-claim",
            "background-only", "dropped-hedge", "expired-line"}


@pytest.fixture(scope="module")
def engine():
    corpus = linter.load_corpus([str(FIXTURES)])
    return Engine(corpus, load_rules(), as_of=dt.date(2026, 11, 28), cache=False)


def problems(engine, text):
    return [f for f in engine.check(text, "draft.txt") if f.rule in PROBLEMS]


FIRES = [
    # figure-mismatch: same thing, another value (dates, money, counts, times, percent)
    ("The Elmwood Central Library is scheduled to reopen on March 13, 2027.", "figure-mismatch"),
    ("The renovation budget is $81 million, funded by the 2024 bond measure.", "figure-mismatch"),
    ("All 64 staff members will work at other branches until the building reopens.", "figure-mismatch"),
    ("The Oak Street branch will stay open until 8 PM on weekdays during the renovation.", "figure-mismatch"),
    ("The city estimates the new heating system will cut energy costs by about 40 percent.", "figure-mismatch"),
    # unvetted-figure: a figure no approved line gives
    ("The new building will hold 120,000 books.", "unvetted-figure"),
    # background-only: only Background says it
    ("Furniture will cost about $2.3 million.", "background-only"),
    ("The city council is considering a second bond measure.", "background-only"),
    # contradiction: negation flip and antonym
    ("Some library employees will be laid off during the renovation.", "contradiction"),
    ("Story time is mandatory for every family.", "contradiction"),
    # contradiction through a negating verb's complement
    ("Some staff members will be laid off during the renovation.", "contradiction"),
    # unsupported-claim: a new commitment, and a new second clause
    ("The library will also offer free parking to every visitor.", "unsupported-claim"),
    ("The children's room will remain open on the second floor, and it will get a new aquarium donated by a local business.",
     "unsupported-claim"),
    # dropped-hedge: the attribution and "preliminary" are gone
    ("The lower deck shows signs of corrosion that affect its load capacity.", "dropped-hedge"),
]

PASSES = [
    # verbatim, paraphrase, reordering, other number formats
    "The renovation budget is $18 million, funded by the 2024 bond measure.",
    "The 2024 bond measure pays for the $18M renovation budget.",
    "Elmwood Central Library is set to reopen on March 3.",
    "All forty-six staff members will work at other branches until the library reopens.",
    "No library employee will be laid off during the renovation.",
    "The children's room is not closing and will double in size.",
    "Story time is voluntary and free for every family.",
    "According to the preliminary engineering inspection, the lower deck shows corrosion that could affect its load capacity.",
    # the same negation written another way, and a bound consistent with the approved value
    "None of the library employees will be laid off during the renovation.",
    "More than 45 staff members will work at other branches until the building reopens.",
    # no claim at all
    "Good evening, and thank you all for coming.",
    "What happens next?",
    "Let me turn to the schedule.",
    "Many residents have asked whether the garage will close.",
    "Some of you have asked about parking, and that is a reasonable question.",
    "Elmwood Library Update",
]


@pytest.mark.parametrize("sentence,rule", FIRES)
def test_rule_fires(engine, sentence, rule):
    found = problems(engine, sentence)
    assert [f.rule for f in found] == [rule], [(f.rule, f.message) for f in found]


@pytest.mark.parametrize("sentence", PASSES)
def test_faithful_sentence_passes(engine, sentence):
    found = problems(engine, sentence)
    assert found == [], [(f.rule, f.message) for f in found]


def test_figure_mismatch_names_both_values_and_points_at_the_figure(engine):
    text = "Thanks for coming.\nThe renovation budget is $81 million, funded by the 2024 bond measure."
    (f,) = problems(engine, text)
    assert f.message == "draft says $81 million; approved line says $18 million"
    assert text[f.start:f.end] == "$81 million"
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 26, 2, 37)
    assert f.evidence[0].line == 20 and f.evidence[0].path.endswith("qr_library.txt")
    assert "$18 million" in f.suggestion


def test_one_finding_per_sentence_most_specific_wins(engine):
    # a changed figure inside an otherwise unsupported sentence is still one finding
    found = problems(engine, "The renovation budget is $81 million, funded by the 2024 bond measure.")
    assert len(found) == 1 and found[0].rule == "figure-mismatch"


def test_expired_line(engine):
    corpus = linter.load_corpus([str(FIXTURES)])
    late = Engine(corpus, load_rules(), as_of=dt.date(2028, 1, 1), cache=False)
    found = problems(late, "No library employee will be laid off during the renovation.")
    assert [f.rule for f in found] == ["expired-line"]


def test_off_posture_is_info_once_per_document(engine):
    text = ("According to the preliminary engineering inspection, the lower deck shows signs of corrosion. "
            "The garage will stay closed until repairs are complete.")
    infos = [f for f in engine.check(text, "d.txt") if f.rule == "off-posture"]
    assert len(infos) == 1 and infos[0].severity == "info"


def test_output_is_deterministic(engine):
    text = (FIXTURES / "qr_library.txt").read_text()
    assert engine.check(text, "x") == engine.check(text, "x")


def test_public_api_matches_engine():
    corpus = linter.load_corpus([str(FIXTURES)])
    found = linter.check_text("The renovation budget is $81 million.", corpus, cache=False)
    assert [f.rule for f in found] == ["figure-mismatch"]
