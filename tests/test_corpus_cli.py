"""`msglint corpus show / validate / import` through click's CliRunner."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli
from linter.corpus import load_document_file

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def assert_one_line_error(result, path):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("msglint: error: ")
    assert str(path) in errors[0]
    return errors[0]


# -- acceptance ----------------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder not present")
def test_show_json_on_the_seed_corpus():
    result = run("corpus", "show", SEEDS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["hash"].startswith("sha256:")
    assert len(data["documents"]) == 1
    doc = data["documents"][0]
    assert doc["posture"] == "rtq"
    assert len(doc["qa"]) == 5

    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    approved = doc["approved_lines"]
    texts = [line["text"] for line in approved]
    of_those = [line for line in approved if line["text"].startswith("Of those eight soldiers")]
    assert len(of_those) == 1 and of_those[0]["line"] == 22
    assert all(line["qa_index"] in range(5) for line in approved)
    assert sorted({line["qa_index"] for line in approved}) == [0, 1, 2, 3, 4]

    # Every sentence of the five answers is an approved line, in order: the approved lines
    # of each answer put together are exactly that answer's text.
    raw_answers = re.findall(r"(?ms)^ *A: *(.*?)(?=^ *Q:|\Z)", seed)
    assert len(raw_answers) == 5
    for index, raw in enumerate(raw_answers):
        mine = [line["text"] for line in approved if line["qa_index"] == index]
        assert " ".join(mine) == " ".join(raw.split())
    assert [sum(1 for line in approved if line["qa_index"] == i) for i in range(5)] == \
        [6, 3, 8, 10, 9]

    # No background, preamble or question text among approved lines.
    for bad in ("A UN report", "PA posture", "Quick Responses are intended", "stay in",
                "MEXICAN MILITARY AND HUMAN RIGHTS", "Do you believe"):
        assert not any(bad in t for t in texts), bad

    background = [line["text"] for line in doc["background_lines"]]
    assert any(t.startswith("A UN report") for t in background)
    assert not any("posture" in t for t in background)
    assert all("qa_index" not in line for line in doc["background_lines"])
    # Positions point at the sentence in the file.
    rows = seed.split("\n")
    first = approved[0]
    assert rows[first["line"] - 1][first["column"] - 1:].startswith("We are well aware")


# -- show ----------------------------------------------------------------------------------

def test_show_text_lists_each_document():
    result = run("corpus", "show", FIXTURES)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "wrapped: CITY LIBRARY RENOVATION" in out
    assert "approved: 2026-05-01   expires: 2027-05-01" in out
    assert "4 approved, 2 background, 3 Q/A" in out
    assert "multi#3: DOG PARK HOURS" in out
    assert "note:     line 21: Q: with no A:" in out
    assert "6 documents" in out and "sha256:" in out


def test_show_json_is_deterministic_and_complete():
    a = run("corpus", "show", FIXTURES, "--format", "json")
    b = run("corpus", "show", FIXTURES, "--format", "json")
    assert a.exit_code == 0 and a.stdout == b.stdout
    doc = next(d for d in json.loads(a.stdout)["documents"] if d["id"] == "wrapped")
    assert set(doc) >= {"id", "title", "path", "line", "posture", "approved", "expires", "owner",
                        "lead", "qa", "approved_lines", "background_lines"}
    assert doc["qa"][0] == {"index": 0, "question": "When will the library reopen?", "line": 14}
    line = doc["approved_lines"][0]
    assert line == {"text": "The library is expected to reopen in the spring of 2027.",
                    "path": line["path"], "line": 17, "column": 5, "end_line": 19,
                    "end_column": 16, "qa_index": 0}
    assert line["path"].endswith("wrapped.txt")


def test_show_example_corpus():
    result = run("corpus", "show", REPO / "corpus")
    assert result.exit_code == 0, result.stderr
    assert "mexico_mil_to_mil" in result.stdout and "hurricane_relief" in result.stdout


# -- errors: one line, exit 2, no traceback -------------------------------------------------

def test_missing_path(tmp_path):
    missing = tmp_path / "missing"
    assert_one_line_error(run("corpus", "show", missing), missing)


def test_empty_directory(tmp_path):
    line = assert_one_line_error(run("corpus", "show", tmp_path), tmp_path)
    assert "no corpus documents" in line


def test_malformed_yaml_reports_line(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("topic: x\nresponses:\n  - a: 'unterminated\n", encoding="utf-8")
    line = assert_one_line_error(run("corpus", "validate", p), p)
    assert f"{p}:" in line and "malformed YAML" in line


@pytest.mark.parametrize("text,needle", [
    ("topic: x\ncolour: red\nresponses: [{a: Yes.}]\n", "allowed keys"),
    ("topic: x\n", "responses"),
    ("topic: !!python/object:os.system {}\nresponses: [{a: Yes.}]\n", "python/object"),
    ("a: &a [1,2,3,4,5,6,7,8,9,10]\nb: &b [" + ",".join(["*a"] * 60) + "]\nc: ["
     + ",".join(["*b"] * 60) + "]\n", "aliases"),
])
def test_yaml_errors(tmp_path, text, needle):
    p = tmp_path / "doc.yaml"
    p.write_text(text, encoding="utf-8")
    line = assert_one_line_error(run("corpus", "show", p), p)
    assert needle in line


def test_non_utf8_and_binary(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(b"TOPIC\nQ: x?\nA: Caf\xe9.\n")
    assert "UTF-8" in assert_one_line_error(run("corpus", "show", p), p)
    b = tmp_path / "blob.md"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary" in assert_one_line_error(run("corpus", "show", b), b)


def test_document_without_qa(tmp_path):
    p = tmp_path / "memo.txt"
    p.write_text("MEMO\n\nJust some words.\n", encoding="utf-8")
    assert "Q:/A:" in assert_one_line_error(run("corpus", "validate", p), p)


# -- validate --------------------------------------------------------------------------------

def test_validate_ok_prints_one_summary_line():
    result = run("corpus", "validate", FIXTURES)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    assert result.stdout.startswith("ok: 6 documents")
    assert "Q: with no A:" in result.stderr  # a tolerated problem is a warning


def test_validate_reports_every_broken_file(tmp_path):
    (tmp_path / "a.yaml").write_text("topic: x\nbogus: 1\nresponses: [{a: Yes.}]\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"T\nQ: x?\nA: \xff\n")
    (tmp_path / "c.txt").write_text("GOOD\nQ: x?\nA: Fine.\n", encoding="utf-8")
    result = run("corpus", "validate", tmp_path)
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "a.yaml:2:" in errors[0] and "b.txt:3:" in errors[1]
    assert "Traceback" not in result.output


# -- import ---------------------------------------------------------------------------------

def test_import_writes_yaml_that_loads_back(tmp_path):
    out = tmp_path / "out"
    src = FIXTURES / "multi.txt"
    result = run("corpus", "import", src, "-o", out)
    assert result.exit_code == 0, result.stderr
    written = out / "multi.yaml"
    assert written.is_file()
    original = load_document_file(src)
    back = load_document_file(written)
    assert [[l.display for l in d.approved_lines] for d in back] == \
        [[l.display for l in d.approved_lines] for d in original]
    assert [d.id for d in back] == [d.id for d in original]
    ok = run("corpus", "validate", written)
    assert ok.exit_code == 0, ok.stderr


def test_import_never_overwrites_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "wrapped.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = run("corpus", "import", FIXTURES / "wrapped.txt", "-o", out)
    assert "already exists" in assert_one_line_error(result, target)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    forced = run("corpus", "import", FIXTURES / "wrapped.txt", "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# Imported by msglint")


# -- help --------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["corpus"], ["corpus", "show"], ["corpus", "validate"],
                                  ["corpus", "import"]])
def test_help_has_examples(args):
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples:\n +msglint corpus \S+", result.stdout), result.stdout


def test_no_spacy_import():
    before = set(sys.modules)
    run("corpus", "show", FIXTURES)
    assert "spacy" not in sys.modules or "spacy" in before
