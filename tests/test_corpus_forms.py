"""The corpus as offices write it, and a corpus that checks itself where it matters.

Each documented spelling of a quick response gives the same approved lines; a broken
document is one error and the rest of the corpus is still used; files msglint does not
read are named; approved lines that disagree about one quantity are found across
documents, and a draft figure backed by one of them says so.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli
from linter.corpus import load_corpus
from linter.corpus.quickresponse import parse_quick_response

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

LINE = "The ferry terminal reopened on Monday after repairs."
QUESTION = "Is the ferry terminal open?"

# (name, document text): every form must give QUESTION answered by LINE
FORMS = [
    ("labels", f"FERRY TERMINAL\nBackground: Repairs began in May.\nQ: {QUESTION}\nA: {LINE}\n"),
    ("lower case", f"FERRY TERMINAL\nq: {QUESTION}\na: {LINE}\n"),
    ("words", f"FERRY TERMINAL\nQuestion: {QUESTION}\nAnswer: {LINE}\n"),
    ("numbered", f"FERRY TERMINAL\nQuestion 1: {QUESTION}\nAnswer 1: {LINE}\n"),
    ("bold labels", f"# Ferry terminal\n\n**Q:** {QUESTION}\n\n**A:** {LINE}\n"),
    ("bold words", f"# Ferry terminal\n\n**Question**: {QUESTION}\n\n**Answer**: {LINE}\n"),
    ("heading labels", f"# Ferry terminal\n\n## Background\nRepairs began in May.\n\n"
                       f"### Q: {QUESTION}\n\n### A:\n{LINE}\n"),
    ("listed labels", f"FERRY TERMINAL\n- Q: {QUESTION}\n- A: {LINE}\n"),
]


@pytest.mark.parametrize("name,text", FORMS, ids=[n for n, _ in FORMS])
def test_every_documented_label_form_reads_the_same_pair(name, text):
    (doc,) = parse_quick_response(text, "ferry.md", "ferry")
    assert [(qa.question, [a.text for a in qa.answers]) for qa in doc.qa] == [(QUESTION, [LINE])]


def test_talking_points_are_each_an_approved_line():
    text = ("FERRY TERMINAL\nBackground: Repairs began in May.\n- Crews worked nights.\n"
            "Talking points:\n- The ferry terminal reopened on Monday.\n"
            "- Two crossings an hour run on weekdays.\n  Weekend service resumes in June.\n")
    (doc,) = parse_quick_response(text, "ferry.txt", "ferry")
    assert [[a.text for a in qa.answers] for qa in doc.qa] == [
        ["The ferry terminal reopened on Monday."],
        ["Two crossings an hour run on weekdays.", "Weekend service resumes in June."],
    ]
    # a bullet under Background stays background, as a sentence of its own
    assert [b.text for b in doc.background] == ["Repairs began in May.", "Crews worked nights."]


def test_a_file_of_bullets_under_a_title_is_a_list_of_talking_points():
    (doc,) = parse_quick_response("Ferry terminal\n\n* It reopened on Monday.\n* Fares are unchanged.\n",
                                  "ferry.md", "ferry")
    assert doc.title == "Ferry terminal"
    assert [qa.answers[0].text for qa in doc.qa] == ["It reopened on Monday.", "Fares are unchanged."]


def test_answer_bullets_are_separate_approved_lines():
    (doc,) = parse_quick_response(f"FERRY\nQ: {QUESTION}\nA: Service is back:\n- two crossings an hour\n"
                                  "- no change to fares\n", "f.txt", "f")
    assert [a.text for a in doc.qa[0].answers] == ["Service is back:", "two crossings an hour",
                                                   "no change to fares"]


def test_a_word_quick_response_is_read_like_a_text_one(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Ferry terminal", level=1)
    d.add_paragraph("Background: Repairs began in May. PA posture is RTQ.")
    d.add_paragraph(f"Q: {QUESTION}")
    d.add_paragraph(f"A: {LINE}")
    (tmp_path / "corpus").mkdir()
    d.save(str(tmp_path / "corpus" / "ferry.docx"))
    (doc,) = load_corpus(tmp_path / "corpus").documents
    assert doc.title == "Ferry terminal" and doc.posture == "rtq"
    assert [a.text for a in doc.qa[0].answers] == [LINE]
    assert doc.qa[0].answers[0].line == 4  # paragraph 4 of the Word file


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _run(*args, cwd=None):
    env = dict(os.environ, MSGLINT_CACHE_DIR=str(Path(cwd or ".").resolve() / ".cache"))
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=600)


FERRY = (f"FERRY TERMINAL\nBackground: Repairs began in May. PA posture is active.\n"
         f"Q: {QUESTION}\nA: {LINE} The repairs cost $2.4 million.\n")
BROKEN = "NOTES FOR THE FILE\n\nThis page was saved without any labels at all.\n"


def test_a_broken_document_is_one_error_and_the_rest_of_the_corpus_is_used(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, "ferry.txt", FERRY)
    _write(corpus, "notes.txt", BROKEN)
    draft = _write(tmp_path, "draft.txt", "The repairs cost $4.2 million.\n")
    for _ in range(2):  # the second run is warm: the broken file is reported again
        r = _run("check", "--corpus", corpus, draft, cwd=tmp_path)
        assert r.returncode == 2, r.stdout + r.stderr
        errors = [ln for ln in r.stderr.splitlines() if ln.startswith("msglint: error:")]
        assert len(errors) == 1 and "notes.txt" in errors[0], r.stderr
        assert "Traceback" not in r.stderr
        assert "figure-mismatch" in r.stdout  # judged against the document that was read


def test_files_msglint_does_not_read_are_named_in_one_notice(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, "ferry.txt", FERRY)
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 not text")
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    draft = _write(tmp_path, "draft.txt", f"{LINE}\n")
    r = _run("check", "--corpus", corpus, draft, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    notes = [ln for ln in r.stderr.splitlines() if "not corpus documents" in ln]
    assert len(notes) == 1 and "scan.pdf" in notes[0] and "old.doc" in notes[0], r.stderr


FMS_RIVAL = ("MEXICO FOREIGN MILITARY SALES\nBackground: For the budget hearing. PA posture is RTQ.\n"
             "Q: How large was the Foreign Military Sales budget?\n"
             "A: Mexico's Foreign Military Sales budget last year was $1.2B.\n")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is not next to this checkout")
def test_corpus_check_finds_one_quantity_stated_twice_in_two_documents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    _write(corpus, "fms.txt", FMS_RIVAL)
    r = CliRunner().invoke(cli, ["corpus", "check", str(corpus)])
    assert r.exit_code == 1, r.output
    rows = [ln for ln in r.output.splitlines() if "[conflicting-figures]" in ln]
    assert len(rows) == 1, r.output
    assert "fms.txt:4" in rows[0] and ".txt:53" in rows[0] and "$1B" in rows[0] and "$1.2B" in rows[0]

    # a draft that uses either figure is told the corpus disagrees, with both lines cited
    draft = _write(tmp_path, "draft.txt", "Last year Mexico had a $1.2B Foreign Military Sales budget.\n")
    r = _run("check", "--corpus", corpus, "--format", "json", draft, cwd=tmp_path)
    import json

    found = json.loads(r.stdout)["files"][0]["findings"]
    conflict = [f for f in found if f["rule"] == "figure-conflict"]
    assert len(conflict) == 1, found
    assert {e["path"].rsplit("/", 1)[-1] for e in conflict[0]["evidence"]} == {"fms.txt", next(SEEDS.glob("*.txt")).name}


# two figures of one noun are one quantity only when bound alike (table: conflict or not)
BINDINGS = [
    ("The county replaced 11 miles of pipe in 2025.", "The county maintains about 640 miles of pipe.", False),
    ("About 3,000 volunteers attended the training in 2025.", "In 2025 the program enrolled 12,000 volunteers.", False),
    ("The shelter's budget this year is $4 million.", "This year the shelter has a $5 million budget.", True),
    ("The agency hired four inspectors in March.", "In March the agency hired six new inspectors.", True),
    ("The 2024 budget was $3 million.", "The 2025 budget was $4 million.", False),
]


@pytest.mark.parametrize("one,two,conflict", BINDINGS)
def test_conflicting_figures_need_the_same_quantity(tmp_path, one, two, conflict):
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", f"FIRST TOPIC\nBackground: x. PA posture is RTQ.\nQ: What happened?\nA: {one}\n")
    _write(corpus, "b.txt", f"SECOND TOPIC\nBackground: y. PA posture is RTQ.\nQ: And then?\nA: {two}\n")
    r = CliRunner().invoke(cli, ["corpus", "check", str(corpus)])
    assert ("[conflicting-figures]" in r.output) is conflict, r.output


def test_reworded_contradiction_between_documents(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, "a.txt", "WELL TESTS\nBackground: x. PA posture is RTQ.\nQ: Any contamination?\n"
                            "A: None of the wells was contaminated.\n")
    _write(corpus, "b.txt", "WELL RESULTS\nBackground: y. PA posture is RTQ.\nQ: Results?\n"
                            "A: Some of the wells were contaminated.\n")
    r = CliRunner().invoke(cli, ["corpus", "check", str(corpus)])
    assert r.exit_code == 1 and "[contradiction]" in r.output and "b.txt:4" in r.output, r.output


def test_corpus_commands_default_to_the_configured_corpus(tmp_path):
    corpus = tmp_path / "approved"
    _write(corpus, "ferry.txt", FERRY)
    _write(tmp_path, ".msglint.yaml", "corpus: approved/\n")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for args in (["corpus", "show"], ["corpus", "validate"], ["corpus", "check"]):
            r = CliRunner().invoke(cli, args)
            assert r.exit_code == 0, (args, r.output)
            assert "1 document" in r.output, (args, r.output)
    finally:
        os.chdir(cwd)
    os.chdir(tmp_path.parent)
    try:  # no config above this folder, no paths: a usage error, not a traceback
        r = CliRunner().invoke(cli, ["corpus", "show"])
        assert r.exit_code == 2 and "no corpus given" in r.output
    finally:
        os.chdir(cwd)


def test_corpus_files_are_never_linted_as_drafts(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus, "ferry.txt", FERRY)
    _write(tmp_path, ".msglint.yaml", "corpus: corpus/\n")
    draft = _write(tmp_path, "draft.txt", f"{LINE}\n")
    r = _run("check", "corpus/ferry.txt", "draft.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "belong to the corpus" in r.stderr and "ferry.txt" in r.stderr
    assert "ferry.txt" not in r.stdout and "in 1 file" in r.stdout and draft.exists()
