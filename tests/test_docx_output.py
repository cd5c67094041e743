"""`msglint check --format docx`: a reviewed copy of the draft with the findings as Word comments."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from linter.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = str(ROOT / "corpus")

HEDGE = "The Mexican Army played no part in the killings of the 43 student teachers in Iguala."
PLEDGE = ("Next year we will open ", "a joint training center", " with the Mexican Army in Monterrey.")
BUDGET = "Last year's Foreign Military Sales budget of $1.5 billion shows that Mexico sees us as its partner of choice."
AFTER = " We look forward to it."


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def go(*args):
        return CliRunner().invoke(cli, ["check", "--corpus", CORPUS, *map(str, args)])

    return go


def speech(path: Path) -> Path:
    """A Word draft: a flagged sentence in the middle of a run, one spanning three runs of
    different formatting, and a changed figure."""
    doc = docx.Document()
    doc.add_heading("Remarks", level=1)
    doc.add_paragraph(f"Good morning, and thank you all for being here today. {HEDGE} Thank you.")
    p = doc.add_paragraph()
    p.add_run(PLEDGE[0])
    p.add_run(PLEDGE[1]).bold = True
    p.add_run(PLEDGE[2] + AFTER).italic = True
    doc.add_paragraph(BUDGET)
    doc.save(str(path))
    return path


def comments(path: Path) -> list[dict]:
    """Each comment of the document at ``path``: author, initials, text, and the document
    text inside its range (the runs between its range start and end)."""
    doc = docx.Document(str(path))
    inside: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in doc.element.body.iter():
        cid = el.get(qn("w:id"))
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(cid)
            inside.setdefault(cid, [])
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(cid)
        elif el.tag == qn("w:t"):
            for i in open_ids:
                inside[i].append(el.text or "")
    return [{"author": c.author, "initials": c.initials, "text": c.text,
             "anchor": "".join(inside[str(c.comment_id)])} for c in doc.comments]


def expected(run, draft: Path) -> list[tuple[str, str]]:
    """(rule, flagged text) of every finding, from the JSON report of the same run."""
    report = json.loads(run("--format", "json", draft).stdout)
    lines = [p.text for p in docx.Document(str(draft)).paragraphs] if draft.suffix == ".docx" else None
    out = []
    for f in report["files"][0]["findings"]:
        assert f["line"] == f["end_line"]
        line = lines[f["line"] - 1] if lines else draft.read_text().split("\n")[f["line"] - 1]
        out.append((f["rule"], line[f["column"] - 1:f["end_column"] - 1]))
    return out


def findings_of(found: list[dict]) -> list[dict]:
    """The comments on findings (the others, headed "not judged", are on parts not judged)."""
    return [c for c in found if not c["text"].startswith("not judged\n")]


def not_judged(run, draft: Path) -> list[str]:
    """The text of every part not judged as a claim, from the JSON report of the same run."""
    report = json.loads(run("--format", "json", draft).stdout)
    return [u["text"] for u in report["files"][0]["not_judged"]]


def test_one_comment_per_finding_anchored_on_its_text(run, tmp_path):
    draft = speech(tmp_path / "speech.docx")
    before = draft.read_bytes()
    res = run("--format", "docx", "-o", tmp_path / "reviewed.docx", draft)
    assert res.exit_code == 1, res.output
    assert draft.read_bytes() == before  # the original is never written to
    found = findings_of(comments(tmp_path / "reviewed.docx"))
    want = expected(run, draft)
    assert len(found) == len(want) >= 3
    assert [(c["text"].split("\n")[0].split("[")[1].rstrip("]"), c["anchor"]) for c in found] == want
    anchors = {c["anchor"] for c in found}
    assert HEDGE in anchors  # starts and ends inside one run
    assert "".join(PLEDGE) in anchors  # spans three runs
    assert "$1.5 billion" in anchors  # a changed figure: the figure itself
    assert all(c["author"] == "msglint" and c["initials"] == "ML" for c in found)
    assert "wrote" in res.stderr and f"{len(want)} comment(s)" in res.stderr


def test_comment_says_rule_message_evidence_and_suggestion(run, tmp_path):
    draft = speech(tmp_path / "speech.docx")
    run("--format", "docx", "-o", tmp_path / "reviewed.docx", draft)
    (budget,) = [c for c in comments(tmp_path / "reviewed.docx") if c["anchor"] == "$1.5 billion"]
    head, message, evidence, suggestion = budget["text"].split("\n")
    assert head == "error [figure-mismatch]"
    assert message == "draft says $1.5 billion; approved line says $1B"
    assert evidence.startswith("approved line (mexico_mil_to_mil, ")
    assert "mexico_mil_to_mil.txt:37)" in evidence and "$1B shows that Mexico" in evidence
    assert suggestion.startswith("suggestion: ") and "budget of $1B" in suggestion


def test_split_runs_keep_their_formatting(run, tmp_path):
    draft = speech(tmp_path / "speech.docx")
    run("--format", "docx", "-o", tmp_path / "reviewed.docx", draft)
    doc = docx.Document(str(tmp_path / "reviewed.docx"))
    paras = doc.paragraphs
    # the text of every paragraph is unchanged
    assert [p.text for p in paras] == [p.text for p in docx.Document(str(draft)).paragraphs]
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in paras[2].runs if r.text]
    assert runs == [(PLEDGE[0], False, False), (PLEDGE[1], True, False),
                    (PLEDGE[2], False, True), (AFTER, False, True)]
    # the sentence in the middle of a run is a run of its own, its neighbours kept (the
    # greeting and the thanks are runs of their own too: each has a "not judged" comment)
    assert [r.text for r in paras[1].runs if r.text] == [
        "Good morning, and thank you all for being here today.", " ", HEDGE, " ", "Thank you."]


@pytest.mark.parametrize("kind", ["docx", "md"])
def test_same_input_gives_the_same_file(run, tmp_path, kind):
    if kind == "docx":
        draft = speech(tmp_path / "speech.docx")
    else:
        draft = tmp_path / "speech.md"
        draft.write_text(f"# Remarks\n\n{HEDGE} {BUDGET}\n")
    run("--format", "docx", "-o", tmp_path / "one.docx", draft)
    run("--format", "docx", "-o", tmp_path / "two.docx", draft)
    assert len(comments(tmp_path / "one.docx")) >= 2
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


def test_tracked_changes_links_and_earlier_comments(run, tmp_path):
    """A figure typed as a tracked insertion, a sentence that starts inside a hyperlink, and
    a reviewer's comment already in the draft, which stays."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    draft = tmp_path / "tracked.docx"
    doc = docx.Document()
    p = doc.add_paragraph("Last year's Foreign Military Sales budget of ")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>$1B</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t xml:space="preserve">'
                          '$1.5 billion shows</w:t></w:r></w:ins>'))
    p.add_run(" that Mexico sees us as its partner of choice.")
    q = doc.add_paragraph()
    q._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve">Thanks. '
                          f'{PLEDGE[0]}{PLEDGE[1]}</w:t></w:r></w:hyperlink>'))
    q.add_run(PLEDGE[2])
    doc.add_comment(q.runs, text="Check with the embassy.", author="reviewer", initials="RV")
    doc.save(str(draft))
    run("--format", "docx", "-o", tmp_path / "reviewed.docx", draft)
    found = comments(tmp_path / "reviewed.docx")
    assert found[0]["author"] == "reviewer" and found[0]["text"] == "Check with the embassy."
    ours = [c["anchor"] for c in found[1:]]
    assert "$1.5 billion" in ours and "".join(PLEDGE) in ours
    assert [c["author"] for c in found[1:]] == ["msglint"] * len(ours)


