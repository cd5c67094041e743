"""Coverage: which approved documents and Q/A entries a draft drew on, and what it left out.

Coverage adds no matching of its own.  It reads the per-sentence verdicts that
:meth:`linter.checks.engine.Engine.explain` returns (the same ones ``msglint explain``
prints) and the corpus they were judged against, and regroups them by corpus document:

* a sentence *rests on* the approved line the verdict names as its best match when the
  verdict is ``supported``, ``drifted`` or ``contradicted`` (a sentence the corpus does not
  cover rests on nothing, however close its best match), and on the evidence of a finding
  that restates a line (a dropped hedge, an expired line, a changed figure, a
  contradiction, a Background line);
* a Q/A entry is *used* when some sentence rests on one of its answer lines (or on the
  Yes/No stance its answer takes);
* a document is *drawn on* when some sentence rests on one of its lines, Background
  included; the entries of a drawn-on document that no sentence used are *left out*.

Flow: corpus -> analysis -> checks -> verdicts -> :func:`of_draft` -> renderers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from .model import APPROVED, BACKGROUND, STANCE, Corpus, Evidence, Verdict

#: Verdicts whose best approved line is a line the sentence actually restates.
USED_VERDICTS = ("supported", "drifted", "contradicted")
#: Rules whose evidence is the line the sentence restates (not merely its closest miss).
RESTATING_RULES = ("contradiction", "figure-mismatch", "dropped-hedge", "expired-line", "background-only")


@dataclass(frozen=True)
class LineRef:
    """A corpus line a draft sentence rests on."""

    document: str  # document id
    path: str
    line: int
    column: int
    text: str  # as displayed (whitespace folded)
    kind: str  # APPROVED, STANCE or BACKGROUND
    qa: Optional[int] = None  # 0-based Q/A entry for approved and stance lines

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class SentenceCoverage:
    """One draft sentence, its verdict and the corpus lines it rests on."""

    start: int
    end: int
    line: int
    column: int
    text: str
    verdict: str  # as in :class:`linter.model.Verdict`
    lines: tuple[LineRef, ...] = ()

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"


@dataclass(frozen=True)
class EntryCoverage:
    """One Q/A entry of a drawn-on document and the draft sentences that used it."""

    index: int  # 0-based position in the document
    question: str  # "" when the document gives none
    path: str
    line: int  # the question's line (the answer's when there is no question)
    answer: str  # the approved answer, whitespace folded
    sentences: tuple[int, ...] = ()  # indexes into DraftCoverage.sentences

    @property
    def used(self) -> bool:
        return bool(self.sentences)

    @property
    def label(self) -> str:
        return f"Q{self.index + 1}"


@dataclass(frozen=True)
class DocumentCoverage:
    """A corpus document the draft drew on."""

    id: str
    title: str
    path: str
    posture: str
    entries: tuple[EntryCoverage, ...]
    background: tuple[LineRef, ...] = ()  # Background lines sentences rest on

    @property
    def used(self) -> tuple[EntryCoverage, ...]:
        return tuple(e for e in self.entries if e.used)

    @property
    def left_out(self) -> tuple[EntryCoverage, ...]:
        return tuple(e for e in self.entries if not e.used)


@dataclass(frozen=True)
class DraftCoverage:
    """What one draft drew on, sentence by sentence and document by document."""

    path: str
    sentences: tuple[SentenceCoverage, ...]
    documents: tuple[DocumentCoverage, ...]  # drawn on, in corpus order
    corpus_documents: int  # how many documents the corpus has

    @property
    def claims(self) -> tuple[SentenceCoverage, ...]:
        return tuple(s for s in self.sentences if s.verdict != "not a claim")

    @property
    def supported(self) -> tuple[SentenceCoverage, ...]:
        return tuple(s for s in self.sentences if s.supported)

    @property
    def entries_used(self) -> int:
        """Q/A entries used, over the drawn-on documents."""
        return sum(len(d.used) for d in self.documents)

    @property
    def entries_total(self) -> int:
        """Q/A entries of the drawn-on documents."""
        return sum(len(d.entries) for d in self.documents)


def _line_keys(corpus: Corpus) -> dict:
    """(document, path, line, column) of every answer line -> its Q/A entry."""
    keys = {}
    for doc in corpus.documents:
        for qa in doc.qa:
            for ans in qa.answers:
                keys[(doc.id, ans.path, ans.line, ans.column)] = qa.index
    return keys


def _refs(v: Verdict) -> list[Evidence]:
    out: list[Evidence] = []
    if v.verdict in USED_VERDICTS and v.best is not None:
        out.append(v.best)
    for f in v.findings:
        if f.rule in RESTATING_RULES:
            out += f.evidence
    return out


def of_draft(path: str, verdicts: Iterable[Verdict], corpus: Corpus) -> DraftCoverage:
    """The coverage of the draft reported as ``path``, from its verdicts."""
    keys = _line_keys(corpus)
    sentences: list[SentenceCoverage] = []
    for v in verdicts:
        refs: list[LineRef] = []
        for ev in _refs(v):
            kind = ev.kind if ev.kind in (APPROVED, STANCE, BACKGROUND) else APPROVED
            qa = None if kind == BACKGROUND else keys.get((ev.document, ev.path, ev.line, ev.column))
            ref = LineRef(ev.document, ev.path, ev.line, ev.column, ev.text, kind, qa)
            if ref not in refs:
                refs.append(ref)
        sentences.append(SentenceCoverage(v.start, v.end, v.line, v.column, v.text, v.verdict, tuple(refs)))

    documents = []
    for doc in corpus.documents:
        used: dict[int, list[int]] = {}
        background: list[LineRef] = []
        drawn = False
        for n, s in enumerate(sentences):
            for ref in s.lines:
                if ref.document != doc.id:
                    continue
                drawn = True
                if ref.kind == BACKGROUND:
                    if ref not in background:
                        background.append(ref)
                elif ref.qa is not None and n not in used.setdefault(ref.qa, []):
                    used[ref.qa].append(n)
        if not drawn:
            continue
        entries = []
        for qa in doc.qa:
            first = qa.question_line or (qa.answers[0] if qa.answers else None)
            entries.append(EntryCoverage(
                qa.index, qa.question_line.display if qa.question_line else "",
                first.path if first else doc.path, first.line if first else doc.line,
                " ".join(a.display for a in qa.answers), tuple(used.get(qa.index, ()))))
        background.sort(key=lambda r: (r.line, r.column))
        documents.append(DocumentCoverage(doc.id, doc.title, doc.path, doc.posture, tuple(entries),
                                          tuple(background)))
    return DraftCoverage(path, tuple(sentences), tuple(documents), len(corpus.documents))


def as_dict(cov: DraftCoverage) -> dict:
    """The JSON form of one draft's coverage (lists in draft or corpus order)."""

    def ref(r: LineRef) -> dict:
        return {"document": r.document, "path": r.path, "line": r.line, "column": r.column,
                "kind": r.kind, "entry": None if r.qa is None else r.qa + 1, "text": r.text}

    def sentence(s: SentenceCoverage) -> dict:
        return {"line": s.line, "column": s.column, "text": s.text, "verdict": s.verdict,
                "rests_on": [ref(r) for r in s.lines]}

    def entry(e: EntryCoverage) -> dict:
        return {"entry": e.index + 1, "question": e.question, "path": e.path, "line": e.line,
                "answer": e.answer, "used": e.used,
                "sentences": [{"line": cov.sentences[n].line, "verdict": cov.sentences[n].verdict}
                              for n in e.sentences]}

    def document(d: DocumentCoverage) -> dict:
        return {"id": d.id, "title": d.title, "path": d.path, "posture": d.posture,
                "entries": [entry(e) for e in d.entries],
                "used": [e.index + 1 for e in d.used], "left_out": [e.index + 1 for e in d.left_out],
                "background": [ref(r) for r in d.background]}

    return {
        "path": cov.path,
        "summary": {
            "sentences": len(cov.sentences), "claims": len(cov.claims), "supported": len(cov.supported),
            "documents_drawn_on": len(cov.documents), "corpus_documents": cov.corpus_documents,
            "entries_used": cov.entries_used,
            "entries_left_out": cov.entries_total - cov.entries_used,
        },
        "documents": [document(d) for d in cov.documents],
        "sentences": [sentence(s) for s in cov.sentences],
    }


__all__ = ["DocumentCoverage", "DraftCoverage", "EntryCoverage", "LineRef", "SentenceCoverage",
           "as_dict", "of_draft"]
