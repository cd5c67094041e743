"""Markdown parts that were never read (issue 23): image alt text and titles, link titles,
inline code and the prose values of YAML front matter are read as prose, so a wrong figure
there is judged; URLs and fenced code stay out; front matter that cannot be read and text
nested past the parser's limit are named in a notice."""
from __future__ import annotations

import pytest

from linter.drafts import parse
from linter.drafts.markdown import MAX_NESTING

from test_readers_hostile import RIGHT, WRONG, linter, rules  # noqa: F401  (a fixture)

# each form holds the sentence given; the figure in it must be judged
FORMS = {
    "image alt": "Photo: ![{}](photo.jpg)\n",
    "image title": "Photo: ![A photo](photo.jpg \"{}\")\n",
    "link title": "See [the release](https://example.mil/r \"{}\").\n",
    "inline code": "Quote this line: `{}`\n",
    "front matter title": "---\ntitle: \"{}\"\ndate: 2026-10-01\n---\n\nRemarks follow.\n",
    "front matter description": "---\nlayout: post\ndescription: {}\n---\n\nRemarks follow.\n",
}


def figures(linter, text):
    return [f for f in linter.check_draft(parse("d.md", text)).findings
            if f.rule in ("figure-mismatch", "unvetted-figure", "background-only")]


@pytest.mark.parametrize("form", list(FORMS))
def test_a_wrong_figure_in_a_markdown_part_is_judged(linter, form):
    wrong = FORMS[form].format(WRONG)
    got = figures(linter, wrong)
    assert [f.rule for f in got] == ["figure-mismatch"] and "1,300" in got[0].message, got
    # the finding points at the figure where it is written
    f = got[0]
    assert wrong[f.start:f.end].replace(",", "").find("1300") >= 0 or "1,300" in wrong[f.start:f.end], \
        wrong[f.start:f.end]
    assert figures(linter, FORMS[form].format(RIGHT)) == []


def test_urls_and_fenced_code_stay_out(linter):
    text = ("Read [the release](https://example.mil/1300 \"Release\").\n\n```\n" + WRONG + "\n```\n\n"
            "    " + WRONG + "\n")
    assert figures(linter, text) == []


def test_front_matter_that_cannot_be_read_is_named():
    bad = parse("d.md", "---\ntitle: [About 1,300\n---\n\nRemarks.\n")
    assert any("front matter is not valid YAML" in n and "not checked" in n for n in bad.notices), bad.notices
    toml = parse("d.md", "+++\ntitle = \"About 1,300\"\n+++\n\nRemarks.\n")
    assert any("front matter in TOML" in n for n in toml.notices), toml.notices
    fine = parse("d.md", "---\ntitle: Remarks\ntags: [a, b]\n---\n\nRemarks.\n")
    assert fine.notices == ()
    assert [u.text.text for u in fine.units] == ["Remarks", "Remarks."]


def test_text_nested_past_the_limit_is_named():
    deep = parse("d.md", ">" * (MAX_NESTING + 20) + " " + WRONG + "\n\nShallow prose.\n")
    assert any(f"deeper than {MAX_NESTING} levels" in n for n in deep.notices), deep.notices
    shallow = parse("d.md", ">" * 30 + " " + WRONG + "\n\nShallow prose.\n")
    assert not any("deeper than" in n for n in shallow.notices)