@pytest.mark.parametrize("spelling", ["same", "dotted", "link"])
def test_output_over_the_input_is_refused(run, tmp_path, spelling):
    draft = speech(tmp_path / "speech.docx")
    before = draft.read_bytes()
    target = {"same": draft, "dotted": tmp_path / "." / "speech.docx", "link": tmp_path / "alias.docx"}[spelling]
    if spelling == "link":
        target.symlink_to(draft)
    res = run("--format", "docx", "-o", target, draft)
    assert res.exit_code == 2
    assert "overwrite a draft" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert draft.read_bytes() == before


def test_docx_needs_an_output_file(run, tmp_path):
    draft = speech(tmp_path / "speech.docx")
    res = run("--format", "docx", draft)
    assert res.exit_code == 2
    assert "-o" in res.stderr and res.stdout == ""


def test_markdown_and_text_drafts_become_reviewed_word_files(run, tmp_path):
    md = tmp_path / "remarks.md"
    md.write_text(f"# Remarks\n\nGood morning.\n\n- {BUDGET}\n\n{HEDGE}\n")
    txt = tmp_path / "remarks.txt"
    txt.write_text(f"Good morning.\n\n{HEDGE} Thank you.\n")
    for draft in (md, txt):
        out = tmp_path / f"{draft.suffix[1:]}.docx"
        res = run("--format", "docx", "-o", out, draft)
        assert res.exit_code == 1, res.output
        found = comments(out)
        assert [(c["text"].split("\n")[0].split("[")[1].rstrip("]"), c["anchor"]) for c in findings_of(found)] == \
            expected(run, draft)
        # every part not judged as a claim has its comment, over its own text
        assert [c["anchor"] for c in found if c not in findings_of(found)] == not_judged(run, draft) != []
        assert HEDGE in {c["anchor"] for c in found}
    doc = docx.Document(str(tmp_path / "md.docx"))
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Heading 1", "Remarks"), ("Normal", "Good morning."), ("List Bullet", BUDGET), ("Normal", HEDGE)]
    assert [p.text for p in docx.Document(str(tmp_path / "txt.docx")).paragraphs] == [
        "Good morning.", f"{HEDGE} Thank you."]


