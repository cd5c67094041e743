"""Property tests for the check engine (hypothesis).

Over random text, random Markdown-ish text and random small corpora:

* no exception escapes ``Engine.check``;
* every finding's ``start``/``end`` lie inside the text, and its ``line``/``column`` (and
  ``end_line``/``end_column``) agree with its offsets;
* checking twice gives identical results;
* findings do not depend on the order the corpus files are given in.

spaCy is loaded once; the engine over the example corpus is built once per module, and the
random-corpus tests build one engine per generated corpus.  Example counts are printed at
the end of the module (run with ``-s`` to see them).
"""
from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st

from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.drafts import parse as parse_draft
from linter.report import Report, render
from linter.rulepack import load_rules
from linter.sentences import line_starts, position

REPO = Path(__file__).parents[1]
CORPUS = REPO / "corpus"

RUNS: Counter = Counter()
FOUND: Counter = Counter()

FAST = settings(deadline=None, max_examples=400, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(deadline=None, max_examples=50, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    print("\nhypothesis examples run:", dict(RUNS), "total", sum(RUNS.values()))
    print("findings seen by rule:", dict(FOUND))


_PACK = None
_ENGINE = None


def pack():
    global _PACK
    if _PACK is None:
        _PACK = load_rules()
    return _PACK


def engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine(load_corpus(CORPUS), pack(), cache=False)
    return _ENGINE


# -- strategies ----------------------------------------------------------------------------

WORDS = ("the military army service members relief operations counties state federal agency "
         "investigation training court custody trial budget partner security cooperation water "
         "testing depot wells residents results helicopters flights aircraft Mexico Texas "
         "officials commanders decision support request").split()
VERBS = ["supports", "received", "charged", "flew", "tested", "found", "leads", "expects",
         "will send", "did not receive", "has not made", "remains", "is not involved in"]
FIGURES = ["8", "eight", "three", "43", "1,200", "about 1,200", "more than 40", "$1B", "$1 billion",
           "$2.3 billion", "24 months", "two years", "91 of 122", "75%", "FY26", "April 8",
           "March 3, 2026", "the end of 2026", "nearly 300", "up to 12", "5 p.m.", "555-123-4567"]
NOUNS = ["service members", "flights", "soldiers", "wells", "residents", "helicopters",
         "counties", "students", "dollars", "months"]
HEDGES = ["", "", "", "We believe ", "According to officials, ", "Reportedly, "]


@st.composite
def sentence(draw):
    subj = draw(st.sampled_from(["The army", "Officials", "The state", "The task force",
                                 "Mexico", "The depot", "Residents"]))
    verb = draw(st.sampled_from(VERBS))
    fig = draw(st.sampled_from(FIGURES))
    noun = draw(st.sampled_from(NOUNS))
    tail = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=5)))
    hedge = draw(st.sampled_from(HEDGES))
    s = f"{hedge}{subj} {verb} {fig} {noun} {tail}".strip()
    return s + draw(st.sampled_from([".", ".", "!", "?", ";", ""]))


random_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)

prose = st.lists(sentence(), min_size=0, max_size=6).map(" ".join)

MD_BITS = ["# ", "## ", "> ", ">> ", "- ", "* ", "1. ", "   ", "\n", "\n\n", "```\n", "`x`",
           "**", "_", "[link](http://example.com/a.b)", "<!-- c -->", "<b>", "---\n", "\t",
           "| a | b |\n", "![img](x.png)", "http://example.com", "\r\n", "\\", "&amp;"]


@st.composite
def markdownish(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(MD_BITS), sentence(), st.text(max_size=10)),
                          max_size=25))
    return "".join(parts)


@st.composite
def small_corpus(draw):
    """2-3 quick-response documents (file name -> text) built from random sentences."""
    n = draw(st.integers(min_value=2, max_value=3))
    files = {}
    for i in range(n):
        posture = draw(st.sampled_from(["RTQ", "active"]))
        title = f"TOPIC {chr(65 + i)} " + " ".join(draw(st.lists(st.sampled_from(WORDS),
                                                                  min_size=1, max_size=3))).upper()
        bg = draw(sentence())
        qas = draw(st.lists(st.tuples(sentence(), st.lists(sentence(), min_size=1, max_size=3)),
                            min_size=1, max_size=3))
        body = [title, f"Background: {bg}  PA posture is {posture}.", ""]
        for q, answers in qas:
            q = q.rstrip(".!;") + "?"
            body += [f"Q: {q}", "A: " + " ".join(a if a[-1:] in ".!?" else a + "." for a in answers), ""]
        files[f"doc{i}_{draw(st.sampled_from(['x', 'y', 'z']))}.txt"] = "\n".join(body) + "\n"
    return files


