"""Every record msglint caches, as plain data and back: one encoder and one checking
decoder per record type, all here.

A record becomes a tuple of plain values (:mod:`.cachefmt` packs those as MessagePack), its
fields in a fixed order; NumPy arrays become typed buffers (a dtype from a short list, a
shape and the raw little-endian bytes).  A decoder checks each field's type (a ``bool`` is
not an ``int``, an ``int`` is not a ``str``), each tuple's length, each array's dtype and
shape, and that every number used as an index points inside its table, before it builds
anything; otherwise it raises :class:`CacheError` and the store rebuilds the entry.

The encodings carry :data:`VERSION`; a file written with another version is not read.

Records: :class:`~linter.model.SourceLine`, :class:`~linter.model.QA`,
:class:`~linter.model.ExplicitFigure`, :class:`~linter.model.Document`,
:class:`~linter.model.DocInfo`, the concept rows and figure columns of the index,
:class:`~linter.model.Problem`, :class:`~linter.analysis.index.DocSpec` (a
per-document entry), :class:`~linter.analysis.index.Core` and the store's ``Snapshot``
(whose arrays live in a separate, memory-mapped data file: :func:`lay_out`,
:func:`arrays_in`).
"""
from __future__ import annotations

import itertools
import math
from datetime import date
from typing import Callable, NamedTuple, Optional, Sequence

import numpy as np

from ..model import APPROVED, BACKGROUND, QA, QUESTION, STANCE, DocInfo, Document, ExplicitFigure, SourceLine
from .cachefmt import CacheError, pack, unpack
from .columns import (FIGURE_COLUMNS, FigureTables, check_figure_rows as _check_figure_rows, checked_str,
                      concept_row, figure_from_row, invalid)

VERSION = 1  # of every encoding below: bump when one changes

_LINE_KINDS = frozenset({APPROVED, BACKGROUND, QUESTION, STANCE})
# the dtypes an array may have, by the name its header gives (little-endian, fixed size)
DTYPES = {name: np.dtype(name) for name in ("|b1", "|i1", "|u1", "<i4", "<i8", "<f8")}
ALIGN = 64  # arrays in a snapshot's data file start at multiples of this


# ---- plain values ---------------------------------------------------------------------------

_bad, _str = invalid, checked_str  # one checker for the whole cache format (see .columns)


def _opt_str(x) -> Optional[str]:
    return None if x is None else _str(x)


def _int(x) -> int:
    if type(x) is not int:
        _bad("an integer")
    return x


def _nat(x) -> int:
    if type(x) is not int or x < 0:
        _bad("a count")
    return x


def _opt_int(x) -> Optional[int]:
    return None if x is None else _int(x)


def _bool(x) -> bool:
    if type(x) is not bool:
        _bad("a boolean")
    return x


def _tuple(x, n: Optional[int] = None) -> tuple:
    if type(x) is not tuple or (n is not None and len(x) != n):
        _bad(f"a record of {n} fields" if n is not None else "a sequence")
    return x


_STR = {str}


def _strs(x) -> tuple[str, ...]:
    if type(x) is not tuple or (x and set(map(type, x)) != _STR):
        _bad("a sequence of strings")
    return x


def _each(x, dec: Callable) -> tuple:
    return tuple([dec(v) for v in _tuple(x)])


_SCALARS = frozenset({type(None), bool, int, float, str})


def _scalar_tuples(x) -> tuple:
    """A sequence of tuples of None, booleans, numbers and strings (figure values),
    checked in one pass."""
    if type(x) is not tuple or (x and (set(map(type, x)) != {tuple}
                                       or not set(map(type, itertools.chain.from_iterable(x))) <= _SCALARS)):
        _bad("a sequence of figure values")
    return x


def _plain(x):
    """A scalar or a tuple of scalars (a figure bucket, a figure's value)."""
    if type(x) in _SCALARS or (type(x) is tuple and set(map(type, x)) <= _SCALARS):
        return x
    _bad("a plain value")


def _date(d: Optional[date]):
    return None if d is None else d.toordinal()


def _opt_date(x) -> Optional[date]:
    if x is None:
        return None
    if type(x) is not int or not 1 <= x <= date.max.toordinal():
        _bad("a date")
    return date.fromordinal(x)


# ---- corpus records -------------------------------------------------------------------------

def line_to_data(ln: SourceLine) -> tuple:
    return (ln.text, ln.norm, ln.kind, ln.doc_id, ln.path, ln.line, ln.column, ln.end_line, ln.end_column,
            ln.qa_index)


