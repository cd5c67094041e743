"""Every report format looks as specified, is deterministic, and colours only on request."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linter._version import __version__
from linter.checks.registry import rule_ids
from linter.model import Evidence, Finding
from linter.report import FORMATS, FileResult, Report, render
from linter.report import github as github_fmt
from linter.report import sarif as sarif_fmt

SCHEMAS = Path(__file__).resolve().parents[1].parent / "shared" / "schemas"

BUDGET_LINE = Evidence(
    document="LIBRARY-BUDGET",
    title="Riverside library renovation budget",
    path="corpus/library.md",
    line=14,
    column=3,
    text="The county has set aside $4.2 million for the Riverside library renovation.",
    kind="approved",
)
BACKGROUND_LINE = Evidence(
    document="LIBRARY-BUDGET",
    title="Riverside library renovation budget",
    path="corpus/library.md",
    line=6,
    column=1,
    text="Contractor bids came in 12% over the estimate, 100% not for release.",
    kind="background",
)


def _finding(rule, severity, message, path, line, column, length, *, start, evidence=(),
             suggestion=None, sentence=""):
    return Finding(rule, severity, message, path, start, start + length, line, column, line,
                   column + length, tuple(evidence), suggestion, sentence)


MISMATCH = _finding(
    "figure-mismatch", "error",
    "$2.4 million differs from the approved $4.2 million for the renovation budget.",
    "drafts/library speech.md", 3, 30, 12, start=80, evidence=[BUDGET_LINE],
    suggestion="The county has set aside $4.2 million for the Riverside library renovation.",
    sentence="The county has set aside $2.4 million for the\nRiverside library renovation.",
)
BACKGROUND = _finding(
    "background-only", "warning",
    "Bids came in 12% over: this is background, not an approved line (50%, really: yes).",
    "drafts/library speech.md", 5, 1, 40, start=150, evidence=[BACKGROUND_LINE],
    sentence="Bids for the renovation came in 12% over the estimate.",
)
UNVETTED = _finding(
    "unvetted-figure", "error", "No approved line gives 300 new seats.",
    "drafts/library speech.md", 3, 60, 3, start=110,
    sentence="The county has set aside $2.4 million for the\nRiverside library renovation.",
)
OFF_POSTURE = _finding(
    "off-posture", "info", "The draft raises the branch closures,\nwhich are respond-to-query only.",
    "drafts/release.md", 1, 1, 20, start=0, sentence="Branch closures are on hold.",
)
PACK_RULE = _finding(
    "pack-only-rule", "warning", "A rule the registry does not know, from a rule pack.",
    "drafts/release.md", 2, 4, 5, start=30, sentence="Something else entirely.",
)


def make_report(with_pack_rule=False) -> Report:
    release = [OFF_POSTURE] + ([PACK_RULE] if with_pack_rule else [])
    return Report(
        files=[
            # deliberately unsorted: the report sorts findings by Finding.sort_key()
            FileResult("drafts/library speech.md", [BACKGROUND, UNVETTED, MISMATCH]),
            FileResult("drafts/release.md", release),
            FileResult("drafts/clean.md", []),
        ],
        corpus_documents=3,
        corpus_hash="sha256:" + "ab" * 32,
        notices=["cache: could not write /tmp/msglint-cache (read-only)"],
    )


def empty_report() -> Report:
    return Report(files=[FileResult("drafts/clean.md", [])], corpus_documents=1,
                  corpus_hash="sha256:" + "0" * 64)


# --- the report model --------------------------------------------------------------------

def test_findings_sorted_and_files_in_given_order():
    report = make_report()
    assert [fr.path for fr in report.files] == ["drafts/library speech.md", "drafts/release.md",
                                                "drafts/clean.md"]
    assert report.files[0].findings == [MISMATCH, UNVETTED, BACKGROUND]
    assert report.summary() == {"error": 2, "warning": 1, "info": 1}
    assert report.max_severity() == "error"


def test_from_findings_groups_by_path_in_given_order():
    report = Report.from_findings(["drafts/release.md", "drafts/library speech.md"],
                                  [MISMATCH, OFF_POSTURE, BACKGROUND, UNVETTED], 3, "sha256:x")
    assert [fr.path for fr in report.files] == ["drafts/release.md", "drafts/library speech.md"]
    assert report.files[1].findings == [MISMATCH, UNVETTED, BACKGROUND]


def test_unknown_format_is_a_user_error():
    from linter.errors import MsglintError

    with pytest.raises(MsglintError):
        render(make_report(), "xml")


# --- determinism, notices and colour -------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_render_is_byte_identical(fmt):
    first = render(make_report(), fmt).encode("utf-8")
    second = render(make_report(), fmt).encode("utf-8")
    assert first == second
    assert first.endswith(b"\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_notices_never_in_report(fmt):
    assert "cache" not in render(make_report(), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_colour_unless_asked(fmt):
    assert "\x1b[" not in render(make_report(), fmt)
    assert "\x1b[" not in render(make_report(), fmt, color=False)


def test_text_colour_when_asked():
    coloured = render(make_report(), "text", color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render(make_report(), "text")


# --- text -------------------------------------------------------------------------------------

def test_text_format():
    out = render(make_report(), "text")
    lines = out.splitlines()
    assert lines[0] == "drafts/library speech.md"
    assert lines[1] == ("drafts/library speech.md:3:30: error [figure-mismatch] "
                        "$2.4 million differs from the approved $4.2 million for the renovation budget.")
    assert lines[2] == ('    approved line (LIBRARY-BUDGET, corpus/library.md:14): '
                        '"The county has set aside $4.2 million for the Riverside library renovation."')
    assert lines[3] == ('    suggestion: "The county has set aside $4.2 million for the Riverside '
                        'library renovation."')
    assert "    background (LIBRARY-BUDGET, corpus/library.md:6): " in out
    assert "drafts/release.md" in lines
    assert ("drafts/release.md:1:1: info [off-posture] The draft raises the branch closures, "
            "which are respond-to-query only.") in lines
    assert "drafts/clean.md" not in out  # no header for a file without findings
    assert lines[-1] == "2 errors, 1 warning, 1 info in 3 files"


def test_text_summary_when_clean():
    assert render(empty_report(), "text") == "0 errors, 0 warnings, 0 info in 1 file\n"


# --- line -------------------------------------------------------------------------------------

LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                     r"\[(?P<rule>[a-z0-9-]+)\] (?P<msg>\S.*)$")


def test_line_format_one_line_per_finding():
    report = make_report()
    out = render(report, "line")
    lines = out.splitlines()
    assert len(lines) == len(report.findings) == 4
    for line, finding in zip(lines, report.findings):
        m = LINE_RE.match(line)
        assert m, line
        assert (m["path"], int(m["line"]), int(m["col"]), m["sev"], m["rule"]) == (
            finding.path, finding.line, finding.column, finding.severity, finding.rule)
    assert render(empty_report(), "line") == ""


# --- json -------------------------------------------------------------------------------------

def test_json_schema_exact():
    data = json.loads(render(make_report(), "json"))
    assert list(data) == ["version", "tool", "corpus", "files", "summary"]
    assert data["version"] == 1
    assert data["tool"] == {"name": "msglint", "version": __version__}
    assert data["corpus"] == {"documents": 3, "hash": "sha256:" + "ab" * 32}
    assert data["summary"] == {"files": 3, "error": 2, "warning": 1, "info": 1, "not_judged": 0}
    assert [f["path"] for f in data["files"]] == ["drafts/library speech.md", "drafts/release.md",
                                                  "drafts/clean.md"]
    for file in data["files"]:
        assert set(file) == {"path", "findings", "not_judged"} and file["not_judged"] == []
        for finding in file["findings"]:
            assert set(finding) == {"rule", "severity", "message", "line", "column", "end_line",
                                    "end_column", "evidence", "suggestion"}
            for ev in finding["evidence"]:
                assert set(ev) == {"document", "title", "path", "line", "column", "kind", "text"}
    first = data["files"][0]["findings"][0]
    assert first == {
        "rule": "figure-mismatch", "severity": "error", "message": MISMATCH.message,
        "line": 3, "column": 30, "end_line": 3, "end_column": 42,
        "evidence": [{"document": "LIBRARY-BUDGET", "title": "Riverside library renovation budget",
                      "path": "corpus/library.md", "line": 14, "column": 3, "kind": "approved",
                      "text": BUDGET_LINE.text}],
        "suggestion": MISMATCH.suggestion,
    }
    assert data["files"][0]["findings"][1]["suggestion"] is None
    assert data["files"][2]["findings"] == []


def test_json_layout_and_unicode():
    finding = _finding("term", "warning", "Use “county”, not “shire” — café", "drafts/é.md", 1, 1,
                       5, start=0)
    out = render(Report([FileResult("drafts/é.md", [finding])], 1, "sha256:0"), "json")
    assert "“county”" in out and "\\u" not in out
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


# --- github -----------------------------------------------------------------------------------

GITHUB_RE = re.compile(
    r"^::(?P<cmd>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[^,:\r\n]+)"
    r"::(?P<msg>[^\r\n]*)$"
)


def test_github_workflow_commands():
    report = make_report()
    lines = render(report, "github").splitlines()
    assert len(lines) == len(report.findings)
    for line, finding in zip(lines, report.findings):
        m = GITHUB_RE.match(line)
        assert m, line
        assert m["cmd"] == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert m["file"] == finding.path.replace("%", "%25")
        assert (int(m["line"]), int(m["col"]), int(m["end_line"]), int(m["end_col"])) == (
            finding.line, finding.column, finding.end_line, finding.end_column)
        assert m["title"] == f"msglint {finding.rule}"
        # undoing the data escaping gives the message back (first line) plus the evidence
        msg = m["msg"].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert msg.startswith(finding.message)
        # no bare '%' that is not an escape
        assert not re.search(r"%(?!25|0A|0D)", m["msg"])


def test_github_escaping():
    assert github_fmt.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github_fmt.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    odd = _finding("term", "warning", "100% sure:\nyes, really", "drafts/a,b:c%.md", 2, 3, 4,
                   start=9)
    line = github_fmt.annotation(odd)
    assert line == ("::warning file=drafts/a%2Cb%3Ac%25.md,line=2,col=3,endLine=2,endColumn=7,"
                    "title=msglint term::100%25 sure:%0Ayes, really")
    assert GITHUB_RE.match(line)


def test_github_evidence_in_message():
    line = github_fmt.annotation(MISMATCH)
    assert line.startswith("::error ")
    assert "%0Aapproved line (LIBRARY-BUDGET, corpus/library.md:14): " in line
    assert "%0Asuggestion: " in line


# --- sarif ------------------------------------------------------------------------------------

def _sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not path.is_file():
        candidates = sorted(SCHEMAS.glob("sarif*.json")) if SCHEMAS.is_dir() else []
        if not candidates:
            pytest.skip(f"SARIF schema not found under {SCHEMAS}")
        path = candidates[0]
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("with_pack_rule", [False, True])
def test_sarif_validates_against_official_schema(with_pack_rule):
    validator = _sarif_validator()
    data = json.loads(render(make_report(with_pack_rule), "sarif"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    empty = json.loads(render(empty_report(), "sarif"))
    assert not list(validator.iter_errors(empty))


def test_sarif_contents():
    report = make_report(with_pack_rule=True)
    data = json.loads(render(report, "sarif"))
    assert data["version"] == "2.1.0"
    assert data["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(data["runs"]) == 1
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "msglint"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://pypi.org/project/msglint/"
    ids = [r["id"] for r in driver["rules"]]
    assert ids[:len(rule_ids())] == rule_ids()
    assert ids[len(rule_ids()):] == ["pack-only-rule"]
    fm = driver["rules"][0]
    assert fm["name"] == "FigureMismatch"
    assert fm["shortDescription"]["text"] == "A figure differs from the approved figure for the same thing."
    assert fm["fullDescription"]["text"].startswith("Flags a figure in the draft")
    assert "## Why is this bad?" in fm["help"]["markdown"]
    assert fm["help"]["text"] == fm["help"]["markdown"]
    assert fm["defaultConfiguration"]["level"] == "error"
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["off-posture"] == "note" and levels["unsupported-claim"] == "warning"
    assert all(r["properties"]["tags"] for r in driver["rules"])
    assert run["columnKind"] == "unicodeCodePoints"
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "drafts/library%20speech.md", "drafts/release.md", "drafts/clean.md"]

    results = run["results"]
    assert len(results) == len(report.findings)
    for result, finding in zip(results, report.findings):
        assert result["ruleId"] == finding.rule
        assert driver["rules"][result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert result["message"]["text"] == finding.message
        loc = result["locations"][0]["physicalLocation"]
        assert "\\" not in loc["artifactLocation"]["uri"]
        assert loc["region"] == {"startLine": finding.line, "startColumn": finding.column,
                                 "endLine": finding.end_line, "endColumn": finding.end_column}
        assert re.fullmatch(r"[0-9a-f]{64}:\d+", result["partialFingerprints"]["msglintFinding/v1"])
    first = results[0]
    assert first["relatedLocations"] == [{
        "id": 0,
        "message": {"text": BUDGET_LINE.text},
        "physicalLocation": {"artifactLocation": {"uri": "corpus/library.md"},
                             "region": {"startLine": 14, "startColumn": 3}},
        "properties": {"document": "LIBRARY-BUDGET", "title": BUDGET_LINE.title,
                       "kind": "approved"},
    }]
    # two findings in one sentence of different rules: different fingerprints
    prints = [r["partialFingerprints"]["msglintFinding/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprint_stable_when_lines_move():
    moved = Finding(MISMATCH.rule, MISMATCH.severity, MISMATCH.message, MISMATCH.path,
                    MISMATCH.start + 500, MISMATCH.end + 500, MISMATCH.line + 20, MISMATCH.column,
                    MISMATCH.end_line + 20, MISMATCH.end_column, MISMATCH.evidence,
                    MISMATCH.suggestion, MISMATCH.sentence.replace("\n", " "))
    assert sarif_fmt.fingerprint(moved) == sarif_fmt.fingerprint(MISMATCH)
    other = Finding(**{**MISMATCH.__dict__, "rule": "contradiction"})
    assert sarif_fmt.fingerprint(other) != sarif_fmt.fingerprint(MISMATCH)


def test_sarif_duplicate_fingerprints_get_occurrence_numbers():
    twin = Finding(**{**MISMATCH.__dict__, "start": MISMATCH.start + 1, "column": MISMATCH.column + 1})
    data = json.loads(render(Report([FileResult(MISMATCH.path, [MISMATCH, twin])]), "sarif"))
    prints = [r["partialFingerprints"]["msglintFinding/v1"] for r in data["runs"][0]["results"]]
    assert prints[0].endswith(":1") and prints[1].endswith(":2")
    assert prints[0][:-2] == prints[1][:-2]


@pytest.mark.parametrize("path, uri", [
    ("drafts/a.md", "drafts/a.md"),
    ("drafts\\sub\\a.md", "drafts/sub/a.md"),
    ("./drafts/a b.md", "drafts/a%20b.md"),
    ("/abs/drafts/a.md", "file:///abs/drafts/a.md"),
    ("C:\\drafts\\a.md", "file:///C:/drafts/a.md"),
])
def test_sarif_path_uri(path, uri):
    assert sarif_fmt.path_uri(path) == uri


def test_camel_case():
    assert sarif_fmt.camel_case("figure-mismatch") == "FigureMismatch"
    assert sarif_fmt.camel_case("term") == "Term"


def test_sarif_validator_rejects_invalid_output():
    # guards against a validator that silently accepts everything
    validator = _sarif_validator()
    data = json.loads(render(make_report(), "sarif"))
    data["runs"][0]["results"][0]["level"] = "fatal"
    data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(validator.iter_errors(data))) >= 2


def test_sarif_fix_replaces_the_flagged_sentence_with_the_suggestion(tmp_path):
    """A checked text draft's suggestion travels as a SARIF fix whose deleted region is the
    flagged sentence (the writer's sentence repaired, for a changed figure)."""
    from click.testing import CliRunner

    from linter.cli.main import cli

    repo = Path(__file__).resolve().parents[1]
    draft = tmp_path / "d.md"
    draft.write_text("# Remarks\n\nThanks for coming. Last year the Foreign Military Sales budget was "
                     "$1.5 billion.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--corpus", str(repo / "corpus"), "--format", "sarif", str(draft)])
    data = json.loads(res.stdout)
    (fm,) = [r for r in data["runs"][0]["results"] if r["ruleId"] == "figure-mismatch"]
    (change,) = fm["fixes"][0]["artifactChanges"]
    (rep,) = change["replacements"]
    assert rep["insertedContent"]["text"] == "Last year the Foreign Military Sales budget was $1B."
    region = rep["deletedRegion"]
    line = draft.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert region["startLine"] == region["endLine"] == 3
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == (
        "Last year the Foreign Military Sales budget was $1.5 billion.")
    if SCHEMAS.is_dir():
        validator = _sarif_validator()
        assert not list(validator.iter_errors(data))
