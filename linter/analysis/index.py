"""The analysed corpus and its retrieval structure.

Every approved and background sentence is analysed once (see :mod:`.pipeline`), then
turned into *units* the checks compare draft clauses with: each clause of a line, each whole
line, and each whole answer (the union of its sentences, since a paraphrase may draw on
two sentences of one answer).

Everything the checks read about a unit lives in a compact, columnar :class:`Core` of
NumPy arrays and flat tables:

* every concept key's postings (the units that contain it) and weight (IDF), so ranking a
  clause against the whole corpus is a handful of vectorised additions over postings and
  its cost does not depend on how many units share no word with the clause;
* each unit's kind, level, lines, keys, concepts (ids into one table of distinct concepts),
  hedges, polarity and figures (rows of integers into tables of distinct strings and
  values, see :mod:`.codec`; a figure is built when it is read).

A query returns :class:`Match` objects (score, unit id, level); checks read a unit's
document, concepts, hedges, lines or figures through the index by its id, and a whole
:class:`Unit` object is built only where one is needed.  The core is what :mod:`.store`
keeps on disk between runs (memory-mapped), so a warm check neither parses the corpus
files nor decodes any line's analysis, and decodes a document only when a finding cites
it.
"""
from __future__ import annotations

import contextlib
import gc
import math
from dataclasses import dataclass, replace
from typing import Callable, Iterable, NamedTuple, Optional, Sequence

import numpy as np

from ..model import APPROVED, BACKGROUND, STANCE, Corpus, DocInfo, Document, SourceLine
from . import columns
from .claims import Analysed, Concept
from .figures import Figure

LEVELS = ("clause", "line", "answer")
KINDS = (APPROVED, BACKGROUND)
_LINE = LEVELS.index("line")


@dataclass(frozen=True)
class Unit:
    id: int
    kind: str  # APPROVED or BACKGROUND
    level: str  # "clause", "line" or "answer"
    doc_id: str
    lines: tuple[int, ...]  # indices into CorpusIndex.lines
    keys: frozenset[str]
    figures: tuple[Figure, ...]
    negative: bool
    hedges: tuple[tuple[str, str], ...]
    concepts: tuple[Concept, ...] = ()


class Match(NamedTuple):
    """A unit a query returned, and its score.  Checks read what they need about the unit
    through the index (``doc_of``, ``concepts_of``, ``figures_of`` ...) by its id, so a
    query builds nothing for the candidates no check reads."""

    score: float
    uid: int
    level: str


def is_hedged(hedges: Iterable[tuple[str, str]]) -> bool:
    """Do these hedges make a claim tentative (an attribution or an epistemic hedge)?"""
    return any(kind in ("attribution", "epistemic") for kind, _ in hedges)


def doc_lines(doc: Document) -> tuple[SourceLine, ...]:
    """The lines of a document the index covers, in index order: approved lines,
    Background, then the stance of each answer that opens with "Yes" or "No"."""
    stances = tuple(st for st in (qa.stance_line() for qa in doc.qa) if st is not None)
    return doc.approved_lines + doc.background + stances


_concept_row = columns.concept_row


class DocSpec(NamedTuple):
    """Everything the index needs from one document, without its analyses (what the
    per-document cache keeps).  Units are numbered from 0 within the document, lines too;
    keys, concepts and hedge sets are numbered within the document's own tables."""

    n_lines: int
    keys: tuple[str, ...]
    concepts: tuple[tuple, ...]  # concept rows (see _concept_row)
    hedge_sets: tuple[tuple, ...]  # the first is ()
    units: np.ndarray  # int32 (n_units, 6): kind, level, first line, end line, hedge set, negative
    key_counts: np.ndarray  # int32 per unit
    unit_keys: np.ndarray  # int32 key numbers, unit after unit
    concept_counts: np.ndarray  # int32 per unit
    unit_concepts: np.ndarray  # int32 concept numbers, unit after unit
    figure_counts: np.ndarray  # int32 per unit: how many figures it states
    figure_rows: np.ndarray  # int32 (n_figures, 9): the figures, unit after unit (columns.FIGURE_COLUMNS)
    figure_strings: tuple[str, ...]  # the strings figure_rows numbers
    figure_values: tuple[tuple, ...]  # the values figure_rows numbers
    buckets: tuple[tuple[int, tuple], ...]  # (unit, figure buckets) for lines stating figures


