"""`msglint corpus check`: report conflicts and gaps inside the approved corpus.

Registered on the ``corpus`` group by :mod:`linter.cli.corpus_cmd`
(``corpus.add_command(check_cmd, "check")``).
"""
from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path

import click

from .common import parse_date

from ..corpus import DEFAULT_MAX_BYTES
from ..errors import MsglintError
from ..report import visible


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
@click.option("--as-of", callback=parse_date, default=None, metavar="YYYY-MM-DD",
              help="Judge 'expires' dates on this day (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--rules", "-r", "rules", multiple=True, metavar="PATH",
              help="Extra rule pack, a folder or YAML file (repeatable).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Largest corpus file to read.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file whose 'corpus' and 'rules' are used when not given here.")
def check_cmd(paths, as_of, fmt, rules, max_bytes, config_path):
    """Check the approved corpus against itself.

    Errors: approved lines that give different figures for the same thing, and approved
    lines that contradict each other.  Warnings: duplicated approved lines, expired
    documents, documents with no posture or no approved lines, and Q: with no A:.
    Every problem names its file and line (and the other line, for pairs).

    \b
    Exit codes: 0 no errors (warnings allowed), 1 errors, 2 input error.

    \b
    Examples:
      msglint corpus check corpus/
      msglint corpus check corpus/ --as-of 2026-12-01 --format json
      msglint corpus check           # the corpus and rules set in .msglint.yaml
    """
    from ..corpus import load_corpus
    from ..checks.selfcheck import has_errors, problems, render_json, render_text
    from ..rulepack import load_rules
    from .corpus_paths import configured_corpus, unreadable_errors, unsupported_info

    as_of = as_of or _dt.date.today()
    try:
        paths, configured_rules = configured_corpus(paths, config_path)
        unsupported_info(paths)
        corpus = load_corpus(paths, max_bytes=max_bytes, strict=False)
        pack = load_rules(list(configured_rules) + list(rules))
        found = problems(corpus, pack, as_of)
    except MsglintError as exc:
        click.echo(f"msglint: error: {visible(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    unreadable_errors(corpus)
    if fmt == "json":
        click.echo(json.dumps(render_json(found, corpus, as_of), indent=2, ensure_ascii=False))
    else:
        # corpus file names and text escaped, as in every other human-readable output
        click.echo(visible(render_text(found, len(corpus.documents))), nl=False)
        if corpus.unreadable:
            click.echo(f"{len(corpus.unreadable)} file(s) left out: they cannot be read (see the errors above)")
    sys.exit(2 if corpus.unreadable else 1 if has_errors(found) else 0)