def line_from_data(x) -> SourceLine:
    text, norm, kind, doc_id, path, line, column, end_line, end_column, qa_index = _tuple(x, 10)
    if kind not in _LINE_KINDS:
        _bad("a line kind")
    return SourceLine(_str(text), _str(norm), kind, _str(doc_id), _str(path), _int(line), _int(column),
                      _int(end_line), _int(end_column), _opt_int(qa_index))


def _opt_line(x) -> Optional[SourceLine]:
    return None if x is None else line_from_data(x)


def qa_to_data(qa: QA) -> tuple:
    return (qa.index, qa.question, None if qa.question_line is None else line_to_data(qa.question_line),
            tuple(line_to_data(a) for a in qa.answers))


def qa_from_data(x) -> QA:
    index, question, question_line, answers = _tuple(x, 4)
    return QA(_int(index), _str(question), _opt_line(question_line), _each(answers, line_from_data))


def explicit_figure_to_data(f: ExplicitFigure) -> tuple:
    return (f.name, f.value, f.path, f.line)


def explicit_figure_from_data(x) -> ExplicitFigure:
    name, value, path, line = _tuple(x, 4)
    return ExplicitFigure(_str(name), _str(value), _str(path), _int(line))


def document_to_data(d: Document) -> tuple:
    return (d.id, d.title, d.path, d.line, d.posture, _date(d.approved), _date(d.expires), d.owner, d.lead,
            tuple(line_to_data(b) for b in d.background), tuple(qa_to_data(q) for q in d.qa),
            tuple(explicit_figure_to_data(f) for f in d.figures), d.notes)


def document_from_data(x) -> Document:
    (id_, title, path, line, posture, approved, expires, owner, lead, background, qa, figures,
     notes) = _tuple(x, 13)
    if lead is not None:
        _bool(lead)
    return Document(_str(id_), _str(title), _str(path), _int(line), _str(posture), _opt_date(approved),
                    _opt_date(expires), _opt_str(owner), lead, _each(background, line_from_data),
                    _each(qa, qa_from_data), _each(figures, explicit_figure_from_data), _strs(notes))


def pack_document(d: Document) -> bytes:
    """One document on its own (a snapshot keeps each so, decoded only when read)."""
    return pack(document_to_data(d))


def unpack_document(data, expect_id: Optional[str] = None, n_lines: Optional[int] = None) -> Document:
    """The document :func:`pack_document` packed; with ``expect_id`` and ``n_lines``,
    checked to be the document the index has at its place (its id, and as many indexed
    lines, see :func:`~linter.analysis.index.doc_lines`)."""
    doc = document_from_data(unpack(data))
    if expect_id is not None and doc.id != expect_id:
        _bad(f"document {expect_id}")
    if n_lines is not None:
        from .index import doc_lines

        if len(doc_lines(doc)) != n_lines:
            _bad(f"document {doc.id} as indexed")
    return doc


def infos_to_data(docs: Sequence[DocInfo]) -> tuple:
    """Document headers as four columns: ids, titles, postures, expiry dates."""
    return (tuple(d.id for d in docs), tuple(d.title for d in docs), tuple(d.posture for d in docs),
            tuple(_date(d.expires) for d in docs))


def infos_from_data(x) -> list[DocInfo]:
    ids, titles, postures, expires = _tuple(x, 4)
    _strs(ids), _strs(titles), _strs(postures), _tuple(expires)
    if not len(ids) == len(titles) == len(postures) == len(expires):
        _bad("columns of one length")
    if set(map(type, expires)) <= {type(None)}:
        return list(map(DocInfo, ids, titles, postures))
    return list(map(DocInfo, ids, titles, postures, map(_opt_date, expires)))


def problem_to_data(p) -> tuple:
    return (p.code, p.severity, p.message, p.path, p.line, p.other_path, p.other_line, p.document)


def problem_from_data(x):
    from ..model import Problem

    code, severity, message, path, line, other_path, other_line, document = _tuple(x, 8)
    return Problem(_str(code), _str(severity), _str(message), _str(path), _int(line), _opt_str(other_path),
                   _opt_int(other_line), _str(document))


# ---- analysis records -----------------------------------------------------------------------

def _concept_row_from_data(x) -> tuple:
    stem, syn, lemma, pos, light, neg, pred = _tuple(x, 7)
    _str(stem), _strs(syn), _str(lemma), _str(pos), _bool(light), _bool(neg), _bool(pred)
    return x


