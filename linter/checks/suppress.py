"""Suppression comments: switch rules off for part of a draft.

Markdown (``.md``, ``.markdown``) uses HTML comments::

    <!-- msglint-disable figure-mismatch, unvetted-figure -->   (all rules when none named)
    ...
    <!-- msglint-enable figure-mismatch -->                     (all open regions when none named)
    <!-- msglint-disable-next-line unvetted-figure -->

Plain text (and Word) uses lines of their own (HTML comments are accepted too)::

    msglint-disable-next-line unvetted-figure

A finding is suppressed when its start line lies in a disabled region for its rule: from
the ``disable`` comment's line to the matching ``enable`` comment's line (or the end of the
draft), or, for ``disable-next-line``, the first non-blank line after the comment.

Each rule named by a ``disable`` comment that suppressed nothing yields an
``unused-suppression`` finding on the comment, as does a rule ID msglint does not know.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Finding
from ..sentences import line_starts, position

RULE = "unused-suppression"
ALL = "*"

_COMMENT = re.compile(r"<!--\s*msglint-(disable-next-line|disable|enable)\b(.*?)-->", re.S)
_LINE = re.compile(r"^[ \t]*msglint-(disable-next-line|disable|enable)\b([^\n]*)$", re.M)


@dataclass
class Directive:
    kind: str  # "disable", "enable", "disable-next-line"
    rules: tuple[str, ...]  # () = all rules
    start: int
    end: int
    line: int  # line of the comment's start
    end_line: int  # line of the comment's end
    used: set = field(default_factory=set)


def _rules(arg: str) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", arg.strip()) if r)


def directives(text: str, markdown: bool) -> list[Directive]:
    starts = line_starts(text)
    found = []
    patterns = (_COMMENT,) if markdown else (_COMMENT, _LINE)
    seen: set[int] = set()
    for rx in patterns:
        for m in rx.finditer(text):
            if any(m.start() <= s < m.end() for s in seen):
                continue
            seen.add(m.start())
            line, _ = position(starts, m.start())
            end_line, _ = position(starts, max(m.start(), m.end() - 1))
            found.append(Directive(m.group(1), _rules(m.group(2)), m.start(), m.end(), line, end_line))
    found.sort(key=lambda d: d.start)
    return found


def _next_content_line(text: str, starts: list[int], after_line: int) -> Optional[int]:
    for ln in range(after_line + 1, len(starts) + 1):
        a = starts[ln - 1]
        b = starts[ln] - 1 if ln < len(starts) else len(text)
        if text[a:b].strip():
            return ln
    return None


def apply(draft, findings: list[Finding], pack) -> list[Finding]:
    from .registry import CHECK_MODULES

    text = draft.text
    markdown = draft.markdown
    found = directives(text, markdown)
    if not found:
        return sorted(findings, key=Finding.sort_key)
    starts = line_starts(text)
    nlines = len(starts)

    # (directive, rule key, first line, last line) for every disabling rule.
    regions: list[tuple[Directive, str, int, int]] = []
    open_: list[tuple[Directive, str]] = []
    for d in found:
        keys = d.rules or (ALL,)
        if d.kind == "disable-next-line":
            target = _next_content_line(text, starts, d.end_line)
            for key in keys:
                if target is not None:
                    regions.append((d, key, target, target))
                else:
                    regions.append((d, key, 0, -1))
        elif d.kind == "disable":
            open_ += [(d, key) for key in keys]
        else:  # enable
            still = []
            for od, key in open_:
                if not d.rules or key in d.rules:
                    regions.append((od, key, od.line, d.line))
                else:
                    still.append((od, key))
            open_ = still
    regions += [(od, key, od.line, nlines) for od, key in open_]

    kept: list[Finding] = []
    for f in findings:
        hit = False
        for d, key, first, last in regions:
            if first <= f.line <= last and (key == ALL or key == f.rule):
                d.used.add(key)
                hit = True
        if not hit:
            kept.append(f)

    if RULE not in getattr(pack, "disable", ()):
        severity = pack.severity.get(RULE, "info") if pack is not None else "info"
        for d in found:
            if d.kind == "enable":
                for key in d.rules:
                    if key not in CHECK_MODULES:
                        kept.append(_finding(draft, starts, d, severity,
                                             f"msglint-enable names unknown rule '{key}'"))
                continue
            for key in d.rules or (ALL,):
                if key != ALL and key not in CHECK_MODULES:
                    kept.append(_finding(draft, starts, d, severity,
                                         f"suppression of unknown rule '{key}' suppresses nothing"))
                elif key not in d.used:
                    what = "all rules" if key == ALL else key
                    kept.append(_finding(draft, starts, d, severity, f"suppression of {what} suppressed nothing"))
    kept.sort(key=Finding.sort_key)
    return kept


def _finding(draft, starts, d: Directive, severity: str, message: str) -> Finding:
    line, col = position(starts, d.start)
    end_line, end_col = position(starts, d.end)
    snippet = " ".join(draft.text[d.start:d.end].split())
    return Finding(RULE, severity, message, draft.path, d.start, d.end, line, col, end_line, end_col,
                   suggestion=None, sentence=snippet)
