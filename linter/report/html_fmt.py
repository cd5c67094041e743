"""The HTML review page: one self-contained file a speechwriter opens in a browser.

For each draft: its text line by line, every flagged span highlighted by severity, and
beside each line the findings that start on it (rule, message, evidence, suggestion).  At
the top a summary: counts by severity and by rule, and the corpus documents the drafts
drew on.  With coverage (``Report.coverage``), each draft also gets its coverage summary.

The page fetches nothing: the stylesheet and script are inline, and a Content-Security-
Policy naming their SHA-256 digests forbids every other script, style or fetch, so the page
is inert even if something slipped past escaping.  All text goes through Jinja2
autoescaping; control characters and bidirectional overrides from drafts, the corpus or
file names are shown as ``\\x1b``-style escapes (the same :func:`~linter.report.visible`
as the terminal formats).  Identical input gives byte-identical output.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import Optional

from .._version import __version__
from ..model import SEVERITIES, SEVERITY_RANK, Finding
from . import Report, plural, unjudged_summary, visible

EVIDENCE_LABELS = {"approved": "approved line", "stance": "approved stance",
                   "background": "background, not for public use"}
_SURROGATES = re.compile("[\ud800-\udfff]")


def _inert(value):
    """Jinja2 ``finalize``: every string printed is shown, never acted on (escaping of
    ``<``, ``&`` and quotes is autoescape's job, after this)."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        value = _SURROGATES.sub(lambda m: f"\\u{ord(m.group(0)):04x}", visible(value))
    return value


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment over the templates shipped in ``linter/report/templates``."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("linter.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_inert,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def assets() -> dict:
    """The inline stylesheet and script, and the policy that allows exactly them."""
    import markupsafe

    loader = environment().loader
    css = loader.get_source(environment(), "page.css")[0]
    js = loader.get_source(environment(), "nav.js")[0]
    policy = (f"default-src 'none'; style-src '{_digest(css)}'; script-src '{_digest(js)}'; "
              "img-src data:; form-action 'none'; base-uri 'none'")
    return {"css": markupsafe.Markup(css), "js": markupsafe.Markup(js), "policy": policy}


def _counts_text(counts: dict) -> str:
    return ", ".join(plural(counts.get(sev, 0), sev) for sev in SEVERITIES)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _card(f: Finding, fid: str, row: Optional[str]) -> dict:
    return {
        "id": fid, "rule": f.rule, "severity": f.severity, "message": f.message, "line": f.line,
        "column": f.column, "sentence": " ".join(f.sentence.split()), "suggestion": f.suggestion, "row": row,
        "evidence": [{"label": EVIDENCE_LABELS.get(ev.kind, ev.kind), "kind": ev.kind, "text": ev.text,
                      "document": ev.document, "title": ev.title, "where": f"{ev.path}:{ev.line}"}
                     for ev in f.evidence],
    }


def _rows(n: int, text: str, findings: list[Finding], ids: list[str], unjudged=()) -> list[dict]:
    """The draft's lines, each split into segments by the findings that cover them, with
    the cards of the findings that start on it.  A segment no finding covers that lies in a
    part not judged as a claim carries that part's reason (shown muted)."""
    size = len(text)
    spans = [(min(max(f.start, 0), size), min(max(f.end, f.start, 0), size)) for f in findings]
    muted = [(min(max(u.start, 0), size), min(max(u.end, u.start, 0), size), u.reason) for u in unjudged]
    starts = _line_starts(text)
    if len(starts) > 1 and starts[-1] == size:  # the newline that ends the file starts no line
        starts.pop()
    rows = []
    for k, ls in enumerate(starts):
        le = starts[k + 1] - 1 if k + 1 < len(starts) else size  # the newline's offset
        points = {ls, le}
        for a, b in spans + [(a, b) for a, b, _ in muted]:
            if a < le and b > ls:
                points.update(p for p in (a, b) if ls < p < le)
        cuts = sorted(points)
        segments = []
        for p0, p1 in zip(cuts, cuts[1:]):
            over = [j for j, (a, b) in enumerate(spans) if a < b and a <= p0 and b >= p1]
            sev = max((findings[j].severity for j in over), key=lambda s: SEVERITY_RANK.get(s, 0), default=None)
            why = next((r for a, b, r in muted if a <= p0 and b >= p1 and a < b), None)
            segments.append({
                "text": text[p0:p1], "severity": sev, "ids": " ".join(ids[j] for j in over),
                "title": "; ".join(f"{findings[j].severity} [{findings[j].rule}]" for j in over),
                "unjudged": f"not judged: {why}" if why and sev is None else None,
            })
        row_id = f"d{n}-L{k + 1}"
        cards = [_card(findings[j], ids[j], row_id) for j, (a, _) in enumerate(spans) if ls <= a <= le]
        rows.append({"id": row_id, "number": k + 1, "segments": segments, "cards": cards})
    return rows


def _draft(n: int, fr, draft, coverage) -> dict:
    ids = [f"d{n}-f{j + 1}" for j in range(len(fr.findings))]
    counts = {sev: 0 for sev in SEVERITIES}
    for f in fr.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    text = getattr(draft, "text", None)
    return {
        "id": f"d{n}", "path": fr.path, "counts": counts, "counts_text": _counts_text(counts),
        "findings": len(fr.findings),
        "unjudged_text": unjudged_summary(fr.unjudged),
        "unjudged": [{"line": u.line, "text": u.text, "reason": u.reason} for u in fr.unjudged],
        "rows": _rows(n, text, fr.findings, ids, fr.unjudged) if text is not None else None,
        # without the draft's text (a report built by hand), the findings are listed alone
        "cards": [_card(f, fid, None) for f, fid in zip(fr.findings, ids)] if text is None else [],
        "coverage": coverage,
    }


def _drawn_on(report: Report) -> tuple[list[dict], bool]:
    """The corpus documents the drafts drew on (from coverage when the report has it,
    else the documents the findings cite), sorted by id; and whether coverage said so."""
    docs: dict[str, dict] = {}
    if report.coverage:
        for cov in report.coverage.values():
            for d in cov.documents:
                docs.setdefault(d.id, {"id": d.id, "title": d.title, "path": d.path})
        return [docs[k] for k in sorted(docs)], True
    for f in report.findings:
        for ev in f.evidence:
            docs.setdefault(ev.document, {"id": ev.document, "title": ev.title, "path": ev.path})
    return [docs[k] for k in sorted(docs)], False


def context(report: Report) -> dict:
    """Everything the page template reads."""
    counts = report.summary()
    by_rule: dict[str, dict] = {}
    for f in report.findings:
        row = by_rule.setdefault(f.rule, {sev: 0 for sev in SEVERITIES})
        row[f.severity] = row.get(f.severity, 0) + 1
    docs, from_coverage = _drawn_on(report)
    drafts = [_draft(n, fr, report.drafts.get(fr.path), report.coverage.get(fr.path))
              for n, fr in enumerate(report.files)]
    return {
        "version": __version__, "severities": SEVERITIES, "counts": counts, "total": len(report.findings),
        "counts_text": _counts_text(counts), "files_text": plural(len(report.files), "draft"),
        "rules": [{"rule": r, "counts": by_rule[r], "total": sum(by_rule[r].values())} for r in sorted(by_rule)],
        "drawn_on": docs, "drawn_from_coverage": from_coverage,
        "corpus_documents": report.corpus_documents, "corpus_hash": report.corpus_hash,
        "drafts": drafts, **assets(),
    }


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    return environment().get_template("report.html.j2").render(context(report))
