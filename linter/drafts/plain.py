"""Plain-text drafts: paragraphs, list items and title lines as units.

A paragraph runs to a blank line.  Inside it, a line that starts with a list marker starts
a unit of its own (the marker is not prose), as does a footnote definition
(``[^1]: ...``, its label left out), and so does the line after a title: a short
line (at most :data:`TITLE_MAX_WORDS` words) with no closing punctuation, not ending in a
word that needs a continuation ("the", "and"), followed by a line that starts with a
capital, a digit or a quotation mark.  Hard-wrapped prose keeps its lines together.
Suppression directive lines (``msglint-disable...``) are left out.  Inline HTML tags that
web pages leave behind (``<b>``, ``<sup>1</sup>``, ``<br>``) are not prose either.
"""
from __future__ import annotations

import re

from ..model import Unit
from ..textnorm import Builder, normalise_mapped

_DIRECTIVE = re.compile(r"^[ \t]*msglint-(?:disable-next-line|disable|enable)\b")
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+\u2022\u2023\u25e6\u2043\u2219\u25aa\u25cf\u2013\u2014]|\(?\d{1,2}[.)]|\(?[a-zA-Z]\))[ \t]+(?=\S)")
# A footnote definition pasted from Markdown ("[^1]: The figure is from ..."): a unit of its
# own, its label not prose.
FOOTNOTE_LABEL = re.compile(r"^[ \t]*\[\^[^\]\s]{1,40}\]:[ \t]*")
TITLE_MAX_WORDS = 10
_CONTINUES = {"the", "a", "an", "and", "or", "but", "of", "to", "in", "for", "with", "on", "by", "at",
              "from", "that", "which", "who", "as", "is", "are", "was", "were", "be", "our", "their",
              "its", "his", "her", "this", "these", "those", "than", "nor", "into", "over", "under"}
_CLOSING = ".!?:;,-\"')]}\u2026\u201d\u2019\u00bb"
# Inline HTML that pasted web text carries: tags of the text-level elements and comments.
_TAG = re.compile(
    r"<!--.*?-->|</?(?:b|i|u|s|em|strong|small|mark|span|font|a|abbr|cite|q|sub|sup|br|wbr|p|div)"
    r"\b[^<>]*>", re.I | re.S)
_SUP = re.compile(r"<sup\b[^<>]*>\s*[\d,*\u2020\u2021\[\]^ ]{1,8}\s*</sup>", re.I)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _is_title(line: str, nxt: str) -> bool:
    s = line.strip()
    words = s.split()
    if not words or len(words) > TITLE_MAX_WORDS or s[-1] in _CLOSING:
        return False
    if words[-1].lower() in _CONTINUES:
        return False
    n = nxt.lstrip()
    return bool(n) and (n[0].isupper() or n[0].isdigit() or n[0] in "\"'\u201c\u2018$")


def plain_units(text: str) -> list[Unit]:
    """The units of a plain-text draft (see the module docstring)."""
    blocks: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for pos, line in _lines(text):
        if not line.strip() or _DIRECTIVE.match(line):
            if cur:
                blocks.append(cur)
            cur = []
            continue
        cur.append((pos, line))
    if cur:
        blocks.append(cur)
    units: list[Unit] = []
    for block in blocks:
        group: list[tuple[int, int]] = []  # (start, end) of the lines of the current unit
        kind = "paragraph"
        for k, (pos, line) in enumerate(block):
            m = LIST_MARKER.match(line) or FOOTNOTE_LABEL.match(line)
            start = pos + (m.end() if m else 0)
            if m or (group and _is_title(block[k - 1][1], line) and kind != "item"):
                if group:
                    units.append(_unit(text, group, kind))
                group, kind = [], "item" if m and m.re is LIST_MARKER else "paragraph"
            group.append((start, pos + len(line)))
        if group:
            units.append(_unit(text, group, kind))
    return units


def _unit(text: str, lines: list[tuple[int, int]], kind: str) -> Unit:
    b = Builder()
    for n, (a, e) in enumerate(lines):
        if n:
            b.add(" ", a - 1, a)  # the line break
        seg = text[a:e]
        if "<" in seg:
            _add_without_tags(b, text, a, e)
        else:
            b.add_source(text, a, e)
    return Unit(kind, normalise_mapped(b.build()))


def _add_without_tags(b: Builder, text: str, a: int, e: int) -> None:
    seg = text[a:e]
    cuts = [(m.start() + a, m.end() + a, "") for m in _SUP.finditer(seg)]
    for m in _TAG.finditer(seg):
        s, t = m.start() + a, m.end() + a
        if any(c <= s < d for c, d, _ in cuts):
            continue
        cuts.append((s, t, " " if m.group(0)[:3].lower() in ("<br", "<p>", "<p ", "</p", "<di", "</d") else ""))
    cuts.sort()
    pos = a
    for s, t, repl in cuts:
        if s < pos:
            continue
        b.add_source(text, pos, s)
        if repl:
            b.add(repl, s, t)
        pos = t
    b.add_source(text, pos, e)
