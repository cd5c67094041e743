"""The columns the index keeps its figures and concepts in: a figure is a row of integers
numbered into tables of distinct strings and values (:class:`FigureTables`), a concept a
plain tuple.  Shared by the index, which builds them, and the codec, which checks them."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .cachefmt import CacheError, pack
from .claims import Concept
from .figures import Figure


def invalid(what: str):
    """Refuse cache data that is not what it must be (the store rebuilds the entry)."""
    raise CacheError(f"cache data is not {what}")


def checked_str(x) -> str:
    if type(x) is not str:
        invalid("a string")
    return x



def concept_row(c: Concept) -> tuple:
    """A concept as the index tables it: ``(stem, syn, lemma, pos, light, neg, pred)``."""
    return (c.stem, c.syn, c.lemma, c.pos, c.light, c.neg, c.pred)


# A figure is a row of FIGURE_COLUMNS integers: string fields are numbers into a table of
# distinct strings (the qualifier -1 when there is none), the value a number into a table
# of distinct values, offsets as they are.
FIGURE_COLUMNS = ("kind", "value", "text", "start", "end", "qualifier", "counts", "pred", "role")
_STRING_COLUMNS = [FIGURE_COLUMNS.index(c) for c in ("kind", "text", "counts", "pred", "role")]


class FigureTables:
    """The distinct strings and values of some figures, each numbered once."""

    def __init__(self, strings: Sequence[str] = (), values: Sequence[tuple] = ()):
        self.string = {s: i for i, s in enumerate(strings)}
        # keyed by the packed value, so that 1, 1.0 and True stay three values
        self.value = {pack(v): i for i, v in enumerate(values)}
        self.values = list(values)

    def _value_id(self, v: tuple) -> int:
        k = pack(v)
        got = self.value.get(k)
        if got is None:
            got = self.value[k] = len(self.values)
            self.values.append(v)
        return got

    def row(self, f: Figure) -> list[int]:
        s = self.string
        return [s.setdefault(f.kind, len(s)), self._value_id(f.value), s.setdefault(f.text, len(s)), f.start,
                f.end, -1 if f.qualifier is None else s.setdefault(f.qualifier, len(s)),
                s.setdefault(f.counts, len(s)), s.setdefault(f.pred, len(s)), s.setdefault(f.role, len(s))]

    def remap(self, rows: np.ndarray, strings: Sequence[str], values: Sequence[tuple]) -> np.ndarray:
        """Rows numbered into ``strings`` and ``values``, renumbered into these tables."""
        out = rows.astype(np.int32)  # a copy
        if not len(out):
            return out
        s = self.string
        smap = np.fromiter((s.setdefault(v, len(s)) for v in strings), np.int32, len(strings))
        vmap = np.fromiter((self._value_id(v) for v in values), np.int32, len(values))
        for c in _STRING_COLUMNS:
            out[:, c] = smap[rows[:, c]]
        q = FIGURE_COLUMNS.index("qualifier")
        has = rows[:, q] >= 0
        out[has, q] = smap[rows[has, q]]
        out[:, 1] = vmap[rows[:, 1]]
        return out

    def strings(self) -> tuple[str, ...]:
        return tuple(self.string)


def figure_from_row(row: Sequence[int], strings: Sequence[str], values: Sequence[tuple]) -> Figure:
    """The figure of one row (its numbers and the tables were checked when they were
    read)."""
    kind, value, text, start, end, qualifier, counts, pred, role = row
    return Figure(checked_str(strings[kind]), values[value], checked_str(strings[text]), start, end,
                  None if qualifier < 0 else checked_str(strings[qualifier]), checked_str(strings[counts]),
                  checked_str(strings[pred]), checked_str(strings[role]))


def check_figure_rows(rows: np.ndarray, n_strings: int, n_values: int) -> None:
    if not len(rows):
        return
    cols = rows[:, _STRING_COLUMNS]
    q = rows[:, FIGURE_COLUMNS.index("qualifier")]
    v = rows[:, FIGURE_COLUMNS.index("value")]
    if cols.min() < 0 or cols.max() >= n_strings or q.min() < -1 or q.max() >= n_strings \
            or v.min() < 0 or v.max() >= n_values:
        invalid("figures numbered into their tables")


