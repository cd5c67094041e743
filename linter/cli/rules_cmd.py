"""`msglint rules`: list the rules, show one rule's documentation; subcommands such as
``rules test`` plug in beside that.

Design: ``rules`` is a :class:`click.Group` (``invoke_without_command=True``) whose command
resolution has one extra step.  A first argument that names a subcommand runs it; otherwise,
if it is a rule ID, a small generated command prints that rule's documentation; otherwise
it is an error naming the known rule IDs (exit 2).  Subcommands therefore always win over
rule IDs (no rule is named like a subcommand).

Subcommands live in their own modules and load on demand (:data:`SUBCOMMANDS`, like the
top-level commands in :mod:`linter.cli.main`): ``msglint rules test PACK...`` is
``linter/cli/rules_test_cmd.py``.

This module imports no spaCy: the rule registry only imports the check classes.
"""
from __future__ import annotations

import importlib

import click

from ..errors import MsglintError
from .common import OneLineErrorGroup

# subcommand name -> "module:attribute", loaded on first use.
SUBCOMMANDS = {
    "test": "linter.cli.rules_test_cmd:test",
}

SUBCOMMAND_HELP = {
    "test": "Run the examples in rule packs (files with examples: fire/pass).",
}


def _known_ids() -> list[str]:
    from ..checks.registry import rule_ids

    return rule_ids()


def _severity_and_doc(rule_id: str):
    from ..checks.registry import rule_doc

    return rule_doc(rule_id)


def format_rule_table() -> str:
    """Every rule as an aligned table: ID, default severity, summary."""
    from ..checks.registry import rule_docs

    docs = rule_docs()
    rows = [("RULE", "SEVERITY", "SUMMARY")] + [(d.id, d.severity, d.summary) for d in docs]
    w_id = max(len(r[0]) for r in rows)
    w_sev = max(len(r[1]) for r in rows)
    return "".join(f"{a:<{w_id}}  {b:<{w_sev}}  {c}".rstrip() + "\n" for a, b, c in rows)


def format_rule_doc(rule_id: str) -> str:
    """One rule's full documentation: ID, default severity, then the markdown doc."""
    doc = _severity_and_doc(rule_id)
    head = f"{doc.id} (default severity: {doc.severity})"
    parts = [head, doc.summary, "", doc.doc.strip()]
    return "\n".join(parts).rstrip() + "\n"


def _doc_command(rule_id: str) -> click.Command:
    def show():
        click.echo(format_rule_doc(rule_id), nl=False)

    return click.Command(rule_id, callback=show, help=f"Show the documentation of {rule_id}.")


class RulesGroup(OneLineErrorGroup):
    """A group that also accepts a rule ID where a subcommand name would go."""

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(SUBCOMMANDS))

    def get_command(self, ctx, name):
        if name in self.commands:
            return self.commands[name]
        target = SUBCOMMANDS.get(name)
        if target is not None:
            module, attr = target.split(":")
            return getattr(importlib.import_module(module), attr)
        if name in _known_ids():
            return _doc_command(name)
        return None

    def resolve_command(self, ctx, args):
        name = click.utils.make_str(args[0])
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            known = ", ".join(_known_ids())
            raise MsglintError(f"unknown rule {name!r}; known rules: {known}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx, formatter):
        # Listing subcommands must not import them.
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str()))
            else:
                rows.append((name, SUBCOMMAND_HELP.get(name, "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)



@click.group(
    "rules",
    cls=RulesGroup,
    invoke_without_command=True,
    subcommand_metavar="[RULE_ID | COMMAND [ARGS]...]",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.pass_context
def rules(ctx):
    """List the rules, or show one rule's documentation.

    Without arguments, lists every rule with its default severity and a one-line summary.
    With a rule ID, prints that rule's documentation: what it does, why it matters, an
    example and what to write instead.

    \b
    Examples:
      msglint rules
      msglint rules figure-mismatch
      msglint rules test rules/my-pack.yaml
    """
    if ctx.invoked_subcommand is None:
        click.echo(format_rule_table(), nl=False)
