"""The one data model every part of msglint reads and writes.

Flow: files -> :class:`Corpus` (readers in ``linter.corpus``) -> analysed lines and
draft sentences (``linter.analysis``) -> :class:`Finding` (``linter.checks``) -> a report
(``linter.report``).  Everything here is a frozen dataclass so that results can be cached,
compared and hashed, and so that no stage can quietly change what an earlier one produced.

Positions: ``line`` and ``column`` are 1-based and count Unicode code points; offsets
(``start``/``end``) are 0-based code-point offsets into the text as read (after newline
normalisation), with ``end`` exclusive.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Optional

import re

from .textnorm import Mapped

_STANCE_RE = re.compile(r"\W*(yes|no)\b(?![-'])", re.I)

# What a corpus sentence is.
APPROVED = "approved"  # a sentence of an A: answer: an approved public line
BACKGROUND = "background"  # context for the speaker, not for public use
QUESTION = "question"  # a reporter's question (Q:), not approved wording
# The position an answer that opens with "Yes" or "No" takes on its question ("Should we
# suspend ties?"  "No. ..." => we should not suspend ties): approved, without figures.
STANCE = "stance"

POSTURES = ("rtq", "active", "unknown")

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class SourceLine:
    """One sentence of a corpus document with where it lives.

    ``text`` is the sentence as written (hard line breaks kept, for display through
    :attr:`display`); ``norm`` is the form used for matching: line breaks joined,
    whitespace folded, curly quotes and dashes straightened.
    """

    text: str
    norm: str
    kind: str  # APPROVED, BACKGROUND or QUESTION
    doc_id: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    qa_index: Optional[int] = None  # 0-based index of the Q/A entry, None for background

    @property
    def display(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True)
class QA:
    """A Q:/A: pair.  The answer's sentences are the approved lines."""

    index: int
    question: str  # normalised question text ("" when the document gives none)
    question_line: Optional[SourceLine]
    answers: tuple[SourceLine, ...]

    @property
    def stance(self) -> Optional[str]:
        """"yes" or "no" when the answer opens with that word (then the question, with
        that polarity, is an approved position); else None."""
        if not self.answers or self.question_line is None or not self.question.strip():
            return None
        m = _STANCE_RE.match(self.answers[0].norm)
        return m.group(1).lower() if m else None

    def stance_line(self) -> Optional[SourceLine]:
        """The approved position the answer takes on the question, located at the answer
        and analysed as the question (see :data:`STANCE`)."""
        word = self.stance
        if word is None:
            return None
        a = self.answers[0]
        q = self.question_line
        return SourceLine(f"Q: {q.display} A: {word.capitalize()}.", q.norm, STANCE, a.doc_id, a.path,
                          a.line, a.column, a.end_line, a.end_column, self.index)


@dataclass(frozen=True)
class ExplicitFigure:
    """A figure declared in a YAML document's ``figures:`` list (optional)."""

    name: str  # what it counts, e.g. "FMS budget"
    value: str  # as written, e.g. "$1B"; normalised by the analysis
    path: str
    line: int


@dataclass(frozen=True)
class Document:
    """One quick-response document: a topic with background, posture and Q/A pairs."""

    id: str
    title: str
    path: str
    line: int  # line of the title (or of the document start)
    posture: str = "unknown"  # one of POSTURES
    approved: Optional[date] = None
    expires: Optional[date] = None
    owner: Optional[str] = None
    lead: Optional[bool] = None
    background: tuple[SourceLine, ...] = ()
    qa: tuple[QA, ...] = ()
    figures: tuple[ExplicitFigure, ...] = ()
    # Problems a reader tolerated but `corpus check` should report (e.g. "Q: with no A:").
    notes: tuple[str, ...] = ()

    @property
    def approved_lines(self) -> tuple[SourceLine, ...]:
        return tuple(line for qa in self.qa for line in qa.answers)

    @property
    def question_lines(self) -> tuple[SourceLine, ...]:
        return tuple(qa.question_line for qa in self.qa if qa.question_line is not None)

    def is_expired(self, as_of: date) -> bool:
        return self.expires is not None and as_of > self.expires

    @property
    def info(self) -> "DocInfo":
        return DocInfo(self.id, self.title, self.posture, self.expires)


@dataclass(frozen=True)
class DocInfo:
    """A document's header: what checks read about the document a line comes from,
    without its lines."""

    id: str
    title: str
    posture: str
    expires: Optional[date] = None

    def is_expired(self, as_of: date) -> bool:
        return self.expires is not None and as_of > self.expires


@dataclass(frozen=True)
class Corpus:
    """The approved response corpus: every document msglint judges drafts against."""

    documents: tuple[Document, ...]
    # sha256 over the (path, bytes) of every source file, in sorted path order.
    content_hash: str = ""
    # files left out because they could not be read or understood (the rest is used)
    unreadable: tuple["Unreadable", ...] = ()

    @property
    def approved_lines(self) -> tuple[SourceLine, ...]:
        return tuple(line for doc in self.documents for line in doc.approved_lines)

    @property
    def background_lines(self) -> tuple[SourceLine, ...]:
        return tuple(line for doc in self.documents for line in doc.background)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