def doc_specs(doc: Document, analysed: Sequence[Analysed]) -> DocSpec:
    """The :class:`DocSpec` of one analysed document.

    The units are, in index order, for each line its clauses (when it has several) and the
    line, then each answer (and the Background) of two or more lines as a whole.
    """
    keys: dict[str, int] = {}
    rows: dict[tuple, int] = {}
    hedge_sets: dict[tuple, int] = {(): 0}
    units: list[tuple] = []
    unit_keys: list[int] = []
    key_counts: list[int] = []
    unit_concepts: list[int] = []
    concept_counts: list[int] = []
    figure_tables = columns.FigureTables()
    figure_counts: list[int] = []
    figure_rows: list[list[int]] = []
    buckets: list[tuple[int, tuple]] = []

    def add(kind, level, a, b, unit_key_set, concepts, figures, hedges, negative):
        ks = sorted(unit_key_set)
        unit_keys.extend(keys.setdefault(k, len(keys)) for k in ks)
        key_counts.append(len(ks))
        unit_concepts.extend(rows.setdefault(_concept_row(c), len(rows)) for c in concepts)
        concept_counts.append(len(concepts))
        figure_rows.extend(figure_tables.row(f) for f in figures)
        figure_counts.append(len(figures))
        units.append((kind, level, a, b, hedge_sets.setdefault(tuple(hedges), len(hedge_sets)), int(negative)))

    groups: dict[int, list[int]] = {}
    for j, (line, an) in enumerate(zip(doc_lines(doc), analysed)):
        if line.kind == STANCE:
            # the question's content, with the answer's polarity on its predicates;
            # a question's figures are not approved figures
            no = line.text.endswith(" A: No.")
            # "Is the fort closing?" has no verbal predicate ("closing" is its attribute):
            # then the content words are what the answer affirms or denies
            if any(c.pred for c in an.concepts):
                concepts = tuple(replace(c, neg=no) if c.pred else replace(c, neg=False) for c in an.concepts)
            else:
                concepts = tuple(replace(c, neg=no, pred=True) if c.pos in ("NOUN", "VERB", "ADJ") and not c.light
                                 else replace(c, neg=False) for c in an.concepts)
            add(KINDS.index(APPROVED), _LINE, j, j + 1, an.keys, concepts, (), (), bool(no))
            continue
        kind = KINDS.index(line.kind)
        if len(an.clauses) > 1:
            for cl in an.clauses:
                add(kind, 0, j, j + 1, cl.keys, cl.concepts, cl.figures, cl.hedges, cl.negative)
        if an.figures:
            buckets.append((len(units), tuple(b for f in an.figures for b in figure_buckets(f))))
        add(kind, _LINE, j, j + 1, an.keys, an.concepts, an.figures,
            [h for c in an.clauses for h in c.hedges], an.negative)
        groups.setdefault(line.qa_index if line.kind == APPROVED else -1, []).append(j)
    for qa, members in groups.items():  # an answer's lines (and the Background's) are contiguous
        if len(members) >= 2:
            add(KINDS.index(BACKGROUND if qa == -1 else APPROVED), 2, members[0], members[-1] + 1,
                frozenset().union(*(analysed[j].keys for j in members)), (), (), (), False)
    return DocSpec(
        len(analysed), tuple(keys), tuple(rows), tuple(hedge_sets),
        np.asarray(units, dtype=np.int32).reshape(-1, 6),
        np.asarray(key_counts, dtype=np.int32), np.asarray(unit_keys, dtype=np.int32),
        np.asarray(concept_counts, dtype=np.int32), np.asarray(unit_concepts, dtype=np.int32),
        np.asarray(figure_counts, dtype=np.int32),
        np.asarray(figure_rows, dtype=np.int32).reshape(-1, len(columns.FIGURE_COLUMNS)),
        figure_tables.strings(), tuple(figure_tables.values), tuple(buckets))