def _hedge_set_from_data(x) -> tuple:
    for h in _tuple(x):
        kind, term = _tuple(h, 2)
        _str(kind), _str(term)
    return x


def _bucket(x) -> tuple:
    """A figure bucket (see index.figure_buckets): its kind of figure and a value."""
    kind, value = _tuple(x, 2)
    _str(kind), _plain(value)
    return x


def _pairs(x) -> tuple[tuple, tuple]:
    """A sequence of pairs, as its two columns."""
    if type(x) is not tuple or (x and (set(map(type, x)) != {tuple} or set(map(len, x)) != {2})):
        _bad("a sequence of pairs")
    return tuple(zip(*x)) or ((), ())


def _bucket_keys(x) -> tuple:
    """The buckets of the index, each the kind of line (approved, background) and a
    bucket (:func:`_bucket`), checked column by column."""
    line_kinds, buckets = _pairs(x)
    kinds, values = _pairs(buckets)
    _strs(line_kinds), _strs(kinds)
    types = set(map(type, values))
    if not types - {tuple} <= _SCALARS or (tuple in types and not set(map(type, itertools.chain.from_iterable(
            v for v in values if type(v) is tuple))) <= _SCALARS):
        _bad("figure buckets")
    return x


class Snapshot(NamedTuple):
    """What a snapshot file holds (see :meth:`AnalysisCache.put_snapshot`)."""

    content_hash: str
    doc_data: np.ndarray  # every document encoded on its own (see pack_documents)
    doc_offsets: np.ndarray
    core: Core
    problems: Optional[list]  # the self-check's conflicts
    files: tuple  # (path, key, sha256, id base, document ids) per corpus file, in load order


# ---- arrays ---------------------------------------------------------------------------------

def array_to_data(a: np.ndarray) -> tuple:
    """A small array inline: ``(dtype, shape, bytes)``."""
    a = np.ascontiguousarray(a)
    if a.dtype.str not in DTYPES:
        raise TypeError(f"{a.dtype} arrays are not cached")
    return (a.dtype.str, tuple(int(n) for n in a.shape), a.tobytes())


def _shape(x, ndim: int) -> tuple[int, ...]:
    shape = _tuple(x)
    if len(shape) != ndim:
        _bad(f"an array of {ndim} dimensions")
    for n in shape:
        _nat(n)
    return shape


def _dtype(name, want: str) -> np.dtype:
    if name != want:
        _bad(f"an array of {want}")
    return DTYPES[want]


def array_from_data(x, want: str, ndim: int = 1) -> np.ndarray:
    name, shape, raw = _tuple(x, 3)
    dt, shape = _dtype(name, want), _shape(shape, ndim)
    if type(raw) is not bytes or len(raw) != dt.itemsize * math.prod(shape):
        _bad("an array of its stated size")
    return np.frombuffer(raw, dtype=dt).reshape(shape)


def lay_out(arrays: Sequence[tuple[str, np.ndarray]]) -> tuple[tuple, bytes]:
    """Named arrays in one byte string (each at a multiple of :data:`ALIGN`), and the
    layout that finds them again: ``(name, dtype, shape, offset)`` each."""
    parts: list[bytes] = []
    layout = []
    pos = 0
    for name, a in arrays:
        dtype, shape, raw = array_to_data(a)
        pad = -pos % ALIGN
        parts += [bytes(pad), raw]
        layout.append((name, dtype, shape, pos + pad))
        pos += pad + len(raw)
    return tuple(layout), b"".join(parts)


def arrays_in(layout, data, spec: dict[str, tuple[str, int]]) -> dict[str, np.ndarray]:
    """The arrays ``layout`` places in ``data`` (views, not copies), each of the dtype and
    number of dimensions ``spec`` (name -> (dtype, ndim)) gives, and no other."""
    out: dict[str, np.ndarray] = {}
    size = len(data)
    for entry in _tuple(layout):
        name, dtype, shape, offset = _tuple(entry, 4)
        if name not in spec or name in out:
            _bad("a known array")
        want, ndim = spec[name]
        dt, shape = _dtype(dtype, want), _shape(shape, ndim)
        count = math.prod(shape)
        if _nat(offset) % ALIGN or offset + count * dt.itemsize > size:
            _bad("an array inside its data file")
        out[name] = np.frombuffer(data, dtype=dt, count=count, offset=offset).reshape(shape)
    if len(out) != len(spec):
        _bad("a complete set of arrays")
    return out


