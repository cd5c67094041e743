"""Hostile corpus files: each kind is one error naming the file, the rest of the corpus is
still used (the draft's wrong figure is still caught), the exit code is 2, and nothing is
a traceback or reaches the terminal unescaped."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

GOOD = ("FERRY TERMINAL\nBackground: Repairs began in May. PA posture is active.\n"
        "Q: What did the repairs cost?\nA: The repairs cost $2.4 million.\n")
DRAFT = "The repairs cost $4.2 million.\n"


def _zip(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# name -> (file name, bytes, text the error must contain)
KINDS = {
    "no labels": ("notes.txt", b"JUST A TITLE\n\nSome prose with no labels.\n", "no Q:/A: pairs"),
    "empty file": ("empty.txt", b"", "empty"),
    "only whitespace": ("blank.md", b"  \n\t\n\n", "empty"),
    "invalid utf-8": ("latin.txt", "CAF\u00c9\nQ: x?\nA: y.\n".encode("latin-1"), "UTF-8"),
    "nul bytes": ("nul.txt", b"TITLE\nQ: a?\nA: b.\x00\x00\n", "binary"),
    "bad expiry date": ("dated.txt", b"Expires: soon\nTOPIC\nQ: a?\nA: The office is open.\n", "date"),
    "bad lead flag": ("lead.txt", b"Lead: perhaps\nTOPIC\nQ: a?\nA: The office is open.\n", "yes or no"),
    "yaml unknown key": ("topic.yaml", b"topic: T\nresponses:\n  - q: a?\n    a: b.\nbogus: 1\n", "bogus"),
    "yaml not a mapping": ("list.yaml", b"- just\n- a list\n", "yaml"),
    "yaml syntax": ("broken.yml", b"topic: [unclosed\n", "yaml"),
    "docx that is text": ("fake.docx", b"Q: a?\nA: b.\n", "not a Word"),
    "docx without body": ("nobody.docx", _zip({"[Content_Types].xml": "<Types/>"}), "word/document.xml"),
    "docx corrupt zip": ("cut.docx", _zip({"word/document.xml": "<w:document/>" * 50})[:120], "Word"),
    "escape in file name": ("bad\x1b]0;owned\x07.txt", b"", "\\x1b"),
    "bidi override in name": ("evil\u202etxt.md", b"NO LABELS HERE\n", "\\u202e"),
}


def _run(tmp_path: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, MSGLINT_CACHE_DIR=str(tmp_path / ".cache"))
    return subprocess.run([sys.executable, "-m", "linter", *map(str, args)], capture_output=True,
                          cwd=tmp_path, env=env, timeout=600)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hostile_corpus_file_is_one_error_and_the_rest_is_used(tmp_path, kind):
    name, data, expected = KINDS[kind]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(GOOD, encoding="utf-8")
    (corpus / name).write_bytes(data)
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    r = _run(tmp_path, "check", "--corpus", "corpus", "draft.txt")
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 2, out + err
    assert "Traceback" not in err
    errors = [ln for ln in err.splitlines() if ln.startswith("msglint: error:")]
    assert len(errors) == 1, err
    assert expected.lower() in errors[0].lower(), errors[0]
    assert "figure-mismatch" in out, out  # the good document still judged the draft
    for stream in (r.stdout, r.stderr):  # msglint's own colours are off: no escape byte at all
        assert b"\x1b" not in stream and "\u202e".encode() not in stream


def test_a_corpus_of_only_broken_files_is_an_error_not_an_empty_pass(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"NO LABELS\n\nprose\n")
    (corpus / "b.txt").write_bytes(b"")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    r = _run(tmp_path, "check", "--corpus", "corpus", "draft.txt")
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    assert "a.txt" in err and "1 other file" in err, err
