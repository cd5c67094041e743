"""`msglint rules test PACK...`: term rule examples must fire and pass as declared."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linter.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
HOUSE = REPO / "examples" / "rule-packs" / "house-style"


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="msglint")


def test_shipped_example_pack_passes():
    res = run("rules", "test", str(HOUSE))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert all(line.startswith("PASS ") for line in lines[:-1])
    assert any(line.startswith("PASS Troops fire") for line in lines)
    assert any(line.startswith("PASS Jargon pass") for line in lines)
    assert lines[-1].endswith("0 failed")


def test_wrong_examples_fail(tmp_path):
    (tmp_path / "Bad.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  troops: service members\n"
        "examples:\n  fire:\n    - Our service members are ready.\n  pass:\n    - Our troops are ready.\n"
        "    - The weather is fine.\n",
        encoding="utf-8",
    )
    res = run("rules", "test", str(tmp_path))
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("FAIL Bad fire: Our service members are ready.")
    assert lines[1].startswith("FAIL Bad pass: Our troops are ready.")
    assert lines[2].startswith("PASS Bad pass: The weather is fine.")
    assert lines[-1] == "1 passed, 2 failed"


def test_pack_without_examples_fails(tmp_path):
    (tmp_path / "Plain.yml").write_text("extends: existence\nmessage: \"No '%s'.\"\ntokens: [foo]\n",
                                        encoding="utf-8")
    res = run("rules", "test", str(tmp_path))
    assert res.exit_code == 1
    assert "no examples" in res.output


def test_invalid_pack_is_one_line_error(tmp_path):
    (tmp_path / "Broken.yml").write_text("extends: nonsense\n", encoding="utf-8")
    res = run("rules", "test", str(tmp_path))
    assert res.exit_code == 2
