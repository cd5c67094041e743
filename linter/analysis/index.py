"""The analysed corpus and its retrieval structure.

Every approved and background sentence is analysed once (see :mod:`.pipeline`), then
turned into *units* the checks compare draft clauses with: each clause of a line, each whole
line, and each whole answer (the union of its sentences, since a paraphrase may draw on
two sentences of one answer).  An inverted index from concept keys to units means a draft
clause is only compared with units that share a word with it.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Optional

from ..model import APPROVED, BACKGROUND, Corpus, SourceLine
from .claims import Analysed, Clause, Concept, idf_weights
from .figures import Figure


@dataclass(frozen=True)
class Unit:
    id: int
    kind: str  # APPROVED or BACKGROUND
    level: str  # "clause", "line" or "answer"
    doc_id: str
    lines: tuple[int, ...]  # indices into CorpusIndex.lines
    keys: frozenset[str]
    lemmas: frozenset[str]
    figures: tuple[Figure, ...]
    negative: bool
    hedged: bool
    hedges: tuple[tuple[str, str], ...]
    concepts: tuple[Concept, ...] = ()


@dataclass
class CorpusIndex:
    corpus: Corpus
    lines: list[SourceLine]
    analysed: list[Analysed]
    units: list[Unit] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    unseen: float = 1.0
    titles: dict[str, str] = field(default_factory=dict)
    # (kind of line, bucket) -> [(figure, unit id)] for every approved and background line figure
    figure_buckets: dict[tuple, list[tuple[Figure, int]]] = field(default_factory=dict)
    # postings per kind of unit (APPROVED, BACKGROUND): key -> unit ids
    kind_postings: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    _ranked: dict = field(default_factory=dict, repr=False)

    # ---- building ----------------------------------------------------------------------
    @classmethod
    def build(cls, corpus: Corpus, analysed: list[Analysed]) -> "CorpusIndex":
        lines = [ln for doc in corpus.documents for ln in doc.approved_lines + doc.background]
        assert len(lines) == len(analysed)
        idx = cls(corpus=corpus, lines=lines, analysed=analysed)
        idx.titles = {doc.id: doc.title for doc in corpus.documents}
        by_answer: dict[tuple[str, int], list[int]] = {}
        for i, (line, an) in enumerate(zip(lines, analysed)):
            if len(an.clauses) > 1:
                for cl in an.clauses:
                    idx._add(line.kind, "clause", line.doc_id, (i,), _clause_keys(cl), cl.lemmas,
                             cl.figures, cl.negative, cl.hedges, cl.concepts)
            idx._add(line.kind, "line", line.doc_id, (i,), an.keys, an.lemmas, an.figures,
                     an.negative, tuple(h for cl in an.clauses for h in cl.hedges), an.concepts)
            group = (line.doc_id, line.qa_index if line.kind == APPROVED else -1)
            by_answer.setdefault(group, []).append(i)
        for (doc_id, qa), members in by_answer.items():
            if len(members) < 2:
                continue
            kind = BACKGROUND if qa == -1 else APPROVED
            keys = frozenset().union(*(analysed[i].keys for i in members))
            lemmas = frozenset().union(*(analysed[i].lemmas for i in members))
            idx._add(kind, "answer", doc_id, tuple(members), keys, lemmas, (), False, ())
        idx.weights, idx.unseen = idf_weights([analysed[i].keys for i in range(len(lines))])
        for u in idx.units:
            if u.level == "line":
                for f in u.figures:
                    for b in figure_buckets(f):
                        idx.figure_buckets.setdefault((u.kind, b), []).append((f, u.id))
        return idx

    def _add(self, kind, level, doc_id, lines, keys, lemmas, figures, negative, hedges, concepts=()):
        uid = len(self.units)
        hedged = any(k in ("attribution", "epistemic") for k, _ in hedges)
        self.units.append(Unit(uid, kind, level, doc_id, lines, frozenset(keys), frozenset(lemmas),
                               tuple(figures), negative, hedged, tuple(hedges), tuple(concepts)))
        by_kind = self.kind_postings.setdefault(kind, {})
        for k in keys:
            self.postings.setdefault(k, []).append(uid)
            by_kind.setdefault(k, []).append(uid)

    # ---- querying ----------------------------------------------------------------------
    def weight(self, concept: Concept) -> float:
        w = self.weights.get(concept.stem, self.unseen)
        return w * (0.3 if concept.light else 1.0)

    def coverage(self, concepts: tuple[Concept, ...], keys: frozenset[str]) -> float:
        total = sum(self.weight(c) for c in concepts)
        if total <= 0:
            return 0.0
        hit = sum(self.weight(c) for c in concepts if not c.keyset.isdisjoint(keys))
        return hit / total

    def ranked(self, concepts: tuple[Concept, ...], kind: str, levels=("clause", "line", "answer"),
               limit: int = 8, extra_keys=None, memo_tag: str = "") -> list[tuple[float, Unit]]:
        """Units of ``kind`` sharing a key with ``concepts``, best coverage first.

        Candidates come from the postings of the rarest concepts first and stop growing at
        :data:`MAX_CANDIDATES` (a unit that shares only common words cannot score well), so
        the cost of a query does not grow with the corpus.  Results are memoised (queries
        with ``extra_keys`` only when they name the keys with ``memo_tag``).
        """
        memo = (concepts, kind, levels, limit, memo_tag) if extra_keys is None or memo_tag else None
        if memo is not None and memo in self._ranked:
            return self._ranked[memo]
        items = [(self.weight(c), c.keyset) for c in concepts]
        total = sum(w for w, _ in items)
        postings = self.kind_postings.get(kind, {})
        cand: set[int] = set()
        if total > 0:
            for n, (_, keys) in enumerate(sorted(items, key=lambda it: (-it[0], sorted(it[1])))):
                for k in keys:
                    cand.update(postings.get(k, ()))
                if n >= 1 and len(cand) >= MAX_CANDIDATES:
                    break
        scored = []
        units = self.units
        for uid in cand:
            u = units[uid]
            if u.level not in levels:
                continue
            keys = u.keys if extra_keys is None else u.keys | extra_keys(u)
            hit = sum(w for w, ks in items if not ks.isdisjoint(keys))
            scored.append((round(hit / total, 6), u))
        out = heapq.nsmallest(limit, scored, key=lambda su: (-su[0], _level_rank(su[1].level), su[1].id))
        if memo is not None:
            if len(self._ranked) > 50_000:
                self._ranked.clear()
            self._ranked[memo] = out
        return out

    def same_figure(self, fig: Figure, kind: str, same_value) -> Optional[tuple[Figure, Unit]]:
        """The first ``kind`` line (APPROVED or BACKGROUND) stating ``fig``'s value anywhere."""
        seen: set[tuple[int, int]] = set()
        best = None
        for b in figure_buckets(fig):
            for g, uid in self.figure_buckets.get((kind, b), ()):
                if (id(g), uid) in seen:
                    continue
                seen.add((id(g), uid))
                if same_value(fig, g) and (best is None or uid < best[1].id):
                    best = (g, self.units[uid])
        return best

    def line_of(self, unit: Unit) -> SourceLine:
        return self.lines[unit.lines[0]]

    def best_line(self, unit: Unit, concepts: tuple[Concept, ...]) -> SourceLine:
        """For an answer unit, the member line that covers the concepts best."""
        if len(unit.lines) == 1:
            return self.lines[unit.lines[0]]
        best = max(unit.lines, key=lambda i: (self.coverage(concepts, self.analysed[i].keys), -i))
        return self.lines[best]

    def figure_line(self, unit: Unit, fig: Figure) -> Optional[SourceLine]:
        for i in unit.lines:
            if fig in self.analysed[i].figures:
                return self.lines[i]
        return None


MAX_CANDIDATES = 600


def figure_buckets(fig: Figure) -> tuple:
    """Hash buckets such that two figures with the same value always share one.

    Amounts fall in logarithmic buckets (with the neighbours, so a 3% tolerance never
    crosses a boundary unseen); dates are bucketed by month, so "April 8" meets
    "April 8, 2026"; everything else by its exact value.
    """
    import math

    kind = "amount" if fig.kind in ("count", "money") else fig.kind
    if kind in ("amount", "percent", "duration") and fig.value and isinstance(fig.value[0], float):
        v = fig.value[0]
        if v <= 0:
            return ((kind, "0"),)
        b = int(math.floor(math.log(v) / math.log(1.05)))
        return ((kind, b - 1), (kind, b), (kind, b + 1))
    if kind == "date":
        return ((kind, fig.value[1]),)
    if kind == "ratio":
        return ((kind, round(fig.value[0] / fig.value[1], 9)),)
    return ((kind, fig.value),)


def _level_rank(level: str) -> int:
    return {"clause": 0, "line": 1, "answer": 2}[level]


def _clause_keys(cl: Clause) -> frozenset[str]:
    return cl.keys
