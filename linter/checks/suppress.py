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

Which comments suppressed nothing is then the business of the ``draft`` checks
(``unused-suppression``, :mod:`.unused_suppression`): :func:`apply` runs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Finding
from ..sentences import line_starts, position
from .registry import by_precedence

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
    """``findings`` less those the draft's suppression comments switch off, plus what the
    ``draft`` checks say about the comments, sorted by position."""
    kept, found = suppress(draft, findings)
    if found:
        disabled = getattr(pack, "disable", ())
        for cls in by_precedence():
            if cls.scope == "draft" and cls.id not in disabled:
                kept += cls().run_draft(draft, found, pack)
    kept.sort(key=Finding.sort_key)
    return kept


def suppress(draft, findings: list[Finding]) -> tuple[list[Finding], list[Directive]]:
    """The findings no suppression comment switches off, and the draft's comments, each
    with the rules it did suppress in ``used``."""
    text = draft.text
    found = directives(text, draft.markdown)
    if not found:
        return list(findings), found
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

    return kept, found
