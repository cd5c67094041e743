"""The default, human-readable format: findings grouped by file, with their evidence.

::

    drafts/budget.md
    drafts/budget.md:3:17: error [figure-mismatch] ...
        approved line (PARKS-BUDGET, corpus/parks.md:22): "The council has set aside ..."
        suggestion: "..."
    drafts/budget.md:9:1: not judged (a promise of later updates): "We will share more as we learn it."

    1 error, 0 warnings, 0 info in 1 file; 1 sentence not judged as a claim

After a file's findings come the parts of it that were read but not judged as claims
(thanks, a promise of updates, a headline ...: their figures were checked, their words
were not compared with the corpus), so that no sentence without a finding is taken for
one that was checked.  Files with neither get no header; they are counted in the summary
line.  Colour (through ``click.style``) is used only when ``color=True``.
"""
from __future__ import annotations

import click

from . import Report, one_line, plural, unjudged_summary

_SEVERITY_STYLE = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "blue", "bold": True},
}

_EVIDENCE_LABEL = {"approved": "approved line", "background": "background"}


def _quote(text: str) -> str:
    return '"' + one_line(text) + '"'


def render(report: Report, color: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    out: list[str] = []
    for fr in report.files:
        if not fr.findings and not fr.unjudged:
            continue
        if out:
            out.append("")
        out.append(style(fr.path, bold=True, underline=True))
        for f in fr.findings:
            sev = style(f.severity, **_SEVERITY_STYLE.get(f.severity, {}))
            rule = style(f"[{f.rule}]", dim=True)
            out.append(f"{f.path}:{f.line}:{f.column}: {sev} {rule} {one_line(f.message)}")
            for ev in f.evidence:
                label = _EVIDENCE_LABEL.get(ev.kind, ev.kind)
                where = f"({ev.document}, {ev.path}:{ev.line})"
                out.append(f"    {style(label, fg='cyan')} {where}: {_quote(ev.text)}")
            if f.suggestion:
                out.append(f"    {style('suggestion', fg='green')}: {_quote(f.suggestion)}")
        for u in fr.unjudged:
            out.append(style(f"{u.path}:{u.line}:{u.column}: not judged ({one_line(u.reason)}): {_quote(u.text)}",
                             dim=True))
    counts = report.summary()
    parts = [plural(counts.get(sev, 0), sev) for sev in ("error", "warning", "info")]
    line = f"{', '.join(parts)} in {plural(len(report.files), 'file')}"
    parts = [u for fr in report.files for u in fr.unjudged]
    if parts:
        line += f"; {unjudged_summary(parts)} not judged as {'a claim' if len(parts) == 1 else 'claims'}"
    if out:
        out.append("")
    out.append(style(line, bold=True) if report.findings else line)
    return "\n".join(out) + "\n"
