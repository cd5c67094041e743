"""The analysed corpus and its retrieval structure.

Every approved and background sentence is analysed once (see :mod:`.pipeline`), then
turned into *units* the checks compare draft clauses with: each clause of a line, each whole
line, and each whole answer (the union of its sentences, since a paraphrase may draw on
two sentences of one answer).

The index has two layers:

* a compact core of NumPy arrays: every concept key's postings (the units that contain
  it), the key weights (IDF), and each unit's kind, level and document.  Ranking a clause
  against the whole corpus is a handful of vectorised additions over postings, so its cost
  does not depend on how many units share no word with the clause;
* the units themselves (concepts, figures, hedges, polarity), materialised one document at
  a time and only for documents a query actually returns.

The core is what :mod:`.store` keeps on disk between runs, so a warm check neither parses
the corpus files nor loads the analysis of documents the draft never touches.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

import numpy as np

from ..model import APPROVED, BACKGROUND, Corpus, Document, SourceLine
from .claims import Analysed, Clause, Concept
from .figures import Figure

LEVELS = ("clause", "line", "answer")
KINDS = (APPROVED, BACKGROUND)


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


def doc_lines(doc: Document) -> tuple[SourceLine, ...]:
    """The lines of a document the index covers, in index order."""
    return doc.approved_lines + doc.background


def make_unit(uid: int, kind: str, level: str, doc_id: str, first_line: int,
              members: Sequence[Analysed], clause_no: int = -1) -> Unit:
    """One unit from the analyses of its lines (``members``, starting at ``first_line``):
    clause ``clause_no`` of a line, a whole line, or a whole answer."""
    if level == "clause":
        cl = members[0].clauses[clause_no]
        keys, lemmas, figures, negative, hedges, concepts = (
            cl.keys, cl.lemmas, cl.figures, cl.negative, cl.hedges, cl.concepts)
    elif level == "line":
        an = members[0]
        keys, lemmas, figures, negative, hedges, concepts = (
            an.keys, an.lemmas, an.figures, an.negative, tuple(h for c in an.clauses for h in c.hedges),
            an.concepts)
    else:
        keys = frozenset().union(*(m.keys for m in members))
        lemmas = frozenset().union(*(m.lemmas for m in members))
        figures, negative, hedges, concepts = (), False, (), ()
    hedged = any(k in ("attribution", "epistemic") for k, _ in hedges)
    return Unit(uid, kind, level, doc_id, tuple(range(first_line, first_line + len(members))),
                frozenset(keys), frozenset(lemmas), tuple(figures), negative, hedged, tuple(hedges),
                tuple(concepts))


def doc_units(doc: Document, first_line: int, first_unit: int,
              analysed: Sequence[Analysed]) -> list[Unit]:
    """The units of one document, in the order (and with the ids) the index gives them:
    for each line its clauses (when it has several) and the line, then each answer (and the
    Background) as a whole."""
    units: list[Unit] = []
    groups: dict[int, list[int]] = {}
    for j, (line, an) in enumerate(zip(doc_lines(doc), analysed)):
        if len(an.clauses) > 1:
            for n in range(len(an.clauses)):
                units.append(make_unit(first_unit + len(units), line.kind, "clause", doc.id,
                                       first_line + j, (an,), n))
        units.append(make_unit(first_unit + len(units), line.kind, "line", doc.id, first_line + j, (an,)))
        groups.setdefault(line.qa_index if line.kind == APPROVED else -1, []).append(j)
    for qa, members in groups.items():  # an answer's lines (and the Background's) are contiguous
        if len(members) >= 2:
            units.append(make_unit(first_unit + len(units), BACKGROUND if qa == -1 else APPROVED, "answer",
                                   doc.id, first_line + members[0], [analysed[j] for j in members]))
    return units


def doc_specs(doc: Document, analysed: Sequence[Analysed]) -> tuple:
    """What the compact index needs from one document, without its analyses: for each unit
    ``(kind, level, first line, end line, clause number, keys, figure buckets)`` with line
    numbers relative to the document.  Cached beside the analyses, so rebuilding the index
    after an edit decodes nothing."""
    specs = []
    clause_no: dict[int, int] = {}
    for u in doc_units(doc, 0, 0, analysed):
        if u.level == "clause":
            clause_no[u.lines[0]] = clause_no.get(u.lines[0], -1) + 1
            number = clause_no[u.lines[0]]
        else:
            number = -1
        buckets = tuple(b for f in u.figures for b in figure_buckets(f)) if u.level == "line" else ()
        specs.append((KINDS.index(u.kind), LEVELS.index(u.level), u.lines[0], u.lines[-1] + 1, number,
                      tuple(sorted(u.keys)), buckets))
    return tuple(specs)


@dataclass
class Core:
    """The compact, picklable part of the index (see the module docstring)."""

    keys: list[str]  # key id -> key
    offsets: np.ndarray  # key id -> start of its postings in `postings` (len(keys) + 1)
    postings: np.ndarray  # unit ids, grouped by key, ascending within a key
    weights: np.ndarray  # key id -> IDF weight
    unseen: float  # weight of a key no corpus line has
    unit_kind: np.ndarray  # unit id -> index into KINDS
    unit_level: np.ndarray  # unit id -> index into LEVELS
    unit_line_start: np.ndarray  # unit id -> first line index
    unit_line_end: np.ndarray  # unit id -> line index after its last line
    unit_clause: np.ndarray  # unit id -> clause index within its line (-1: a whole line or answer)
    doc_first_unit: np.ndarray  # document index -> first unit id (len(docs) + 1)
    doc_first_line: np.ndarray  # document index -> first line index (len(docs) + 1)
    figure_buckets: dict  # (kind, bucket) -> list of line-level unit ids stating such a figure

    @classmethod
    def build(cls, corpus: Corpus, specs_by_doc: Sequence[tuple]) -> "Core":
        """The core from each document's :func:`doc_specs`, in corpus order."""
        key_id: dict[str, int] = {}
        pairs_key: list[int] = []
        pairs_unit: list[int] = []
        unit_kind: list[int] = []
        unit_level: list[int] = []
        unit_line_start: list[int] = []
        unit_line_end: list[int] = []
        unit_clause: list[int] = []
        doc_first_unit = [0]
        doc_first_line = [0]
        df: dict[int, int] = {}
        buckets: dict = {}
        line_level = LEVELS.index("line")
        for doc, specs in zip(corpus.documents, specs_by_doc):
            first_line, uid = doc_first_line[-1], doc_first_unit[-1]
            for kind, level, a, b, number, keys, fig_buckets in specs:
                unit_kind.append(kind)
                unit_level.append(level)
                unit_line_start.append(first_line + a)
                unit_line_end.append(first_line + b)
                unit_clause.append(number)
                ids = [key_id.setdefault(k, len(key_id)) for k in keys]
                pairs_key.extend(ids)
                pairs_unit.extend([uid] * len(ids))
                if level == line_level:
                    for kid in ids:
                        df[kid] = df.get(kid, 0) + 1
                    for bk in dict.fromkeys(fig_buckets):
                        buckets.setdefault((KINDS[kind], bk), []).append(uid)
                uid += 1
            doc_first_unit.append(uid)
            doc_first_line.append(first_line + len(doc_lines(doc)))
        n_lines = doc_first_line[-1]
        keys_list = [""] * len(key_id)
        for k, i in key_id.items():
            keys_list[i] = k
        pk = np.asarray(pairs_key, dtype=np.int64)
        pu = np.asarray(pairs_unit, dtype=np.int32)
        order = np.lexsort((pu, pk))
        counts = np.bincount(pk, minlength=len(keys_list)) if len(keys_list) else np.zeros(0, dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        weights = np.array([math.log((n_lines + 1) / (df.get(i, 0) + 1)) + 1.0 for i in range(len(keys_list))])
        return cls(keys_list, offsets, pu[order], weights, math.log(n_lines + 1) + 1.0,
                   np.asarray(unit_kind, dtype=np.int8), np.asarray(unit_level, dtype=np.int8),
                   np.asarray(unit_line_start, dtype=np.int32), np.asarray(unit_line_end, dtype=np.int32),
                   np.asarray(unit_clause, dtype=np.int16),
                   np.asarray(doc_first_unit, dtype=np.int64), np.asarray(doc_first_line, dtype=np.int64),
                   buckets)


class _Lazy:
    """A read-only sequence whose items are made on first access and then kept."""

    def __init__(self, n: int, make: Callable[[int], object]):
        self._n = n
        self._make = make
        self._items: dict[int, object] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int):
        if not 0 <= i < self._n:
            raise IndexError(i)
        item = self._items.get(i)
        if item is None:
            item = self._items[i] = self._make(i)
        return item

    def __iter__(self):
        for i in range(self._n):
            yield self[i]


