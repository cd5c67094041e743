"""Silence means "checked and clean": every output of ``check`` names what it read but did
not judge as a claim (a sentence of thanks, a promise of updates, a headline, one such
clause of a sentence), so a part with no finding is never taken for one that was checked.

The corpus is the invented harbour-dredging document of tests/fixtures/claimhood; the
draft's sentences are our own.
"""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from linter.analysis import claims as C
from linter.cli.main import cli

CORPUS = str(Path(__file__).parent / "fixtures" / "claimhood")

THANKS = "Thank you all for coming this morning."
UPDATES = "We will share more as we learn it."
FRAMED = "Let me be clear: the harbor will remain open to commercial traffic during dredging."
MIXED = "Dredging will begin on March 3, 2027, and I want to thank our partners at Coastline Marine."
THANK_CLAUSE = "I want to thank our partners at Coastline Marine."
WRONG = "The project costs $5 million, paid by the state."

DRAFT = f"{THANKS} {UPDATES}\n\n{FRAMED}\n\n{MIXED}\n\n{WRONG}\n"


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "remarks.txt"
    draft.write_text(DRAFT, encoding="utf-8")

    def go(*args):
        return CliRunner().invoke(cli, ["check", "--corpus", CORPUS, *map(str, args), str(draft)])

    return go


def test_json_names_each_part_not_judged_with_its_place_and_reason(run):
    res = run("--format", "json")
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    parts = data["files"][0]["not_judged"]
    assert [(u["text"], u["reason"], u["sentence"]) for u in parts] == [
        (THANKS, C.PERFORMATIVE, True),
        (UPDATES, C.UPDATES, True),
        (THANK_CLAUSE, C.PERFORMATIVE, False),  # one clause: the rest of the sentence was judged
    ]
    lines = DRAFT.split("\n")
    for u in parts:  # each place is the part's own text in the draft
        assert u["line"] == u["end_line"]
        assert lines[u["line"] - 1][u["column"] - 1:u["end_column"] - 1] == u["text"]
    assert data["summary"]["not_judged"] == 3
    # a frame is not listed: the claim it carries was judged (and the wrong figure still is)
    assert not any("Let me be clear" in u["text"] for u in parts)
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["figure-mismatch"]


def test_text_lists_them_after_the_findings_and_counts_them_in_the_summary(run):
    out = run().stdout
    assert f'remarks.txt:1:1: not judged ({C.PERFORMATIVE}): "{THANKS}"' in out
    assert f'not judged ({C.UPDATES}): "{UPDATES}"' in out
    assert f'not judged ({C.PERFORMATIVE}): "{THANK_CLAUSE}"' in out
    assert out.index("[figure-mismatch]") < out.index("not judged (")
    assert out.rstrip().endswith("1 error, 0 warnings, 0 info in 1 file; 2 sentences and 1 clause not judged as claims")


def test_a_file_whose_only_parts_are_not_judged_still_gets_its_header(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "thanks.txt"
    draft.write_text(THANKS + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--corpus", CORPUS, str(draft)])
    assert res.exit_code == 0, res.output
    assert f'thanks.txt:1:1: not judged ({C.PERFORMATIVE}): "{THANKS}"' in res.stdout
    assert res.stdout.rstrip().endswith("in 1 file; 1 sentence not judged as a claim")


def test_sarif_carries_them_as_notifications_not_results(run):
    data = json.loads(run("--format", "sarif").stdout)
    (the_run,) = data["runs"]
    assert [r["ruleId"] for r in the_run["results"]] == ["figure-mismatch"]
    assert the_run["tool"]["driver"]["notifications"][0]["id"] == "not-judged"
    notes = the_run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["note"] * 3
    assert notes[0]["message"]["text"] == f"not judged ({C.PERFORMATIVE}): {THANKS}"
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert {n["descriptor"]["id"] for n in notes} == {"not-judged"}


def test_sarif_with_notifications_validates_against_the_official_schema(run):
    from test_report_formats import _sarif_validator

    validator = _sarif_validator()
    data = json.loads(run("--format", "sarif").stdout)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_github_gives_one_notice_per_file_and_line_keeps_one_line_per_finding(run):
    gh = run("--format", "github").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in gh] == ["::error", "::notice"]
    assert "title=msglint not judged::2 sentences and 1 clause read but not judged as claims (lines 1, 5)" in gh[1]
    res = run("--format", "line")
    assert len(res.stdout.splitlines()) == 1  # wc -l still counts findings
    assert "2 sentences and 1 clause not judged as claims" in res.stderr


def test_html_shows_them_muted_with_their_reason_and_lists_them(run, tmp_path):
    run("--format", "html", "-o", tmp_path / "review.html")
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert f'<span class="unjudged" title="not judged: {C.PERFORMATIVE}">{THANKS}</span>' in page
    assert f'<span class="unjudged" title="not judged: {C.UPDATES}">{UPDATES}</span>' in page
    # the judged clause of the mixed sentence is not muted, the thanks clause is
    assert f'Dredging will begin on March 3, 2027, and <span class="unjudged"' in page
    assert "2 sentences and 1 clause read but not judged as claims" in page


def test_the_word_copy_comments_on_them(run, tmp_path):
    res = run("--format", "docx", "-o", tmp_path / "reviewed.docx")
    assert "1 comment(s), and 3 on parts not judged as claims" in res.stderr
    doc = docx.Document(str(tmp_path / "reviewed.docx"))
    heads = [c.text.split("\n")[0] for c in doc.comments]
    assert heads == ["error [figure-mismatch]", "not judged", "not judged", "not judged"]
    assert "This clause was read but not judged as a claim" in list(doc.comments)[3].text


def test_the_language_server_gives_each_a_hint():
    from lsprotocol import types

    from linter.model import Unjudged
    from linter.server.positions import Lines
    from linter.server.protocol import MsglintServer

    text = f"{THANKS}\n"
    u = Unjudged("a.txt", 0, len(THANKS), 1, 1, 1, len(THANKS) + 1, THANKS, C.PERFORMATIVE, True)
    d = MsglintServer.not_judged(u, Lines(text, types.PositionEncodingKind.Utf16))
    assert d.severity == types.DiagnosticSeverity.Hint and d.code == "not-judged"
    assert (d.range.start.character, d.range.end.character) == (0, len(THANKS))
    assert C.PERFORMATIVE in d.message