def _offsets_ok(offsets: np.ndarray, n: int, total: int) -> None:
    """``offsets`` starts ``n`` runs over ``total`` values: n + 1 of them, from 0 to
    ``total``, never decreasing."""
    if len(offsets) != n + 1 or offsets[0] != 0 or offsets[-1] != total or (np.diff(offsets) < 0).any():
        _bad("offsets that fit their values")


def _within(a: np.ndarray, lo: int, hi: int) -> None:
    """Every value of ``a`` in ``[lo, hi)``."""
    if len(a) and (int(a.min()) < lo or int(a.max()) >= hi):
        _bad("numbers inside their tables")


# ---- a document's index entry (index.DocSpec) ----------------------------------------------

_SPEC_ARRAYS = (("units", "<i4", 2), ("key_counts", "<i4", 1), ("unit_keys", "<i4", 1),
                ("concept_counts", "<i4", 1), ("unit_concepts", "<i4", 1), ("figure_counts", "<i4", 1),
                ("figure_rows", "<i4", 2))


def docspec_to_data(spec) -> tuple:
    return (spec.n_lines, spec.keys, spec.concepts, spec.hedge_sets, spec.figure_strings, spec.figure_values,
            tuple((u, b) for u, b in spec.buckets),
            tuple(array_to_data(getattr(spec, name)) for name, _, _ in _SPEC_ARRAYS))


def docspec_from_data(x):
    from .index import KINDS, LEVELS, DocSpec

    n_lines, keys, concepts, hedge_sets, strings, values, buckets, arrays = _tuple(x, 8)
    _nat(n_lines), _strs(keys), _strs(strings)
    _each(concepts, _concept_row_from_data)
    _each(hedge_sets, _hedge_set_from_data)
    if not hedge_sets or hedge_sets[0] != ():
        _bad("hedge sets that start with none")
    _scalar_tuples(values)
    a = {name: array_from_data(v, dtype, ndim) for (name, dtype, ndim), v in zip(_SPEC_ARRAYS, _tuple(arrays, 7))}
    units = a["units"]
    n = len(units)
    if units.shape[1:] != (6,) or a["figure_rows"].shape[1:] != (len(FIGURE_COLUMNS),):
        _bad("index rows of the right width")
    for counts, values_name, size in (("key_counts", "unit_keys", len(keys)),
                                      ("concept_counts", "unit_concepts", len(concepts)),
                                      ("figure_counts", "figure_rows", None)):
        c = a[counts]
        if len(c) != n or (n and c.min() < 0) or int(c.sum()) != len(a[values_name]):
            _bad("counts that fit their values")
        if size is not None:
            _within(a[values_name], 0, size)
    _check_figure_rows(a["figure_rows"], len(strings), len(values))
    _within(units[:, 0], 0, len(KINDS)), _within(units[:, 1], 0, len(LEVELS))
    _within(units[:, 4], 0, len(hedge_sets)), _within(units[:, 5], 0, 2)
    start, end = units[:, 2], units[:, 3]
    if n and (start.min() < 0 or end.max() > n_lines or (end <= start).any()):
        _bad("units inside their document")
    # one line-level unit per line, in order
    line_starts = start[units[:, 1] == LEVELS.index("line")]
    if len(line_starts) != n_lines or (line_starts != np.arange(n_lines)).any():
        _bad("a unit for each line")
    out_buckets = []
    last = -1
    for b in _tuple(buckets):  # units in order, each once
        unit, bks = _tuple(b, 2)
        if not last < _int(unit) < n:
            _bad("figure buckets of units in order")
        last = unit
        out_buckets.append((unit, _each(bks, _bucket)))
    return DocSpec(n_lines, keys, concepts, hedge_sets, *(a[name] for name, _, _ in _SPEC_ARRAYS[:5]),
                   a["figure_counts"], a["figure_rows"], strings, values, tuple(out_buckets))


# ---- the index core (index.Core) -------------------------------------------------------------

