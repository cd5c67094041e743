"""Text as msglint analyses it, with every character traced back to the text as written.

Drafts and corpus lines arrive with the debris of Word, PDFs and web pages: zero-width
spaces, soft hyphens, bidi marks and byte-order marks, non-breaking spaces and hyphens,
full-width or Arabic-Indic digits, HTML entities, footnote markers and emoji.  None of it
changes what a sentence claims, so all of it is normalised away before analysis:

* **format characters** (Unicode category ``Cf``: zero-width space and joiners, LRM/RLM and
  the other bidi controls, word joiner, BOM, soft hyphen) and variation selectors are
  removed, so ``$1\\u200bB`` is ``$1B``;
* **spaces and dashes**: every Unicode space (no-break, thin, figure, ideographic) is a
  space; non-breaking, figure, en and em dashes, the minus sign and the hyphen are ``-``;
  curly quotes and guillemets are straight quotes;
* **compatibility forms**: decimal digits of any script and full-width forms become ASCII,
  ligatures are expanded, ``…`` is ``...``, ``1½`` is ``1.5``;
* **entities**: ``&#36;``, ``&#x24;``, ``&nbsp;``, ``&amp;`` and the other HTML entities are
  decoded (they end with ``;``);
* **note markers** attached to a word or a full stop are removed: ``[1]``, ``[^2]``, ``[^note]``,
  superscript digits (``budget¹``), ``*``, ``†``, ``‡``, and a note number that lost its
  superscript, glued to the full stop after a word (``last year.2``) or after an amount with
  a letter suffix or a percentage (``$1B.2``, ``3.5%.2``); a superscript number standing on its
  own is a number (``¹⁵ ships`` is ``15 ships``);
* **emoji and pictographs** become a space; **URLs** are removed (a URL is not prose);
* whitespace runs fold to one space, and the text is trimmed.

:class:`Mapped` keeps, for every character of the normalised text, the offsets of the
characters it came from, so a finding on the normalised text is reported at the right
line and column of the file (a decoded ``&#36;`` points at all five characters).
"""
from __future__ import annotations

import html.entities
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True)
class Mapped:
    """Normalised text and, per character, the ``[start, end)`` it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The original ``[start, end)`` of ``text[a:b]``."""
        n = len(self.text)
        if not n:
            return (0, 0)
        a = min(max(a, 0), n - 1)
        b = min(max(b, a + 1), n)
        return self.starts[a], self.ends[b - 1]

    def slice(self, a: int, b: int) -> "Mapped":
        return Mapped(self.text[a:b], self.starts[a:b], self.ends[a:b])


class Builder:
    """Accumulates characters with their original offsets."""

    __slots__ = ("chars", "starts", "ends")

    def __init__(self):
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, s: str, start: int, end: int) -> None:
        """``s`` (one or more characters) stands for the original ``[start, end)``."""
        for ch in s:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def add_source(self, text: str, start: int, end: int) -> None:
        """``text[start:end]`` as it is."""
        self.chars.extend(text[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def __len__(self) -> int:
        return len(self.chars)

    def build(self) -> Mapped:
        return Mapped("".join(self.chars), tuple(self.starts), tuple(self.ends))


def identity(text: str, start: int = 0, end: Optional[int] = None) -> Mapped:
    b = Builder()
    b.add_source(text, start, len(text) if end is None else end)
    return b.build()


# ---- character table ----------------------------------------------------------------
_SINGLE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2039": '"', "\u203a": '"',
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\ufe63": "-", "\u2043": "-",
    "\u2026": "...", "\u2024": ".", "\u2044": "/", "\u2215": "/",
    "\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " ",
}
_FRACTIONS = {"\u00bd": (".5", "1/2"), "\u00bc": (".25", "1/4"), "\u00be": (".75", "3/4"),
              "\u2153": (".333", "1/3"), "\u2154": (".667", "2/3")}
_SUPERSCRIPTS = {"\u00b9": "1", "\u00b2": "2", "\u00b3": "3", "\u2070": "0", "\u2074": "4", "\u2075": "5",
                 "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9"}
_NOTE_SYMBOLS = "\u2020\u2021"  # dagger, double dagger


def _pictograph(cp: int) -> bool:
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF
            or 0x1F1E6 <= cp <= 0x1F1FF or 0x2300 <= cp <= 0x23FF and unicodedata.category(chr(cp)) == "So")


