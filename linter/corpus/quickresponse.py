"""Reader for quick-response documents written as (PDF-extracted) text.

The layout, in order, all parts but the Q:/A: pairs optional::

     Quick Responses are intended to provide ...      <- preamble: usage guidance, kept nowhere
    Approved: 2026-11-02                               <- date lines (also Expires:, Owner:, Lead:)
    Expires: 2027-06-30
     TOPIC TITLE IN CAPITALS                           <- the title
    Background: context for the speaker, not for       <- background sentences (not public)
    public use.  PA posture is RTQ.                    <- the posture sentence sets ``posture``
    Q:  A reporter's question, maybe over
    several lines?
     A: The approved public line.  Another one.        <- approved sentences

Text coming out of a PDF has hard line breaks inside sentences, blank lines inside
paragraphs, double and trailing spaces, leading spaces and curly quotes.  The reader never
rewrites the text: it finds the sections by their markers and splits each section into
sentences with :func:`linter.sentences.split_sentences` on the raw text, so every
:class:`~linter.model.SourceLine` keeps its exact start and (exclusive) end line/column.

Several documents may share a file: after a document's answers, a title line followed by
``Background:`` (or by ``Q:`` when the title is in capitals) starts the next one.  A block of
usage guidance right before such a title (starting with a capitalised header or mentioning
"Quick Response") is that document's preamble, not part of the previous answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from ..errors import InputError
from ..model import APPROVED, BACKGROUND, QA, QUESTION, Document, SourceLine
from ..sentences import trim_span, line_starts, normalise, position, split_sentences

_EMPH = r"(?:\*\*|__|\*|_)?"
_LIST = r"(?:[-*+>•][ \t]+)?"
_HEAD = r"(?:\#{1,6}[ \t]+)?"


def _label(names: str) -> re.Pattern:
    """A section label at the start of a line, in the spellings offices use: ``Q:``,
    ``q:``, ``Question:``, ``Q1:``, ``**Q:**``, ``**Question**:``, ``- A:``, ``### Answer:``,
    and a heading or a bold line that is the label alone (``## Background``)."""
    label = rf"{_EMPH}(?:{names})(?:[ \t]*\d{{1,3}})?{_EMPH}"
    return re.compile(
        rf"[ \t]*(?:{_HEAD}{_LIST}{label}[ \t]*:{_EMPH}[ \t]*"
        rf"|\#{{1,6}}[ \t]+{label}[ \t]*$|(?:\*\*|__)(?:{names})(?:\*\*|__)[ \t]*$)",
        re.I)


_BG_RE = _label("Background")
_Q_RE = _label("Q|Question")
_A_RE = _label("A|Answer")
#: "Talking points:", "Key messages", "Approved lines:" -- a header whose bullets are each
#: an approved line.
_TP_RE = re.compile(
    rf"[ \t]*{_HEAD}{_EMPH}(?:talking[ \t]+points|key[ \t]+(?:messages|points|lines)"
    rf"|approved[ \t]+(?:lines|messages|talking[ \t]+points)|(?:public[ \t]+)?messages|top[ \t]?lines)"
    rf"{_EMPH}[ \t]*:?{_EMPH}[ \t]*$", re.I)
#: A bullet or list item: "- ", "* ", "• ", "1. ", "2) ".
_BULLET_RE = re.compile(r"[ \t]*(?:[-*+•▪◦‣–]|\d{1,2}[.)])[ \t]+(?=\S)")
_META_RE = re.compile(
    rf"[ \t]*{_EMPH}(?P<key>Approved|Expires|Expiry|Expiration|Owner|Lead)(?:[ \t]+date)?{_EMPH}"
    rf"[ \t]*:{_EMPH}[ \t]*(?P<value>.*?)[ \t]*$",
    re.I,
)
_META_KEYS = {"approved": "approved", "expires": "expires", "expiry": "expires",
              "expiration": "expires", "owner": "owner", "lead": "lead"}

#: A posture sentence: "PA posture is RTQ.", "Public affairs posture: RTQ", "Posture: active".
POSTURE_RE = re.compile(
    r"(?:\b(?:PA|P\.A\.|public[\s-]+affairs)\s+posture\b|^\W*posture\b(?=\s*(?::|is\b|[-–—=])))",
    re.I,
)
_RTQ_RE = re.compile(r"\b(?:rtq|r\.t\.q|respon\w*|quer(?:y|ies)|passive|reactive)\b", re.I)
_ACTIVE_RE = re.compile(r"\b(?:pro-?active|active)\b", re.I)

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
                 "%m/%d/%Y", "%Y/%m/%d")
