"""The JSON format, schema version 1 (stable: fields are only ever added in a new version).

::

    {"version": 1,
     "tool": {"name": "msglint", "version": "..."},
     "corpus": {"documents": 3, "hash": "sha256:..."},
     "files": [{"path": "...", "findings": [{"rule", "severity", "message", "line", "column",
                "end_line", "end_column", "evidence": [{"document", "title", "path", "line",
                "column", "kind", "text"}], "suggestion": str | null}]}],
     "summary": {"files": 1, "error": 1, "warning": 0, "info": 0}}

Every linted file is listed, with an empty ``findings`` list when it has none.
"""
from __future__ import annotations

import json

from .._version import __version__
from ..model import Evidence, Finding
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


def as_dict(report: Report) -> dict:
    counts = report.summary()
    summary = {"files": len(report.files)}
    summary.update({sev: counts.get(sev, 0) for sev in ("error", "warning", "info")})
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "msglint", "version": __version__},
        "corpus": {"documents": report.corpus_documents, "hash": report.corpus_hash},
        "files": [
            {"path": fr.path, "findings": [_finding(f) for f in fr.findings]}
            for fr in report.files
        ],
        "summary": summary,
    }


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    from . import json_safe

    return json.dumps(json_safe(as_dict(report)), indent=2, ensure_ascii=False) + "\n"
