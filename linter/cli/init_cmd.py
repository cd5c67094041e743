"""`msglint init [DIR]`: a commented starter configuration and an example corpus.

Never overwrites: an existing ``.msglint.yaml`` or ``corpus/`` folder is left alone and
reported as skipped.
"""
from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import InputError

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
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file, device ... of that name: click checks only existing paths
        raise InputError("is not a folder; give the folder to set up", str(directory)) from None
    except OSError as exc:
        raise InputError(f"cannot create this folder: {exc.strerror or exc}", str(directory)) from None
    if not directory.is_dir():
        raise InputError("is not a folder; give the folder to set up", str(directory))
    config = directory / CONFIG_NAME
    if os.path.lexists(config):  # a dangling link counts: writing through it would create its target
        click.echo(f"skipped {config} (already exists{_kind(config)})")
    elif _write_new(config, STARTER_CONFIG):
        click.echo(f"wrote {config}")
    corpus = directory / "corpus"
    if corpus.is_dir():
        click.echo(f"skipped {corpus}/ (already exists)")
    elif os.path.lexists(corpus):
        click.echo(f"skipped {corpus}/: a file of that name exists{_kind(corpus)}, so no example corpus "
                   "was written")
        click.echo(f"msglint: warning: {corpus} is not a folder, but {CONFIG_NAME} names corpus/ as the "
                   f"corpus: move {corpus} away or edit the corpus entry", err=True)
    else:
        try:
            corpus.mkdir()
        except OSError as exc:
            raise InputError(f"cannot create this folder: {exc.strerror or exc}", str(corpus)) from None
        example = corpus / "example_harbor_bridge.txt"
        if _write_new(example, EXAMPLE_DOC):
            click.echo(f"wrote {example}")
    click.echo("next: put your approved quick responses in corpus/, then run: msglint check DRAFT")


def _kind(path: Path) -> str:
    """`` as a dangling symbolic link`` and the like, for what is not a plain file."""
    if path.is_symlink() and not path.exists():
        return " as a dangling symbolic link"
    if path.is_dir():
        return " as a folder"
    return ""


def _write_new(path: Path, text: str) -> bool:
    """Write a new file; False (and one "skipped" line) when one appeared meanwhile."""
    # "x" mode: fail rather than overwrite if the file appeared meanwhile.
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        click.echo(f"skipped {path} (already exists)")
        return False
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    return True
