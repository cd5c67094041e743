"""`msglint` entry point.

Subcommands are imported only when they run, so ``msglint --help`` and ``msglint --version``
start without importing spaCy.
"""
from __future__ import annotations

import errno
import importlib
import sys

import click

from ..report import visible

from .._version import __version__
from ..errors import MsglintError
from ..textio import discard_partial_writes
from .common import OneLineErrorGroup
from .outputs import ClosedOutput

# name -> "module:attribute" of the click command, loaded on first use.
COMMANDS = {
    "check": "linter.cli.check_cmd:check",
    "explain": "linter.cli.check_cmd:explain",
    "coverage": "linter.cli.coverage_cmd:coverage",
    "corpus": "linter.cli.corpus_cmd:corpus",
    "rules": "linter.cli.rules_cmd:rules",
    "init": "linter.cli.init_cmd:init",
    "cache": "linter.cli.cache_cmd:cache",
    "server": "linter.cli.server_cmd:server",
}

SHORT_HELP = {
    "check": "Lint drafts against the approved corpus.",
    "explain": "Show the verdict for every sentence of a draft.",
    "coverage": "Show which approved documents and Q/A entries drafts drew on.",
    "corpus": "Show, validate, import and self-check approved corpora.",
    "rules": "List rules, show a rule's documentation, test rule packs.",
    "init": "Write a starter .msglint.yaml and an example corpus/ (never overwrites).",
    "cache": "Show or clear the corpus analysis cache.",
    "server": "Run the language server (LSP over stdio) for editors.",
}


class LazyGroup(OneLineErrorGroup):
    """A group whose subcommands live in their own modules and load on demand."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            return None

    def format_commands(self, ctx, formatter):
        # Listing commands must not import them (that would import spaCy).
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)



@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="msglint",
                      message="%(prog)s %(version)s")
def cli():
    """msglint: check drafts against an approved response corpus.

    Flags every sentence of a speech, release or op-ed that contradicts or goes beyond
    the approved public lines, with the approved line as evidence.

    \b
    Examples:
      msglint check --corpus corpus/ examples/draft.md
      msglint explain --corpus corpus/ examples/draft.md
      msglint corpus show corpus/
      msglint rules figure-mismatch
    """


def main(argv=None):
    """Console-script entry point: one exit code, no traceback for user errors or Ctrl-C."""
    from .outputs import guard_streams

    guard_streams()
    try:
        return cli.main(args=argv, prog_name="msglint", standalone_mode=True)
    except KeyboardInterrupt:
        discard_partial_writes()
        click.echo("msglint: interrupted", err=True)
        sys.exit(130)
    except MsglintError as exc:
        click.echo(f"msglint: error: {visible(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        if not isinstance(sys.stdout, ClosedOutput) or exc.errno != errno.EBADF:
            raise
        # a command that prints with click.echo (corpus show, rules ...) to a closed stdout
        click.echo("msglint: error: cannot write standard output: it is closed", err=True)
        sys.exit(2)


def run() -> None:
    """The ``msglint`` command: tune the process (:func:`linter.cli.process.tune`), run
    :func:`main`, then exit with its code (:func:`linter.cli.process.exit_now`)."""
    from . import process  # imports the pipeline module, not spaCy

    process.tune()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(str(code), err=True)
        code = 1
    process.exit_now(code)


if __name__ == "__main__":  # pragma: no cover
    run()
