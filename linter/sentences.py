"""Sentence boundaries with exact offsets, shared by the corpus readers and the draft checker.

A deterministic rule-based splitter: corpus answers and drafts are edited prose, and the
same splitter on both sides keeps an approved line and its verbatim copy in a draft aligned.
It knows common abbreviations (``U.S.``, ``Gen.``, ``No. 5``), decimal numbers and initials,
and it treats a line with no closing punctuation followed by a blank line (a title) as a
sentence of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

import re
import unicodedata

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cpt",
    "sgt", "adm", "cmdr", "cdr", "rep", "sen", "gov", "pres", "sec", "dept", "inc", "corp", "co",
    "ltd", "vs", "etc", "e.g", "i.e", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "fig", "no", "nos", "vol", "p", "pp", "u.s", "u.k",
    "u.n", "d.c", "a.m", "p.m", "ft", "mt", "ave", "blvd", "hon", "rev", "messrs", "adj",
}
# Abbreviations that end a sentence when followed by a capitalised word.
_SENTENCE_FINAL_OK = {"etc", "inc", "corp", "co", "ltd", "u.s", "u.k", "d.c", "a.m", "p.m"}

_END = re.compile(r"[.!?]+[\"'”’)\]]*")
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.?$")


def _is_upper_start(text: str, i: int) -> bool:
    """Does a new sentence plausibly start at ``text[i]``?"""
    while i < len(text) and text[i] in "\"'“‘([":
        i += 1
    if i >= len(text):
        return False
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in "$£€¥#" or unicodedata.category(ch) == "Lo"


def _blank_line_between(text: str, a: int, b: int) -> bool:
    return text.count("\n", a, b) >= 2


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    break_on_blank_lines: bool = True) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are into ``text``; leading and trailing whitespace is excluded from each span.
    With ``break_on_blank_lines`` a blank line always ends a sentence (drafts); corpus
    readers pass ``False`` because PDF-extracted text has blank lines inside sentences.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    i = start
    seg_start = None
    n = end
    while i < n:
        ch = text[i]
        if seg_start is None:
            if ch.isspace():
                i += 1
                continue
            seg_start = i
        if ch == "\n" and break_on_blank_lines:
            j = i
            while j < n and text[j] in " \t\n":
                j += 1
            if _blank_line_between(text, i, j) or j >= n:
                spans.append(trim_span(text, seg_start, i))
                seg_start = None
                i = j
                continue
        if ch in ".!?":
            m = _END.match(text, i, n)
            stop = m.end()
            j = stop
            while j < n and text[j] in " \t\n":
                j += 1
            if j >= n:
                spans.append(trim_span(text, seg_start, stop))
                seg_start = None
                i = j
                continue
            if j == stop:  # no whitespace after: "3.5", "U.S.", "e.g.,"
                i = stop
                continue
            if ch == "." and not _ends_sentence(text, seg_start, i, j):
                i = stop
                continue
            if not _is_upper_start(text, j) and not (break_on_blank_lines and _blank_line_between(text, stop, j)):
                i = stop
                continue
            spans.append(trim_span(text, seg_start, stop))
            seg_start = None
            i = j
            continue
        i += 1
    if seg_start is not None:
        span = trim_span(text, seg_start, n)
        if span[1] > span[0]:
            spans.append(span)
    return [s for s in spans if s[1] > s[0]]


def _ends_sentence(text: str, seg_start: int, dot: int, next_start: int) -> bool:
    """Is the period at ``dot`` a sentence end (not an abbreviation or initial)?"""
    m = _WORD_BEFORE.search(text, max(seg_start, dot - 12), dot)
    if not m:
        return True
    word = m.group(1).lower()
    if len(word) == 1 and word.isalpha() and text[dot - 1].isupper():
        # An initial ("John F. Kennedy") unless it is the whole sentence.
        return dot - seg_start <= 1
    if word in _ABBREVIATIONS:
        if word == "no" and next_start < len(text) and not text[next_start].isdigit():
            return True  # "No. The Army is ..." is a one-word answer, "No. 5" is not
        if word in _SENTENCE_FINAL_OK:
            if "  " in text[dot + 1:next_start].replace("\u00a0", " ") and _is_upper_start(text, next_start):
                return True  # "... from the U.S.  U.S.-based equipment": two spaces end it
            nxt = re.match(r"[A-Z][a-z]+", text[next_start:next_start + 20])
            return bool(nxt) and nxt.group(0) in _COMMON_SENTENCE_STARTS
        return False
    return True


_COMMON_SENTENCE_STARTS = {
    "The", "This", "That", "These", "Those", "We", "They", "It", "He", "She", "I", "Our", "In",
    "On", "At", "A", "An", "No", "Yes", "But", "And", "As", "For", "If", "When", "There",
    "Every", "All", "Any", "Some", "Most", "Please", "Thank", "Today",
}


def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed to exclude leading and trailing whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def normalise(text: str) -> str:
    """The analysis form of a corpus sentence: the same normalisation a draft sentence gets
    (:func:`linter.textnorm.normalise_text`: format characters removed, quotes, dashes,
    spaces and digits folded, entities decoded, note markers and URLs left out).  Offsets
    are always taken from the raw text, never from this form."""
    from .textnorm import normalise_text

    return normalise_text(text, entities=True)


def line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """0-based offset -> 1-based (line, column) using precomputed :func:`line_starts`."""
    import bisect

    idx = bisect.bisect_right(starts, offset) - 1
    return idx + 1, offset - starts[idx] + 1


@dataclass(frozen=True)
class Segment:
    """A stretch of prose in a draft, as offsets into the draft text."""

    start: int
    end: int


def sentence_spans(text: str, segments=None) -> list[tuple[int, int]]:
    """The sentences of a draft (of its prose ``segments``, objects with ``start`` and
    ``end`` offsets, when given), as offsets."""
    if segments is None:
        return split_sentences(text)
    spans = []
    for seg in segments:
        spans += split_sentences(text, seg.start, seg.end)
    return spans
