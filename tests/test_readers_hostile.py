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


# -- 2. Word: headers, footers, footnotes, endnotes, text boxes ---------------------------------
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES_XML = (f'<w:{{kind}}s xmlns:w="{W}">'
             '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
             '<w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
             '</w:{kind}s>')


def _docx(tmp_path, where, sentence):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("The relief effort goes on.")
    sec = d.sections[0]
    if where == "header":
        sec.header.paragraphs[0].text = sentence
    elif where == "footer":
        sec.footer.paragraphs[0].text = sentence
    elif where == "first-page header":
        sec.different_first_page_header_footer = True
        sec.first_page_header.paragraphs[0].text = sentence
    elif where == "even-page footer":
        sec.even_page_footer.paragraphs[0].text = sentence
    elif where in ("footnote", "endnote"):
        xml = NOTES_XML.replace("{{kind}}", where).format(kind=where, text=sentence)
        ct = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{where}s+xml"
        part = Part(PackURI(f"/word/{where}s.xml"), ct, xml.encode(), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES if where == "footnote" else RT.ENDNOTES)
    elif where in ("text box", "vml text box"):
        p = d.add_paragraph("See the box.")
        if where == "text box":
            box = (f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
                   ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                   '<mc:AlternateContent><mc:Choice Requires="wps"><wps:txbx><w:txbxContent>'
                   f'<w:p><w:r><w:t>{sentence}</w:t></w:r></w:p></w:txbxContent></wps:txbx></mc:Choice>'
                   '<mc:Fallback><w:pict><w:txbxContent>'
                   f'<w:p><w:r><w:t>{sentence}</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
                   '</mc:AlternateContent></w:r>')
        else:
            box = (f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
                   f'<v:textbox><w:txbxContent><w:p><w:r><w:t>{sentence}</w:t></w:r></w:p>'
                   '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
        p._p.append(parse_xml(box))
    path = tmp_path / f"{where.replace(' ', '_')}.docx"
    d.save(path)
    return str(path)


PLACES = ["header", "footer", "first-page header", "even-page footer", "footnote", "endnote",
          "text box", "vml text box"]


@pytest.mark.parametrize("where", PLACES)
def test_word_text_outside_the_body_is_read(linter, tmp_path, where):
    from linter.drafts import read_draft

    wrong = read_draft(_docx(tmp_path, where, WRONG))
    said = [s.text for s in wrong.sentences]
    assert said.count(WRONG) == 1, said  # read, and read once (not the Fallback copy too)
    got = linter.check_draft(wrong)
    assert "figure-mismatch" in [f.rule for f in got.findings]
    f = next(f for f in got.findings if f.rule == "figure-mismatch")
    line = wrong.text.split("\n")[f.line - 1]
    assert "1,300" in line  # the position points at the line that says it
    right = linter.check_draft(read_draft(_docx(tmp_path, where, RIGHT)))
    assert "figure-mismatch" not in [f.rule for f in right.findings]


@pytest.mark.parametrize("where", ["header", "footnote", "text box"])
def test_word_review_copy_comments_on_a_finding_outside_the_body(linter, tmp_path, where):
    import io

    import docx

    from linter.drafts import read_draft
    from linter.report.word import reviewed_bytes

    src = _docx(tmp_path, where, WRONG)
    draft = read_draft(src)
    found = [f for f in linter.check_draft(draft).findings if f.rule == "figure-mismatch"]
    out = docx.Document(io.BytesIO(reviewed_bytes(draft, src, found)))
    comments = list(out.comments)
    assert len(comments) == 1 and "1,300" in " ".join(p.text for p in comments[0].paragraphs)
    # anchored where Word shows comments: the body (not a header or a copy of a note)
    from docx.oxml.ns import qn

    assert out.element.body.find(".//" + qn("w:commentReference")) is not None


def test_struck_text_is_named_as_not_checked():
    """Struck text is left unjudged on purpose, so the draft says so (silence means checked)."""
    struck = parse("d.md", "About ~~1,300~~ 1,200 service members are here. The ~~old~~ plan.\n")
    assert any("2 struck-through passage(s)" in n and "not checked" in n for n in struck.notices)
    assert not parse("d.md", "About 1,200 service members are here.\n").notices
