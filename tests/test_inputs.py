"""Draft readers: Markdown prose segments point into the original file; Word drafts."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import inputs
from linter.drafts import read_draft
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

<div>raw html $3B</div>

<!--
block comment $1B
-->
"""


def prose(text, segments):
    return "".join(text[s.start:s.end] for s in segments)


def test_markdown_excludes_code_urls_html_front_matter():
    draft = inputs.parse("d.md", MD, Path("d.md"))
    got = prose(MD, draft.segments)
    for word in ("Remarks on", "today", "Our budget is large", "the page", "for more",
                 "List item one has", "inside.", "Quoted prose here."):
        assert word in got
    for excluded in ("$9B", "title", "$4B", "$5B", "$6B", "$8B", "$2B", "$7B", "$3B", "$1B",
                     "https", "example", "<div>", "`", "#", "- "):
        assert excluded not in got, excluded
    # every segment is an exact slice of the original text
    for seg in draft.segments:
        assert 0 <= seg.start < seg.end <= len(MD)


def test_markdown_segment_offsets_point_into_original_file():
    draft = inputs.parse("d.md", MD, Path("d.md"))
    starts = line_starts(MD)
    first = {MD[s.start:s.end].strip(): position(starts, s.start) for s in draft.segments}
    assert first["Remarks on"] == (4, 3)
    assert first["Quoted prose here."] == (17, 3)
    item = next(s for s in draft.segments if MD[s.start:s.end].startswith("List item"))
    assert position(starts, item.start) == (15, 3)


def test_wrapped_paragraph_stays_one_segment():
    text = "Intro.\n\nA sentence that\n  wraps over two lines.\n"
    draft = inputs.parse("w.markdown", text, None)
    assert [text[s.start:s.end] for s in draft.segments] == ["Intro.", "A sentence that\n  wraps over two lines."]


def test_plain_text_is_all_prose_except_directive_lines():
    assert inputs.parse("a.txt", "One. Two.\n", Path("a.txt")).segments is None
    text = "One.\nmsglint-disable-next-line term\nTwo.\n"
    segs = inputs.parse("a.txt", text, Path("a.txt")).segments
    assert "msglint" not in prose(text, segs)
    assert "One." in prose(text, segs) and "Two." in prose(text, segs)


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


def test_docx_paragraphs_joined_with_blank_lines(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    draft = inputs.read_docx(path)
    assert draft.text == "Remarks\n\nWe share information with Mexico.\n\n\n\nThank you."
    starts = line_starts(draft.text)
    # paragraph k (1-based) is report line 2k - 1, column = character in the paragraph
    assert [position(starts, s.start) for s in draft.segments] == [(1, 1), (3, 1), (7, 1)]


def test_docx_leaves_out_deleted_text_and_comments(tmp_path):
    path = tmp_path / "tracked.docx"
    _docx(path, deleted="The budget was $9B.", comment="Reviewer says $5B")
    draft = inputs.read_docx(path)
    assert "$9B" not in draft.text and "$5B" not in draft.text
    assert "We share information with Mexico. Inserted words." in draft.text


def test_docx_routed_through_parse(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    assert inputs.parse(str(path), "", path).text.startswith("Remarks")


def test_non_zip_docx_is_one_line_error(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("just text, not a zip", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        inputs.read_docx(path)
    msg = str(exc.value)
    assert "\n" not in msg and str(path) in msg and "not a Word .docx" in msg


def test_zip_without_document_is_rejected(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="no word/document.xml"):
        inputs.read_docx(path)


def test_zip_bomb_refused_before_opening(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "0" * 200_000)
    monkeypatch.setattr(inputs, "DOCX_MAX_UNCOMPRESSED", 100_000)
    with pytest.raises(InputError, match="unpack"):
        inputs.read_docx(path)


def test_docx_over_max_bytes(tmp_path):
    path = tmp_path / "speech.docx"
    _docx(path)
    with pytest.raises(InputError, match="limit"):
        inputs.read_docx(path, max_bytes=10)
