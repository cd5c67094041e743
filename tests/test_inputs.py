"""Draft readers: units of Markdown, plain text and Word drafts, with positions in the file."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.drafts import parse, read_draft
from linter.drafts import word
from linter.errors import InputError
from linter.sentences import line_starts, position

REPO = Path(__file__).resolve().parents[1]

MD = """\
---
title: Budget of $9B
---
# Remarks on `config $4B` today

Our budget is large, see <https://example.mil/$5B> and [the page](https://example.com/$6B "t").
Visit https://www.defense.gov/$8B for more. <!-- a comment with $2B -->

    indented code $5B

```
fenced $7B
```

- List item one has `x = $3B` inside.

> Quoted prose here.

<div>raw html $10B</div>

<!--
block comment $1B
-->
"""


def prose(draft):
    return " | ".join(u.text.text for u in draft.units)


def test_markdown_excludes_code_blocks_urls_html_but_reads_inline_code_and_front_matter_prose():
    draft = parse("d.md", MD)
    got = prose(draft)
    # inline code, a link title and the front matter's title are prose: a figure there is judged
    for word_ in ("Remarks on config $4B today", "Our budget is large", "the page (t)", "for more",
                  "List item one has x = $3B inside.", "Quoted prose here.", "raw html $10B", "Budget of $9B"):
        assert word_ in got
    # the key name, URLs, code blocks and comments are not
    for excluded in ("title", "$5B", "$6B", "$8B", "$2B", "$7B", "$1B",
                     "https", "example", "<div>", "`", "#", "- "):
        assert excluded not in got, excluded
    # every character of every unit comes from the original text
    for unit in draft.units:
        assert all(0 <= a < b <= len(MD) for a, b in zip(unit.text.starts, unit.text.ends))


def test_markdown_unit_offsets_point_into_original_file():
    draft = parse("d.md", MD)
    starts = line_starts(MD)
    first = {u.text.text: position(starts, u.text.starts[0]) for u in draft.units}
    assert first["Remarks on config $4B today"] == (4, 3)
    assert first["Quoted prose here."] == (17, 3)
    item = next(u for u in draft.units if u.text.text.startswith("List item"))
    assert item.kind == "item" and position(starts, item.text.starts[0]) == (15, 3)


def test_wrapped_paragraph_stays_one_unit():
    text = "Intro.\n\nA sentence that\n  wraps over two lines.\n"
    draft = parse("w.markdown", text)
    assert [u.text.text for u in draft.units] == ["Intro.", "A sentence that wraps over two lines."]
    assert [s.text for s in draft.sentences] == ["Intro.", "A sentence that wraps over two lines."]


def test_markup_inside_a_sentence_keeps_it_one_sentence():
    text = ("Mexico had a [**$1.5B**](https://example.org/a \"t\") budget&nbsp;last <sup>2</sup>"
            "<br>year, per the [report][r]<!-- note -->.\n\n[r]: https://example.org/r\n")
    draft = parse("d.md", text)
    # the link's title is read too, in parentheses after the link text
    assert [s.text for s in draft.sentences] == ["Mexico had a $1.5B (t) budget last year, per the report."]
    sent = draft.sentences[0]
    k = sent.text.index("$1.5B")
    a, b = sent.span(k, k + 5)
    assert text[a:b] == "$1.5B"


def test_block_quote_over_two_lines_and_nested_lists_are_units():
    text = "> The budget was\n> $1.5B last year.\n\n- one\n  - two deep\n    1. three deeper\n"
    draft = parse("d.md", text)
    assert [(u.kind, u.text.text) for u in draft.units] == [
        ("quote", "The budget was $1.5B last year."), ("item", "one"), ("item", "two deep"),
        ("item", "three deeper")]


def test_table_rows_of_short_cells_are_label_value_units():
    text = "| Item | Figure |\n|---|---|\n| FMS budget last year | $1.5B |\n"
    draft = parse("d.md", text)
    assert [(u.kind, u.text.text) for u in draft.units] == [
        ("row", "Item: Figure"), ("row", "FMS budget last year: $1.5B")]
    row = draft.units[1].text
    k = row.text.index("$")
    assert text[row.starts[k]:row.ends[k + 4]] == "$1.5B"


def test_plain_text_units_lists_titles_and_wrapped_lines():
    text = ("Remarks to the Chamber\nGood morning.\n\nThe budget was large and it\nwas well spent.\n"
            "- first point without a stop\n- second point\n")
    draft = parse("a.txt", text)
    assert [(u.kind, u.text.text) for u in draft.units] == [
        ("paragraph", "Remarks to the Chamber"), ("paragraph", "Good morning."),
        ("paragraph", "The budget was large and it was well spent."),
        ("item", "first point without a stop"), ("item", "second point")]


def test_plain_text_leaves_out_directive_lines():
    text = "One.\nmsglint-disable-next-line term\nTwo.\n"
    got = prose(parse("a.txt", text))
    assert "msglint" not in got
    assert "One." in got and "Two." in got


def test_invisible_characters_and_entities_are_normalised_with_offsets():
    text = "The FMS budget was $1\u200b.5\u00adB and \ufeffsome&#8203; more\u2026"
    draft = parse("a.txt", text)
    sent = draft.sentences[0]
    assert sent.text == "The FMS budget was $1.5B and some more..."
    k = sent.text.index("$")
    a, b = sent.span(k, k + 5)
    assert text[a:b] == "$1\u200b.5\u00adB"


def test_empty_and_markup_only_drafts_say_nothing_was_checked():
    assert parse("a.txt", "  \n\n").notices == ("the draft is empty: nothing was checked",)
    assert parse("a.md", "```\ncode only\n```\n").notices == ("the draft holds no prose: nothing was checked",)


def test_check_reports_markdown_positions_in_the_file(tmp_path):
    from linter.cli.main import cli

    draft = tmp_path / "remarks.md"
    draft.write_text(
        "---\nauthor: someone\n---\n\n# Remarks\n\n"
        "Run `msglint` first.\n\n"
        "Last year's Foreign Military Sales budget of $1.5 billion shows that Mexico sees us "
        "as its partner of choice.\n\n```\nWe spent $9B on snacks.\n```\n",
        encoding="utf-8",
    )
    res = CliRunner().invoke(cli, ["check", "--no-cache", "-c", str(REPO / "corpus"), "--format", "line",
                                   "--fail-on", "never", str(draft)], prog_name="msglint")
    assert res.exit_code == 0, res.output
    assert ":9:46:" in res.output and "figure-mismatch" in res.output
    assert "$9B" not in res.output


# ---- Word -------------------------------------------------------------------------------
def _docx(path: Path, deleted: str = "", comment: str = ""):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    doc.add_heading("Remarks", level=1)
    p = doc.add_paragraph("We share information with Mexico.")
    if deleted:
        p._p.append(parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'))
        p._p.append(parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> Inserted words.</w:t></w:r></w:ins>'))
    doc.add_paragraph("")
    last = doc.add_paragraph("Thank you.")
    if comment:
        doc.add_comment(last.runs, text=comment, author="reviewer")
    doc.save(str(path))


def test_docx_paragraph_k_is_line_k(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    draft = word.read_docx(path)
    assert draft.text == "Remarks\nWe share information with Mexico.\n\nThank you."
    starts = line_starts(draft.text)
    # paragraph k (1-based, empty ones counted) is report line k, column = character in it
    assert [(u.kind, position(starts, u.text.starts[0])) for u in draft.units] == [
        ("heading", (1, 1)), ("paragraph", (2, 1)), ("paragraph", (4, 1))]


def test_docx_table_rows_and_superscript_note_digits(tmp_path):
    import docx

    path = tmp_path / "table.docx"
    doc = docx.Document()
    p = doc.add_paragraph("The budget was $1.5B last year.")
    p.add_run("1").font.superscript = True
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "FMS budget last year"
    table.cell(0, 1).text = "$1.5B"
    doc.save(str(path))
    draft = word.read_docx(path)
    assert [(u.kind, u.text.text) for u in draft.units] == [
        ("paragraph", "The budget was $1.5B last year."), ("row", "FMS budget last year: $1.5B")]
    starts = line_starts(draft.text)
    assert position(starts, draft.units[1].text.starts[-1]) == (3, 5)


def test_docx_leaves_out_deleted_text_and_comments(tmp_path):
    path = tmp_path / "tracked.docx"
    _docx(path, deleted="The budget was $9B.", comment="Reviewer says $5B")
    draft = word.read_docx(path)
    assert "$9B" not in draft.text and "$5B" not in draft.text
    assert "We share information with Mexico. Inserted words." in draft.text


def test_docx_routed_through_parse(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    assert read_draft(str(path)).text.startswith("Remarks")


def test_non_zip_docx_is_one_line_error(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("just text, not a zip", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        word.read_docx(path)
    msg = str(exc.value)
    assert "\n" not in msg and str(path) in msg and "not a Word .docx" in msg


def test_zip_without_document_is_rejected(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="no word/document.xml"):
        word.read_docx(path)


def test_zip_bomb_refused_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "0" * 200_000)
    monkeypatch.setattr(word, "DOCX_MAX_UNCOMPRESSED", 100_000)
    with pytest.raises(InputError, match="unpack"):
        word.read_docx(path)


def test_docx_over_max_bytes(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    with pytest.raises(InputError, match="limit"):
        word.read_docx(path, max_bytes=10)