@dataclass(frozen=True)
class Unreadable:
    """A corpus file that was left out: what was wrong with it, and where."""

    path: str
    line: Optional[int]
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def hash_sources(sources: list[tuple[str, bytes]]) -> str:
    """The corpus hash: stable across runs and independent of the order files were given."""
    h = hashlib.sha256()
    for path, data in sorted(sources):
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(hashlib.sha256(data).digest())
    return "sha256:" + h.hexdigest()


# What a unit of a draft is, by the structure of the file it comes from.
UNIT_KINDS = ("paragraph", "heading", "item", "quote", "row", "cell", "html")


@dataclass(frozen=True)
class Unit:
    """One structural unit of a draft: a paragraph, heading, list item, block-quote
    paragraph, table row or cell.  ``text`` is its analysis form (markup left out,
    normalised, see :mod:`linter.textnorm`) with offsets into :attr:`Draft.text`.  Every
    unit is split into sentences and each sentence is judged."""

    kind: str  # one of UNIT_KINDS
    text: Mapped


@dataclass(frozen=True)
class DraftSentence:
    """A sentence of a draft: its analysis form and where it lies in the file."""

    text: str  # what is analysed (normalised)
    start: int  # offsets into Draft.text, end exclusive
    end: int
    unit: int  # index into Draft.units
    kind: str  # the unit's kind
    map: Mapped  # text with, per character, the offsets it came from

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Offsets into the draft of ``text[a:b]``."""
        return self.map.span(a, b)


@dataclass(frozen=True)
class Draft:
    """A draft as read: the text positions are reported in, its units and sentences."""

    path: str  # as reported
    text: str  # the file's text (newlines normalised); lines and columns count in it
    units: tuple[Unit, ...] = ()
    sentences: tuple[DraftSentence, ...] = ()
    markdown: bool = False  # suppression comments are HTML comments only
    notices: tuple[str, ...] = ()  # what the reader left out, said once


@dataclass(frozen=True)
class Evidence:
    """The corpus line a finding rests on, and where it lives."""

    document: str  # document id
    title: str
    path: str
    line: int
    column: int
    text: str  # the line as displayed (whitespace folded)
    kind: str = APPROVED  # APPROVED or BACKGROUND

    @classmethod
    def of(cls, line: SourceLine, title: str) -> "Evidence":
        return cls(line.doc_id, title, line.path, line.line, line.column, line.display, line.kind)


@dataclass(frozen=True)
class Finding:
    """One problem in one draft: what drifted, where, and the approved line it drifted from."""

    rule: str
    severity: str
    message: str
    path: str
    start: int  # 0-based code-point offset into the draft text
    end: int  # exclusive
    line: int
    column: int
    end_line: int
    end_column: int
    evidence: tuple[Evidence, ...] = ()
    suggestion: Optional[str] = None
    sentence: str = ""  # the draft sentence, for display

    def sort_key(self):
        return (self.path, self.start, self.end, self.rule, self.message)


@dataclass(frozen=True)
class Unjudged:
    """A part of a draft that msglint read but did not judge as a claim: a whole sentence
    (thanks, a promise of updates, a headline ...) or one clause of a sentence whose other
    clauses were judged ("..., and I want to thank our partners").  Its figures were still
    checked; its words were not compared with the corpus.  Every output says so, so that
    a part with no finding is never taken for one that was checked and found clean."""

    path: str
    start: int  # 0-based code-point offsets into the draft text, end exclusive
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    reason: str  # what the part does instead of asserting (see analysis.claims.CLAUSE_CLASSES)
    sentence: bool  # the whole sentence, or one clause of it

    def sort_key(self):
        return (self.path, self.start, self.end, self.reason)


@dataclass(frozen=True)
class Verdict:
    """What `msglint explain` shows for one draft sentence."""

    start: int
    end: int
    line: int
    column: int
    text: str
    # "supported", "contradicted" (contradiction, changed figure), "not covered" (unsupported,
    # unvetted or background-only), "drifted" (hedge dropped, line expired), "not a claim"
    verdict: str
    reason: str
    score: float
    best: Optional[Evidence] = None
    findings: tuple[Finding, ...] = field(default=())
    # the sentence's clauses that were not judged and why ("Let me be clear:", a frame);
    # their figures are still checked
    unjudged: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Problem:
    """One problem in the corpus, with both locations for problems between two lines."""

    code: str
    severity: str  # "error" or "warning"
    message: str
    path: str
    line: int
    other_path: Optional[str] = None
    other_line: Optional[int] = None
    document: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def other_location(self) -> Optional[str]:
        if self.other_path is None:
            return None
        return f"{self.other_path}:{self.other_line}" if self.other_line else self.other_path

    def sort_key(self):
        return (self.path, self.line or 0, self.code, self.other_path or "", self.other_line or 0,
                self.message)

    def to_json(self) -> dict:
        out = asdict(self)
        out["location"] = self.location()
        out["other_location"] = self.other_location()
        return out
