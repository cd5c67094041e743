"""The HTML review page (`check --format html`) and `msglint coverage`, without a browser
(tests/test_html_browser.py opens the page in Chromium)."""
from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli
from linter.model import Draft, Evidence, Finding
from linter.report import FileResult, Report, render

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DRAFT = ROOT / "examples" / "draft.md"


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no stray .msglint.yaml above the test's files

    def go(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)

    return go


class Page(HTMLParser):
    """The elements of a page as (tag, attributes, text inside), and every script body."""

    VOID = {"meta", "col", "br", "img", "input", "link", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[list] = []
        self.open: list[list] = []
        self.scripts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        el = [tag, dict(attrs), ""]
        self.elements.append(el)
        if tag not in self.VOID:
            self.open.append(el)

    def handle_endtag(self, tag):
        while self.open:
            el = self.open.pop()
            if el[0] == tag:
                if tag == "script":
                    self.scripts.append(el[2])
                break

    def handle_data(self, data):
        for el in self.open:
            el[2] += data

    def find(self, tag, **attrs):
        return [el for el in self.elements if el[0] == tag
                and all(el[1].get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def with_class(self, cls):
        return [el for el in self.elements if cls in el[1].get("class", "").split()]


# --- the page from the sample draft ---------------------------------------------------------

def test_sample_draft_page_shows_every_finding_beside_its_highlighted_text(run, tmp_path):
    out = tmp_path / "report.html"
    res = run("check", "--corpus", CORPUS, "--format", "html", "-o", out, DRAFT)
    assert res.exit_code == 1, res.output
    assert res.stdout == ""  # the page went to the file
    data = json.loads(run("check", "--corpus", CORPUS, "--format", "json", DRAFT).stdout)
    findings = data["files"][0]["findings"]
    page = Page(out.read_text(encoding="utf-8"))
    cards = page.find("article")
    assert [(c[1]["data-rule"], int(c[1]["data-line"])) for c in cards] == \
        [(f["rule"], f["line"]) for f in findings]
    mismatch = next(c for c in cards if c[1]["data-rule"] == "figure-mismatch")
    assert "$1B" in mismatch[2] and "corpus/mexico_mil_to_mil.txt:37" in mismatch[2].replace(str(ROOT) + "/", "")
    # the changed figure, and only it, is highlighted as an error on line 5
    assert [m[2] for m in page.with_class("sev-error") if m[0] == "mark"] == ["$1.5 billion"]
    assert page.find("tr", id="d0-L5")[0][1]["class"] == "flagged"
    # the summary counts what the JSON report counts
    totals = {el[1]["data-count"]: int(el[2]) for el in page.find("span") if "data-count" in el[1]}
    assert totals == {"findings": len(findings), "error": data["summary"]["error"],
                      "warning": data["summary"]["warning"], "info": data["summary"]["info"]}
    # coverage: the Q/A entry the draft never touched is shown as left out
    left_out = [el for el in page.find("li") if el[1].get("data-used") == "no"]
    assert [el[1]["data-entry"] for el in left_out] == ["3"]
    assert "Should we suspend military ties with Mexico?" in left_out[0][2]
    # a keyboard hint, a print stylesheet, and nothing fetched from anywhere
    assert "next finding" in page.find("p", id="keys")[0][2]
    html = out.read_text(encoding="utf-8")
    assert "@media print" in html
    assert "http://" not in html and "https://" not in html and " src=" not in html


def test_html_output_is_byte_identical_and_names_only_the_given_paths(run, tmp_path):
    shutil.copytree(CORPUS, tmp_path / "c")
    shutil.copy(DRAFT, tmp_path / "draft.md")
    run("check", "--corpus", "c", "--format", "html", "-o", "one.html", "draft.md")
    run("check", "--corpus", "c", "--format", "html", "-o", "two.html", "draft.md")
    one = (tmp_path / "one.html").read_bytes()
    assert one == (tmp_path / "two.html").read_bytes()
    assert str(tmp_path).encode() not in one  # relative paths given, relative paths shown


def test_html_without_output_goes_to_a_pipe(run):
    res = run("check", "--corpus", CORPUS, "--format", "html", DRAFT)  # CliRunner's stdout is no tty
    assert res.exit_code == 1
    assert res.stdout.startswith("<!DOCTYPE html>") and res.stdout.endswith("</html>\n")


def test_html_to_a_terminal_is_a_usage_error(monkeypatch):
    import click

    from linter.cli import outputs

    class Tty:
        @staticmethod
        def isatty():
            return True

    monkeypatch.setattr(outputs.sys, "stdout", Tty())
    with pytest.raises(click.UsageError, match="give -o FILE.html"):
        outputs.check_destination("html", None, ["draft.md"])
    outputs.check_destination("text", None, ["draft.md"])  # text on a terminal is what it is for


@pytest.mark.parametrize("command", ["check", "coverage"])
def test_output_over_a_draft_is_refused_and_the_draft_kept(run, tmp_path, command):
    draft = tmp_path / "speech.md"
    shutil.copy(DRAFT, draft)
    before = draft.read_bytes()
    res = run(command, "--corpus", CORPUS, "--format", "html", "-o", "./speech.md", draft)
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "msglint: error: speech.md: is one of the drafts being checked; refusing to overwrite it with the report"]
    assert "Traceback" not in res.output
    assert draft.read_bytes() == before


def test_several_drafts_make_one_page_with_a_section_each(run, tmp_path):
    (tmp_path / "clean.txt").write_text(
        "The Federal Emergency Management Agency leads the federal response, and the military supports it.\n")
    res = run("check", "--corpus", CORPUS, "--format", "html", DRAFT, tmp_path / "clean.txt")
    page = Page(res.stdout)
    sections = [el for el in page.find("section") if "data-path" in el[1]]
    assert [Path(el[1]["data-path"]).name for el in sections] == ["draft.md", "clean.txt"]
    assert [el[1]["data-findings"] for el in sections] == ["5", "0"]
    assert "No findings in this draft." in sections[1][2]
    assert len(page.find("html")) == 1 and len(page.scripts) == 1


# --- hostile text stays text ------------------------------------------------------------------

HOSTILE = 'Budget </script><script>alert("x")</script> "quoted" \x1b[31mred\x1b[0m \u202egnp.exe & <b>'


def _hostile_report() -> Report:
    text = f"The budget is $2B.\n{HOSTILE}\n"
    start = text.index("Budget")
    ev = Evidence("doc<1>", "Title <img src=x onerror=alert(1)>", "corpus/a\"b.txt", 3, 1, HOSTILE)
    f = Finding("figure-mismatch", "error", f"says {HOSTILE}", "dr<a>ft.md", start, start + len(HOSTILE),
                2, 1, 2, 1 + len(HOSTILE), (ev,), HOSTILE, HOSTILE)
    return Report([FileResult("dr<a>ft.md", [f])], 1, "sha256:00", [], {"dr<a>ft.md": Draft("dr<a>ft.md", text)})


def test_draft_corpus_and_path_text_is_inert():
    html = render(_hostile_report(), "html")
    page = Page(html)
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]  # only the page's own script
    assert not page.find("img") and not page.find("b")
    assert "\x1b" not in html and "\u202e" not in html
    assert "\\x1b[31mred" in html and "\\u202e" in html  # shown, the way the terminal formats show them
    card = page.find("article")[0]
    assert 'alert("x")' in card[2]  # the text is all there, as text
    assert page.find("section", data_path="dr<a>ft.md")
    assert html == render(_hostile_report(), "html")


def test_findings_without_draft_text_are_still_listed():
    report = _hostile_report()
    report.drafts = {}
    page = Page(render(report, "html"))
    assert [c[1]["data-rule"] for c in page.find("article")] == ["figure-mismatch"]
    assert not page.find("mark")


# --- coverage ---------------------------------------------------------------------------------

def test_coverage_json_lists_the_entries_the_sample_draft_used(run):
    res = run("coverage", "--corpus", CORPUS, "--format", "json", DRAFT)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert res.stdout == json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    (draft,) = data["drafts"]
    (doc,) = draft["documents"]  # nothing from the hurricane or water documents
    assert doc["id"] == "mexico_mil_to_mil" and doc["used"] == [1, 2, 4, 5] and doc["left_out"] == [3]
    by_entry = {e["entry"]: e for e in doc["entries"]}
    assert by_entry[1]["question"].startswith("Was the Mexican Army involved in the Tlatlaya case")
    assert by_entry[3]["question"] == "Should we suspend military ties with Mexico?"
    assert by_entry[1]["sentences"] == [{"line": 8, "verdict": "supported"}]
    assert by_entry[2]["sentences"] == [{"line": 7, "verdict": "drifted"}]  # the Iguala line, hedge dropped
    assert by_entry[4]["sentences"] == [{"line": 4, "verdict": "supported"}, {"line": 5, "verdict": "contradicted"},
                                        {"line": 10, "verdict": "supported"}]
    assert by_entry[5]["sentences"] == [{"line": 6, "verdict": "supported"}]
    assert [(b["line"], b["kind"]) for b in doc["background"]] == [(8, "background")]
    sentences = {s["line"]: s for s in draft["sentences"]}
    assert [(r["line"], r["entry"]) for r in sentences[6]["rests_on"]] == [(44, 5)]
    assert sentences[11]["verdict"] == "not covered" and sentences[11]["rests_on"] == []
    assert draft["summary"] == {"sentences": 11, "claims": 8, "supported": 4, "documents_drawn_on": 1,
                                "corpus_documents": 3, "entries_used": 4, "entries_left_out": 1}
    assert run("coverage", "--corpus", CORPUS, "--format", "json", DRAFT).stdout == res.stdout


def test_coverage_text_says_what_was_used_and_left_out(run):
    res = run("coverage", "--corpus", CORPUS, DRAFT)
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert "drew on 1 of 3 corpus documents; used 4 of their 5 Q/A entries; 4 of 8 claims supported" in lines[1]
    assert any(ln.startswith("    left out Q3 ") and "Should we suspend military ties" in ln for ln in lines)
    assert any(ln.endswith(":11:1: not covered, rests on nothing approved") for ln in lines)


def test_coverage_html_page(run, tmp_path):
    res = run("coverage", "--corpus", CORPUS, "--format", "html", "-o", tmp_path / "cov.html", DRAFT)
    assert res.exit_code == 0
    page = Page((tmp_path / "cov.html").read_text(encoding="utf-8"))
    assert [el[1]["data-entry"] for el in page.find("li") if el[1].get("data-used") == "yes"] == ["1", "2", "4", "5"]


def test_coverage_of_a_draft_that_draws_on_nothing(run, tmp_path):
    (tmp_path / "off.txt").write_text("The weather in Lisbon was lovely last spring.\n")
    res = run("coverage", "--corpus", CORPUS, "--format", "json", tmp_path / "off.txt")
    (draft,) = json.loads(res.stdout)["drafts"]
    assert draft["documents"] == [] and draft["summary"]["documents_drawn_on"] == 0


def test_coverage_of_a_missing_draft_is_one_line(run, tmp_path):
    res = run("coverage", "--corpus", CORPUS, tmp_path / "nope.md")
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "nope.md" in res.stderr


def test_overlapping_findings_share_a_highlight_at_the_higher_severity():
    text = "Intro line.\nWe will open a new base in Monterrey next year.\n"
    start = text.index("We")
    end = text.index("\n", start)
    inner = text.index("Monterrey")
    whole = Finding("unsupported-claim", "warning", "not approved", "d.txt", start, end, 2, 1, 2, end - start + 1,
                    sentence=text[start:end])
    term = Finding("term", "error", "[place] say 'northern Mexico'", "d.txt", inner, inner + 9, 2,
                   inner - start + 1, 2, inner - start + 10, sentence=text[start:end])
    report = Report([FileResult("d.txt", [term, whole])], 1, "", [], {"d.txt": Draft("d.txt", text)})
    page = Page(render(report, "html"))
    marks = [(m[2], m[1]["class"], m[1]["data-f"]) for m in page.find("mark")]
    assert marks == [("We will open a new base in ", "hl sev-warning", "d0-f1"),
                     ("Monterrey", "hl sev-error", "d0-f1 d0-f2"),
                     (" next year.", "hl sev-warning", "d0-f1")]
    assert [c[1]["id"] for c in page.find("article")] == ["d0-f1", "d0-f2"]  # in the order of the text
    row = page.find("tr", id="d0-L2")[0][2]
    assert "not approved" in row and "say 'northern Mexico'" in row  # both beside line 2
    assert [r[1]["id"] for r in page.find("tr") if "id" in r[1]] == ["d0-L1", "d0-L2"]  # no row after the last newline
