"""SARIF 2.1.0, as GitHub code scanning accepts it (``github/codeql-action/upload-sarif``).

One run.  ``tool.driver.rules`` describes every registered rule (plus, after them, any rule a
finding names that the registry does not know, e.g. one from a rule pack), with the rule's
full documentation as its help.  Each finding is one result:

* ``locations``: the draft path as a relative URI with forward slashes, and the finding's
  region.  Columns count Unicode code points, which the run declares through
  ``columnKind: "unicodeCodePoints"``.
* ``relatedLocations``: one per piece of evidence, pointing at the corpus line.
* ``partialFingerprints["msglintFinding/v1"]``: a hash of rule, path and the whitespace-folded
  draft sentence (plus an occurrence number when one sentence has several findings of the
  same rule), so GitHub keeps tracking a result when lines above it move.

What was read but not judged as a claim (a sentence of thanks, a promise of updates, one
such clause of a sentence) is not a result: it is a ``note`` among the invocation's
``toolExecutionNotifications``, with its location, under the notification descriptor
``not-judged`` (``tool.driver.notifications``), so a reader of the log knows those parts
were not compared with the corpus, and code scanning raises no alert for them.

The output contains no timestamps and no paths other than those given.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Optional
from urllib.parse import quote

from .._version import __version__
from ..model import Evidence, Finding, Unjudged
from ..sentences import line_starts, position
from . import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/msglint/"
FINGERPRINT_KEY = "msglintFinding/v1"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def camel_case(rule_id: str) -> str:
    """``figure-mismatch`` -> ``FigureMismatch``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", rule_id) if part)


def path_uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative (forward slashes,
    percent-encoded); absolute paths become ``file://`` URIs."""
    p = path.replace("\\", "/")
    if p.startswith("./"):
        p = p[2:]
    if _WINDOWS_DRIVE.match(p):
        return "file:///" + quote(p, safe="/:", errors="surrogateescape")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/", errors="surrogateescape")
    return quote(p, safe="/", errors="surrogateescape")  # an undecodable name byte: its own %XX


def _descriptor(doc) -> dict:
    return {
        "id": doc.id,
        "name": camel_case(doc.id),
        "shortDescription": {"text": doc.summary or doc.id},
        "fullDescription": {"text": doc.section("What it does") or doc.summary or doc.id},
        "help": {"text": doc.doc or doc.summary or doc.id, "markdown": doc.doc or doc.summary or doc.id},
        "defaultConfiguration": {"level": LEVELS.get(doc.severity, "warning")},
        "properties": {"tags": ["msglint", "message-consistency"]},
    }


def _unknown_descriptor(rule_id: str, severity: str) -> dict:
    return {
        "id": rule_id,
        "name": camel_case(rule_id),
        "shortDescription": {"text": rule_id},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"tags": ["msglint", "message-consistency"]},
    }


def _rules(report: Report) -> list[dict]:
    from ..checks.registry import rule_docs  # the registry imports no spaCy

    rules = [_descriptor(doc) for doc in rule_docs()]
    known = {r["id"] for r in rules}
    extra: dict[str, str] = {}
    for f in report.findings:
        if f.rule not in known and f.rule not in extra:
            extra[f.rule] = f.severity
    rules += [_unknown_descriptor(rid, extra[rid]) for rid in sorted(extra)]
    return rules


def fingerprint(f: Finding) -> str:
    basis = "\0".join([f.rule, f.path.replace("\\", "/"), " ".join((f.sentence or "").split())])
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()


def _region(line: int, column: int, end_line=None, end_column=None) -> dict:
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end_line is not None:
        region["endLine"] = max(region["startLine"], end_line)
    if end_column is not None:
        region["endColumn"] = max(1, end_column)
    return region


def _related(i: int, ev: Evidence) -> dict:
    return {
        "id": i,
        "message": {"text": ev.text or ev.title or ev.document},
        "physicalLocation": {
            "artifactLocation": {"uri": path_uri(ev.path)},
            "region": _region(ev.line, ev.column),
        },
        "properties": {"document": ev.document, "title": ev.title, "kind": ev.kind},
    }


def _fix(draft, f) -> Optional[dict]:
    """The suggestion as a SARIF fix: the flagged sentence replaced by it (the writer's
    sentence repaired, or the approved line).  Only for text drafts, whose regions are
    places in the file; a Word draft's are paragraphs."""
    if draft is None or str(f.path).lower().endswith(".docx"):
        return None
    sent = next((s for s in draft.sentences if s.start <= f.start < s.end), None)
    if sent is None:
        return None
    starts = line_starts(draft.text)
    line, col = position(starts, sent.start)
    end_line, end_col = position(starts, sent.end)
    return {
        "description": {"text": "Use the approved wording"},
        "artifactChanges": [{
            "artifactLocation": {"uri": path_uri(f.path)},
            "replacements": [{"deletedRegion": _region(line, col, end_line, end_col),
                              "insertedContent": {"text": f.suggestion}}],
        }],
    }


#: The notification descriptor of a part read but not judged as a claim.
NOT_JUDGED = {
    "id": "not-judged",
    "name": "NotJudged",
    "shortDescription": {"text": "Read, but not judged as a claim: its figures were checked, its words were "
                                 "not compared with the corpus."},
    "defaultConfiguration": {"level": "note"},
}


def _notification(u: Unjudged) -> dict:
    return {
        "descriptor": {"id": NOT_JUDGED["id"], "index": 0},
        "level": "note",
        "message": {"text": f"not judged ({u.reason}): {u.text}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": path_uri(u.path)},
                "region": _region(u.line, u.column, u.end_line, u.end_column),
            }
        }],
        "properties": {"reason": u.reason, "sentence": u.sentence},
    }


def as_dict(report: Report) -> dict:
    rules = _rules(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for fr in report.files:
        seen: dict[str, int] = {}
        for f in fr.findings:
            base = fingerprint(f)
            seen[base] = seen.get(base, 0) + 1
            result = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": path_uri(f.path)},
                            "region": _region(f.line, f.column, f.end_line, f.end_column),
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: f"{base}:{seen[base]}"},
            }
            if f.evidence:
                result["relatedLocations"] = [_related(i, ev) for i, ev in enumerate(f.evidence)]
            if f.suggestion:
                result["properties"] = {"suggestion": f.suggestion}
                fix = _fix(report.drafts.get(f.path), f)
                if fix is not None:
                    result["fixes"] = [fix]
            results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "msglint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                        "notifications": [NOT_JUDGED],
                    }
                },
                "invocations": [{
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [_notification(u) for fr in report.files for u in fr.unjudged],
                }],
                "columnKind": "unicodeCodePoints",
                "artifacts": [
                    {"location": {"uri": path_uri(fr.path)}, "roles": ["analysisTarget"]}
                    for fr in report.files
                ],
                "results": results,
                "properties": {
                    "corpus": {"documents": report.corpus_documents, "hash": report.corpus_hash}
                },
            }
        ],
    }


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    from . import json_safe

    return json.dumps(json_safe(as_dict(report)), indent=2, ensure_ascii=False) + "\n"
