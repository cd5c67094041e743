"""The HTML review page as a browser shows it: headless Chromium loads the file, runs its
script, and the DOM it dumps holds every finding of the report and the right counts.

Needs Debian's ``chromium`` at /usr/bin/chromium (``.ci/run`` installs it).  Without it
these tests skip, unless ``MSGLINT_REQUIRE_CHROMIUM=1`` (set by ``.ci/run``) makes that a
failure, so CI never passes by skipping them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.main import cli

from test_html_report import HOSTILE, Page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DRAFT = ROOT / "examples" / "draft.md"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture()
def browser(tmp_path):
    if not CHROMIUM.exists():
        if os.environ.get("MSGLINT_REQUIRE_CHROMIUM") == "1":
            pytest.fail("MSGLINT_REQUIRE_CHROMIUM=1 but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("needs Chromium at /usr/bin/chromium (apt-get install chromium); .ci/run installs it")
    runs = iter(range(1000))

    def go(page: Path, *args: str) -> str:
        profile = tmp_path / f"chromium-profile-{next(runs)}"  # fresh each run: nothing carried over
        cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        assert res.returncode == 0, res.stderr[-2000:]
        return res.stdout

    return go


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def go(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    return go


def test_every_finding_and_count_is_on_the_rendered_page(browser, run, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("About 1,500 service members are supporting relief operations in the affected counties.\n"
                      "The Army will stop testing groundwater near the depot.\n")
    out = tmp_path / "report.html"
    assert run("check", "-c", CORPUS, "-f", "html", "-o", out, DRAFT, second).exit_code == 1
    report = json.loads(run("check", "-c", CORPUS, "-f", "json", DRAFT, second).stdout)
    dom = Page(browser(out, "--dump-dom"))

    # the page's script ran (in the browser, under the page's Content-Security-Policy) and
    # found every finding to step through with j/k
    body = dom.find("body")[0]
    expected = [(fr["path"], f) for fr in report["files"] for f in fr["findings"]]
    assert body[1].get("data-nav-findings") == str(len(expected))

    sections = {el[1]["data-path"]: el for el in dom.find("section") if "data-path" in el[1]}
    assert list(sections) == [fr["path"] for fr in report["files"]]
    cards = [el for el in dom.find("article") if "finding" in el[1]["class"]]
    assert len(cards) == len(expected)
    draft_text = {p: Path(p).read_text(encoding="utf-8").splitlines() for p in sections}
    for (path, f), card in zip(expected, cards):
        assert (card[1]["data-rule"], card[1]["data-severity"], card[1]["data-line"]) == \
            (f["rule"], f["severity"], str(f["line"]))
        assert card[1]["id"].startswith(sections[path][1]["id"] + "-")  # in its draft's section
        sentence = draft_text[path][f["line"] - 1]
        assert " ".join(sentence.split()) in " ".join(card[2].split())  # the flagged sentence itself
        assert f["message"] in card[2]
        for ev in f["evidence"]:
            assert ev["text"] in card[2] and f"{ev['path']}:{ev['line']}" in card[2]
        if f["suggestion"]:
            assert f["suggestion"] in card[2]
        row = dom.find("tr", id=f"{card[1]['id'].split('-')[0]}-L{f['line']}")[0]
        assert card[2] in row[2]  # beside its line

    counts = {el[1]["data-count"]: int(el[2]) for el in dom.find("span") if "data-count" in el[1]}
    summary = report["summary"]
    assert counts == {"findings": len(expected), "error": summary["error"], "warning": summary["warning"],
                      "info": summary["info"]}
    by_rule = {}
    for _, f in expected:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    table = {el[1]["data-rule"]: el for el in dom.find("tr") if "data-rule" in el[1]}
    assert set(table) == set(by_rule)
    for rule, n in by_rule.items():
        total = [td for td in dom.find("td", data_count="total") if td[2] in table[rule][2]]
        assert total and int(total[0][2]) == n


def test_hostile_text_runs_nothing_in_the_browser(browser, run, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lib.txt").write_text(f"BUDGET {HOSTILE}\n\nQ: What is the budget?\n\n"
                                    f"A: The library budget is $1B this year {HOSTILE}.\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"The library budget is $3B this year {HOSTILE}.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert run("check", "-c", corpus, "-f", "html", "-o", out, draft).exit_code == 1
    dom = Page(browser(out, "--dump-dom"))
    assert len(dom.find("script")) == 1  # the page's own; the draft's and corpus's are text
    assert not dom.find("b") and not dom.find("img")
    assert dom.find("body")[0][1].get("data-nav-findings") == str(len(dom.find("article")))
    assert 'alert("x")' in dom.find("article")[0][2]


def test_screenshot(browser, run, tmp_path):
    # the README's command, from a copy of the checkout, so the page shows the same paths
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "examples").mkdir()
    shutil.copy(DRAFT, tmp_path / "examples" / "draft.md")
    out = tmp_path / "report.html"
    assert run("check", "--corpus", "corpus/", "examples/draft.md", "--format", "html", "-o", out).exit_code == 1
    shot = tmp_path / "html-report.png"
    browser(out, f"--screenshot={shot}", "--window-size=1280,1600", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1600)
    assert len(data) > 50_000  # a page of text and colour, not a blank frame (which is ~10 KB)
    if os.environ.get("MSGLINT_UPDATE_SCREENSHOT") == "1":  # regenerate the README's picture
        shutil.copy(shot, ROOT / "docs" / "html-report.png")


def test_j_and_k_step_through_the_findings(browser, run, tmp_path):
    out = tmp_path / "report.html"
    run("check", "-c", CORPUS, "-f", "html", "-o", out, DRAFT)
    page = out.read_text(encoding="utf-8")
    # A copy of the page with a script that presses keys and records where focus lands; the
    # policy is dropped from the copy only because it (rightly) forbids that extra script.
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    probe = """<script>
var seen = [];
function press(key) {
  document.dispatchEvent(new KeyboardEvent("keydown", {key: key, bubbles: true}));
  seen.push(document.activeElement.id + ":" + document.querySelectorAll("mark.current").length);
}
["j", "j", "n", "k", "p", "p"].forEach(press);
document.body.setAttribute("data-probe", seen.join(" "));
document.body.setAttribute("data-position", document.getElementById("position").textContent);
</script>"""
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", probe + "\n</body>"), encoding="utf-8")
    body = Page(browser(probed, "--dump-dom")).find("body")[0][1]
    # five findings: j, j, n go to 1, 2, 3; k and p go back to 2, 1; p wraps round to 5.
    # Each time the finding's highlight in the text is marked current with it.
    assert body["data-probe"].split() == ["d0-f1:1", "d0-f2:1", "d0-f3:1", "d0-f2:1", "d0-f1:1", "d0-f5:1"]
    assert body["data-position"] == "Finding 5 of 5."
