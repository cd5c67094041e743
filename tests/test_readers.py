"""Corpus readers: quick-response text and YAML documents, with exact provenance."""
from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from linter.corpus import load_corpus, load_document_file
from linter.corpus.export import document_to_yaml, documents_to_yaml
from linter.corpus.quickresponse import parse_posture, parse_quick_response
from linter.corpus.yamldoc import parse_yaml_documents
from linter.errors import InputError
from linter.model import APPROVED, BACKGROUND, QUESTION

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_92d617bef0c7af66.txt"


def _doc(name: str):
    docs = load_document_file(FIXTURES / name)
    assert len(docs) == 1
    return docs[0]


def _texts(lines):
    return [line.display for line in lines]


def _raw_at(path: Path, line) -> str:
    """The file text between a SourceLine's start and exclusive end positions."""
    rows = path.read_text(encoding="utf-8").split("\n")
    if line.line == line.end_line:
        return rows[line.line - 1][line.column - 1:line.end_column - 1]
    parts = [rows[line.line - 1][line.column - 1:]]
    parts += rows[line.line:line.end_line - 1]
    parts.append(rows[line.end_line - 1][:line.end_column - 1])
    return "\n".join(parts)


# -- quick-response text --------------------------------------------------------------------

def test_preamble_title_dates_and_posture_inside_background():
    doc = _doc("wrapped.txt")
    assert doc.title == "CITY LIBRARY RENOVATION"
    assert doc.line == 6
    assert doc.approved == date(2026, 5, 1)
    assert doc.expires == date(2027, 5, 1)
    assert doc.posture == "active"
    everything = _texts(doc.background) + _texts(doc.approved_lines)
    assert not any("spokespeople" in t or "Use them with care" in t for t in everything)
    assert not any("posture" in t for t in everything)


def test_hard_wraps_and_blank_lines_inside_a_background_paragraph():
    doc = _doc("wrapped.txt")
    assert _texts(doc.background) == [
        "The contractor has asked for a six-month extension, which the board has not approved.",
        "The roof leak was found during an inspection in March.",
    ]
    first = doc.background[0]
    assert (first.kind, first.line, first.column, first.end_line, first.end_column) == (
        BACKGROUND, 8, 13, 11, 10)
    assert first.qa_index is None


