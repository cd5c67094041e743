"""Word drafts (``.docx``): paragraphs and table rows as units, one report line per paragraph.

The draft text is every body paragraph (table-cell paragraphs included, in document order)
joined with ``"\\n"``, so paragraph *k* is report line *k* and the column is the character
within the paragraph.  A body paragraph is a unit (``heading`` for Heading and Title
styles, ``item`` for list paragraphs); a table row is one unit when its cells are short
(``label: value``), else each cell is a unit.  Tracked changes are shown as accepted:
deleted text (``w:del``, ``w:moveFrom``) is left out, inserted text kept.  Text boxes
(``w:txbxContent``, DrawingML or VML; the ``mc:Fallback`` copy left out) are lines after
the paragraph they are anchored in; after the body come the headers and footers of each
section (default, first-page, even-page), then footnotes and endnotes, one line per
paragraph.  Comments are not part of the message and are not read.  A superscript run of digits or note
symbols (a note reference typed by hand) stays in the text but is not prose.  A tab is one
``"\\t"``, a line break inside a paragraph one space.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..model import Draft, Unit
from ..textnorm import Builder, Mapped, join, normalise_mapped
from .markdown import ROW_CELL_MAX_WORDS

DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_MEMBERS = 10_000
_NOTE = re.compile(r"^[\s\d,*\u2020\u2021\[\]()a-z]{1,6}$")


def read_docx(path: Path | str, max_bytes: int = 20 * 1024 * 1024) -> Draft:
    """A Word draft (see the module docstring)."""
    from . import build

    name = str(path)
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file (a folder, FIFO, device or socket)", name)
    if st.st_size > max_bytes:
        raise InputError(f"file is over the {max_bytes}-byte limit (raise it with --max-bytes)", name)
    text, units = docx_units(open_docx(p, name))
    return build(name, text, units)


def open_docx(source: Path | bytes, name: str):
    """A python-docx ``Document`` of ``source`` (a path or the file's bytes), after checking
    that it is a Word file that unpacks to a sane size; an :class:`InputError` naming
    ``name`` otherwise."""
    import io

    handle = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    if not zipfile.is_zipfile(handle):
        raise InputError("not a Word .docx file (it is not a zip archive)", name)
    try:
        with zipfile.ZipFile(handle) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable Word .docx file ({exc})", name) from None
    if len(infos) > DOCX_MAX_MEMBERS:
        raise InputError(f"Word file has too many parts ({len(infos)}); refusing to open it", name)
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise InputError(
            f"Word file would unpack to {total} bytes (limit {DOCX_MAX_UNCOMPRESSED}); refusing to open it", name)
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError("not a Word .docx file (no word/document.xml)", name)
    try:
        import docx
    except ImportError:  # pragma: no cover
        raise InputError("reading .docx needs python-docx (pip install python-docx)", name) from None
    if isinstance(handle, io.BytesIO):
        handle.seek(0)
    try:
        return docx.Document(handle if isinstance(handle, io.BytesIO) else str(handle))
    except Exception as exc:  # python-docx raises several types for damaged files
        raise InputError(f"not a readable Word .docx file ({type(exc).__name__})", name) from None


class _Names:
    def __init__(self):
        from docx.oxml.ns import qn

        self.P, self.T, self.TAB, self.BR, self.CR = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
        self.R, self.RPR, self.VERT = qn("w:r"), qn("w:rPr"), qn("w:vertAlign")
        self.VAL, self.PPR, self.PSTYLE, self.NUMPR = qn("w:val"), qn("w:pPr"), qn("w:pStyle"), qn("w:numPr")
        self.TBL, self.TR, self.TC = qn("w:tbl"), qn("w:tr"), qn("w:tc")
        self.TXBX, self.TYPE = qn("w:txbxContent"), qn("w:type")
        self.skip = {qn("w:del"), qn("w:moveFrom"),
                     "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _paragraph(p, w: _Names, pieces: list | None = None) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's text and the spans of it that are note references.  ``pieces``, when
    given, receives ``(offset, element)`` for every element that put text in, in order
    (a ``w:t``, ``w:tab``, ``w:br`` or ``w:cr``; the offset is within the paragraph)."""
    parts: list[str] = []
    notes: list[tuple[int, int]] = []
    length = [0]

    def put(s: str, el=None) -> None:
        if pieces is not None and s:
            pieces.append((length[0], el))
        parts.append(s)
        length[0] += len(s)

    def run_is_super(r) -> bool:
        rpr = r.find(w.RPR)
        if rpr is None:
            return False
        va = rpr.find(w.VERT)
        return va is not None and va.get(w.VAL) == "superscript"

    def walk(el, sup: bool):
        for child in el:
            tag = child.tag
            if tag in w.skip or tag == w.P or tag == w.PPR:
                continue  # deleted text; nested paragraphs (text boxes) come on their own;
                # paragraph properties (their w:tab elements are tab stops, not text)
            if tag == w.T:
                s = (child.text or "").replace("\n", " ")
                if sup and _NOTE.match(s):
                    notes.append((length[0], length[0] + len(s)))
                put(s, child)
            elif tag == w.TAB:
                put("\t", child)
            elif tag in (w.BR, w.CR):
                put(" ", child)
            elif tag == w.R:
                walk(child, run_is_super(child))
            else:
                walk(child, sup)

    walk(p, False)
    return "".join(parts), notes


def paragraph_pieces(p) -> tuple[str, list]:
    """The text of the paragraph element ``p`` as :func:`docx_units` reads it, and the
    elements it came from: ``(offset within the paragraph, element)`` per piece."""
    pieces: list = []
    text, _ = _paragraph(p, _Names(), pieces)
    return text, pieces


def _style(p, w: _Names) -> str:
    ppr = p.find(w.PPR)
    if ppr is None:
        return "paragraph"
    st = ppr.find(w.PSTYLE)
    name = (st.get(w.VAL) or "") if st is not None else ""
    if name.lower().startswith(("heading", "title", "subtitle")):
        return "heading"
    if ppr.find(w.NUMPR) is not None or name.lower().startswith("list"):
        return "item"
    return "paragraph"


def docx_units(document, paragraphs: list | None = None) -> tuple[str, list[Unit]]:
    """The draft text (one line per paragraph) and the units, in document order.
    ``paragraphs``, when given, receives ``(w:p element, offset in the text)`` for every
    paragraph read, in order, so a position in the text can be traced back to the file
    (see :func:`paragraph_pieces`)."""
    w = _Names()
    body = document.element.body
    lines: list[str] = []
    offsets: list[int] = []
    units: list[Unit] = []
    pos = [0]

    def add_paragraph(p) -> Mapped:
        s, notes = _paragraph(p, w)
        start = pos[0]
        if paragraphs is not None:
            paragraphs.append((p, start))
        lines.append(s)
        offsets.append(start)
        pos[0] += len(s) + 1
        b = Builder()
        k = 0
        for a, e in notes:
            _add(b, s, start, k, a)
            k = e
        _add(b, s, start, k, len(s))
        return normalise_mapped(b.build())

    def walk(el):
        for child in el:
            tag = child.tag
            if tag in w.skip:
                continue
            if tag == w.P:
                m = add_paragraph(child)
                if m.text:
                    units.append(Unit(_style(child, w), m))
                # a text box (DrawingML wps:txbx or VML v:textbox) anchored in the
                # paragraph: its paragraphs are lines of their own after it
                for box in child.iter(w.TXBX):
                    if not _deleted(box, child, w):
                        walk(box)
            elif tag == w.TBL:
                for tr in child.iter(w.TR):  # nested tables' rows come after their row
                    if _deleted(tr, child, w):
                        continue
                    cells = []
                    for tc in tr:
                        if tc.tag != w.TC:
                            continue
                        paras = [add_paragraph(p) for p in tc.iter(w.P) if _own_cell(p, tc, w)]
                        cell = join([m for m in paras if m.text], " ")
                        if cell.text:
                            cells.append(cell)
                    units.extend(_row(cells))
            else:
                walk(child)

    walk(body)
    # what is printed outside the body comes after it, one line per paragraph as in the
    # body: each section's headers and footers (default, first-page, even-page), then the
    # footnotes and the endnotes (separators left out)
    seen: set[int] = set()
    for part in _side_parts(document, w):
        if id(part) not in seen:
            seen.add(id(part))
            walk(part)
    return "\n".join(lines), units


def _side_parts(document, w: _Names):
    """The root elements of the headers, footers, footnotes and endnotes of ``document``
    (a header linked to the previous section's is that one, read once)."""
    for section in document.sections:
        for hf in (section.header, section.first_page_header, section.even_page_header,
                   section.footer, section.first_page_footer, section.even_page_footer):
            if not hf.is_linked_to_previous:  # else asking for it would add a part
                yield hf._element
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            try:
                root = parse_xml(rel.target_part.blob)
            except Exception:  # a damaged notes part: the body is still read
                continue
            for note in root:
                if note.get(w.TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                yield note


def _add(b: Builder, s: str, base: int, a: int, e: int) -> None:
    for i in range(a, e):
        b.add(s[i], base + i, base + i + 1)


def _deleted(el, top, w: _Names) -> bool:
    anc = el.getparent()
    while anc is not None and anc is not top:
        if anc.tag in w.skip:
            return True
        anc = anc.getparent()
    return False


def _own_cell(p, tc, w: _Names) -> bool:
    """``p`` belongs to ``tc`` itself (not to a table nested in it) and is not deleted."""
    anc = p.getparent()
    while anc is not None and anc is not tc:
        if anc.tag in w.skip or anc.tag == w.TC:
            return False
        anc = anc.getparent()
    return anc is tc


def _row(cells: list[Mapped]) -> list[Unit]:
    if not cells:
        return []
    short = all(len(m.text.split()) <= ROW_CELL_MAX_WORDS and not re.search(r"[.!?]\s+\S", m.text)
                for m in cells)
    if not short or len(cells) == 1:
        return [Unit("cell", m) for m in cells]
    return [Unit("row", join([cells[0], join(cells[1:], ", ")], ": "))]