_TRUE = {"yes", "y", "true", "on"}
_FALSE = {"no", "n", "false", "off"}


def parse_posture(text: str) -> Optional[str]:
    """``rtq``/``active``/``unknown`` if ``text`` is a posture sentence, else None."""
    m = POSTURE_RE.search(text)
    if not m:
        return None
    rest = text[m.end():]
    if _RTQ_RE.search(rest):
        return "rtq"
    if _ACTIVE_RE.search(rest):
        return "active"
    return "unknown"


def posture_value(value: str) -> str:
    """A posture as written in a field (``RTQ``, ``respond to query``, ``Active``)."""
    if _RTQ_RE.search(value):
        return "rtq"
    if _ACTIVE_RE.search(value):
        return "active"
    return "unknown"


def parse_date(value: str, key: str, path: str, line: Optional[int]) -> date:
    value = value.strip().strip("*_").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{key}: expected a date as YYYY-MM-DD, got {value!r}", path, line)


def parse_bool(value: str, key: str, path: str, line: Optional[int]) -> bool:
    v = value.strip().strip("*_").strip().rstrip(".").lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise InputError(f"{key}: expected yes or no, got {value!r}", path, line)


@dataclass
class _Line:
    idx: int  # 0-based line number
    start: int  # offset of the first character
    end: int  # offset of the newline (or end of text)
    text: str
    kind: str  # "blank", "bg", "q", "a", "tp" (talking points header), "point", "other"
    marker_end: int  # offset just after the marker (== start when no marker)
    meta: Optional[re.Match] = None


def _title_like(text: str) -> bool:
    """An ALL-CAPS-ish line (or a markdown heading): a title or a page header."""
    s = text.strip()
    if s.startswith("#"):
        return bool(s.strip("#").strip())
    s = s.strip("*_ ")
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 3 or len(s) > 160:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _clean_title(text: str) -> str:
    return " ".join(text.strip().lstrip("#").strip().strip("*_").split())


