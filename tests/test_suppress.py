"""Suppression comments: regions, next-line, plain-text lines, unused and unknown rules."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from click.testing import CliRunner

from linter.checks.suppress import apply
from linter.drafts import Draft
from linter.model import Finding
from linter.sentences import line_starts, position

REPO = Path(__file__).resolve().parents[1]


def pack(**severity):
    return SimpleNamespace(severity=dict(severity), disable=[])


def finding(text, line, rule="figure-mismatch", path="d.md"):
    start = line_starts(text)[line - 1]
    ln, col = position(line_starts(text), start)
    return Finding(rule, "error", f"{rule} here", path, start, start + 3, ln, col, ln, col + 3)


def rules_of(found):
    return [(f.rule, f.line) for f in found]


def test_next_line_suppresses_only_that_rule_on_the_next_line():
    text = "<!-- msglint-disable-next-line figure-mismatch -->\nWe spent $2B.\nWe spent $3B.\n"
    found = [finding(text, 2), finding(text, 2, "term"), finding(text, 3)]
    out = apply(Draft("d.md", text, markdown=True), found, pack())
    assert rules_of(out) == [("term", 2), ("figure-mismatch", 3)]


def test_region_disable_enable_and_all_rules():
    text = ("One.\n<!-- msglint-disable figure-mismatch, term -->\nTwo.\nThree.\n"
            "<!-- msglint-enable figure-mismatch -->\nFour.\n<!-- msglint-disable -->\nFive.\n")
    found = [finding(text, n) for n in (1, 3, 4, 6, 8)] + [finding(text, 6, "term"), finding(text, 8, "contradiction")]
    out = apply(Draft("d.md", text, markdown=True), found, pack())
    assert rules_of(out) == [("figure-mismatch", 1), ("figure-mismatch", 6)]


def test_unused_suppression_reported_on_the_comment():
    text = "Hello.\n\n<!-- msglint-disable-next-line figure-mismatch -->\nThank you all for coming.\n"
    out = apply(Draft("d.md", text, markdown=True), [], pack())
    assert len(out) == 1
    f = out[0]
    assert f.rule == "unused-suppression" and f.severity == "info"
    assert f.message == "suppression of figure-mismatch suppressed nothing"
    assert (f.line, f.column) == (3, 1)
    assert text[f.start:f.end].startswith("<!-- msglint-disable-next-line")


def test_unused_severity_from_pack_and_unknown_rule():
    text = "<!-- msglint-disable-next-line no-such-rule -->\nHi.\n<!-- msglint-disable -->\n"
    out = apply(Draft("d.md", text, markdown=True), [], pack(**{"unused-suppression": "warning"}))
    assert [f.severity for f in out] == ["warning", "warning"]
    assert "unknown rule 'no-such-rule'" in out[0].message
    assert out[1].message == "suppression of all rules suppressed nothing"


def test_unused_suppression_disabled_by_pack():
    text = "<!-- msglint-disable-next-line term -->\nHi.\n"
    p = pack()
    p.disable.append("unused-suppression")
    assert apply(Draft("d.md", text, markdown=True), [], p) == []


def test_plain_text_directive_lines():
    text = "msglint-disable-next-line figure-mismatch\nWe spent $2B.\nmsglint-disable term\nOur troops.\n"
    found = [finding(text, 2, path="d.txt"), finding(text, 4, "term", path="d.txt"),
             finding(text, 4, path="d.txt")]
    out = apply(Draft("d.txt", text), found, pack())
    assert rules_of(out) == [("figure-mismatch", 4)]


def test_markdown_ignores_bare_directive_lines():
    text = "msglint-disable-next-line figure-mismatch\nWe spent $2B.\n"
    out = apply(Draft("d.md", text, markdown=True), [finding(text, 2)], pack())
    assert rules_of(out) == [("figure-mismatch", 2)]


def test_output_sorted_and_untouched_without_comments():
    text = "A.\nB.\n"
    found = [finding(text, 2), finding(text, 1)]
    assert apply(Draft("d.md", text, markdown=True), found, pack()) == sorted(found, key=Finding.sort_key)


def test_end_to_end_check(tmp_path):
    from linter.cli.main import cli

    sentence = ("Last year's Foreign Military Sales budget of $1.5 billion shows that Mexico sees us "
                "as its partner of choice.")
    draft = tmp_path / "remarks.md"
    draft.write_text(f"# Remarks\n\n<!-- msglint-disable-next-line figure-mismatch -->\n{sentence}\n\n"
                     "<!-- msglint-disable-next-line contradiction -->\nThank you all for coming.\n",
                     encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--no-cache", "-c", str(REPO / "corpus"), "--format", "line",
                                   str(draft)], prog_name="msglint")
    assert "figure-mismatch" not in res.output, res.output
    assert "unused-suppression" in res.output and ":6:1:" in res.output
    assert res.exit_code == 0  # unused-suppression is info; fail-on defaults to warning

    txt = tmp_path / "remarks.txt"
    txt.write_text(f"msglint-disable-next-line figure-mismatch\n{sentence}\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--no-cache", "-c", str(REPO / "corpus"), "--format", "line",
                                   str(txt)], prog_name="msglint")
    assert res.exit_code == 0, res.output
    assert "figure-mismatch" not in res.output and "unused" not in res.output