def test_answers_keep_exact_positions_through_wraps_and_blank_lines():
    doc = _doc("wrapped.txt")
    assert _texts(doc.qa[0].answers) == [
        "The library is expected to reopen in the spring of 2027.",
        "Temporary service continues at the community center.",
    ]
    first = doc.qa[0].answers[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (17, 5, 19, 16)
    assert "\n\n" in first.text  # the blank line inside the sentence is kept in the raw text
    for line in doc.approved_lines + doc.background:
        assert _raw_at(FIXTURES / "wrapped.txt", line) == line.text
        assert line.kind in (APPROVED, BACKGROUND)
    assert all(line.kind == APPROVED and line.qa_index is not None for line in doc.approved_lines)
    assert doc.qa[1].question == "How much will it cost?"  # normalised, not the raw text
    assert doc.qa[2].answers[1].norm == "All library staff will keep their positions during the work."


def test_question_spanning_lines_is_a_question_line():
    doc = _doc("wrapped.txt")
    q = doc.qa[0].question_line
    assert q.kind == QUESTION
    assert doc.qa[0].question == "When will the library reopen?"
    assert (q.line, q.end_line) == (14, 15)


def test_question_without_answer_is_tolerated_and_noted():
    doc = _doc("wrapped.txt")
    assert [len(qa.answers) for qa in doc.qa] == [2, 0, 2]
    assert doc.notes == ("line 21: Q: with no A:",)


def test_missing_background():
    doc = _doc("no_background.txt")
    assert doc.title == "HARBOR BRIDGE CLOSURE"
    assert doc.background == ()
    assert doc.posture == "unknown"
    assert len(doc.qa) == 2
    assert doc.approved_lines[1].line == 7


def test_several_documents_in_one_file():
    docs = load_document_file(FIXTURES / "multi.txt")
    assert [d.id for d in docs] == ["multi", "multi#2", "multi#3"]
    assert [d.title for d in docs] == ["PARK TRAIL REPAIRS", "PARK FEES FOR 2027", "DOG PARK HOURS"]
    assert [d.posture for d in docs] == ["rtq", "active", "unknown"]
    assert [d.line for d in docs] == [3, 15, 24]
    # The second document's preamble is not part of the first document's answer.
    assert _texts(docs[0].approved_lines) == [
        "Four trails in the north section are closed while crews clear fallen trees."]
    assert _texts(docs[1].approved_lines)[-1] == "Any proposal will be open for public comment."
    assert _texts(docs[2].approved_lines) == ["The dog park is open from 6 a.m. to 9 p.m. every day."]
    assert all(line.doc_id == d.id for d in docs for line in d.approved_lines + d.background)


def test_crlf_and_bom_give_the_same_positions(tmp_path):
    original = (FIXTURES / "wrapped.txt").read_bytes()
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(codecs.BOM_UTF8 + original.replace(b"\n", b"\r\n"))
    a = load_document_file(FIXTURES / "wrapped.txt")[0]
    b = load_document_file(crlf)[0]
    key = lambda d: [(x.norm, x.line, x.column, x.end_line, x.end_column)
                     for x in d.approved_lines + d.background]
    assert key(a) == key(b)
    assert b.id == "crlf" and b.posture == "active"


def test_curly_quotes_are_normalised_but_text_kept(tmp_path):
    p = tmp_path / "q.txt"
    p.write_text("TOPIC\n\nQ: Why?\nA: The mayor\u2019s office said \u201cyes.\u201d Then we left.\n",
                 encoding="utf-8")
    lines = load_document_file(p)[0].approved_lines
    assert lines[0].text == "The mayor\u2019s office said \u201cyes.\u201d"
    assert lines[0].norm == 'The mayor\'s office said "yes."'


@pytest.mark.parametrize("sentence,expected", [
    ("PA posture is RTQ.", "rtq"),
    ("PA posture is active.", "active"),
    ("Public affairs posture: RTQ", "rtq"),
    ("Posture: respond to query only.", "rtq"),
    ("PA posture is proactive.", "active"),
    ("PA posture is to be decided.", "unknown"),
    ("Our force posture is strong.", None),
])
def test_posture_variants(sentence, expected):
    assert parse_posture(sentence) == expected


def test_no_qa_is_an_error(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("JUST A TITLE\n\nSome text without questions.\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_document_file(p)
    assert str(exc.value).startswith(str(p))
    assert "Q:/A:" in str(exc.value)


def test_bad_date_line_is_an_error_with_line(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Expires: soon\nTOPIC\nQ: x?\nA: Yes.\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_document_file(p)
    assert exc.value.line == 1 and "YYYY-MM-DD" in str(exc.value)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed document not present")
def test_seed_document():
    doc = load_document_file(SEED)[0]
    assert doc.title == "MEXICAN MILITARY AND HUMAN RIGHTS"
    assert doc.posture == "rtq" and len(doc.qa) == 5
    starts = {line.display[:22]: line.line for line in doc.approved_lines}
    assert starts["Of those eight soldier"] == 22
    assert all(line.text == _raw_at(SEED, line) for line in doc.approved_lines)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed document not present")
def test_seed_twice_in_one_file_keeps_the_preamble_out_of_answers(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    p = tmp_path / "two.txt"
    p.write_text(text + "\n\n" + text, encoding="utf-8")
    one, two = load_document_file(p)
    assert len(one.approved_lines) == len(two.approved_lines)
    assert not any("Quick Responses" in line.text for line in one.approved_lines)
    assert two.posture == "rtq" and len(two.qa) == 5


# -- YAML ----------------------------------------------------------------------------------

def test_yaml_document_fields_and_block_scalar_positions():
    doc = _doc("library.yaml")
    assert (doc.title, doc.posture, doc.expires) == ("Library renovation", "rtq", date(2027, 1, 31))
    assert _texts(doc.approved_lines) == [
        "The library is expected to reopen in the spring of 2027.",
        "Temporary service continues.",
        "The city pays for the work.",
    ]
    a = doc.approved_lines[0]
    assert (a.line, a.column, a.end_line) == (9, 7, 10)
    assert doc.approved_lines[1].line == 10
    assert doc.approved_lines[2].line == 12
    for line in doc.approved_lines:
        assert _raw_at(FIXTURES / "library.yaml", line) == line.text
    assert [(f.name, f.value, f.line) for f in doc.figures] == [("reopening year", "2027", 15)]


def test_yaml_list_and_documents_forms(tmp_path):
    one = "topic: T{n}\nresponses:\n  - q: Q?\n    a: Answer {n}.\n"
    p = tmp_path / "list.yaml"
    p.write_text("- " + one.format(n=1).replace("\n", "\n  ").rstrip() + "\n- "
                 + one.format(n=2).replace("\n", "\n  ").rstrip() + "\n", encoding="utf-8")
    assert [d.id for d in load_document_file(p)] == ["list", "list#2"]
    q = tmp_path / "docs.yml"
    q.write_text("documents:\n  - topic: A\n    responses: [{q: x, a: Yes.}]\n", encoding="utf-8")
    assert load_document_file(q)[0].approved_lines[0].text == "Yes."


def _yaml_error(tmp_path, text: str, name: str = "bad.yaml") -> InputError:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_document_file(p)
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith(str(p))
    return exc.value


def test_yaml_malformed_reports_line(tmp_path):
    err = _yaml_error(tmp_path, "topic: x\nresponses:\n  - q: a\n    a: [unclosed\n\n")
    assert "malformed YAML" in err.message and err.line is not None and err.line >= 4


def test_yaml_unknown_key_names_allowed_keys(tmp_path):
    err = _yaml_error(tmp_path, "topic: x\ntopik: y\nresponses:\n  - a: Yes.\n")
    assert err.line == 2 and "'topik'" in err.message and "allowed keys" in err.message
    assert "responses" in err.message


def test_yaml_missing_responses(tmp_path):
    err = _yaml_error(tmp_path, "topic: x\nposture: rtq\n")
    assert "responses" in err.message


def test_yaml_empty_responses_and_bad_posture(tmp_path):
    assert "non-empty" in _yaml_error(tmp_path, "topic: x\nresponses: []\n").message
    err = _yaml_error(tmp_path, "topic: x\nposture: loud\nresponses:\n  - a: Yes.\n", "p.yaml")
    assert err.line == 2


def test_yaml_alias_bomb_is_refused(tmp_path):
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        rows.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    err = _yaml_error(tmp_path, "\n".join(rows) + "\ntopic: x\nresponses: [{a: Yes.}]\n")
    assert "aliases" in err.message


def test_yaml_python_tag_is_refused(tmp_path):
    err = _yaml_error(tmp_path, "topic: !!python/object/apply:os.system ['echo hi']\n"
                                "responses: [{a: Yes.}]\n")
    assert err.line == 1 and "python/object" in err.message


def test_posture_sentence_in_yaml_background_sets_posture(tmp_path):
    p = tmp_path / "bg.yaml"
    p.write_text("topic: x\nbackground: Some context.  PA posture is RTQ.\nresponses: [{a: Yes.}]\n",
                 encoding="utf-8")
    doc = load_document_file(p)[0]
    assert doc.posture == "rtq" and _texts(doc.background) == ["Some context."]


# -- files and folders -------------------------------------------------------------------

def test_non_utf8_bytes(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("TOPIC\nQ: x?\nA: Caf\u00e9.\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_corpus(p)
    assert exc.value.line == 3 and "UTF-8" in exc.value.message


def test_binary_file(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(InputError) as exc:
        load_corpus(tmp_path)
    assert "binary" in exc.value.message and exc.value.path.endswith("blob.txt")


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError) as exc:
        load_corpus(tmp_path / "nope")
    assert "no such file" in exc.value.message
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text("TOPIC\nQ: x?\nA: Yes.\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_corpus(empty)
    assert "no corpus documents" in exc.value.message
    with pytest.raises(InputError):
        load_corpus([])


def test_folder_walk_is_sorted_recursive_and_survives_symlink_loops(tmp_path):
    root = tmp_path / "c"
    (root / "sub").mkdir(parents=True)
    (root / "b.txt").write_text("B TOPIC\nQ: x?\nA: Bee.\n", encoding="utf-8")
    (root / "sub" / "a.yaml").write_text("topic: A\nresponses: [{a: Aye.}]\n", encoding="utf-8")
    (root / "sub" / "b.md").write_text("OTHER B\nQ: y?\nA: Other bee.\n", encoding="utf-8")
    (root / "ignored.json").write_text("{}", encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    corpus = load_corpus(root)
    assert [d.id for d in corpus.documents] == ["b", "a", "sub/b"]
    assert corpus.content_hash.startswith("sha256:")
    assert load_corpus([root / "sub", root / "b.txt"]).content_hash != corpus.content_hash
    assert load_corpus(root).content_hash == corpus.content_hash


def test_example_corpus_loads():
    corpus = load_corpus(REPO / "corpus")
    assert len(corpus.documents) >= 3
    by_id = {d.id: d for d in corpus.documents}
    assert by_id["mexico_mil_to_mil"].posture == "rtq"
    assert by_id["hurricane_relief"].expires.year == 2027 and by_id["hurricane_relief"].figures
    assert any(d.approved and d.expires and d.path.endswith(".txt") for d in corpus.documents)


# -- export round trip -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["wrapped.txt", "multi.txt", "no_background.txt", "library.yaml"])
def test_yaml_export_round_trip(name):
    docs = load_document_file(FIXTURES / name)
    text = documents_to_yaml(docs)
    back = parse_yaml_documents(text, "out.yaml", Path(name).stem)
    assert [[l.norm for l in d.approved_lines] for d in back] == \
        [[l.norm for l in d.approved_lines] for d in docs]
    assert [[l.norm for l in d.background] for d in back] == \
        [[l.norm for l in d.background] for d in docs]
    assert [(d.title, d.posture, d.approved, d.expires) for d in back] == \
        [(d.title, d.posture, d.approved, d.expires) for d in docs]


def test_single_document_export_is_yaml_text():
    doc = _doc("wrapped.txt")
    text = document_to_yaml(doc)
    assert text.startswith("# Imported by msglint")
    assert "# note: line 21: Q: with no A:" in text


def test_quick_response_parser_direct():
    docs = parse_quick_response("TITLE\nQ: a?\nA: b.\n", "x.txt", "x")
    assert docs[0].approved_lines[0].path == "x.txt"