class _Piece(NamedTuple):
    """One document's units in the index's numbering of keys, concepts, hedge sets and
    figure buckets (lines still relative to the document)."""

    n_lines: int
    units: np.ndarray  # int64 (n_units, 6): kind, level, first line, end line, hedge set, negative
    keys: np.ndarray
    key_counts: np.ndarray
    concepts: np.ndarray
    concept_counts: np.ndarray
    figure_counts: np.ndarray
    figure_rows: np.ndarray  # int32 (n_figures, 9), numbered into the index's figure tables
    buckets: np.ndarray
    bucket_counts: np.ndarray


class _Tables:
    """The index-wide numbering of keys, concepts, hedge sets and figure buckets: a new
    value gets the next number, an old one keeps its own."""

    def __init__(self, keys=(), concepts=(), hedge_sets=((),), buckets=(), figure_strings=(), figure_values=()):
        self.figures = columns.FigureTables(figure_strings, figure_values)
        self.key = {k: i for i, k in enumerate(keys)}
        self.concept = {r: i for i, r in enumerate(concepts)}
        self.hedge = {h: i for i, h in enumerate(hedge_sets)}
        self.bucket = {b: i for i, b in enumerate(buckets)}

    @staticmethod
    def _map(table: dict, values) -> np.ndarray:
        return np.fromiter((table.setdefault(v, len(table)) for v in values), np.int64, len(values))

    def piece(self, spec: DocSpec) -> _Piece:
        kmap, cmap, hmap = self._map(self.key, spec.keys), self._map(self.concept, spec.concepts), \
            self._map(self.hedge, spec.hedge_sets)
        units = spec.units.astype(np.int64)
        if len(units):
            units[:, 4] = hmap[units[:, 4]]
        bucket_counts = np.zeros(len(units), dtype=np.int64)
        buckets: list[int] = []
        for local, bks in spec.buckets:
            kind = KINDS[int(units[local, 0])]
            ids = [self.bucket.setdefault((kind, bk), len(self.bucket)) for bk in dict.fromkeys(bks)]
            bucket_counts[local] = len(ids)
            buckets.extend(ids)
        # bucket ids in unit order (spec.buckets lists units in order)
        return _Piece(spec.n_lines, units, kmap[spec.unit_keys], spec.key_counts.astype(np.int64),
                      cmap[spec.unit_concepts], spec.concept_counts.astype(np.int64),
                      spec.figure_counts.astype(np.int64),
                      self.figures.remap(spec.figure_rows, spec.figure_strings, spec.figure_values),
                      np.asarray(buckets, dtype=np.int64), bucket_counts)


