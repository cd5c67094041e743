"""`msglint init [DIR]`: a commented starter configuration and an example corpus.

Never overwrites: an existing ``.msglint.yaml`` or ``corpus/`` folder is left alone and
reported as skipped.
"""
from __future__ import annotations

from pathlib import Path

import click

CONFIG_NAME = ".msglint.yaml"

STARTER_CONFIG = """\
# msglint configuration; `msglint --help` and `msglint rules` describe the options.
# Paths are relative to this file.  Command-line options override these values.

# The approved response corpus: a folder or file, or a list of them.
corpus:
  - corpus/

# Extra rule packs (folders or YAML files) loaded after the default pack, e.g. term rules.
# rules:
#   - rule-packs/house-style/

# Change a rule's severity: error, warning or info.  `msglint rules` lists the rule IDs.
# severity:
#   dropped-hedge: error
#   unused-suppression: warning

# Rules to switch off entirely.
# disable:
#   - off-posture

# Files (globs) never to lint, even when a folder holding them is given.
# ignore:
#   - "drafts/archive/*"

# Exit 1 when a finding is at or above this severity: error, warning, info or never.
fail-on: warning

# Show only findings at or above this severity: error, warning or info.
min-severity: info

# Judge 'expires' dates on this day instead of today (YYYY-MM-DD).
# as-of: 2025-01-31

# spaCy model name or path (default: the small English model).
# model: en_core_web_sm
"""

EXAMPLE_DOC = """\
HARBOR BRIDGE REPAIRS

Background: The Harbor Bridge has been closed to heavy trucks since a routine inspection
found corrosion on two support cables.  The state transportation department leads on the
repair schedule; we provide engineering support only.  PA posture is RTQ.

Q: When will the Harbor Bridge reopen to trucks?

A: The state transportation department sets the schedule and is the best source on
timing.  Our engineers are supporting the repair work.

Q: How many engineers are supporting the repairs?

A: Twelve Army engineers are supporting the state's repair crews.  They arrived on site
in March.
"""


@click.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path):
    """Write a starter .msglint.yaml and an example corpus/ (never overwrites).

    Also creates corpus/ with a small example quick-response document when DIR has no
    corpus/ folder yet.  Existing files are left alone and reported as skipped.

    \b
    Examples:
      msglint init
      msglint init path/to/project
    """
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / CONFIG_NAME
    if config.exists():
        click.echo(f"skipped {config} (already exists)")
    else:
        _write_new(config, STARTER_CONFIG)
        click.echo(f"wrote {config}")
    corpus = directory / "corpus"
    if corpus.exists():
        click.echo(f"skipped {corpus}/ (already exists)")
    else:
        corpus.mkdir()
        example = corpus / "example_harbor_bridge.txt"
        _write_new(example, EXAMPLE_DOC)
        click.echo(f"wrote {example}")
    click.echo("next: put your approved quick responses in corpus/, then run: msglint check DRAFT")


def _write_new(path: Path, text: str) -> None:
    # "x" mode: fail rather than overwrite if the file appeared meanwhile.
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        click.echo(f"skipped {path} (already exists)")
