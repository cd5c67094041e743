"""Nothing escapes: a wrong figure is found however the sentence is written or formatted,
and the right figure written the same way passes.

Every row below is a sentence of ours against the example corpus (``corpus/``), whose
approved lines say "Last year's Foreign Military Sales budget of $1B ..." and "... 91 of
122 high-value targets".  ``{fig}`` is filled with a wrong and with the approved figure.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.drafts import parse
from linter.rulepack import load_rules

REPO = Path(__file__).resolve().parents[1]
BUDGET = "Last year's Foreign Military Sales budget of {fig} shows that Mexico sees us as its partner of choice"
TARGETS = "Information we share has helped Mexico take down {fig} high-value targets"
WRONG, RIGHT = "$1.5B", "$1B"
SOFT, ZWSP, LRM, BOM, WJ, NBSP = "\u00ad", "\u200b", "\u200e", "\ufeff", "\u2060", "\u00a0"


@pytest.fixture(scope="module")
def engine():
    return Engine(load_corpus([REPO / "corpus"]), load_rules(), cache=False)


def rules(engine, name, text):
    return [f.rule for f in engine.check(parse(name, text)) if f.severity in ("error", "warning")]


# (name, draft template with {s}: the sentence) -- forms of ending and punctuation
ENDINGS = [
    ("full stop", "{s}."),
    ("no full stop", "{s}"),
    ("ellipsis character", "{s}\u2026"),
    ("emoji", "{s} \U0001F389"),
    ("emoji glued", "{s}\U0001F1FA\U0001F1F8."),
    ("closing guillemet", "\u00ab{s}\u00bb"),
    ("trailing dash", "{s} \u2014"),
    ("bracket footnote", "{s}.[1]"),
    ("caret footnote", "{s}[^2]."),
    ("superscript footnote", "{s}.\u00b9"),
    ("asterisk footnote", "{s}.*"),
    ("dagger footnote", "{s}\u2020."),
    ("zero-width space at end", "{s}." + ZWSP),
    ("LRM at end", "{s}" + LRM),
    ("BOM at start", BOM + "{s}."),
    ("word joiner", "{s}" + WJ + "."),
    ("second sentence follows", "{s}.[3] We are proud of that."),
    ("lost superscript", "{s} today.2 We are proud of that."),
]


@pytest.mark.parametrize("name,form", ENDINGS, ids=[e[0] for e in ENDINGS])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_endings_and_invisible_characters(engine, name, form, suffix):
    wrong = form.format(s=BUDGET.format(fig=WRONG))
    right = form.format(s=BUDGET.format(fig=RIGHT))
    assert "figure-mismatch" in rules(engine, "d" + suffix, wrong), wrong
    assert rules(engine, "d" + suffix, right) == [], right


# Invisible and compatibility characters inside the figure itself.
INSIDE = [
    ("zero-width space", "$1" + ZWSP + ".5B", "$1" + ZWSP + "B"),
    ("soft hyphen", "$1.5" + SOFT + "B", "$1" + SOFT + "B"),
    ("no-break space", "$1.5" + NBSP + "billion", "$1" + NBSP + "billion"),
    ("full-width digits", "$\uff11.\uff15B", "$\uff11B"),
    ("Arabic-Indic digits", "$\u0661.\u0665B", "$\u0661B"),
    ("entity for the dollar", "&#36;1.5B", "&#36;1B"),
    ("hex entity", "&#x24;1.5 billion", "&#x24;1 billion"),
]


@pytest.mark.parametrize("name,wrong,right", INSIDE, ids=[i[0] for i in INSIDE])
def test_characters_inside_the_figure(engine, name, wrong, right):
    assert "figure-mismatch" in rules(engine, "d.md", BUDGET.format(fig=wrong) + "."), name
    assert rules(engine, "d.md", BUDGET.format(fig=right) + ".") == [], name


# Markdown structure and inline markup.  {f} is the figure.
MARKDOWN = [
    ("bullet without full stop", "Remarks\n\n- " + BUDGET.replace("{fig}", "{f}") + "\n"),
    ("nested list", "- Our partners\n  - in North America\n    - " + BUDGET.replace("{fig}", "{f}") + "\n"),
    ("heading", "# " + BUDGET.replace("{fig}", "{f}") + "\n"),
    ("block quote over two lines",
     "> Last year's Foreign Military Sales budget of {f}\n> shows that Mexico sees us as its partner of choice.\n"),
    ("link on the figure", BUDGET.replace("{fig}", "[{f}](https://example.org/fms)") + ".\n"),
    ("link elsewhere", BUDGET.replace("{fig}", "{f}").replace("Mexico", "[Mexico](https://example.org)") + ".\n"),
    ("reference link", BUDGET.replace("{fig}", "[{f}][fms]") + ".\n\n[fms]: https://example.org/fms\n"),
    ("autolink", BUDGET.replace("{fig}", "{f}") + " <https://example.org/fms>.\n"),
    ("bare URL", BUDGET.replace("{fig}", "{f}") + " (see https://example.org/fms).\n"),
    ("bold figure", BUDGET.replace("{fig}", "**{f}**") + ".\n"),
    ("emphasis elsewhere", BUDGET.replace("{fig}", "{f}").replace("partner", "_partner_") + ".\n"),
    ("inline b tag", BUDGET.replace("{fig}", "<b>{f}</b>") + ".\n"),
    ("sup note", BUDGET.replace("{fig}", "{f}") + "<sup>1</sup>.\n"),
    ("br inside", BUDGET.replace("{fig}", "{f}").replace(" shows", "<br>shows") + ".\n"),
    ("HTML comment inside", BUDGET.replace("{fig}", "{f}<!-- checked -->") + ".\n"),
    ("no-break space entity", BUDGET.replace("{fig}", "{f}").replace("Military Sales", "Military&nbsp;Sales") + ".\n"),
    ("table row", "| Item | Figure |\n|---|---|\n| Foreign Military Sales budget last year | {f} |\n"),
    ("HTML block", "<div>\n" + BUDGET.replace("{fig}", "{f}") + ".\n</div>\n"),
]


@pytest.mark.parametrize("name,template", MARKDOWN, ids=[m[0] for m in MARKDOWN])
def test_markdown_structure_and_inline_markup(engine, name, template):
    assert "figure-mismatch" in rules(engine, "d.md", template.replace("{f}", WRONG)), name
    assert rules(engine, "d.md", template.replace("{f}", RIGHT)) == [], name


def test_rhetorical_question_states_a_figure(engine):
    q = "Did you know that last year's Foreign Military Sales budget of {f} shows Mexico sees us as its partner of choice?"
    assert "figure-mismatch" in rules(engine, "d.txt", q.format(f=WRONG))
    assert rules(engine, "d.txt", q.format(f=RIGHT)) == []


# Figure formats people write.
FORMATS = [
    ("slash ratio", TARGETS, "95/122", "91/122"),
    ("out of", TARGETS, "95 out of 122", "91 out of 122"),
    ("words", TARGETS, "ninety-five of 122", "ninety-one of 122"),
    ("and a half", BUDGET, "one and a half billion dollars", "one billion dollars"),
    ("a billion and a half", BUDGET, "a billion and a half dollars", "a billion dollars"),
    ("point", BUDGET, "one point five billion dollars", "one point zero billion dollars"),
    ("in parentheses", BUDGET.replace(" of {fig}", " ({fig})"), "$1.5 billion", "$1 billion"),
]


@pytest.mark.parametrize("name,template,wrong,right", FORMATS, ids=[f[0] for f in FORMATS])
def test_figure_formats(engine, name, template, wrong, right):
    assert "figure-mismatch" in rules(engine, "d.txt", template.format(fig=wrong) + "."), name
    assert rules(engine, "d.txt", template.format(fig=right) + ".") == [], name


def test_one_point_five_is_not_five(engine):
    from linter.analysis.pipeline import vocabulary

    finder = vocabulary(load_rules()).finder
    (fig,) = finder.find("one point five billion dollars")
    assert fig.value == (1.5e9,)


def test_word_table_row_and_superscript_note(engine, tmp_path):
    import docx

    from linter.drafts import read_draft

    for fig, expect in ((WRONG, ["figure-mismatch", "figure-mismatch"]), (RIGHT, [])):
        path = tmp_path / f"d{len(fig)}.docx"
        doc = docx.Document()
        p = doc.add_paragraph(BUDGET.format(fig=fig) + ".")
        p.add_run("2").font.superscript = True
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Foreign Military Sales budget last year"
        table.cell(0, 1).text = fig
        doc.save(str(path))
        draft = read_draft(str(path))
        found = [f for f in engine.check(draft) if f.severity != "info"]
        assert [f.rule for f in found] == expect
        assert [f.line for f in found] == ([1, 3] if expect else [])


def test_titles_are_not_claims_but_a_headline_with_a_verb_is_judged(engine):
    assert rules(engine, "d.txt", "Remarks to the Border Security Forum") == []
    assert rules(engine, "d.txt", "Mexico and the U.S. Army Will Open a Joint Training Center in Monterrey") == [
        "unsupported-claim"]


# ---- property: decoration never removes a finding -------------------------------------
PLAIN = "Our partner of choice had a Foreign Military Sales budget of $1.5B last year, and we are proud of it."
FORMAT_CHARS = [ZWSP, SOFT, LRM, "\u200f", BOM, WJ, "\u200c", "\u200d", "\u202a", "\u2066", "\ufe0f"]
NOTES = ["[1]", "[^1]", "\u00b9", "\u00b2\u00b3", "*", "\u2020", "\u2021", "<sup>4</sup>"]
MARKUP = [("**", "**"), ("_", "_"), ("*", "*"), ("[", "](https://example.org/x)"), ("<b>", "</b>"),
          ("<em>", "</em>"), ("[", "][r]")]


@st.composite
def decorated(draw):
    text = PLAIN
    words = text.split(" ")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["format", "markup", "note"]))
        k = draw(st.integers(0, len(words) - 1))
        if kind == "format":
            w = words[k]
            cut = draw(st.integers(0, len(w)))
            words[k] = w[:cut] + draw(st.sampled_from(FORMAT_CHARS)) + w[cut:]
        elif kind == "markup":
            a, b = draw(st.sampled_from(MARKUP))
            w = words[k]
            tail = len(w) - len(w.rstrip(".,"))
            words[k] = a + w[:len(w) - tail] + b + w[len(w) - tail:]
        else:
            words[-1] = words[-1] + draw(st.sampled_from(NOTES))
    return " ".join(words) + "\n\n[r]: https://example.org/r\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decorated())
def test_decoration_never_removes_a_finding(engine, text):
    plain = set(rules(engine, "d.md", PLAIN))
    assert "figure-mismatch" in plain
    got = set(rules(engine, "d.md", text))
    assert plain <= got, (text, plain, got)


def test_contact_lines_release_dates_and_datelines_hold_no_claimed_figures(engine):
    for line in ("Media contact: Dana Ortiz, Public Affairs, 555-201-4477",
                 "Tuesday, September 29, 2026",
                 "By Dana Ortiz September 29, 2026"):
        assert rules(engine, "d.txt", line) == [], line
    dateline = "MONTERREY, Oct. 9, 2026 (Wire) -- Last year's Foreign Military Sales budget of {f} shows that Mexico sees us as its partner of choice."
    assert rules(engine, "d.txt", dateline.format(f=RIGHT)) == []
    assert "figure-mismatch" in rules(engine, "d.txt", dateline.format(f=WRONG))
