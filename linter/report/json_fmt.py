"""The JSON format, schema version 1 (stable: fields are only ever added in a new version).

::

    {"version": 1,
     "tool": {"name": "msglint", "version": "..."},
     "corpus": {"documents": 3, "hash": "sha256:..."},
     "files": [{"path": "...", "findings": [{"rule", "severity", "message", "line", "column",
                "end_line", "end_column", "evidence": [{"document", "title", "path", "line",
                "column", "kind", "text"}], "suggestion": str | null}],
                "not_judged": [{"line", "column", "end_line", "end_column", "text", "reason",
                "sentence": bool}]}],
     "summary": {"files": 1, "error": 1, "warning": 0, "info": 0, "not_judged": 0}}

Every linted file is listed, with an empty ``findings`` list when it has none.
``not_judged`` lists the parts of the file that were read but not judged as claims (a
whole sentence, ``"sentence": true``, or one clause of it): their figures were checked,
their words were not compared with the corpus.  It and ``summary.not_judged`` were added
to version 1; no field was removed or changed.
"""
from __future__ import annotations

import json

from .._version import __version__
from ..model import Evidence, Finding, Unjudged
from . import Report

SCHEMA_VERSION = 1


def _evidence(ev: Evidence) -> dict:
    return {
        "document": ev.document,
        "title": ev.title,
        "path": ev.path,
        "line": ev.line,
        "column": ev.column,
        "kind": ev.kind,
        "text": ev.text,
    }


def _finding(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "evidence": [_evidence(ev) for ev in f.evidence],
        "suggestion": f.suggestion,
    }


def _unjudged(u: Unjudged) -> dict:
    return {
        "line": u.line,
        "column": u.column,
        "end_line": u.end_line,
        "end_column": u.end_column,
        "text": u.text,
        "reason": u.reason,
        "sentence": u.sentence,
    }


def as_dict(report: Report) -> dict:
    counts = report.summary()
    summary = {"files": len(report.files)}
    summary.update({sev: counts.get(sev, 0) for sev in ("error", "warning", "info")})
    summary["not_judged"] = sum(len(fr.unjudged) for fr in report.files)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "msglint", "version": __version__},
        "corpus": {"documents": report.corpus_documents, "hash": report.corpus_hash},
        "files": [
            {"path": fr.path, "findings": [_finding(f) for f in fr.findings],
             "not_judged": [_unjudged(u) for u in fr.unjudged]}
            for fr in report.files
        ],
        "summary": summary,
    }


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    from . import json_safe

    return json.dumps(json_safe(as_dict(report)), indent=2, ensure_ascii=False) + "\n"