# -- helpers -------------------------------------------------------------------------------

def check_invariants(text: str, found) -> None:
    starts = line_starts(text)
    for f in found:
        FOUND[f.rule] += 1
        assert 0 <= f.start <= f.end <= len(text), (f.start, f.end, len(text))
        assert (f.line, f.column) == position(starts, f.start), f
        assert (f.end_line, f.end_column) == position(starts, f.end), f
        assert f.severity in ("error", "warning", "info")


def rendered(found, path="draft.md", eng=None) -> str:
    eng = eng or engine()
    report = Report.from_findings([path], found, len(eng.corpus.documents), eng.corpus.content_hash)
    return render(report, "json")


# -- properties ----------------------------------------------------------------------------

@FAST
@given(random_text)
def test_random_text_never_raises_and_positions_agree(text):
    RUNS["random_text"] += 1
    found = engine().check(text, "draft.md")
    check_invariants(text, found)


@FAST
@given(prose)
def test_random_prose_is_stable_across_runs(text):
    RUNS["prose"] += 1
    eng = engine()
    first = eng.check(text, "draft.md")
    check_invariants(text, first)
    second = eng.check(text, "draft.md")
    assert rendered(first) == rendered(second)


@FAST
@given(markdownish())
def test_random_markdown_never_raises_and_positions_agree(text):
    RUNS["markdown"] += 1
    draft = parse_draft("draft.md", text)
    for sent in draft.sentences:
        assert 0 <= sent.start <= sent.end <= len(draft.text)
        assert all(0 <= a < b <= len(draft.text) for a, b in zip(sent.map.starts, sent.map.ends))
    eng = engine()
    found = eng.check(draft)
    check_invariants(draft.text, found)
    again = eng.check(draft)
    assert rendered(found) == rendered(again)


def _write(tmp, files):
    paths = []
    for name, text in files.items():
        p = Path(tmp) / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


@SLOW
@given(small_corpus(), st.lists(sentence(), min_size=1, max_size=5))
def test_random_corpus_never_raises_and_is_deterministic(files, draft_sentences):
    RUNS["corpus"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        eng = Engine(load_corpus(_write(tmp, files)), pack(), cache=False)
        for text in (" ".join(draft_sentences),
                     " ".join(ln.display for ln in eng.corpus.approved_lines)):
            first = eng.check(text, "draft.md")
            check_invariants(text, first)
            assert rendered(first, eng=eng) == rendered(eng.check(text, "draft.md"), eng=eng)


TIE = {  # two documents with the same answer: which one is the evidence?
    "doc0_x.txt": "TOPIC A THE\nBackground: The army supports 8 service members.  PA posture is RTQ.\n\n"
                  "Q: The army supports 8 service members?\nA: The army supports 8 service members.\n\n",
    "doc1_x.txt": "TOPIC B THE\nBackground: The army supports 8 service members.  PA posture is RTQ.\n\n"
                  "Q: The army supports 8 service members?\nA: The army supports 8 service members.\n\n",
}


@settings(SLOW, phases=[Phase.explicit, Phase.generate])
@example(files=TIE, draft_sentences=["The army supports 8 service members."])
@given(small_corpus(), st.lists(sentence(), min_size=1, max_size=5))
def test_random_corpus_findings_independent_of_file_order(files, draft_sentences):
    RUNS["corpus-order"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write(tmp, files)
        forward = Engine(load_corpus(paths), pack(), cache=False)
        backward = Engine(load_corpus(list(reversed(paths))), pack(), cache=False)
        for text in (" ".join(draft_sentences),
                     " ".join(ln.display for ln in forward.corpus.approved_lines)):
            assert rendered(forward.check(text, "draft.md"), eng=forward) == \
                rendered(backward.check(text, "draft.md"), eng=backward)


def test_example_corpus_file_order_does_not_matter():
    files = sorted(CORPUS.glob("*.*"))
    draft = (REPO / "examples" / "draft.md").read_text(encoding="utf-8")
    a = Engine(load_corpus(files), pack(), cache=False)
    b = Engine(load_corpus(list(reversed(files))), pack(), cache=False)
    parsed = parse_draft("draft.md", draft)
    fa = a.check(parsed)
    fb = b.check(parsed)
    assert fa, "the example draft has deliberate drift"
    check_invariants(parsed.text, fa)
    assert rendered(fa, eng=a) == rendered(fb, eng=b)
