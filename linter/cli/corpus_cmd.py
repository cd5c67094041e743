"""`msglint corpus`: show, validate and import approved response corpora.

Thin wrappers over :mod:`linter.corpus`; no spaCy here.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..corpus import DEFAULT_MAX_BYTES, collect_files, load_corpus, load_document_file
from ..errors import MsglintError
from ..model import Corpus, Document, SourceLine
from .corpus_paths import configured_corpus, unreadable_errors, unsupported_info

_PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
_CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                       default=None, help="Configuration file whose 'corpus' is used when no PATHS "
                       "are given (default: nearest .msglint.yaml or pyproject.toml).")


_MAX_BYTES = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                          show_default=True, help="Largest corpus file to read.")


@click.group("corpus")
def corpus():
    """Show, validate and import approved response corpora.

    A corpus is quick-response text (.txt, .md) and YAML documents (.yaml, .yml), given as
    files or folders (walked recursively).

    \b
    Examples:
      msglint corpus show corpus/
      msglint corpus show corpus/ --format json
      msglint corpus validate corpus/
      msglint corpus import qr_texts/*.txt -o corpus/
    """


def _line_json(line: SourceLine, with_qa: bool) -> dict:
    out = {"text": line.display, "path": line.path, "line": line.line, "column": line.column,
           "end_line": line.end_line, "end_column": line.end_column}
    if with_qa:
        out["qa_index"] = line.qa_index
    return out


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def document_json(doc: Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "path": doc.path,
        "line": doc.line,
        "posture": doc.posture,
        "approved": _date(doc.approved),
        "expires": _date(doc.expires),
        "owner": doc.owner,
        "lead": doc.lead,
        "qa": [{"index": qa.index, "question": qa.question,
                "line": qa.question_line.line if qa.question_line else
                (qa.answers[0].line if qa.answers else None)} for qa in doc.qa],
        "approved_lines": [_line_json(line, True) for line in doc.approved_lines],
        "background_lines": [_line_json(line, False) for line in doc.background],
        "figures": [{"name": f.name, "value": f.value, "path": f.path, "line": f.line}
                    for f in doc.figures],
        "notes": list(doc.notes),
    }


def corpus_json(c: Corpus) -> dict:
    return {"documents": [document_json(d) for d in c.documents], "hash": c.content_hash}


def _text_block(doc: Document) -> str:
    """One document's summary for a terminal: every string from the corpus (id, title,
    path, owner, figures, notes) passes through :func:`~linter.report.visible`, so an escape
    sequence, bidi control or line break in a corpus file is shown, never acted on."""
    from ..report import visible

    def v(text) -> str:
        return visible(str(text), name=True)

    rows = [
        f"{v(doc.id)}: {v(doc.title)}",
        f"  source:   {v(doc.path)}:{doc.line}",
        f"  posture:  {v(doc.posture)}",
        f"  approved: {_date(doc.approved) or '-'}   expires: {_date(doc.expires) or '-'}",
    ]
    if doc.owner is not None or doc.lead is not None:
        lead = "-" if doc.lead is None else ("yes" if doc.lead else "no")
        rows.append(f"  owner:    {v(doc.owner) if doc.owner else '-'}   lead: {lead}")
    rows.append(f"  lines:    {len(doc.approved_lines)} approved, {len(doc.background)} background,"
                f" {len(doc.qa)} Q/A")
    if doc.figures:
        rows.append("  figures:  " + ", ".join(f"{v(f.name)} = {v(f.value)}" for f in doc.figures))
    rows += [f"  note:     {v(note)}" for note in doc.notes]
    return "\n".join(rows)


@corpus.command("show")
@_PATHS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_MAX_BYTES
@_CONFIG
def show(paths, fmt, max_bytes, config_path):
    """Show the documents of a corpus: titles, posture, dates and line counts.

    JSON lists every approved and background line with its path, line and column.

    \b
    Examples:
      msglint corpus show corpus/
      msglint corpus show corpus/mexico_mil_to_mil.txt --format json
      msglint corpus show            # the corpus set in .msglint.yaml
    """
    paths, _rules = configured_corpus(paths, config_path)
    unsupported_info(paths)
    c = load_corpus(paths, max_bytes=max_bytes, strict=False)
    unreadable_errors(c)
    if fmt == "json":
        out = corpus_json(c)
        out["unreadable"] = [{"path": u.path, "line": u.line, "message": u.message} for u in c.unreadable]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(_text_block(d) for d in c.documents))
        click.echo(f"\n{_summary(c)}")
    if c.unreadable:
        raise click.exceptions.Exit(2)


def _summary(c: Corpus) -> str:
    n = len(c.documents)
    return (f"{n} document{'s' if n != 1 else ''}, {len(c.approved_lines)} approved lines, "
            f"{len(c.background_lines)} background lines, "
            f"{sum(len(d.qa) for d in c.documents)} Q/A entries ({c.content_hash})")


@corpus.command("validate")
@_PATHS
@_MAX_BYTES
@_CONFIG
def validate(paths, max_bytes, config_path):
    """Check that a corpus loads; print a one-line summary or the errors (exit 2).

    Every file is checked, so all broken files are reported at once.  Tolerated problems
    (a Q: with no A:) are printed as warnings.

    \b
    Examples:
      msglint corpus validate corpus/
      msglint corpus validate corpus/hurricane_relief.yaml
      msglint corpus validate        # the corpus set in .msglint.yaml
    """
    paths, _rules = configured_corpus(paths, config_path)
    unsupported_info(paths)
    files = collect_files(paths)
    errors: list[MsglintError] = []
    for path, _ in files:
        try:
            for doc in load_document_file(path, max_bytes):
                for note in doc.notes:
                    click.echo(f"msglint: warning: {doc.path}: {note}", err=True)
        except MsglintError as exc:
            errors.append(exc)
    if errors:
        for exc in errors:
            click.echo(f"msglint: error: {exc}", err=True)
        raise click.exceptions.Exit(2)
    c = load_corpus(paths, max_bytes=max_bytes)
    click.echo(f"ok: {_summary(c)}")


@corpus.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder to write the YAML documents to (created if missing).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@_MAX_BYTES
def import_(files, out_dir, force, max_bytes):
    """Convert quick-response text files to the YAML document form.

    Writes OUTPUT/<name>.yaml per input file, keeping the approved wording; an existing
    file is never overwritten unless --force is given.

    \b
    Examples:
      msglint corpus import corpus/mexico_mil_to_mil.txt -o yaml_corpus/
      msglint corpus import qr/*.txt -o corpus/ --force
    """
    from ..corpus.export import write_documents

    written = write_documents(list(files), out_dir, force=force, max_bytes=max_bytes)
    for path in written:
        click.echo(f"wrote {path}")


from .corpus_check_cmd import check_cmd as _corpus_check  # noqa: E402  (self-check lives in its own module)

corpus.add_command(_corpus_check, "check")
