"""Cache records come back from their plain-data encoding exactly as they went in, and a
decoder takes nothing but the shape its encoder writes."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from linter.analysis import cachefmt, codec
from linter.analysis.figures import Figure
from linter.model import APPROVED, BACKGROUND, QA, QUESTION, DocInfo, Document, ExplicitFigure, SourceLine


def _line(text, kind, n, qa=None, path="qr/caf\udce9.txt"):  # a file name that is not UTF-8
    return SourceLine(text, " ".join(text.split()), kind, "d1", path, n, 1, n, len(text) + 1, qa)


DOC = Document(
    "d1", "LIBRARY RENOVATION", "qr/caf\udce9.txt", 1, "rtq", date(2026, 3, 1), date(2026, 9, 30), "Press office",
    False, (_line("The library closed\nin May.", BACKGROUND, 3),),
    (QA(0, "When will it reopen?", _line("Q: When will it reopen?", QUESTION, 5),
        (_line("It reopens on April 8.", APPROVED, 7, 0), _line("Entry is free \u2014 always.", APPROVED, 7, 0))),
     QA(1, "", None, ())),
    (ExplicitFigure("budget", "$18M", "qr/lib.yaml", 12),), ("Q: with no A: at line 20",))


def test_a_document_comes_back_exactly():
    back = codec.unpack_document(codec.pack_document(DOC), "d1")
    assert back == DOC
    assert type(back.qa[0].answers) is tuple and back.lead is False and back.approved == date(2026, 3, 1)
    assert codec.unpack_document(codec.pack_document(Document("d2", "T", "p", 1))) == Document("d2", "T", "p", 1)


def test_a_document_is_checked_against_the_index_entry_that_names_it():
    from linter.analysis.index import doc_lines

    n = len(doc_lines(DOC))
    assert codec.unpack_document(codec.pack_document(DOC), "d1", n) == DOC
    with pytest.raises(cachefmt.CacheError):
        codec.unpack_document(codec.pack_document(DOC), "another", n)
    with pytest.raises(cachefmt.CacheError):  # the index has lines this document does not
        codec.unpack_document(codec.pack_document(DOC), "d1", n + 1)


def test_headers_come_back_exactly():
    infos = [DocInfo("a", "A", "rtq"), DocInfo("b", "B", "active", date(2027, 1, 2))]
    assert codec.infos_from_data(cachefmt.unpack(cachefmt.pack(codec.infos_to_data(infos)))) == infos


def test_figure_values_keep_their_types():
    # 1, 1.0 and True are equal in Python; as figure values they are three values
    figs = [Figure("count", (1,), "one", 0, 3), Figure("count", (1.0,), "1.0", 4, 7),
            Figure("time", (1, True), "1 p.m.", 8, 14, "approximate", "meeting", "start", "object"),
            Figure("date", (None, 4, 8), "April 8", 15, 22)]
    tables = codec.FigureTables()
    rows = [tables.row(f) for f in figs]
    strings, values = cachefmt.unpack(cachefmt.pack((tables.strings(), tuple(tables.values))))
    back = [codec.figure_from_row(r, strings, values) for r in rows]
    assert back == figs
    assert [type(f.value[0]) for f in back] == [int, float, int, type(None)]


@pytest.mark.parametrize("bad", [
    ("d1", "T", "p", True, "rtq", None, None, None, None, (), (), (), ()),  # a line number that is a boolean
    ("d1", "T", "p", 1, "rtq", -5, None, None, None, (), (), (), ()),  # a date before year 1
    ("d1", "T", "p", 1, "rtq", None, None, None, "yes", (), (), (), ()),  # lead is not a boolean
    ("d1", "T", "p", 1, "rtq", None, None, None, None, (), (), (), ()) + ((),),  # a field too many
    ("d1", "T", "p", 1, "rtq", None, None, None, None, [], (), (), ()),  # a map, not a sequence
    ("d1", "T", "p", 1, "rtq", None, None, None, None, ((b"text",) * 10,), (), (), ()),  # bytes for text
])
def test_a_document_of_another_shape_is_refused(bad):
    data = cachefmt.pack(bad if not isinstance(bad[9], list) else bad[:9] + ({"a": 1},) + bad[10:])
    with pytest.raises(cachefmt.CacheError):
        codec.unpack_document(data)


def test_an_array_is_refused_unless_its_dtype_and_size_are_what_the_record_says():
    good = codec.array_to_data(np.arange(6, dtype=np.int32).reshape(3, 2))
    assert codec.array_from_data(good, "<i4", 2).tolist() == [[0, 1], [2, 3], [4, 5]]
    with pytest.raises(cachefmt.CacheError):
        codec.array_from_data(("|O", (3, 2), good[2]), "<i4", 2)  # an object array
    with pytest.raises(cachefmt.CacheError):
        codec.array_from_data(("<i4", (4, 2), good[2]), "<i4", 2)  # more than the bytes hold
    with pytest.raises(cachefmt.CacheError):
        codec.array_from_data(good, "<i8", 2)
    with pytest.raises(TypeError):
        codec.array_to_data(np.array([object()]))


def test_an_extension_type_is_refused():
    import msgpack

    with pytest.raises(cachefmt.CacheError):
        cachefmt.unpack(msgpack.packb(msgpack.ExtType(5, b"\x00")))
