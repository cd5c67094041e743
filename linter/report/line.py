"""One line per finding, ``path:line:col: severity [rule] message``: for editors and grep.

No header, no evidence and no summary line, so that ``wc -l`` counts findings.
"""
from __future__ import annotations

from . import Report, one_line


def render(report: Report, color: bool = False) -> str:  # noqa: ARG001 - never coloured
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {one_line(f.message)}"
        for fr in report.files
        for f in fr.findings
    ]
    return "".join(line + "\n" for line in lines)