def _classify(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for idx, raw in enumerate(text.split("\n")):
        start, end = pos, pos + len(raw)
        pos = end + 1
        kind, marker_end, meta = "other", start, None
        if not raw.strip():
            kind = "blank"
        else:
            for name, rx in (("bg", _BG_RE), ("q", _Q_RE), ("a", _A_RE), ("tp", _TP_RE)):
                m = rx.match(raw)
                if m:
                    kind, marker_end = name, start + m.end()
                    break
            else:
                meta = _META_RE.match(raw)
        lines.append(_Line(idx, start, end, raw, kind, marker_end, meta))
    _talking_points(lines)
    return lines


def _talking_points(lines: list[_Line]) -> None:
    """Mark the bullets that are approved lines: those under a talking-points header (up to
    the next label), and, in a file with no labels at all, every bullet."""
    labelled = any(ln.kind in ("bg", "q", "a", "tp") for ln in lines)
    under = not labelled
    for ln in lines:
        if ln.kind == "tp":
            under = True
        elif ln.kind in ("bg", "q", "a"):
            under = False
        elif under and ln.kind == "other" and ln.meta is None:
            m = _BULLET_RE.match(ln.text)
            if m:
                ln.kind, ln.marker_end = "point", ln.start + m.end()


_ANCHORS = ("bg", "q", "a", "tp", "point")


class _Parser:
    def __init__(self, text: str, path: str, id_base: str):
        self.text = text
        self.path = path
        self.id_base = id_base
        self.starts = line_starts(text)
        self.lines = _classify(text)

    # -- document boundaries -------------------------------------------------------------
    def boundaries(self) -> list[tuple[int, int]]:
        """(header start line, anchor line) of every document, 0-based."""
        lines = self.lines
        anchor0 = next((ln.idx for ln in lines if ln.kind in _ANCHORS), None)
        if anchor0 is None:
            if not self.text.strip():
                raise InputError("file is empty; expected a quick-response document", self.path)
            raise InputError(
                "no Q:/A: pairs or talking points found; a quick-response document needs a "
                "title, an optional Background: paragraph and Q:/A: pairs (or a 'Talking points:' "
                "list)", self.path)
        docs = [(0, anchor0)]
        seen_qa = seen_a = False
        for ln in lines[anchor0:]:
            if ln.kind == "bg" and seen_qa:
                docs.append((self._header_start(ln.idx, loose=True), ln.idx))
                seen_qa = seen_a = False
                continue
            if ln.kind == "q" and seen_a:
                hs = self._header_start(ln.idx, loose=False)
                if hs is not None:
                    docs.append((hs, ln.idx))
                    seen_a = False
            if ln.kind in ("q", "a", "point"):
                seen_qa = True
                seen_a = seen_a or ln.kind in ("a", "point")
        return docs

    def _header_start(self, anchor: int, loose: bool) -> Optional[int]:
        """Where the header (title, date lines, preamble) of a later document begins."""
        lines = self.lines
        first, title, j = anchor, None, anchor - 1
        while j >= 0:
            ln = lines[j]
            if ln.kind == "blank":
                j -= 1
                continue
            if ln.kind != "other":
                break
            if ln.meta is not None:
                first = j
            elif _title_like(ln.text):
                first, title = j, j
            else:
                break
            j -= 1
        if title is None:
            if not loose:
                return None
            # A title in ordinary case: a short line of its own, without closing punctuation.
            k = first - 1
            while k >= 0 and lines[k].kind == "blank":
                k -= 1
            if k >= 0 and lines[k].kind == "other" and lines[k].meta is None:
                s = lines[k].text.strip()
                before_blank = k == 0 or lines[k - 1].kind == "blank"
                if before_blank and len(s) <= 100 and s[-1] not in ".,;:!?\"'”’)":
                    first = title = k
            if title is None:
                return first
        # A block of usage guidance right before the title is this document's preamble.
        candidate, budget, k = None, 15, first - 1
        while k >= 0 and budget > 0:
            ln = lines[k]
            if ln.kind in _ANCHORS:
                break
            if ln.kind == "other":
                budget -= 1
                block_start = k == 0 or lines[k - 1].kind == "blank"
                if block_start and ln.meta is None and (
                        _title_like(ln.text) or "quick response" in ln.text.lower()):
                    candidate = k
            k -= 1
        return candidate if candidate is not None else first

    # -- one document --------------------------------------------------------------------
    def document(self, number: int, header_start: int, anchor: int, end: int) -> Document:
        lines = self.lines
        doc_id = self.id_base if number == 1 else f"{self.id_base}#{number}"
        meta: dict = {}
        notes: list[str] = []
        header = [ln for ln in lines[header_start:anchor] if ln.kind == "other"]
        for ln in header:
            if ln.meta is not None:
                self._meta(ln, meta)
        plain = [ln for ln in header if ln.meta is None]
        title_ln = next((ln for ln in reversed(plain) if _title_like(ln.text)), None)
        if title_ln is None and plain:
            title_ln = plain[-1]
        title = _clean_title(title_ln.text) if title_ln is not None else ""
        if title_ln is not None:
            doc_line = title_ln.idx + 1
        else:
            metas = [ln for ln in header if ln.meta is not None]
            doc_line = (metas[0].idx if metas else anchor) + 1

        # Sections: (kind, marker line, [(start, end) segments]).
        sections: list[list] = []
        for ln in lines[anchor:end]:
            if ln.kind in ("bg", "q", "a", "point"):
                sections.append([ln.kind, ln, [[ln.marker_end, ln.end]]])
                continue
            if ln.kind == "tp":  # the header ends the section before it; its bullets follow
                sections.append(["tp", ln, [None]])
                continue
            if not sections:
                continue
            sec = sections[-1]
            if sec[0] == "bg" and ln.meta is not None:
                self._meta(ln, meta)
                sec[2].append(None)  # a break in the background text
                continue
            bullet = _BULLET_RE.match(ln.text) if ln.kind == "other" else None
            if bullet and sec[0] in ("bg", "a"):  # a list item is a line of its own
                sec[2].append([ln.start + bullet.end(), ln.end])
                continue
            if sec[2][-1] is None:
                sec[2][-1] = [ln.start, ln.end]
            else:
                sec[2][-1][1] = ln.end
        posture = None
        background: list[SourceLine] = []
        qas: list[QA] = []
        pending_q: Optional[tuple[str, Optional[SourceLine], _Line]] = None
        answers: list[SourceLine] = []
        answered = False

        def flush():
            nonlocal pending_q, answers, answered
            if pending_q is not None or answers:
                question, qline, marker = pending_q if pending_q else ("", None, None)
                if marker is not None and not answered:
                    notes.append(f"line {marker.idx + 1}: Q: with no A:")
                qas.append(QA(len(qas), question, qline, tuple(answers)))
            pending_q, answers, answered = None, [], False

        for kind, marker, segs in sections:
            segs = [s for s in segs if s is not None]
            if kind == "bg":
                for a, b in segs:
                    for s, e in split_sentences(self.text, a, b, break_on_blank_lines=False):
                        found = parse_posture(self.text[s:e])
                        if found is not None:
                            m = POSTURE_RE.search(self.text, s, e)
                            if posture is None or posture == "unknown":
                                posture = found
                            e = m.start() if m.start() > s else s
                            while e > s and self.text[e - 1].isspace():
                                e -= 1
                            if e <= s:
                                continue
                        background.append(self._line(s, e, BACKGROUND, doc_id))
            elif kind == "tp":
                flush()
            elif kind == "point":  # each talking point is an approved line of its own
                flush()
                a, b = segs[0]
                got = [self._line(s, e, APPROVED, doc_id, len(qas))
                       for s, e in split_sentences(self.text, a, b, break_on_blank_lines=False)]
                if got:
                    qas.append(QA(len(qas), "", None, tuple(got)))
            elif kind == "q":
                flush()
                a, b = segs[0][0], segs[-1][1]
                s, e = trim_span(self.text, a, b)
                qline = self._line(s, e, QUESTION, doc_id, len(qas)) if e > s else None
                pending_q = (normalise(self.text[s:e]), qline, marker)
            else:  # an answer
                if pending_q is None and answered is False and answers == []:
                    notes.append(f"line {marker.idx + 1}: A: with no Q:")
                    pending_q = ("", None, None)
                got = [self._line(s, e, APPROVED, doc_id, len(qas)) for a, b in segs
                       for s, e in split_sentences(self.text, a, b, break_on_blank_lines=False)]
                if not got:
                    notes.append(f"line {marker.idx + 1}: empty A:")
                answers.extend(got)
                answered = answered or bool(got)
        flush()
        if posture is None:
            for ln in header:
                if title_ln is not None and ln.idx <= title_ln.idx:
                    continue
                found = parse_posture(ln.text)
                if found is not None:
                    posture = found
        if not qas:
            raise InputError(f"document {title or doc_id!r} has no Q:/A: pairs or talking points",
                             self.path, doc_line)
        return Document(
            id=doc_id, title=title or self.id_base, path=self.path, line=doc_line,
            posture=posture or "unknown", approved=meta.get("approved"),
            expires=meta.get("expires"), owner=meta.get("owner"), lead=meta.get("lead"),
            background=tuple(background), qa=tuple(qas), notes=tuple(notes),
        )

    def _meta(self, ln: _Line, meta: dict) -> None:
        key = _META_KEYS[ln.meta.group("key").lower()]
        value = ln.meta.group("value").strip().strip("*_").strip()
        line = ln.idx + 1
        if key in ("approved", "expires"):
            meta[key] = parse_date(value, key.capitalize(), self.path, line)
        elif key == "lead":
            meta[key] = parse_bool(value, "Lead", self.path, line)
        elif value:
            meta[key] = value

    def _line(self, s: int, e: int, kind: str, doc_id: str, qa_index: Optional[int] = None
              ) -> SourceLine:
        line, col = position(self.starts, s)
        end_line, end_col = position(self.starts, e)
        raw = self.text[s:e]
        return SourceLine(raw, normalise(raw), kind, doc_id, self.path, line, col, end_line,
                          end_col, qa_index if kind != BACKGROUND else None)



def parse_quick_response(text: str, path: str, id_base: str) -> list[Document]:
    """Every quick-response document in ``text`` (already decoded, newlines normalised).

    ``path`` is used for provenance and errors; document ids are ``id_base``,
    ``id_base#2``, ``id_base#3`` ... in file order.
    """
    parser = _Parser(text, path, id_base)
    bounds = parser.boundaries()
    docs = []
    for n, (hs, anchor) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(parser.lines)
        docs.append(parser.document(n + 1, hs, anchor, end))
    return docs
