"""Hostile inputs: every one ends in a result or a one-line error, never a traceback or a hang.

Each test goes through the CLI (click's CliRunner, or a real ``msglint`` process where the
process matters: size, time, signals) and checks the exit code, that stderr holds exactly
one line naming the file, that no "Traceback" appears, and that nothing was written into the
draft or corpus folders.
"""
from __future__ import annotations

import codecs
import hashlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli

REPO = Path(__file__).parents[1]
CORPUS = REPO / "corpus"
DRAFT = REPO / "examples" / "draft.md"
MSGLINT = str(Path(sys.executable).parent / "msglint")
HAS_INPUTS = importlib.util.find_spec("linter.drafts.word") is not None

QR = """FLOOD RELIEF
Background: PA posture is active.

Q: How many service members are helping?
A: About 1,200 service members are supporting relief operations in the affected counties.

Q: Are more coming?
A: No decision has been made about sending more helicopters.
"""


# -- helpers ---------------------------------------------------------------------------------

def tree_hash(*roots: Path) -> str:
    h = hashlib.sha256()
    for root in roots:
        root = Path(root)
        if root.is_file():
            h.update(root.read_bytes())
            continue
        for dirpath, dirs, files in os.walk(root, followlinks=False):
            dirs.sort()
            for name in sorted(dirs + files):
                p = Path(dirpath) / name
                h.update(str(p.relative_to(root)).encode())
                if p.is_symlink():
                    h.update(os.readlink(p).encode())
                elif p.is_file():
                    try:
                        h.update(p.read_bytes())
                    except OSError:
                        h.update(b"<unreadable>")
    return h.hexdigest()


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def check(draft, *extra, corpus=CORPUS, fmt="json"):
    return run("check", "--no-cache", "-c", corpus, "--format", fmt, *extra, draft)


def no_traceback(result):
    out = result.output + (result.stderr or "")
    assert "Traceback" not in out, out
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}")


def assert_one_line_error(result, path, code=2):
    no_traceback(result)
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("msglint: error: "), lines[0]
    assert str(path) in lines[0] or Path(path).name in lines[0], lines[0]
    return lines[0]