# name -> (dtype, dimensions) of every array of a Core
CORE_ARRAYS = {
    "offsets": ("<i8", 1), "postings": ("<i4", 1), "weights": ("<f8", 1),
    "unit_kind": ("|i1", 1), "unit_level": ("|i1", 1), "unit_line_start": ("<i4", 1),
    "unit_line_end": ("<i4", 1), "unit_key_offsets": ("<i8", 1), "unit_keys": ("<i4", 1),
    "unit_concept_offsets": ("<i8", 1), "unit_concepts": ("<i4", 1), "unit_figure_offsets": ("<i8", 1),
    "figure_rows": ("<i4", 2), "unit_negative": ("|b1", 1), "unit_hedges": ("<i4", 1),
    "unit_bucket_offsets": ("<i8", 1), "unit_buckets": ("<i4", 1), "line_unit": ("<i4", 1),
    "doc_first_unit": ("<i8", 1), "doc_first_line": ("<i8", 1), "bucket_units": ("<i4", 1),
    "figure_bucket_ids": ("<i8", 1), "figure_bucket_spans": ("<i8", 2),
}


def core_to_data(core) -> tuple[tuple, list[tuple[str, np.ndarray]]]:
    """A core's tables (plain data) and its arrays (for :func:`lay_out`)."""
    ids = [i for i, k in enumerate(core.bucket_keys) if k in core.figure_buckets]
    spans = np.array([core.figure_buckets[core.bucket_keys[i]] for i in ids], dtype=np.int64).reshape(-1, 2)
    tables = (tuple(core.keys), float(core.unseen), tuple(core.concepts), tuple(core.hedge_sets),
              tuple(core.bucket_keys), infos_to_data(core.docs), tuple(core.figure_strings),
              tuple(core.figure_values))
    arrays = {name: getattr(core, name) for name in CORE_ARRAYS if not name.startswith("figure_bucket_")}
    arrays["figure_bucket_ids"] = np.array(ids, dtype=np.int64)
    arrays["figure_bucket_spans"] = spans
    return tables, [(name, arrays[name].astype(CORE_ARRAYS[name][0], copy=False)) for name in CORE_ARRAYS]


def core_from_data(tables, a: dict[str, np.ndarray]):
    """The core of :func:`core_to_data`'s tables and arrays (read by :func:`arrays_in`),
    after checking that every array fits the others."""
    from .index import KINDS, LEVELS, Core

    keys, unseen, concepts, hedge_sets, bucket_keys, docs, strings, values = _tuple(tables, 8)
    _strs(keys), _strs(strings)
    if type(unseen) is not float or not math.isfinite(unseen):
        _bad("a weight")
    _each(concepts, _concept_row_from_data)
    _each(hedge_sets, _hedge_set_from_data)
    _bucket_keys(bucket_keys)
    infos = infos_from_data(docs)
    _scalar_tuples(values)
    n_units, n_docs = len(a["unit_kind"]), len(infos)
    for name in ("unit_level", "unit_line_start", "unit_line_end", "unit_negative", "unit_hedges"):
        if len(a[name]) != n_units:
            _bad("unit columns of one length")
    _offsets_ok(a["doc_first_unit"], n_docs, n_units)
    n_lines = int(a["doc_first_line"][-1]) if len(a["doc_first_line"]) else -1
    _offsets_ok(a["doc_first_line"], n_docs, n_lines)
    if len(a["weights"]) != len(keys) or not np.isfinite(a["weights"]).all():
        _bad("a weight per key")
    _offsets_ok(a["offsets"], len(keys), len(a["postings"]))
    _within(a["postings"], 0, n_units)
    for offsets, values_name, size in (("unit_key_offsets", "unit_keys", len(keys)),
                                       ("unit_concept_offsets", "unit_concepts", len(concepts)),
                                       ("unit_figure_offsets", "figure_rows", None),
                                       ("unit_bucket_offsets", "unit_buckets", len(bucket_keys))):
        _offsets_ok(a[offsets], n_units, len(a[values_name]))
        if size is not None:
            _within(a[values_name], 0, size)
    if a["figure_rows"].shape[1:] != (len(FIGURE_COLUMNS),):
        _bad("figure rows of the right width")
    _check_figure_rows(a["figure_rows"], len(strings), len(values))
    _within(a["unit_kind"], 0, len(KINDS)), _within(a["unit_level"], 0, len(LEVELS))
    _within(a["unit_hedges"], 0, len(hedge_sets)), _within(a["unit_negative"].view(np.uint8), 0, 2)
    start, end = a["unit_line_start"], a["unit_line_end"]
    if n_units and (start.min() < 0 or end.max() > n_lines or (end <= start).any()):
        _bad("units inside the corpus")
    # each unit's lines inside its own document
    first_line = a["doc_first_line"]
    doc = np.repeat(np.arange(n_docs), np.diff(a["doc_first_unit"]))
    if n_units and ((start < first_line[doc]).any() or (end > first_line[doc + 1]).any()):
        _bad("units inside their documents")
    if len(a["line_unit"]) != n_lines:
        _bad("a unit for each line")
    _within(a["line_unit"], 0, n_units)
    _within(a["bucket_units"], 0, n_units)
    ids, spans = a["figure_bucket_ids"], a["figure_bucket_spans"]
    _within(ids, 0, len(bucket_keys))
    if spans.shape != (len(ids), 2) or (len(spans) and (spans.min() < 0 or spans.max() > len(a["bucket_units"])
                                                         or (spans[:, 1] < spans[:, 0]).any())):
        _bad("figure buckets inside their table")
    figure_buckets = {bucket_keys[b]: (s, e) for b, (s, e) in zip(ids.tolist(), spans.tolist())}
    fields = {name: a[name] for name in CORE_ARRAYS if not name.startswith("figure_bucket_")}
    return Core(keys=list(keys), unseen=unseen, concepts=list(concepts), hedge_sets=list(hedge_sets),
                bucket_keys=list(bucket_keys), docs=list(infos), figure_strings=strings, figure_values=values,
                figure_buckets=figure_buckets, **fields)


