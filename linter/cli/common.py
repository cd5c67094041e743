"""Pieces every msglint command shares: one-line errors, Ctrl-C, dates."""
from __future__ import annotations

import datetime as _dt

import click

from ..report import visible

from ..errors import MsglintError
from ..textio import discard_partial_writes


class OneLineErrorGroup(click.Group):
    """A group that prints ``MsglintError`` as one line (exit 2) and maps Ctrl-C to 130.

    Without this, click's standalone mode turns an interrupt into "Aborted!" and exit 1.
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MsglintError as exc:
            click.echo(f"msglint: error: {visible(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            discard_partial_writes()
            click.echo("msglint: interrupted", err=True)
            ctx.exit(130)


def parse_date(ctx, param, value):
    """click callback: ``YYYY-MM-DD`` -> ``datetime.date`` (``None`` stays ``None``)."""
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None