def unpickle(data: bytes):
    """Unpickle without the cyclic garbage collector running meanwhile: cache entries are
    many small frozen objects and no cycles, and in a process that also holds a spaCy
    pipeline each collection would walk the whole heap."""
    import gc
    import pickle

    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def decode(line) -> Analysed:
    """A line's analysis, from its cached pickled form when that is what the cache held."""
    return line if isinstance(line, Analysed) else unpickle(line)


class CorpusIndex:
    """The corpus, its analysis and the retrieval structure the checks query."""

    def __init__(self, corpus: Corpus, core: Core, load_analysis: Callable[[int], Sequence]):
        """``load_analysis(d)`` gives document ``d``'s lines as ``Analysed`` objects or as
        their pickled bytes; lines are decoded, and units built, only when a query needs them."""
        self.corpus = corpus
        self.core = core
        self.lines: list[SourceLine] = [ln for doc in corpus.documents for ln in doc_lines(doc)]
        self.titles = {doc.id: doc.title for doc in corpus.documents}
        self._documents = {doc.id: doc for doc in corpus.documents}
        self._doc_data: dict[int, Sequence] = {}
        self._load_analysis = load_analysis
        self.analysed = _Lazy(int(core.doc_first_line[-1]), self._line_analysis)
        self.units = _Lazy(len(core.unit_kind), self._unit)
        self._key_id = {k: i for i, k in enumerate(core.keys)}
        self._masks: dict = {}
        self._ranked: dict = {}
        self.notices: list[str] = []
        self.cache_stats = (0, 0)
        self.corpus_problems: Optional[list] = None  # filled by the store (self-check summary)
        # each line's content keys when the builder has them at hand (saves decoding)
        self.line_keys: Optional[list[frozenset]] = None

    @classmethod
    def build(cls, corpus: Corpus, analysed: Sequence[Analysed]) -> "CorpusIndex":
        """Index a corpus whose analysis is all in memory (``analysed`` in line order)."""
        by_doc, i = [], 0
        for doc in corpus.documents:
            n = len(doc_lines(doc))
            by_doc.append(tuple(analysed[i:i + n]))
            i += n
        core = Core.build(corpus, [doc_specs(doc, a) for doc, a in zip(corpus.documents, by_doc)])
        return cls(corpus, core, lambda d: by_doc[d])

    def keys_of_line(self, i: int) -> frozenset:
        return self.line_keys[i] if self.line_keys is not None else self.analysed[i].keys

    # ---- lazily materialised parts -------------------------------------------------------
    def _doc_of_line(self, i: int) -> int:
        return int(np.searchsorted(self.core.doc_first_line, i, side="right")) - 1

    def _line_analysis(self, i: int) -> Analysed:
        d = self._doc_of_line(i)
        data = self._doc_data.get(d)
        if data is None:
            data = self._doc_data[d] = self._load_analysis(d)
        return decode(data[i - int(self.core.doc_first_line[d])])

    def _unit(self, uid: int) -> Unit:
        """One unit, exactly as :func:`doc_units` made it, from its own lines only."""
        core = self.core
        a, b = int(core.unit_line_start[uid]), int(core.unit_line_end[uid])
        return make_unit(uid, KINDS[core.unit_kind[uid]], LEVELS[core.unit_level[uid]], self.lines[a].doc_id,
                         a, [self.analysed[i] for i in range(a, b)], int(core.unit_clause[uid]))

    def document(self, doc_id: str) -> Document:
        return self._documents[doc_id]

    # ---- querying ----------------------------------------------------------------------
    def weight(self, concept: Concept) -> float:
        kid = self._key_id.get(concept.stem)
        w = float(self.core.weights[kid]) if kid is not None else self.core.unseen
        return w * (0.3 if concept.light else 1.0)

    def coverage(self, concepts: tuple[Concept, ...], keys: frozenset[str]) -> float:
        total = sum(self.weight(c) for c in concepts)
        if total <= 0:
            return 0.0
        hit = sum(self.weight(c) for c in concepts if not c.keyset.isdisjoint(keys))
        return hit / total

    def _mask(self, kind: str, levels: tuple[str, ...]) -> np.ndarray:
        key = (kind, levels)
        m = self._masks.get(key)
        if m is None:
            m = (self.core.unit_kind == KINDS.index(kind)) & np.isin(
                self.core.unit_level, [LEVELS.index(lv) for lv in levels])
            self._masks[key] = m
        return m

    def _postings(self, keys: Iterable[str]) -> list[np.ndarray]:
        core = self.core
        parts = []
        for k in sorted(keys):
            kid = self._key_id.get(k)
            if kid is not None and core.offsets[kid + 1] > core.offsets[kid]:
                parts.append(core.postings[core.offsets[kid]:core.offsets[kid + 1]])
        return parts

    def ranked(self, concepts: tuple[Concept, ...], kind: str, levels=("clause", "line", "answer"),
               limit: int = 8, expand: Optional[Callable[[Concept], Iterable[str]]] = None,
               memo_tag: str = "", min_score: float = 0.0) -> list[tuple[float, Unit]]:
        """Units of ``kind`` and ``levels`` by coverage of ``concepts``, best first.

        Coverage is the weighted share of the concepts a unit has; ``expand`` adds keys that
        also count as a match for a concept (for example its antonyms).  Ties go to the
        finer level, then the earlier unit.  Below ``min_score`` only the best unit is
        returned (a unit is built from its lines' analyses only when it is returned).
        Results are memoised (with ``expand`` only when ``memo_tag`` names it).
        """
        memo = (concepts, kind, levels, limit, memo_tag, min_score) if expand is None or memo_tag else None
        if memo is not None and memo in self._ranked:
            return self._ranked[memo]
        weights = [self.weight(c) for c in concepts]
        total = sum(weights)
        out: list[tuple[float, Unit]] = []
        if total > 0:
            scores = np.zeros(len(self.core.unit_kind))
            for c, w in zip(concepts, weights):
                keys = c.keyset if expand is None else c.keyset | frozenset(expand(c))
                parts = self._postings(keys)
                if len(parts) == 1:
                    scores[parts[0]] += w
                elif parts:
                    # a unit counts once per concept however many of its keys it has
                    hit = np.zeros(len(scores), dtype=bool)
                    for p in parts:
                        hit[p] = True
                    scores += w * hit
            cand = np.flatnonzero((scores > 0) & self._mask(kind, tuple(levels)))
            if len(cand):
                cov = np.round(scores[cand] / total, 6)
                if len(cand) > limit:
                    floor = np.partition(cov, len(cov) - limit)[len(cov) - limit]
                    keep = cov >= floor
                    cand, cov = cand[keep], cov[keep]
                rank = self.core.unit_level[cand]
                order = np.lexsort((cand, rank, -cov))[:limit]
                out = [(float(cov[i]), self.units[int(cand[i])]) for n, i in enumerate(order)
                       if n == 0 or cov[i] >= min_score]
        if memo is not None:
            if len(self._ranked) > 50_000:
                self._ranked.clear()
            self._ranked[memo] = out
        return out

    def same_figure(self, fig: Figure, kind: str, same_value) -> Optional[tuple[Figure, Unit]]:
        """The first ``kind`` line (APPROVED or BACKGROUND) stating ``fig``'s value anywhere."""
        uids = sorted({uid for b in figure_buckets(fig) for uid in self.core.figure_buckets.get((kind, b), ())})
        for uid in uids:
            u = self.units[uid]
            for g in u.figures:
                if same_value(fig, g):
                    return g, u
        return None

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


def figure_buckets(fig: Figure) -> tuple:
    """Hash buckets such that two figures with the same value always share one.

    Amounts fall in logarithmic buckets (with the neighbours, so a rounding or bound
    tolerance never crosses a boundary unseen); dates are bucketed by month, so "April 8"
    meets "April 8, 2026"; everything else by its exact value.
    """
    kind = "amount" if fig.kind in ("count", "money") else fig.kind
    if kind in ("amount", "percent", "duration") and fig.value and isinstance(fig.value[0], float):
        v = fig.value[0]
        if v <= 0:
            return ((kind, "0"),)
        b = int(math.floor(math.log(v) / math.log(1.05)))
        return tuple((kind, b + d) for d in (-2, -1, 0, 1, 2))
    if kind == "date":
        return ((kind, fig.value[1]),)
    if kind == "ratio":
        return ((kind, round(fig.value[0] / fig.value[1], 9)),)
    return ((kind, fig.value),)
