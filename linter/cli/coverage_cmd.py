"""`msglint coverage`: which approved documents and Q/A entries each draft drew on."""
from __future__ import annotations

from pathlib import Path

import click

from .check_cmd import (_build, _outside_corpus, _report_unreadable, common_options, coverage_of,
                        read_or_report)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@common_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Output format (html needs -o or a pipe).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: nearest .msglint.yaml or pyproject.toml).")
def coverage(paths, fmt, output, config_path, **opts):
    """Show which approved documents and Q/A entries each draft drew on.

    For each draft: the corpus documents it drew on, which of their Q/A entries it used
    (and with which sentences), which it left out, any Background it leaned on, and the
    approved line each sentence rests on.  Always exits 0 unless the input is bad (2; a
    corpus file that cannot be read is one such error, and the rest of the corpus is used).

    \b
    Examples:
      msglint coverage --corpus corpus/ examples/draft.md
      msglint coverage -c corpus/ --format json drafts/
      msglint coverage -c corpus/ --format html -o coverage.html drafts/
    """
    from ..drafts import expand_paths
    from ..report.coverage_fmt import RENDERERS
    from .outputs import check_destination, emit

    if not paths:
        raise click.UsageError("no draft given: name files, folders or '-' for standard input")
    opts.update(fmt=None, fail_on=None, min_severity=None, config_path=config_path, paths=paths)
    settings, corpus, engine = _build(opts)
    files, _ = expand_paths(paths, settings.ignore)
    files, _in_corpus = _outside_corpus(files, settings.corpus)
    check_destination(fmt, output, files, settings.corpus, settings.source)
    _report_unreadable(corpus)
    covs, unreadable_drafts = [], 0
    for path in files:
        draft = read_or_report(path, opts, "this draft was left out", notices=True)
        if draft is None:  # the other drafts are still covered; exit 2 at the end
            unreadable_drafts += 1
            continue
        covs.append(coverage_of(engine, draft))
    text = RENDERERS[fmt](covs, len(corpus.documents), corpus.content_hash)
    if output is not None:
        from ..textio import write_atomic

        write_atomic(output, text)
    else:
        emit(text)
    if corpus.unreadable or unreadable_drafts:  # an input error, as for check and explain
        raise click.exceptions.Exit(2)
