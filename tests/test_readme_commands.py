"""The README's commands and links stay true: every `msglint <subcommand>` it shows is a
real subcommand, and every docs/ page it links to exists."""
import re
from pathlib import Path

from click.testing import CliRunner

from linter.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> set[str]:
    out = CliRunner().invoke(cli, ["--help"]).output
    block = out.split("Commands:", 1)[1]
    return {m.group(1) for m in re.finditer(r"^\s{2}(\w+)\s", block, re.M)}


def test_every_subcommand_shown_exists():
    known = _subcommands()
    code = re.findall(r"```.*?```", README, re.S) + re.findall(r"`[^`\n]+`", README)
    shown = {w for chunk in code for w in re.findall(r"\bmsglint ([a-z][\w-]*)", chunk)}
    assert {"check", "init", "server"} <= shown
    missing = shown - known
    assert "server" in known
    assert not missing, f"README shows unknown subcommands: {sorted(missing)}"


def test_docs_links_exist():
    links = re.findall(r"\]\((docs/[^)#\s]+)", README)
    assert links, "README links no docs/ page"
    for link in links:
        assert (ROOT / link).is_file(), f"README links {link}, which does not exist"
    for page in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([\w.-]+\.(?:md|png))\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file(), f"{page.name} links {target}"
