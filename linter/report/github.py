"""GitHub Actions workflow commands: one annotation per finding.

::

    ::error file=drafts/a.md,line=3,col=17,endLine=3,endColumn=29,title=msglint figure-mismatch::MESSAGE

``warning`` findings become ``::warning``, ``info`` findings ``::notice``.  A file with parts
read but not judged as claims (thanks, a promise of updates ...) gets one ``::notice`` on its
first such line naming how many and on which lines, so a clean check is not taken for more
than it is; a notice per part would crowd the pull request.  The message is
followed, on further lines of the same annotation, by the evidence and the suggestion (GitHub
shows an annotation's message with its line breaks).  Escaping follows GitHub's runner
(``toCommandValue`` / ``escapeData`` / ``escapeProperty`` in actions/toolkit): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; property values
additionally escape ``:`` and ``,`` as ``%3A`` and ``%2C``.
"""
from __future__ import annotations

from ..model import Finding
from . import Report, one_line, unjudged_summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}

_EVIDENCE_LABEL = {"approved": "approved line", "background": "background"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(f: Finding) -> str:
    lines = [f.message]
    for ev in f.evidence:
        label = _EVIDENCE_LABEL.get(ev.kind, ev.kind)
        lines.append(f'{label} ({ev.document}, {ev.path}:{ev.line}): "{one_line(ev.text)}"')
    if f.suggestion:
        lines.append(f'suggestion: "{one_line(f.suggestion)}"')
    return "\n".join(lines)


def annotation(f: Finding) -> str:
    command = COMMANDS.get(f.severity, "warning")
    props = [
        ("file", f.path),
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(f.end_line)),
        ("endColumn", str(f.end_column)),
        ("title", f"msglint {f.rule}"),
    ]
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{command} {prop_text}::{escape_data(_message(f))}"


def not_judged(fr) -> str:
    """The one notice naming the parts of a file that were not judged as claims."""
    first = fr.unjudged[0]
    lines = sorted({u.line for u in fr.unjudged})
    shown = ", ".join(map(str, lines[:20])) + (f" and {len(lines) - 20} more" if len(lines) > 20 else "")
    props = [("file", fr.path), ("line", str(first.line)), ("col", str(first.column)),
             ("title", "msglint not judged")]
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = (f"{unjudged_summary(fr.unjudged)} read but not judged as claims "
               f"({'line' if len(lines) == 1 else 'lines'} {shown}): any figures in them were checked, their words were not compared with the corpus; "
               "`msglint explain` says why for each")
    return f"::notice {prop_text}::{escape_data(message)}"


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    out = []
    for fr in report.files:
        out += [annotation(f) for f in fr.findings]
        if fr.unjudged:
            out.append(not_judged(fr))
    return "".join(line + "\n" for line in out)
