"""Claim-hood is decided clause by clause, from the parse and WordNet's lexicographer files.

A sentence is "not a claim" only when none of its clauses asserts anything; a frame
("Let me be clear:", "I cannot stress enough that", "as we announced last week,", "...,
officials said") is not judged itself, and what it carries is.  The corpus is an invented
harbour-dredging document (tests/fixtures/claimhood/harbor.txt); every sentence below is
our own.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import linter
from linter.analysis import claims as C
from linter.analysis.pipeline import analyse_texts
from linter.checks.engine import Engine
from linter.rulepack import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "claimhood"
PROBLEMS = {"figure-mismatch", "unvetted-figure", "contradiction", "unsupported-claim",
            "background-only", "dropped-hedge"}


@pytest.fixture(scope="module")
def pack():
    return load_rules()


@pytest.fixture(scope="module")
def engine(pack):
    corpus = linter.load_corpus([str(FIXTURES)])
    return Engine(corpus, pack, as_of=dt.date(2026, 12, 1), cache=False)


def problems(engine, text):
    return [f.rule for f in engine.check(text, "draft.txt") if f.rule in PROBLEMS]


def analysed(pack, text):
    return analyse_texts([text], pack)[0]


# Non-claims by class: the sentence is not judged, and the class is its reason.
NONCLAIMS = [
    ("Our prayers go with the crews' families tonight.", C.FEELING),
    ("Our thoughts are with everyone who works on the water.", C.FEELING),
    ("We could not be prouder of our volunteers.", C.FEELING),
    ("We are grateful to the state for its support.", C.FEELING),
    ("We are deeply saddened by this news.", C.FEELING),
    ("Thank you all for coming this morning.", C.PERFORMATIVE),
    ("I want to welcome the mayor and the members of the council.", C.PERFORMATIVE),
    ("We apologise to the boat owners for the noise.", C.PERFORMATIVE),
    ("We will share more as we learn it.", C.UPDATES),
    ("More details will be released when they are available.", C.UPDATES),
    ("The company declined to comment.", C.NO_COMMENT),
    ("The contractor did not respond to a request for comment.", C.NO_COMMENT),
    ("Officials would not say whether the harbor will close.", C.NO_COMMENT),
    ("Several boat owners have asked whether the work is worth it.", C.NO_COMMENT),
    ("I urge you to make your voice heard.", C.REQUEST),
    ("Please call ahead.", C.REQUEST),
    ("That is a fair question.", C.META),
    ("Before I take questions, a word on the schedule.", C.ASIDE),
]


@pytest.mark.parametrize("sentence,reason", NONCLAIMS)
def test_nonclaim_class(pack, engine, sentence, reason):
    an = analysed(pack, sentence)
    assert an.nonclaim == reason, [(sentence[cl.start:cl.end], cl.nonclaim) for cl in an.clauses]
    assert problems(engine, sentence) == []


# A frame is not judged; the claim it carries is, and a wrong one is flagged.
FRAMED_WRONG = [
    ("Let me be clear: the harbor will close to all traffic next year.", "contradiction"),
    ("I'll be straight with you: the harbor will close.", "contradiction"),
    ("I cannot stress enough that the project costs $9 million.", "figure-mismatch"),
    ("As we announced last week, twelve jobs will be cut.", "contradiction"),
    ("Thanks to our partners, the harbor will close during construction.", "unsupported-claim"),
    ("The harbor has not hired any divers, despite many questions.", "unsupported-claim"),
    ("The work is done by Harbor Logistics, thank you.", "unsupported-claim"),
]


@pytest.mark.parametrize("sentence,rule", FRAMED_WRONG)
def test_framed_wrong_claim_is_flagged(engine, sentence, rule):
    assert problems(engine, sentence)[:1] == [rule]


FRAMED_FAITHFUL = [
    "Let me be clear: the harbor will remain open to commercial traffic during dredging.",
    "As we announced last week, dredging will begin on March 3, 2027.",
    "I cannot stress enough that no jobs will be cut at the port.",
    "Thanks to the state, the project costs $4.2 million.",
    "The work is done by Coastline Marine, thank you.",
]


@pytest.mark.parametrize("sentence", FRAMED_FAITHFUL)
def test_framed_faithful_claim_passes(engine, sentence):
    assert problems(engine, sentence) == []


@pytest.mark.parametrize("sentence", [s for s, _ in FRAMED_WRONG[:4]] + FRAMED_FAITHFUL[:3])
def test_a_framed_sentence_is_a_claim(pack, sentence):
    an = analysed(pack, sentence)
    assert an.nonclaim is None
    assert any(cl.nonclaim == C.FRAME for cl in an.clauses)
    assert any(cl.nonclaim is None for cl in an.clauses)


def test_a_nonclaim_keeps_its_figures_checked(engine):
    assert problems(engine, "We are grateful to the state for its $9 million.") == ["figure-mismatch"]
    assert problems(engine, "Thank you for your patience during the 10 weeks of dredging.")[:1] in (
        ["figure-mismatch"], ["unvetted-figure"])


def test_emphasis_is_not_a_negation(pack):
    an = analysed(pack, "I cannot stress enough that the harbor will remain open.")
    assert not any(cl.negations for cl in an.clauses)


def test_a_negated_frame_is_not_split(pack):
    """"We did not say that the harbor will close" does not assert that it will."""
    an = analysed(pack, "We did not say that the harbor will close.")
    assert not any(cl.nonclaim == C.FRAME for cl in an.clauses)


def test_a_frame_inside_the_claim_is_not_cut_out(pack):
    an = analysed(pack, "The harbor, as we said, will remain open.")
    assert len(an.clauses) == 1 and an.clauses[0].nonclaim is None


def test_a_past_act_is_a_claim(pack):
    """"We thanked the crews" reports an act; it is not the act of thanking."""
    assert analysed(pack, "We thanked the crews at a ceremony on Friday.").nonclaim is None


def test_a_definite_promise_is_a_commitment(pack):
    assert analysed(pack, "We will publish the final report on the dredging.").nonclaim is None


def test_a_frame_hedge_reaches_what_it_carries(pack):
    an = analysed(pack, "Officials estimate that the work will last six weeks.")
    carried = [cl for cl in an.clauses if cl.nonclaim is None]
    assert carried and all(cl.hedged() for cl in carried)


CONTACT_LINES = [
    "Media contact: Dana Ortiz, 555-0142.",
    "For more information, call the harbor office at (555) 201-3344.",
    "Please call the project hotline at 1-555-201-3344 with any questions.",
]


@pytest.mark.parametrize("sentence", CONTACT_LINES)
def test_a_telephone_number_in_a_contact_line_is_not_a_figure(engine, sentence):
    assert problems(engine, sentence) == []


def test_a_figure_beside_a_telephone_number_is_still_checked(engine):
    assert problems(engine, "Call 555-201-3344 about the $9 million project.")[:1] == ["figure-mismatch"]


def test_explain_names_each_clause_that_was_not_judged(engine):
    v = engine.explain("Let me be clear: the harbor will close to all traffic next year.")[0]
    assert v.verdict == "contradicted"
    assert v.unjudged == (("Let me be clear:", C.FRAME),)


def test_explain_never_calls_an_unjudged_sentence_supported(engine):
    """No clause has enough content to be judged: the verdict says so, not "supported"."""
    v = engine.explain("An appointment is required, so please call ahead.")[0]
    assert v.verdict == "not a claim"
    assert [why for _, why in v.unjudged][-1] == C.REQUEST


def test_explain_json_lists_the_parts_not_judged(tmp_path):
    import json
    import subprocess
    import sys

    draft = tmp_path / "draft.txt"
    draft.write_text("I cannot stress enough that no jobs will be cut at the port.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "linter", "explain", "--no-cache", "--corpus", str(FIXTURES),
                          "--format", "json", str(draft)], capture_output=True, text=True, check=True)
    sent = json.loads(out.stdout)["sentences"][0]
    assert sent["verdict"] == "supported"
    assert sent["not_judged"] == [{"text": "I cannot stress enough", "reason": C.FRAME}]
