"""`msglint rules`: the rule table, one rule's documentation, unknown IDs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from linter.checks.registry import rule_doc, rule_ids
from linter.cli.main import cli
from linter.cli.rules_cmd import rules


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="msglint")


def test_lists_all_rules():
    res = run("rules")
    assert res.exit_code == 0, res.output
    ids = rule_ids()
    assert len(ids) == 11
    lines = res.output.splitlines()
    assert lines[0].split() == ["RULE", "SEVERITY", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == ids
    for line, rid in zip(lines[1:], ids):
        doc = rule_doc(rid)
        assert line.split()[1] == doc.severity
        assert line.endswith(doc.summary)
    # aligned: the severity and summary columns start at the same place on every row
    sev_cols = {line.index(line.split()[1], len(line.split()[0])) for line in lines}
    assert len(sev_cols) == 1


def test_shows_one_rule():
    res = run("rules", "figure-mismatch")
    assert res.exit_code == 0, res.output
    doc = rule_doc("figure-mismatch")
    assert res.output.startswith("figure-mismatch")
    assert "error" in res.output.splitlines()[0]
    assert doc.section("What it does") in res.output
    assert "## Use instead" in res.output


def test_every_rule_has_a_doc_page():
    for rid in rule_ids():
        res = run("rules", rid)
        assert res.exit_code == 0, (rid, res.output)
        assert rule_doc(rid).section("Why is this bad?") in res.output


def test_unknown_rule_is_one_line_exit_2():
    res = run("rules", "no-such-rule")
    assert res.exit_code == 2
    out = res.output.strip()
    assert "\n" not in out
    assert "no-such-rule" in out
    assert "figure-mismatch" in out and "unused-suppression" in out
    assert "Traceback" not in out


def test_unknown_rule_when_group_runs_alone():
    res = CliRunner().invoke(rules, ["bogus"])
    assert res.exit_code == 2
    assert len(res.output.strip().splitlines()) == 1


def test_test_subcommand_missing_pack_is_a_usage_error():
    res = run("rules", "test", "no/such-pack.yaml")
    assert res.exit_code == 2
    assert "no/such-pack.yaml" in res.output and "Traceback" not in res.output


def test_help_has_examples():
    res = run("rules", "--help")
    assert res.exit_code == 0
    assert "msglint rules figure-mismatch" in res.output
    assert "test" in res.output


def test_rules_does_not_import_spacy():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom linter.cli.main import cli\n"
            "r = CliRunner().invoke(cli, ['rules', 'term'])\nassert r.exit_code == 0, r.output\n"
            "r = CliRunner().invoke(cli, ['rules'])\nassert r.exit_code == 0, r.output\n"
            "import linter.report.sarif, linter.report.text\n"
            "print('spacy' in sys.modules)\n")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=root, env=env)
    assert out.stdout.strip() == "False"