def _offsets(counts: np.ndarray) -> np.ndarray:
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def _cat(parts, dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


@dataclass
class Core:
    """The compact index (see the module docstring); :mod:`.codec` reads and writes it."""

    keys: list[str]  # key id -> key
    offsets: np.ndarray  # key id -> start of its postings in `postings` (len(keys) + 1)
    postings: np.ndarray  # unit ids, grouped by key, ascending within a key
    weights: np.ndarray  # key id -> IDF weight
    unseen: float  # weight of a key no corpus line has
    unit_kind: np.ndarray  # unit id -> index into KINDS
    unit_level: np.ndarray  # unit id -> index into LEVELS
    unit_line_start: np.ndarray  # unit id -> first line index
    unit_line_end: np.ndarray  # unit id -> line index after its last line
    unit_key_offsets: np.ndarray  # unit id -> start of its key ids in `unit_keys`
    unit_keys: np.ndarray
    unit_concept_offsets: np.ndarray  # unit id -> start of its concept ids in `unit_concepts`
    unit_concepts: np.ndarray
    concepts: list[tuple]  # concept id -> (stem, syn, lemma, pos, light, neg, pred)
    unit_figure_offsets: np.ndarray  # unit id -> start of its figures in `figure_rows`
    figure_rows: np.ndarray  # int32 (n_figures, 9): see columns.FIGURE_COLUMNS
    figure_strings: tuple  # the strings figure_rows numbers
    figure_values: tuple  # the figure values figure_rows numbers
    unit_negative: np.ndarray  # unit id -> polarity
    unit_hedges: np.ndarray  # unit id -> index into `hedge_sets`
    hedge_sets: list[tuple]  # the distinct hedge tuples; the first is ()
    unit_bucket_offsets: np.ndarray  # unit id -> start of its figure bucket ids in `unit_buckets`
    unit_buckets: np.ndarray
    bucket_keys: list[tuple]  # bucket id -> (kind, bucket)
    line_unit: np.ndarray  # line index -> its line-level unit
    docs: list[DocInfo]  # document index -> its header
    doc_first_unit: np.ndarray  # document index -> first unit id (len(docs) + 1)
    doc_first_line: np.ndarray  # document index -> first line index (len(docs) + 1)
    figure_buckets: dict  # (kind, bucket) -> (start, end) in `bucket_units`
    bucket_units: np.ndarray  # line-level unit ids stating a figure, grouped by bucket

    @classmethod
    def build(cls, docs: Sequence[DocInfo], specs_by_doc: Sequence[DocSpec]) -> "Core":
        """The core from each document's header and :class:`DocSpec`, in corpus order.
        Per document only its small tables are looked up in Python; the rest is NumPy."""
        tables = _Tables()
        return cls._assemble(docs, [tables.piece(spec) for spec in specs_by_doc], tables)

    def patched(self, docs: Sequence[DocInfo], parts: Sequence) -> "Core":
        """A new core for a corpus that differs from this one's in some documents only.
        ``parts`` gives, in corpus order, for each document either the index of the same
        document in this core (reused as it is) or the :class:`DocSpec` of a new or
        changed one.  Keys, concepts and the rest keep their numbers, new ones get the
        next; what is looked up is the same as a :meth:`build` from scratch would give."""
        tables = _Tables(self.keys, self.concepts, self.hedge_sets, self.bucket_keys, self.figure_strings,
                         self.figure_values)
        return self._assemble(docs, [tables.piece(p) if isinstance(p, DocSpec) else self._piece(p)
                                     for p in parts], tables)

    def _piece(self, d: int) -> _Piece:
        """Document ``d`` of this core, as a piece for :meth:`_assemble`."""
        u0, u1 = int(self.doc_first_unit[d]), int(self.doc_first_unit[d + 1])
        first_line = int(self.doc_first_line[d])
        units = np.stack([self.unit_kind[u0:u1], self.unit_level[u0:u1],
                          self.unit_line_start[u0:u1] - first_line, self.unit_line_end[u0:u1] - first_line,
                          self.unit_hedges[u0:u1], self.unit_negative[u0:u1]], axis=1).astype(np.int64)

        def span(offsets: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return values[offsets[u0]:offsets[u1]], np.diff(offsets[u0:u1 + 1])

        keys, key_counts = span(self.unit_key_offsets, self.unit_keys)
        concepts, concept_counts = span(self.unit_concept_offsets, self.unit_concepts)
        figure_rows, figure_counts = span(self.unit_figure_offsets, self.figure_rows)
        buckets, bucket_counts = span(self.unit_bucket_offsets, self.unit_buckets)
        return _Piece(int(self.doc_first_line[d + 1]) - first_line, units, keys, key_counts, concepts,
                      concept_counts, figure_counts, figure_rows, buckets, bucket_counts)

    @classmethod
    def _assemble(cls, docs: Sequence[DocInfo], pieces: Sequence[_Piece], tables: _Tables) -> "Core":
        n_units_of = np.array([len(p.units) for p in pieces], dtype=np.int64)
        doc_first_unit = _offsets(n_units_of)
        doc_first_line = _offsets(np.array([p.n_lines for p in pieces], dtype=np.int64))
        u = np.concatenate([p.units for p in pieces]) if pieces else np.zeros((0, 6), dtype=np.int64)
        shift = np.repeat(doc_first_line[:-1], n_units_of)
        u[:, 2] += shift
        u[:, 3] += shift
        n_units, n_lines = len(u), int(doc_first_line[-1])
        level = u[:, 1].astype(np.int8)
        n_keys = len(tables.key)
        flat_keys = _cat([p.keys for p in pieces], np.int32)
        key_offsets = _offsets(_cat([p.key_counts for p in pieces], np.int64))
        owner = np.repeat(np.arange(n_units, dtype=np.int32), np.diff(key_offsets))
        order = np.lexsort((owner, flat_keys))
        # document frequency: on how many lines (line-level units) a key occurs
        df = np.bincount(flat_keys[level[owner] == _LINE], minlength=n_keys)
        flat_buckets = _cat([p.buckets for p in pieces], np.int32)
        bucket_offsets = _offsets(_cat([p.bucket_counts for p in pieces], np.int64))
        bucket_owner = np.repeat(np.arange(n_units, dtype=np.int32), np.diff(bucket_offsets))
        by_bucket = np.lexsort((bucket_owner, flat_buckets))
        bucket_sizes = np.bincount(flat_buckets, minlength=len(tables.bucket))
        bucket_starts = _offsets(bucket_sizes)
        bucket_keys = list(tables.bucket)
        line_unit = np.full(n_lines, -1, dtype=np.int32)
        is_line = np.flatnonzero(level == _LINE)
        line_unit[u[is_line, 2]] = is_line
        return cls(
            keys=list(tables.key), offsets=_offsets(np.bincount(flat_keys, minlength=n_keys)),
            postings=owner[order],
            # math.log, not np.log: the same weights on every machine, whatever its SIMD
            weights=np.array([math.log((n_lines + 1) / (d + 1)) + 1.0 for d in df.tolist()]),
            unseen=math.log(n_lines + 1) + 1.0,
            unit_kind=u[:, 0].astype(np.int8), unit_level=level,
            unit_line_start=u[:, 2].astype(np.int32), unit_line_end=u[:, 3].astype(np.int32),
            unit_key_offsets=key_offsets, unit_keys=flat_keys,
            unit_concept_offsets=_offsets(_cat([p.concept_counts for p in pieces], np.int64)),
            unit_concepts=_cat([p.concepts for p in pieces], np.int32), concepts=list(tables.concept),
            unit_figure_offsets=_offsets(_cat([p.figure_counts for p in pieces], np.int64)),
            figure_rows=(np.concatenate([p.figure_rows for p in pieces]).astype(np.int32, copy=False) if pieces
                         else np.zeros((0, len(columns.FIGURE_COLUMNS)), np.int32)),
            figure_strings=tables.figures.strings(), figure_values=tuple(tables.figures.values),
            unit_negative=u[:, 5].astype(bool), unit_hedges=u[:, 4].astype(np.int32),
            hedge_sets=list(tables.hedge),
            unit_bucket_offsets=bucket_offsets, unit_buckets=flat_buckets, bucket_keys=bucket_keys,
            line_unit=line_unit, docs=list(docs),
            doc_first_unit=doc_first_unit, doc_first_line=doc_first_line,
            figure_buckets={bucket_keys[b]: (int(bucket_starts[b]), int(bucket_starts[b + 1]))
                            for b in np.flatnonzero(bucket_sizes).tolist()},
            bucket_units=bucket_owner[by_bucket])


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


@contextlib.contextmanager
def collector_paused():
    """No cyclic garbage collection meanwhile: reading or indexing a corpus allocates
    hundreds of thousands of long-lived, acyclic objects, and in a process that also holds
    a spaCy pipeline each full collection would walk them all again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pack_blobs(blobs: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Byte strings (or uint8 arrays) in one uint8 array, and where each starts."""
    offsets = _offsets(np.array([len(b) for b in blobs], dtype=np.int64))
    data = _cat([np.frombuffer(b, dtype=np.uint8) if isinstance(b, bytes) else b for b in blobs], np.uint8)
    return data, offsets


class CorpusIndex:
    """The corpus, its units and the retrieval structure the checks query."""

    def __init__(self, corpus: Corpus, core: Core):
        """``corpus.documents`` may be a lazy sequence (see :func:`lazy_documents`): a
        document is only read when one of its lines is."""
        self.corpus = corpus
        self.core = core
        self.lines = _Lazy(int(core.doc_first_line[-1]), self._line)
        self.units = _Lazy(len(core.unit_kind), self._unit)
        self._doc_index = {d.id: i for i, d in enumerate(core.docs)}
        self._doc_lines: dict[int, tuple[SourceLine, ...]] = {}
        self._key_id = {k: i for i, k in enumerate(core.keys)}
        self._concepts = _Lazy(len(core.concepts), lambda i: Concept(*core.concepts[i]))
        self._figures: dict[int, tuple[Figure, ...]] = {}
        self._line_keys: dict[int, frozenset[str]] = {}
        self._content: dict[int, list] = {}
        self._masks: dict = {}
        self._ranked: dict = {}
        self._score_memo: dict = {}

    # ---- documents and lines ------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        return self.corpus.documents[self._doc_index[doc_id]]

    def info(self, doc_id: str) -> DocInfo:
        """A document's header (title, posture, expiry), without decoding the document."""
        return self.core.docs[self._doc_index[doc_id]]

    def title(self, doc_id: str) -> str:
        d = self._doc_index.get(doc_id)
        return doc_id if d is None else self.core.docs[d].title

    def _line(self, i: int) -> SourceLine:
        d = int(np.searchsorted(self.core.doc_first_line, i, side="right")) - 1
        lines = self._doc_lines.get(d)
        if lines is None:
            lines = self._doc_lines[d] = doc_lines(self.corpus.documents[d])
        return lines[i - int(self.core.doc_first_line[d])]

    def keys_of_line(self, i: int) -> frozenset[str]:
        """A line's content keys, without building its unit."""
        got = self._line_keys.get(i)
        if got is None:
            got = self._line_keys[i] = self._keys(int(self.core.line_unit[i]))
        return got

    def approved_line_key_ids(self) -> dict[int, list[int]]:
        """Each approved line that has content keys: its key ids (into ``core.keys``)."""
        core = self.core
        lu = core.line_unit
        counts = np.diff(core.unit_key_offsets)
        ok = (lu >= 0) & (core.unit_kind[lu] == KINDS.index(APPROVED)) & (counts[lu] > 0)
        lines = np.flatnonzero(ok)
        units = lu[lines]
        starts, ends = core.unit_key_offsets[units].tolist(), core.unit_key_offsets[units + 1].tolist()
        flat = core.unit_keys
        return {i: flat[a:b].tolist() for i, a, b in zip(lines.tolist(), starts, ends)}

    def line_unit(self, i: int) -> Unit:
        """The whole-line unit of line ``i``."""
        return self.units[int(self.core.line_unit[i])]

    # ---- units, from the columns ---------------------------------------------------------
    def _keys(self, uid: int) -> frozenset[str]:
        core, keys = self.core, self.core.keys
        a, b = core.unit_key_offsets[uid], core.unit_key_offsets[uid + 1]
        return frozenset([keys[k] for k in core.unit_keys[a:b].tolist()])

    def figures_of(self, uid: int) -> tuple[Figure, ...]:
        """A unit's figures, decoded without building the unit."""
        got = self._figures.get(uid)
        if got is None:
            core = self.core
            a, b = int(core.unit_figure_offsets[uid]), int(core.unit_figure_offsets[uid + 1])
            got = self._figures[uid] = tuple([columns.figure_from_row(row, core.figure_strings, core.figure_values)
                                              for row in core.figure_rows[a:b].tolist()]) if b > a else ()
        return got

    def _concept_ids(self, uid: int) -> list[int]:
        core = self.core
        return core.unit_concepts[core.unit_concept_offsets[uid]:core.unit_concept_offsets[uid + 1]].tolist()

    def _unit(self, uid: int) -> Unit:
        core = self.core
        return Unit(uid, KINDS[core.unit_kind[uid]], LEVELS[core.unit_level[uid]], self.doc_of(uid),
                    tuple(self.lines_of(uid)), self._keys(uid), self.figures_of(uid), bool(core.unit_negative[uid]),
                    self.hedges_of(uid), self.concepts_of(uid))

    def content_coverage(self, uid: int, keys: frozenset[str]) -> float:
        """The weighted share of unit ``uid``'s content words (concepts that are not light)
        that ``keys`` has; 0 for a unit with fewer than two.  Reads the columns only."""
        content = self._content.get(uid)
        if content is None:
            concepts = self._concepts
            content = self._content[uid] = [(self.weight(c), c.keyset) for c in map(concepts.__getitem__,
                                                                                  self._concept_ids(uid))
                                            if not c.light]
        return _share(content, keys) if len(content) >= 2 else 0.0

    # ---- querying ----------------------------------------------------------------------
    def knows(self, key: str) -> bool:
        """Does any unit of the corpus (approved or Background) have ``key``?"""
        return key in self._key_id

    def weight(self, concept: Concept) -> float:
        kid = self._key_id.get(concept.stem)
        w = float(self.core.weights[kid]) if kid is not None else self.core.unseen
        return w * (0.3 if concept.light else 1.0)

    def coverage(self, concepts: tuple[Concept, ...], keys: frozenset[str]) -> float:
        """The weighted share of ``concepts`` that ``keys`` has."""
        return _share([(self.weight(c), c.keyset) for c in concepts], keys)

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

    def _scores(self, concepts: tuple[Concept, ...], expand, memo_tag: str) -> tuple[np.ndarray, float]:
        """Every unit's summed weight of the concepts it has, and the concepts' total
        weight.  The last few are kept: one clause is ranked against approved and
        background units, at several levels, with the same scores."""
        memo = (concepts, memo_tag) if expand is None or memo_tag else None
        got = self._score_memo.get(memo) if memo is not None else None
        if got is not None:
            return got
        weights = [self.weight(c) for c in concepts]
        total = sum(weights)
        scores = np.zeros(len(self.core.unit_kind))
        if total > 0:
            for c, w in zip(concepts, weights):
                keys = c.keyset if expand is None else c.keyset | frozenset(expand(c))
                parts = self._postings(keys)
                if len(parts) == 1:
                    scores[parts[0]] += w
                elif parts:
                    # A unit counts once per concept however many of its keys it has: an
                    # index repeated in a fancy-indexed += is added to once (unlike add.at).
                    scores[np.concatenate(parts)] += w
        got = (scores, total)
        if memo is not None:
            if len(self._score_memo) >= 8:
                del self._score_memo[next(iter(self._score_memo))]
            self._score_memo[memo] = got
        return got

    def ranked(self, concepts: tuple[Concept, ...], kind: str, levels=("clause", "line", "answer"),
               limit: int = 8, expand: Optional[Callable[[Concept], Iterable[str]]] = None,
               memo_tag: str = "", min_score: float = 0.0) -> list[Match]:
        """Units of ``kind`` and ``levels`` by coverage of ``concepts``, best first.

        Coverage is the weighted share of the concepts a unit has; ``expand`` adds keys that
        also count as a match for a concept (for example its antonyms).  Ties go to the
        finer level, then the earlier unit.  Below ``min_score`` only the best unit is
        returned.  Results are memoised (with ``expand`` only when ``memo_tag`` names it).
        """
        memo = (concepts, kind, levels, limit, memo_tag, min_score) if expand is None or memo_tag else None
        if memo is not None and memo in self._ranked:
            return self._ranked[memo]
        scores, total = self._scores(concepts, expand, memo_tag)
        out: list[Match] = []
        if total > 0:
            cand = np.flatnonzero((scores > 0) & self._mask(kind, tuple(levels)))
            if len(cand):
                cov = np.round(scores[cand] / total, 6)
                if len(cand) > limit:
                    floor = np.partition(cov, len(cov) - limit)[len(cov) - limit]
                    keep = cov >= floor
                    cand, cov = cand[keep], cov[keep]
                rank = self.core.unit_level[cand]
                order = np.lexsort((cand, rank, -cov))[:limit]
                out = [Match(score, uid, LEVELS[level]) for n, (score, uid, level) in
                       enumerate(zip(cov[order].tolist(), cand[order].tolist(), rank[order].tolist()))
                       if n == 0 or score >= min_score]
        if memo is not None:
            if len(self._ranked) > 50_000:
                self._ranked.clear()
            self._ranked[memo] = out
        return out

    def same_figure(self, fig: Figure, kind: str, same_value, where=None) -> Optional[tuple[Figure, int]]:
        """The first ``kind`` line (APPROVED or BACKGROUND) stating ``fig``'s value
        anywhere (or in a unit ``where(uid)`` accepts): that figure and the line's unit id."""
        core = self.core
        uids = sorted({uid for b in figure_buckets(fig)
                       for uid in core.bucket_units[slice(*core.figure_buckets.get((kind, b), (0, 0)))].tolist()})
        for uid in uids:
            if where is not None and not where(uid):
                continue
            for g in self.figures_of(uid):
                if same_value(fig, g):
                    return g, uid
        return None

    # ---- what checks read about a unit, without building it -----------------------------
    def doc_of(self, uid: int) -> str:
        return self.core.docs[int(np.searchsorted(self.core.doc_first_unit, uid, side="right")) - 1].id

    def concepts_of(self, uid: int) -> tuple[Concept, ...]:
        concepts = self._concepts
        return tuple([concepts[c] for c in self._concept_ids(uid)])

    def hedges_of(self, uid: int) -> tuple[tuple[str, str], ...]:
        return self.core.hedge_sets[self.core.unit_hedges[uid]]

    def lines_of(self, uid: int) -> range:
        return range(int(self.core.unit_line_start[uid]), int(self.core.unit_line_end[uid]))

    def line_of(self, uid: int) -> SourceLine:
        """The first line of unit ``uid``."""
        return self.lines[int(self.core.unit_line_start[uid])]

    def best_line(self, uid: int, concepts: tuple[Concept, ...]) -> SourceLine:
        """The line of unit ``uid`` that covers the concepts best (an answer has several)."""
        lines = self.lines_of(uid)
        if len(lines) == 1:
            return self.lines[lines[0]]
        best = max(lines, key=lambda i: (self.coverage(concepts, self.keys_of_line(i)), -i))
        return self.lines[best]

    def figure_line(self, uid: int, fig: Figure) -> Optional[SourceLine]:
        """The line of unit ``uid`` that states ``fig``."""
        for i in self.lines_of(uid):
            if fig in self.figures_of(int(self.core.line_unit[i])):
                return self.lines[i]
        return None


def _share(weighted: Sequence[tuple[float, frozenset]], keys: frozenset[str]) -> float:
    """Of ``(weight, keyset)`` pairs, the share of the weight whose keyset meets ``keys``."""
    total = hit = 0.0
    for w, keyset in weighted:
        total += w
        if not keyset.isdisjoint(keys):
            hit += w
    return hit / total if total > 0 else 0.0


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
        # by month, and by year too, so a bare year finds the dates of that year
        by_year = (("year", (fig.value[0],)),) if fig.value[0] is not None else ()
        return ((kind, fig.value[1]),) + by_year
    if kind == "ratio":
        return ((kind, round(fig.value[0] / fig.value[1], 9)),)
    return ((kind, fig.value),)