def _char(ch: str, prev: str) -> Optional[str]:
    """The normalised form of one character ("" to drop it, None to keep it as is)."""
    if ch < "\x80":
        return _SINGLE.get(ch)
    got = _SINGLE.get(ch)
    if got is not None:
        return got
    if ch in _FRACTIONS:
        return _FRACTIONS[ch][0] if prev.isdigit() else " " + _FRACTIONS[ch][1]
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cat == "Cf" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return ""
    if cat == "Zs":
        return " "
    if cat == "Nd":
        return str(unicodedata.decimal(ch))
    if 0xFF01 <= cp <= 0xFF5E:
        return chr(cp - 0xFEE0)
    if 0xFB00 <= cp <= 0xFB06:
        return unicodedata.normalize("NFKC", ch)
    if _pictograph(cp):
        return " "
    if cat == "Mn" and prev:
        return None  # composed with the previous character below
    return None


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>()\[\]\"]*[^\s<>()\[\].,;:!?'\"]")
# A note marker attached to a word, a figure or closing punctuation.
_MARKER = re.compile(
    r"(?<=[\w.,;:!?)\]'\"%])(?:\[\d{1,3}\]|\[\^[^\]\s]{1,40}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[*\u2020\u2021]+)"
    r"|[\u2020\u2021]"
    # a footnote reference with a space before it ("counties. [^1]", "counties [^1]"): the
    # caret makes it a note wherever it stands (a definition label "[^1]:" is the reader's)
    r"|(?<=\s)\[\^[^\]\s]{1,40}\](?!:)"
    # a lost superscript: a note number glued to the full stop after a word ("last year.2")
    r"|(?<=[a-z][.,;!?\"'])\d{1,2}(?=\s|$)")
# A lost superscript after a figure: a note number glued to the full stop after an amount
# with a letter suffix ("$1B.2", "$38M.12") or after a percentage ("3.5%.2").  Only there
# is it unambiguous: "$1.2B", "1.2 million" and "3.5%" have their digit after the point
# before the suffix or sign, and "%." or "B." is never followed by a decimal part.  A bare
# number ("in 2024.2", "1,200.5") is left alone: its digits could be a decimal.
_FIGURE_NOTE = re.compile(
    r"(?:[$\u20ac\u00a3]\s?\d[\d,]*(?:\.\d+)?(?i:bn|mm|[kmbt])|\d%)[.,;!?](\d{1,2})(?=\s|$)")