def proc(*args, timeout=120, **kw):
    return subprocess.run([MSGLINT, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


def proc_one_line_error(p, path, code=2):
    assert "Traceback" not in p.stderr + p.stdout, p.stderr
    assert p.returncode == code, (p.returncode, p.stderr[-2000:])
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, p.stderr
    assert str(path) in lines[0] or Path(path).name in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def work(tmp_path):
    d = tmp_path / "drafts"
    c = tmp_path / "corpus"
    d.mkdir()
    c.mkdir()
    (c / "flood.txt").write_text(QR, encoding="utf-8")
    return d, c


def findings(result) -> list[dict]:
    data = json.loads(result.stdout)
    return [f for fr in data["files"] for f in fr["findings"]] if "files" in data else data["findings"]


# -- binary files and encodings ----------------------------------------------------------------

def test_binary_draft(work):
    d, c = work
    draft = d / "draft.md"
    draft.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    before = tree_hash(d, c)
    line = assert_one_line_error(check(draft, corpus=c), draft)
    assert "binary" in line
    assert tree_hash(d, c) == before


def test_binary_corpus_file(work):
    d, c = work
    bad = c / "image.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 1000)
    draft = d / "draft.md"
    draft.write_text("About 1,200 service members are helping.\n")
    before = tree_hash(d, c)
    assert "binary" in assert_one_line_error(check(draft, corpus=c), bad)
    assert "binary" in assert_one_line_error(run("corpus", "show", c), bad)
    assert tree_hash(d, c) == before


def test_invalid_utf8_draft(work):
    d, c = work
    draft = d / "latin1.md"
    draft.write_bytes("Line one.\nCaf\u00e9 owners said so.\n".encode("latin-1"))
    before = tree_hash(d, c)
    line = assert_one_line_error(check(draft, corpus=c), draft)
    assert "UTF-8" in line and f"{draft}:2:" in line  # names the line of the bad byte
    assert tree_hash(d, c) == before


def test_invalid_utf8_corpus_file(work):
    d, c = work
    bad = c / "latin1.txt"
    bad.write_bytes(QR.replace("FLOOD", "CAF\u00c9").encode("latin-1"))
    assert "UTF-8" in assert_one_line_error(run("corpus", "show", c), bad)


ENCODINGS = {
    "utf8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "crlf": lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    "lone-cr": lambda s: s.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_encodings_and_line_endings_in_corpus_are_read(work, name):
    d, c = work
    (c / "flood.txt").unlink()
    plain = c / "plain.txt"
    plain.write_text(QR, encoding="utf-8")
    expected = json.loads(run("corpus", "show", plain, "--format", "json").stdout)
    odd = c / "odd.txt"
    odd.write_bytes(ENCODINGS[name](QR))
    plain.unlink()
    before = tree_hash(c)
    result = run("corpus", "show", odd, "--format", "json")
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    strip = lambda doc: [(ln["text"], ln["line"], ln["column"]) for ln in doc["approved_lines"]]  # noqa: E731
    assert strip(got["documents"][0]) == strip(expected["documents"][0])
    assert got["documents"][0]["posture"] == "active"
    assert [ln["line"] for ln in got["documents"][0]["approved_lines"]] == [5, 8]
    assert tree_hash(c) == before


DRAFT_TEXT = ("# Relief\n\nAbout 1,500 service members are supporting relief operations.\n\n"
              "More helicopters are on the way.\n")


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_encodings_and_line_endings_in_draft_are_read(work, name):
    d, c = work
    plain = d / "plain.md"
    plain.write_text(DRAFT_TEXT, encoding="utf-8")
    ref = check(plain, corpus=c)
    no_traceback(ref)
    assert ref.exit_code in (0, 1), ref.stderr
    ref_pos = [(f["rule"], f["line"], f["column"]) for f in findings(ref)]
    assert ref_pos, "the reference draft should have findings"
    odd = d / "odd.md"
    odd.write_bytes(ENCODINGS[name](DRAFT_TEXT))
    before = tree_hash(d, c)
    result = check(odd, corpus=c)
    no_traceback(result)
    assert result.exit_code == ref.exit_code, result.stderr
    assert [(f["rule"], f["line"], f["column"]) for f in findings(result)] == ref_pos
    assert tree_hash(d, c) == before


# -- empty, huge and pathological drafts --------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n \r\n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_drafts_have_no_findings(work, content):
    d, c = work
    draft = d / "empty.md"
    draft.write_bytes(content)
    before = tree_hash(d, c)
    result = check(draft, corpus=c)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert findings(result) == []
    # silence would claim the draft was checked and clean: it says nothing was checked
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(draft) in lines[0] and "nothing was checked" in lines[0]
    assert tree_hash(d, c) == before


def test_single_10mb_line_draft(work):
    """A 10 MB single-line draft: over --max-bytes it is a clear size error, fast.

    Under the limit it is accepted and checked, but checking runs at roughly 35 us per byte
    (spaCy on ~150,000 sentences: about 6 minutes for 10 MB), so the "result" behaviour is
    shown on a 150 KB single line that fits under the same --max-bytes.
    """
    d, c = work
    sentence = "The relief operation continues across the affected counties and towns. "
    draft = d / "long.md"
    draft.write_text((sentence * (10 * 1024 * 1024 // len(sentence) + 1))[: 10 * 1024 * 1024])
    short = d / "long150k.md"
    short.write_text((sentence * (150_000 // len(sentence) + 1))[:150_000])
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("check", "--no-cache", "-c", c, "--max-bytes", 1_000_000, draft, timeout=60)
    line = proc_one_line_error(p, draft)
    assert "--max-bytes" in line and "1000000" in line
    assert time.monotonic() - t0 < 30
    p = proc("check", "--no-cache", "-c", c, "--format", "json", "--max-bytes", 1_000_000, short,
             timeout=120)
    assert "Traceback" not in p.stderr, p.stderr[-3000:]
    assert p.returncode in (0, 1), p.stderr[-2000:]
    assert all(f["line"] == 1 for f in findings(type("R", (), {"stdout": p.stdout})))
    assert tree_hash(d, c) == before


def test_single_line_without_sentence_breaks_over_spacy_max_length(work):
    """One 1 MB 'sentence' (no full stops): must be a result or a one-line error."""
    d, c = work
    draft = d / "blob.md"
    draft.write_text(("relief " * (1024 * 1024 // 7 + 1))[: 1024 * 1024])
    before = tree_hash(d, c)
    p = proc("check", "--no-cache", "-c", c, "--format", "json", "--max-bytes", 2 * 1024 * 1024,
             draft, timeout=120)
    assert tree_hash(d, c) == before
    assert "Traceback" not in p.stderr, p.stderr[-300:]
    if p.returncode == 2:
        proc_one_line_error(p, draft)
    else:
        assert p.returncode in (0, 1), p.stderr[-2000:]
        json.loads(p.stdout)


def test_50mb_draft_is_refused_with_max_bytes_hint(work):
    d, c = work
    draft = d / "huge.md"
    with open(draft, "wb") as fh:
        fh.truncate(0)
        fh.write(b"Relief continues. " * (50 * 1024 * 1024 // 18 + 1))
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("check", "--no-cache", "-c", c, draft, timeout=60)
    line = proc_one_line_error(p, draft)
    assert "--max-bytes" in line
    assert time.monotonic() - t0 < 60
    assert tree_hash(d, c) == before


def test_pathological_markdown_nesting(work):
    d, c = work
    draft = d / "nested.md"
    quotes = "".join(">" * i + " About 1,200 service members are helping.\n" for i in range(1, 200))
    draft.write_text(">" * 10_000 + " deep quote.\n\n" + "  " * 5_000 + "- deep item\n"
                     + "".join("  " * i + "- level\n" for i in range(2_000)) + quotes
                     + "[" * 10_000 + "x" + "]" * 10_000 + "\n" + "*" * 10_000 + "\n")
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("check", "--no-cache", "-c", c, "--format", "json", draft, timeout=120)
    elapsed = time.monotonic() - t0
    assert "Traceback" not in p.stderr, p.stderr[-3000:]
    assert p.returncode in (0, 1), p.stderr[-2000:]
    json.loads(p.stdout)
    assert elapsed < 30, f"took {elapsed:.1f}s"  # process start and spaCy load included
    assert tree_hash(d, c) == before


# -- hostile YAML corpora --------------------------------------------------------------------

BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
topic: *i
responses:
  - q: x
    a: y
"""



@pytest.mark.parametrize("name,text", [
    ("laughs.yaml", BILLION_LAUGHS),
    ("nested_seq.yaml", "topic: t\nresponses: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    ("nested_map.yaml", "topic: t\nresponses: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n"),
    ("nested_block.yaml", "topic: t\nx:\n" + "".join(" " * i + "- \n" for i in range(1, 3000))),
    ("nested_ok.yaml", "topic: t\nresponses: " + "[" * 200 + "]" * 200 + "\n"),
    ("pyobj.yaml", "topic: !!python/object/apply:os.system ['touch PWNED']\n"
                   "responses:\n  - q: x\n    a: y\n"),
    ("pyobj2.yaml", "!!python/object/apply:os.system\nargs: ['touch PWNED']\n"),
])
def test_hostile_yaml_corpus(work, name, text):
    d, c = work
    bad = c / name
    bad.write_text(text)
    draft = d / "draft.md"
    draft.write_text("About 1,200 service members are helping.\n")
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("corpus", "show", c, timeout=15, cwd=d)
    assert time.monotonic() - t0 < 15
    proc_one_line_error(p, bad)
    p = proc("check", "--no-cache", "-c", c, draft, timeout=60, cwd=d)
    proc_one_line_error(p, bad)
    assert not (d / "PWNED").exists() and not Path("PWNED").exists()
    assert tree_hash(d, c) == before


# -- folders and permissions -------------------------------------------------------------------

def test_corpus_folder_with_symlink_loop(work):
    d, c = work
    sub = c / "sub"
    sub.mkdir()
    (sub / "loop").symlink_to(c, target_is_directory=True)
    (sub / "self").symlink_to(sub, target_is_directory=True)
    (c / "dangling.txt").symlink_to(c / "nowhere.txt")
    before = tree_hash(c)
    t0 = time.monotonic()
    result = run("corpus", "show", c, "--format", "json")
    assert time.monotonic() - t0 < 20
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert [doc["title"] for doc in json.loads(result.stdout)["documents"]] == ["FLOOD RELIEF"]
    draft = d / "draft.md"
    draft.write_text("About 1,200 service members are supporting relief operations.\n")
    result = check(draft, corpus=c)
    no_traceback(result)
    assert result.exit_code in (0, 1), result.stderr
    assert tree_hash(c) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root reading")
def test_unreadable_files(work):
    d, c = work
    draft = d / "secret.md"
    draft.write_text("Text.\n")
    draft.chmod(0)
    bad = c / "secret.txt"
    bad.write_text(QR)
    bad.chmod(0)
    try:
        assert "cannot read" in assert_one_line_error(check(draft, corpus=CORPUS), draft)
        assert "cannot read" in assert_one_line_error(run("corpus", "show", c), bad)
    finally:
        draft.chmod(0o644)
        bad.chmod(0o644)


@pytest.mark.skipif(not HAS_INPUTS, reason="linter.drafts.word (the Word reader) is not present, "
                                           "so .docx drafts are read as text")
def test_docx_that_is_not_a_zip(work):
    d, c = work
    draft = d / "fake.docx"
    draft.write_text("This is not a zip file at all.\n")
    before = tree_hash(d, c)
    assert_one_line_error(check(draft, corpus=c), draft)
    assert tree_hash(d, c) == before


@pytest.mark.skipif(not HAS_INPUTS, reason="linter.drafts.word (the Word reader) is not present, "
                                           "so .docx drafts are not unzipped")
def test_docx_zip_bomb(work):
    import zipfile

    d, c = work
    draft = d / "bomb.docx"
    with zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"a" * (1024 * 1024) + b"</w:t>"
            for _ in range(1024):  # ~1 GB uncompressed, ~1 MB on disk
                fh.write(chunk)
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("check", "--no-cache", "-c", c, draft, timeout=120)
    assert time.monotonic() - t0 < 60
    proc_one_line_error(p, draft)
    assert tree_hash(d, c) == before


# -- rule packs ----------------------------------------------------------------------------------

def test_catastrophic_regex_rule_does_not_hang(work):
    d, c = work
    rules = d.parent / "rules.yml"
    rules.write_text("extends: existence\nmessage: \"'%s' is catastrophic\"\nlevel: warning\n"
                     "tokens:\n  - '(a+)+$'\n  - '(x+x+)+y'\n")
    draft = d / "aaa.md"
    draft.write_text("Relief " + "a" * 50_000 + "! And " + "x" * 30_000 + " more.\n")
    before = tree_hash(d, c)
    t0 = time.monotonic()
    p = proc("check", "--no-cache", "-c", c, "--rules", rules, "--format", "json", draft, timeout=60)
    assert time.monotonic() - t0 < 30
    assert "Traceback" not in p.stderr, p.stderr[-3000:]
    assert p.returncode in (0, 1), p.stderr
    json.loads(p.stdout)
    assert tree_hash(d, c) == before


def test_rule_pattern_re2_rejects_is_one_line_error(work):
    d, c = work
    rules = d.parent / "rules.yml"
    rules.write_text("extends: existence\nmessage: bad\ntokens:\n  - '(?<=a)b'\n")
    draft = d / "x.md"
    draft.write_text("ab\n")
    line = assert_one_line_error(run("check", "--no-cache", "-c", c, "--rules", rules, draft), rules)
    assert "invalid pattern" in line


# -- Ctrl-C --------------------------------------------------------------------------------------

def _big_corpus(root: Path, n: int = 400) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"doc{i:04d}.txt").write_text(
            f"TOPIC NUMBER {i}\nBackground: PA posture is active.  Item {i} was discussed.\n\n"
            + "".join(f"Q: What about part {j} of item {i}?\nA: Part {j} of item {i} involves {j + i} "
                      f"service members working in {i % 7 + 2} counties since March {j % 27 + 1}. "
                      f"Officials expect the work on item {i} to finish within {j + 3} months.\n\n"
                      for j in range(8)))
    return root


def test_ctrl_c_exits_130_and_leaves_no_temp_files(tmp_path):
    corpus = _big_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    before = tree_hash(corpus)
    p = subprocess.Popen([MSGLINT, "check", "-c", str(corpus), "--cache-dir", str(cache), str(DRAFT)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    if p.poll() is not None:
        pytest.skip("msglint finished before SIGINT could be sent; corpus too small for this machine")
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    leftovers = [str(q) for q in cache.rglob(".tmp-*")] if cache.exists() else []
    assert "Traceback" not in err, err[-3000:]
    assert not leftovers, leftovers
    assert tree_hash(corpus) == before
    assert p.returncode == 130, (p.returncode, err)
    assert [ln for ln in err.splitlines() if ln.strip()] == ["msglint: interrupted"]


# -- corpus check on a corpus that disagrees with itself ------------------------------------------

def _corpus_check():
    from linter.cli.corpus_check_cmd import check_cmd

    return check_cmd


def test_corpus_check_reports_conflicts_with_both_locations(work):
    d, c = work
    (c / "other.txt").write_text(QR.replace("1,200", "1,500").replace("FLOOD RELIEF", "FLOOD TWO")
                                 .replace("No decision has been made", "A decision has been made"))
    before = tree_hash(c)
    result = CliRunner().invoke(_corpus_check(), [str(c), "--format", "json", "--as-of", "2026-01-01"])
    no_traceback(result)
    assert result.exit_code == 1, result.output
    probs = json.loads(result.stdout)["problems"]
    conflict = [p for p in probs if p["code"] == "conflicting-figures"]
    assert len(conflict) == 1
    assert {conflict[0]["location"], conflict[0]["other_location"]} == {
        f"{c / 'flood.txt'}:5", f"{c / 'other.txt'}:5"}
    assert conflict[0]["severity"] == "error"
    assert tree_hash(c) == before


def test_corpus_check_clean_corpus_and_expiry():
    result = CliRunner().invoke(_corpus_check(), [str(CORPUS), "--as-of", "2026-10-01"])
    no_traceback(result)
    assert result.exit_code == 0 and result.stdout.startswith("ok:"), result.output
    result = CliRunner().invoke(_corpus_check(), [str(CORPUS), "--as-of", "2030-01-01"])
    assert result.exit_code == 0, result.output  # expiry is a warning
    assert result.stdout.count("[expired]") >= 2


def test_corpus_check_hostile_file_is_one_line_error(work):
    d, c = work
    bad = c / "bin.txt"
    bad.write_bytes(b"\0" * 100)
    result = CliRunner().invoke(_corpus_check(), [str(c)])
    assert_one_line_error(result, bad)


# -- things msglint cannot read are said, never passed in silence (issue "Nothing escapes") --

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_as_draft_or_corpus_file_is_refused_without_waiting(work):
    d, c = work
    fifo = d / "pipe.md"
    os.mkfifo(fifo)
    p = proc("check", "--no-cache", "-c", c, fifo, timeout=60)
    assert "regular file" in proc_one_line_error(p, fifo)
    cfifo = c / "pipe.txt"
    os.mkfifo(cfifo)
    draft = d / "ok.md"
    draft.write_text("Hello.\n", encoding="utf-8")
    p = proc("check", "--no-cache", "-c", cfifo, draft, timeout=60)
    assert "regular file" in proc_one_line_error(p, cfifo)


@pytest.mark.parametrize("suffix", [".pdf", ".doc", ".rtf"])
def test_unreadable_draft_type_named_is_exit_2(work, suffix):
    d, c = work
    draft = d / f"speech{suffix}"
    draft.write_bytes(b"%PDF-1.4 not really")
    assert "cannot read" in assert_one_line_error(check(draft, corpus=c), draft)


def test_unreadable_files_in_a_draft_folder_are_listed_in_one_notice(work):
    d, c = work
    (d / "speech.md").write_text("Thank you all for coming.\n", encoding="utf-8")
    (d / "old.pdf").write_bytes(b"%PDF")
    (d / "notes.rtf").write_bytes(b"{\\rtf1}")
    result = check(d, corpus=c)
    no_traceback(result)
    notes = [ln for ln in result.stderr.splitlines() if "skipped 2 file(s)" in ln]
    assert len(notes) == 1 and "old.pdf" in notes[0] and "notes.rtf" in notes[0]


def test_draft_of_only_non_claims_says_nothing_was_compared(work):
    d, c = work
    draft = d / "thanks.md"
    draft.write_text("# Remarks\n\nThank you all for coming.\n", encoding="utf-8")
    result = check(draft, corpus=c)
    assert result.exit_code == 0 and findings(result) == []
    assert "nothing was compared with the corpus" in result.stderr


# -- terminal injection: nothing from a draft, the corpus or a path reaches a terminal raw ----
_ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[8m"  # set the title, clear the screen, hide text
_RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.mark.parametrize("fmt", ["text", "line", "github", "json", "sarif"])
def test_escape_sequences_from_draft_corpus_and_names_are_shown_escaped(tmp_path, fmt):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"qr{_ESC}\u202eflood.txt").write_text(
        QR.replace("About 1,200", f"About 1,200 {_ESC}\u202e"), encoding="utf-8")
    draft = tmp_path / f"draft{_ESC}\nline.txt"
    draft.write_text(f"About 1,900 service members{_ESC} are supporting relief operations\u202e in the "
                     "affected counties.\n", encoding="utf-8")
    result = run("check", "--no-cache", "--corpus", corpus, "--format", fmt, draft)
    assert result.exit_code == 1, result.output
    for raw in _RAW:
        assert raw not in result.output, (fmt, raw)
    if fmt in ("text", "line", "github"):
        assert "\\x1b" in result.output  # shown, not hidden
    if fmt == "line":
        assert all(ln.startswith(str(tmp_path)) or ln.startswith("draft") for ln in result.output.splitlines())
    explained = run("explain", "--corpus", corpus, draft)
    assert "best approved line" in explained.output and "\\x1b" in explained.output
    for raw in _RAW:
        assert raw not in explained.output, raw


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_is_byte_identical_from_any_working_directory(tmp_path, monkeypatch, fmt):
    outputs = set()
    for cwd in (REPO, tmp_path, CORPUS):
        monkeypatch.chdir(cwd)
        result = run("check", "--no-cache", "--corpus", CORPUS, "--format", fmt, DRAFT)
        assert result.exit_code == 1, result.output
        outputs.add(result.output)
    assert len(outputs) == 1
    assert str(CORPUS) in outputs.pop()  # an absolute path is printed as given
