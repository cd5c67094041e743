"""Which corpus a ``msglint corpus`` subcommand reads, and what it says about its files."""
from __future__ import annotations

import click

from ..config import resolve_settings
from ..corpus import collect_files_stat, unsupported_notice
from ..errors import MsglintError
from ..model import Corpus
from ..report import visible


def configured_corpus(paths, config_path=None) -> tuple[list, tuple]:
    """The corpus paths to use (the ones given, else the configured ``corpus``) and the
    configured extra rule packs."""
    settings = resolve_settings({"config_path": config_path})
    if paths:
        return list(paths), settings.rules
    if not settings.corpus:
        raise click.UsageError("no corpus given: name corpus files or folders (or set 'corpus' in "
                               ".msglint.yaml)")
    return list(settings.corpus), settings.rules


def unreadable_errors(c: Corpus, why: str = "") -> None:
    """Print one error per corpus file that was left out (``why`` follows each)."""
    for bad in c.unreadable:
        click.echo(f"msglint: error: {visible(str(bad))}{why}", err=True)


def unsupported_info(paths) -> None:
    """Print the one notice naming the files of the corpus folders msglint does not read."""
    names: list[str] = []
    try:
        collect_files_stat(paths, names)
    except MsglintError:
        return  # loading the corpus reports it
    note = unsupported_notice(names)
    if note:
        click.echo(f"msglint: info: {visible(note)}", err=True)