_SUPER_RUN = re.compile(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")


# A figure after a currency sign with a letter that looks like a digit in it ("$l.5 billion":
# a lower-case L; "$1O million": a capital O): read as the figure it imitates, so the figure
# is judged, and named in a draft notice (:func:`homoglyph_figures`), so it is fixed.
_HOMOGLYPH_FIGURE = re.compile(
    r"(?<=[$\u20ac\u00a3\u00a5]) ?([0-9lIOo](?:[0-9lIOo,.]*[0-9lIOo])?)"
    r"(?=$|[\s%)\],;:!?.]|(?:bn|mn|[kmbtKMBT])(?![A-Za-z]))")
_HOMOGLYPH_DIGIT = {"l": "1", "I": "1", "O": "0", "o": "0"}


def homoglyph_figures(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, figure as read)`` for each figure in ``text`` that has a letter
    standing for a digit ("$l.5" is read "$1.5"); a figure needs a real digit too, so a
    word after a currency sign ("$lol") is left alone."""
    out = []
    if "$" not in text and "\u20ac" not in text and "\u00a3" not in text and "\u00a5" not in text:
        return out
    for m in _HOMOGLYPH_FIGURE.finditer(text):
        g = m.group(1)
        if any(c.isdigit() for c in g) and any(c in _HOMOGLYPH_DIGIT for c in g):
            out.append((m.start(1), m.end(1), "".join(_HOMOGLYPH_DIGIT.get(c, c) for c in g)))
    return out


def decode_entity(ref: str) -> Optional[str]:
    """``"&#36;"`` -> ``"$"``; None when ``ref`` is not a known entity."""
    body = ref[1:-1]
    try:
        if body.startswith(("#x", "#X")):
            cp = int(body[2:], 16)
        elif body.startswith("#"):
            cp = int(body[1:])
        else:
            return html.entities.html5.get(body + ";")
        if cp == 0 or cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
            return None
        return chr(cp)
    except ValueError:
        return None


def normalise_mapped(m: Mapped, entities: bool = True, urls: bool = True) -> Mapped:
    """The analysis form of ``m`` (see the module docstring), offsets carried along."""
    text, starts, ends = m.text, m.starts, m.ends
    out = Builder()
    # 1. entities, URLs and note markers are found on the text as given
    drops: dict[int, int] = {}
    repl: dict[int, tuple[int, str]] = {}
    if entities and "&" in text:
        for e in _ENTITY.finditer(text):
            got = decode_entity(e.group(0))
            if got is not None:
                repl[e.start()] = (e.end(), got)
    if urls and ("http" in text or "www." in text):
        for u in _URL.finditer(text):
            drops[u.start()] = u.end()
    for a, b, read in homoglyph_figures(text):
        for k in range(a, b):
            if read[k - a] != text[k] and k not in repl and k not in drops:
                repl[k] = (k + 1, read[k - a])
    i, n = 0, len(text)
    stage = Builder()
    while i < n:
        if i in drops:
            stage.add(" ", starts[i], ends[drops[i] - 1])
            i = drops[i]
            continue
        if i in repl:
            j, s = repl[i]
            stage.add(s, starts[i], ends[j - 1])
            i = j
            continue
        stage.chars.append(text[i])
        stage.starts.append(starts[i])
        stage.ends.append(ends[i])
        i += 1
    text, starts, ends = "".join(stage.chars), stage.starts, stage.ends
    marks: list[tuple[int, int]] = [mm.span() for mm in _MARKER.finditer(text)]
    if "." in text or "," in text or ";" in text or "!" in text or "?" in text:
        marks += [f.span(1) for f in _FIGURE_NOTE.finditer(text)]
    super_digits: dict[int, int] = {}
    # which characters a marker covers, found once (testing each superscript run against
    # every marker was quadratic: 120 KB of "x¹" took a minute); each finditer's
    # matches do not overlap, so this is linear in the text
    marked = bytearray(len(text))
    for a, b in marks:
        marked[a:b] = b"\1" * (b - a)
    for mm in _SUPER_RUN.finditer(text):
        if not marked[mm.start()]:
            super_digits[mm.start()] = mm.end()  # a superscript number of its own: a number
    # 2. characters
    i, n = 0, len(text)
    mark_at = {a: b for a, b in marks}
    prev = ""
    while i < n:
        if i in mark_at:
            i = mark_at[i]
            continue
        if i in super_digits:
            j = super_digits[i]
            out.add("".join(_SUPERSCRIPTS[c] for c in text[i:j]), starts[i], ends[j - 1])
            prev, i = "0", j
            continue
        ch = text[i]
        got = _char(ch, prev)
        if got is None:
            cat = unicodedata.category(ch)
            if cat == "Mn" and out.chars:
                composed = unicodedata.normalize("NFC", out.chars[-1] + ch)
                if len(composed) == 1:
                    out.chars[-1] = composed
                    out.ends[-1] = ends[i]
                    i += 1
                    continue
            if cat[0] == "M" and out.chars and (out.chars[-1].isdigit() or out.chars[-1] in ",."):
                # a mark on a digit or a digit separator means nothing and would cut the
                # figure short ("4\u0301,870"): it is absorbed into the character before it
                out.ends[-1] = ends[i]
                i += 1
                continue
            out.chars.append(ch)
            out.starts.append(starts[i])
            out.ends.append(ends[i])
            prev = ch
        elif got:
            out.add(got, starts[i], ends[i])
            prev = got[-1]
        i += 1
    return fold(out.build())


def fold(m: Mapped) -> Mapped:
    """Whitespace runs as one space (mapped to the run), trimmed at both ends."""
    out = Builder()
    text = m.text
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            j = i
            while j < n and text[j] == " ":
                j += 1
            if out.chars and j < n:
                out.add(" ", m.starts[i], m.ends[j - 1])
            i = j
            continue
        out.chars.append(text[i])
        out.starts.append(m.starts[i])
        out.ends.append(m.ends[i])
        i += 1
    return out.build()


def normalise_text(text: str, entities: bool = False) -> str:
    """The analysis form of a string, without offsets (corpus lines, questions)."""
    if text.isascii() and "&" not in text and "http" not in text and "www." not in text \
            and not _MARKER.search(text) and not _FIGURE_NOTE.search(text):
        return " ".join(text.split())
    return normalise_mapped(identity(text), entities=entities).text


def join(parts: Iterable[Mapped], sep: str = " ") -> Mapped:
    """Mapped pieces joined by ``sep`` (mapped to the gap between them)."""
    out = Builder()
    last_end = None
    for p in parts:
        if not p.text:
            continue
        if out.chars and sep:
            out.add(sep, last_end, p.starts[0])
        out.chars.extend(p.text)
        out.starts.extend(p.starts)
        out.ends.extend(p.ends)
        last_end = p.ends[-1]
    return out.build()
