"""`msglint check` and `msglint explain`."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..api import Linter
from ..checks.engine import SUPPORTED_REASON
from ..checks.selfcheck import WARN_LIMIT
from ..config import resolve_settings
from ..coverage import of_draft
from ..drafts import expand_paths, read_draft
from ..errors import InputError
from ..model import SEVERITY_RANK
from ..report import Report, json_safe, render, unjudged_summary, visible
from ..rulepack import load_rules
from ..textio import DEFAULT_MAX_BYTES, is_within, write_atomic
from .common import parse_date
from .corpus_paths import unreadable_errors
from .outputs import check_destination, emit, protected_paths, refuse_destination, refuse_inside_corpus

# Imported when used: python-docx (the docx writer, report.word) is needed by --format docx only.

FAIL_ON = ("error", "warning", "info", "never")


def common_options(f):
    f = click.option("--corpus", "-c", "corpus", multiple=True, metavar="PATH",
                     help="Approved corpus: a folder or file (repeatable).")(f)
    f = click.option("--rules", "-r", "rules", multiple=True, metavar="PATH",
                     help="Extra rule pack, a folder or YAML file (repeatable; overrides defaults).")(f)
    f = click.option("--as-of", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                     help="Judge 'expires' dates on this day (default: today).")(f)
    f = click.option("--model", default=None, help="spaCy model name or path.")(f)
    f = click.option("--no-cache", is_flag=True, help="Do not read or write the corpus cache.")(f)
    f = click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                     help="Corpus cache folder (default: the user cache dir).")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Largest file msglint reads.")(f)
    f = click.option("--stdin-filename", default=None, metavar="NAME",
                     help="Name to report for '-' (standard input).")(f)
    return f


def _settings(opts):
    """The resolved settings and the rule pack they select."""
    settings = resolve_settings(opts)
    if not settings.corpus:
        raise click.UsageError("no corpus given: use --corpus PATH (or set 'corpus' in .msglint.yaml)")
    pack = load_rules(list(settings.rules)).with_overrides(settings.severity, settings.disable)
    if opts.get("cache_dir") is not None and not opts.get("no_cache"):
        refuse_inside_corpus(opts["cache_dir"], settings.corpus, "the cache")
    return settings, pack


def _open(settings, pack, opts, first_draft=None):
    """The :class:`~linter.api.Linter` for these settings (``first_draft`` is parsed while
    the corpus opens)."""
    cache = False if opts["no_cache"] else (opts["cache_dir"] or None)
    return Linter.open(settings.corpus, pack, model=settings.model, cache=cache, as_of=settings.as_of,
                       max_bytes=opts["max_bytes"], first_draft=first_draft)


def _build(opts):
    settings, pack = _settings(opts)
    lint = _open(settings, pack, opts)
    return settings, lint.corpus, lint


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@common_options
@click.option("--format", "-f", "fmt",
              type=click.Choice(["text", "line", "json", "sarif", "github", "html", "docx"]),
              default=None, help="Output format (default: text; html needs -o or a pipe); docx: a "
              "copy of each draft with the findings as Word comments (needs -o).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the report to this file (atomically) instead of standard output; "
              "for docx, the reviewed copy (a folder for several drafts).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning).")
@click.option("--min-severity", type=click.Choice(("error", "warning", "info")), default=None,
              help="Show only findings at or above this severity (default: info).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: nearest .msglint.yaml or pyproject.toml).")
def check(paths, fmt, output, fail_on, min_severity, exit_zero, config_path, **opts):
    """Lint drafts against the approved corpus.

    Each sentence that contradicts or goes beyond the approved lines gets one finding,
    with the approved line as evidence and, where there is one, the approved wording.

    \b
    Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
                2 usage, configuration or input error.

    \b
    Examples:
      msglint check --corpus corpus/ examples/draft.md
      msglint check -c corpus/ --format json drafts/*.md
      cat speech.txt | msglint check -c corpus/ -
      msglint check -c corpus/ --format sarif -o msglint.sarif drafts/
      msglint check -c corpus/ --format html -o review.html drafts/
      msglint check -c corpus/ --format docx -o reviewed.docx speech.docx
    """
    opts.update(fmt=fmt, fail_on=fail_on, min_severity=min_severity, config_path=config_path, paths=paths)
    settings, pack = _settings(opts)
    if not paths:
        raise click.UsageError("no draft given: name files, folders or '-' for standard input")
    files, skipped = expand_paths(paths, settings.ignore)
    files, in_corpus = _outside_corpus(files, settings.corpus)
    jobs = _docx_jobs(files, output, opts) if settings.format == "docx" else None
    if jobs is None:
        check_destination(settings.format, output, files, settings.corpus, settings.source)
    else:
        protected = protected_paths(files, settings.corpus, settings.source)
        for job in jobs:
            refuse_destination(job.target, protected, settings.corpus)
    draft_notes: list[str] = []
    if in_corpus:
        shown = ", ".join(in_corpus[:5]) + (f" and {len(in_corpus) - 5} more" if len(in_corpus) > 5 else "")
        draft_notes.append(f"left out {len(in_corpus)} file(s) that belong to the corpus (approved "
                           f"documents are not drafts): {shown}")
    if skipped:
        shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        draft_notes.append(f"skipped {len(skipped)} file(s) msglint cannot read as drafts "
                           f"(save them as .docx, .md or .txt): {shown}")

    unreadable_drafts: list[str] = []

    def read_or_note(path):
        draft = read_or_report(path, opts, "this draft was not checked")
        if draft is None:
            unreadable_drafts.append(path)
        return draft

    def drafts():  # read one at a time, as they are checked
        if first is not None:
            yield first
        for path in files[start:]:
            draft = read_or_note(path)
            if draft is not None:
                yield draft

    # The first readable draft is parsed in the background while the corpus is opened.
    first, start = None, 0
    while first is None and start < len(files):
        first = read_or_note(files[start])
        start += 1
    names, findings, drafts_by_path, unjudged = [], [], {}, []
    floor = SEVERITY_RANK[settings.min_severity]
    with _open(settings, pack, opts, first_draft=first) as lint:
        corpus = lint.corpus
        def failed(draft, exc):
            click.echo(f"msglint: error: {visible(str(exc))} (this draft was not checked)", err=True)
            unreadable_drafts.append(draft.path)

        for checked in lint.check_many(drafts(), progress=_progress_bar, failed=failed):
            draft = checked.draft
            names.append(draft.path)
            drafts_by_path[draft.path] = draft
            draft_notes += [f"{draft.path}: {note}" for note in checked.notices]
            findings += [f for f in checked.findings if SEVERITY_RANK[f.severity] >= floor]
            unjudged += checked.unjudged
    notices = list(lint.opened.notices)
    notices += _corpus_warnings(lint.opened.problems)
    report = Report.from_findings(names, findings, len(corpus.documents), corpus.content_hash,
                                  notices + draft_notes, drafts_by_path, unjudged)
    if settings.format == "html":  # the review page shows each draft's coverage too
        report.coverage = {path: coverage_of(lint, draft) for path, draft in drafts_by_path.items()}
    for note in notices:
        click.echo(f"msglint: {'warning' if 'conflict' in note else 'info'}: {visible(note)}", err=True)
    for note in draft_notes:
        click.echo(f"msglint: warning: {visible(note)}", err=True)
    if settings.format == "line":  # one line per finding: what was not judged goes to stderr
        for fr in report.files:
            if fr.unjudged:
                click.echo(f"msglint: info: {visible(fr.path, True)}: {unjudged_summary(fr.unjudged)} "
                           "not judged as claims (--format text lists them)", err=True)
    _report_unreadable(corpus)
    color = (settings.format == "text" and output is None and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    if jobs is not None:
        _write_docx(report, jobs)
    elif output is not None:
        text = render(report, settings.format, color=color)
        write_atomic(output, text)
    else:
        emit(render(report, settings.format, color=color))
    if corpus.unreadable or unreadable_drafts:  # an input error, whatever the findings
        sys.exit(2)
    if exit_zero or settings.fail_on == "never":
        sys.exit(0)
    threshold = SEVERITY_RANK[settings.fail_on]
    sys.exit(1 if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else 0)


#: A draft with more sentences than this gets a progress bar, when stderr is a terminal.
PROGRESS_MIN_SENTENCES = 300


def _progress_bar(draft):
    """A tqdm bar on standard error for a long draft read at a terminal, else None."""
    if len(draft.sentences) <= PROGRESS_MIN_SENTENCES or not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # only for long drafts at a terminal

    return tqdm(total=len(draft.sentences), desc=f"msglint: {visible(draft.path, True)}",
                unit="sentence", leave=False, file=sys.stderr)


def coverage_of(lint, draft):
    """The :class:`~linter.coverage.DraftCoverage` of ``draft``, from the verdicts
    `msglint explain` shows for it (``lint``: a :class:`~linter.api.Linter`)."""
    return of_draft(draft.path, lint.explain(draft), lint.corpus)


def _outside_corpus(files: list[str], corpus: tuple) -> tuple[list[str], list[str]]:
    """The drafts that are not corpus files, and those that are (a pre-commit run over a
    whole statement repository names its approved documents too)."""
    keep, dropped = [], []
    for f in files:
        (dropped if f != "-" and is_within(f, corpus) else keep).append(f)
    return keep, dropped


def read_or_report(path, opts, left: str, notices: bool = False):
    """The draft at ``path``, or None after one error line ending ``(left)`` when it cannot
    be read: the other drafts are still handled, and the run exits 2.  With ``notices``,
    the draft's reader notices are printed as warnings."""
    try:
        draft = read_draft(path, opts["max_bytes"], opts["stdin_filename"])
    except InputError as exc:
        click.echo(f"msglint: error: {visible(str(exc))} ({left})", err=True)
        return None
    if notices:
        for note in draft.notices:
            click.echo(f"msglint: warning: {visible(draft.path, True)}: {visible(note)}", err=True)
    return draft


def _report_unreadable(corpus) -> None:
    """One error line per corpus file that was left out (the run used the rest)."""
    unreadable_errors(corpus, " (this file was left out of the corpus; the rest was used)")


def _docx_jobs(files, output, opts):
    """Where the reviewed copies go (checked before any draft is judged)."""
    from ..report.word import plan

    if output is None:
        raise click.UsageError("--format docx writes a Word file, not text: name it with -o FILE.docx")
    names = [opts["stdin_filename"] or "<stdin>" if f == "-" else f for f in files]
    return plan(files, names, output)


def _write_docx(report, jobs) -> None:
    from ..report.word import write

    unjudged = {fr.path: len(fr.unjudged) for fr in report.files}
    for job, count in write(report, jobs):
        said = f"{count} comment(s)" if count else "no findings, so no finding comments"
        if unjudged.get(job.draft):
            said += f", and {unjudged[job.draft]} on parts not judged as claims"
        click.echo(f"msglint: wrote {visible(str(job.target), True)}: {said}", err=True)


def _corpus_warnings(problems) -> list[str]:
    """One notice (not one per draft) when the corpus contradicts itself.  The self-check
    ran when the corpus snapshot was built (``open_corpus``), not on every run."""
    found = problems or []
    if not found:
        return []
    first = found[0]
    count = f"at least {WARN_LIMIT}" if len(found) >= WARN_LIMIT else str(len(found))
    return [f"the corpus has {count} internal conflict(s), e.g. {first.location()}: {first.message} "
            "(run 'msglint corpus check')"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@common_options
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Output format.")
@click.option("--only-problems", is_flag=True,
              help="Show only the sentences that are contradicted, not covered or drifted.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: nearest .msglint.yaml or pyproject.toml).")
def explain(paths, fmt, only_problems, config_path, **opts):
    """Show the verdict for every sentence of one or more drafts.

    For each sentence: supported, contradicted, not covered, drifted or not a claim; the
    best approved line, where it lives, and the match score.  With several drafts (or a
    folder) each is explained in turn; --format json then gives {"files": [...]}, one
    object per draft as for a single one.

    \b
    Examples:
      msglint explain --corpus corpus/ examples/draft.md
      msglint explain -c corpus/ --only-problems drafts/
      msglint explain -c corpus/ --format json examples/draft.md
    """
    opts.update(fmt=None, fail_on=None, min_severity=None, config_path=config_path, paths=paths)
    settings, corpus, engine = _build(opts)
    files, skipped = expand_paths(paths, settings.ignore)
    files, _in_corpus = _outside_corpus(files, settings.corpus)
    for note in engine.opened.notices:
        click.echo(f"msglint: info: {visible(note)}", err=True)
    _report_unreadable(corpus)
    if skipped:
        click.echo(f"msglint: warning: skipped {len(skipped)} file(s) msglint cannot read as drafts: "
                   f"{visible(', '.join(skipped[:5]), True)}", err=True)
    shown, lines, unreadable_drafts = [], [], 0
    for path in files:
        draft = read_or_report(path, opts, "this draft was not explained", notices=True)
        if draft is None:  # the other drafts are still explained; exit 2 at the end
            unreadable_drafts += 1
            continue
        verdicts = [v for v in engine.explain(draft)
                    if not only_problems or v.verdict in PROBLEM_VERDICTS]
        if fmt == "json":
            shown.append({"path": draft.path, "sentences": [_verdict_json(v) for v in verdicts]})
            continue
        name = visible(draft.path, True)
        for v in verdicts:  # draft and corpus text escaped: explain prints both
            lines.append(f"{name}:{v.line}:{v.column}: {v.verdict} (score {v.score:.2f}) {visible(v.text)}")
            if v.reason and (v.verdict != "supported" or v.reason != SUPPORTED_REASON):
                lines.append(f"    why: {visible(v.reason)}")
            for part, why in v.unjudged:  # a frame, thanks ...: not judged, what it carries is
                lines.append(f"    not judged: \"{visible(part)}\" ({visible(why)})")
            if v.best is not None and v.verdict != "not a claim":
                b = v.best
                lines.append(f"    best approved line ({visible(b.document, True)}, {visible(b.path, True)}:{b.line}): "
                           f"\"{visible(b.text)}\"")
    if fmt == "json":
        out = shown[0] if len(shown) == 1 else {"files": shown}
        lines.append(json.dumps(json_safe(out), indent=2, ensure_ascii=False))
    if lines:
        emit("\n".join(lines) + "\n")
    if corpus.unreadable or unreadable_drafts:
        sys.exit(2)


#: The verdicts --only-problems keeps.
PROBLEM_VERDICTS = ("contradicted", "not covered", "drifted")


def _verdict_json(v) -> dict:
    return {
        "line": v.line, "column": v.column, "text": v.text, "verdict": v.verdict,
        "reason": v.reason, "score": v.score,
        "not_judged": [{"text": part, "reason": why} for part, why in v.unjudged],
        "best": None if v.best is None else {
            "document": v.best.document, "path": v.best.path, "line": v.best.line, "text": v.best.text},
        "findings": [{"rule": f.rule, "severity": f.severity, "message": f.message} for f in v.findings],
    }