def test_a_draft_without_findings_gives_a_copy_whose_only_comments_say_what_was_not_judged(run, tmp_path):
    draft = tmp_path / "thanks.docx"
    doc = docx.Document()
    doc.add_paragraph("Good morning, and thank you all for being here today.")
    doc.save(str(draft))
    res = run("--format", "docx", "-o", tmp_path / "reviewed.docx", draft)
    assert res.exit_code == 0, res.output
    assert "no findings" in res.stderr and "1 on parts not judged as claims" in res.stderr
    out = docx.Document(str(tmp_path / "reviewed.docx"))
    (only,) = comments(tmp_path / "reviewed.docx")
    assert only["anchor"] == "Good morning, and thank you all for being here today."
    assert only["text"].startswith("not judged\nThis sentence was read but not judged as a claim (")
    assert [p.text for p in out.paragraphs] == ["Good morning, and thank you all for being here today."]


def test_several_drafts_go_into_a_folder(run, tmp_path):
    one = speech(tmp_path / "one.docx")
    two = tmp_path / "two.md"
    two.write_text(HEDGE + "\n")
    res = run("--format", "docx", "-o", tmp_path / "reviewed.docx", one, two)
    assert res.exit_code == 2 and "existing folder" in res.stderr
    (tmp_path / "out").mkdir()
    res = run("--format", "docx", "-o", tmp_path / "out", one, two)
    assert res.exit_code == 1, res.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.reviewed.docx", "two.reviewed.docx"]
    assert [c["anchor"] for c in comments(tmp_path / "out" / "two.reviewed.docx")] == [HEDGE]


def test_two_drafts_with_one_name_are_refused(run, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "speech.md").write_text(HEDGE + "\n")
    (tmp_path / "b" / "speech.txt").write_text(HEDGE + "\n")
    res = run("--format", "docx", "-o", tmp_path, tmp_path / "a" / "speech.md", tmp_path / "b" / "speech.txt")
    assert res.exit_code == 2 and "speech.reviewed.docx" in res.stderr
    assert not (tmp_path / "speech.reviewed.docx").exists()


def test_bad_input_and_unwritable_output_are_one_line_errors(run, tmp_path):
    bad = tmp_path / "broken.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    res = run("--format", "docx", "-o", tmp_path / "reviewed.docx", bad)
    assert res.exit_code == 2 and "broken.docx" in res.stderr and "Traceback" not in res.output
    assert len(res.stderr.strip().splitlines()) == 1
    draft = speech(tmp_path / "speech.docx")
    res = run("--format", "docx", "-o", tmp_path / "missing" / "reviewed.docx", draft)
    assert res.exit_code == 2 and "cannot write" in res.stderr and "reviewed.docx" in res.stderr
    assert "Traceback" not in res.output


def test_a_finding_across_paragraphs_is_one_comment_over_both(tmp_path):
    """A table row is one sentence made of several cell paragraphs."""
    from linter.drafts.word import read_docx
    from linter.model import Finding
    from linter.report.word import reviewed_bytes

    path = tmp_path / "row.docx"
    doc = docx.Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Foreign Military Sales budget last year"
    table.cell(0, 1).text = "$1.5 billion"
    doc.save(str(path))
    draft = read_docx(path)
    a, b = draft.text.index("Sales"), draft.text.index(" billion")
    finding = Finding("unsupported-claim", "warning", "not approved", draft.path, a, b, 1, 1, 2, 1)
    (tmp_path / "out.docx").write_bytes(reviewed_bytes(draft, str(path), [finding]))
    (only,) = comments(tmp_path / "out.docx")
    assert only["anchor"] == "Sales budget last year$1.5"


def test_word_reader_does_not_read_tab_stops_as_text(tmp_path):
    from docx.shared import Inches

    from linter.drafts.word import read_docx

    path = tmp_path / "tabs.docx"
    doc = docx.Document()
    p = doc.add_paragraph("Tab\tstops.")
    p.paragraph_format.tab_stops.add_tab_stop(Inches(1))
    doc.save(str(path))
    assert read_docx(path).text == "Tab\tstops."


def test_standard_input_into_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["check", "--corpus", CORPUS, "--format", "docx", "-o", str(tmp_path), "-"],
                             input=HEDGE + "\n")
    assert res.exit_code == 1, res.output
    assert [c["anchor"] for c in comments(tmp_path / "stdin.reviewed.docx")] == [HEDGE]