# ---- the store's entries ----------------------------------------------------------------------

def snapshot_to_data(snap) -> tuple[tuple, list[tuple[str, np.ndarray]]]:
    """A snapshot's plain part and its arrays (the core's, and the packed documents)."""
    tables, arrays = core_to_data(snap.core)
    problems = None if snap.problems is None else tuple(problem_to_data(p) for p in snap.problems)
    files = tuple(zip(*[(path, key, sha, base, tuple(ids)) for path, key, sha, base, ids in snap.files])) \
        or ((), (), (), (), ())  # five columns
    arrays += [("doc_data", snap.doc_data.astype(np.uint8, copy=False)),
               ("doc_offsets", snap.doc_offsets.astype(np.int64, copy=False))]
    return (snap.content_hash, tables, problems, files), arrays


SNAPSHOT_ARRAYS = {**CORE_ARRAYS, "doc_data": ("|u1", 1), "doc_offsets": ("<i8", 1)}


def snapshot_from_data(plain, arrays: dict[str, np.ndarray]):
    content_hash, tables, problems, files = _tuple(plain, 4)
    core = core_from_data(tables, arrays)
    n_docs = len(core.docs)
    _offsets_ok(arrays["doc_offsets"], n_docs, len(arrays["doc_data"]))
    paths, keys, shas, bases, ids = _tuple(files, 5)
    _strs(paths), _strs(keys), _strs(shas), _strs(bases), _each(ids, _strs)
    if not len(paths) == len(keys) == len(shas) == len(bases) == len(ids) or sum(map(len, ids)) != n_docs:
        _bad("the documents of its files")
    out_files = list(zip(paths, keys, shas, bases, ids))
    return Snapshot(_str(content_hash), arrays["doc_data"], arrays["doc_offsets"], core,
                    None if problems is None else list(_each(problems, problem_from_data)), tuple(out_files))


def _documents_from_data(x) -> list[Document]:
    return list(_each(x, document_from_data))


def _snapshot_header_from_data(x) -> tuple:
    """What a snapshot's entry file holds: its plain part, the name and size of its data
    file and the layout of the arrays there (checked against the file when it is read)."""
    plain, bin_name, size, layout = _tuple(x, 4)
    _tuple(plain, 4), _str(bin_name), _nat(size), _tuple(layout)
    return x


# What the entries of each cache folder hold: (encode, decode).
ENTRIES: dict[str, tuple[Callable, Callable]] = {
    "analysis": (docspec_to_data, docspec_from_data),
    "parsed": (lambda docs: tuple(document_to_data(d) for d in docs), _documents_from_data),
    "manifests": (lambda key: key, _str),
    "snapshots": (lambda header: header, _snapshot_header_from_data),
}


def encode_entry(folder: str, key: str, value) -> bytes:
    """The body of an entry file: the encoding version, its folder, its key and its value."""
    return pack((VERSION, folder, key, ENTRIES[folder][0](value)))


def decode_entry(body, folder: str, key: str):
    version, kind, got_key, value = _tuple(unpack(body), 4)
    if type(version) is not int or version != VERSION or kind != folder:
        raise CacheError(f"entry of format {version!r} {kind!r}, not {VERSION} {folder!r}")
    if got_key != key:
        raise CacheError("entry does not match its key")
    return ENTRIES[folder][1](value)
