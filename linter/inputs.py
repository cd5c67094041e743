"""Draft readers for Markdown, Word and plain text.

Every reader returns a :class:`~linter.drafts.Draft`: the text positions are reported in,
and the prose ``segments`` of it (offsets into that text) the checks judge.

Markdown (``.md``, ``.markdown``)
    Parsed with markdown-it-py (CommonMark).  Prose is the inline text of paragraphs,
    headings and list items (block quotes included).  Excluded: YAML/TOML front matter,
    fenced and indented code, inline code spans, autolinks and bare URLs, link targets
    (``[text](url)`` keeps only ``text``), reference definitions, raw HTML blocks and inline
    HTML, including ``<!-- comments -->``.  Segments are offsets into the ORIGINAL file
    text, so reported lines and columns point into the file.  An excluded span inside a
    line splits the segment around it.

Word (``.docx``), :func:`read_docx`
    The text is every body paragraph (table cells included, in document order) joined
    with ``"\\n\\n"``.  Paragraph *k* (1-based, empty paragraphs counted) therefore sits on
    report line ``2k - 1``, and the column is the 1-based character within the paragraph.
    Tracked changes are shown as accepted: deleted text (``w:del``) is left out, inserted
    text (``w:ins``) kept; comments, footnotes, headers and footers are left out.  A tab is
    one ``"\\t"``, a line break inside a paragraph one space.  Each non-empty paragraph is
    one segment.

Plain text and anything else
    The whole text is prose, except lines that are suppression directives
    (``msglint-disable...``/``msglint-enable...``), which are left out so they never merge
    with the sentence they precede.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Optional

from .sentences import Segment
from .drafts import Draft
from .errors import InputError

MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_MEMBERS = 10_000

_DIRECTIVE_LINE = re.compile(r"^[ \t]*msglint-(?:disable-next-line|disable|enable)\b[^\n]*$", re.M)


def parse(name: str, text: str, source: Optional[Path] = None) -> Draft:
    """The draft for ``text`` read from ``source`` (reported as ``name``)."""
    suffix = Path(str(source if source is not None else name)).suffix.lower()
    if suffix == ".docx" and source is not None:
        return read_docx(source)
    if suffix in MARKDOWN_SUFFIXES:
        return Draft(name, text, markdown_segments(text))
    return Draft(name, text, plain_segments(text))


def plain_segments(text: str) -> Optional[tuple[Segment, ...]]:
    """None (all prose) unless the text has directive lines, which are cut out."""
    cuts = [(m.start(), m.end()) for m in _DIRECTIVE_LINE.finditer(text)]
    if not cuts:
        return None
    return tuple(Segment(a, b) for a, b in _subtract([(0, len(text))], cuts) if text[a:b].strip())


# ---- Markdown ---------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?^(?:\1|\.\.\.)[ \t]*$", re.S | re.M)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_INLINE_HTML = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<![A-Z][^>]*>|<!\[CDATA\[.*?\]\]>"
    r"|</?[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>",
    re.S,
)
_BARE_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_LINK_TAIL = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\]\[[^\]]*\]")


def _blank(text: str, a: int, b: int) -> str:
    """``text`` with ``[a, b)`` replaced by spaces (newlines kept, so offsets stay)."""
    return text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]


def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_segments(text: str) -> tuple[Segment, ...]:
    body = text
    fm = _FRONT_MATTER.match(text)
    if fm:
        body = _blank(text, 0, fm.end())
    lines = body.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    segments: list[tuple[int, int]] = []
    tokens = _md().parse(body)
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or tok.map is None:
            continue
        parent = tokens[i - 1].type if i else ""
        if parent not in ("paragraph_open", "heading_open"):
            continue
        segments += _inline_segments(body, lines, starts, tok.map, tok.content)
    return tuple(Segment(a, b) for a, b in segments if body[a:b].strip())


def _inline_segments(text, lines, starts, line_map, content) -> list[tuple[int, int]]:
    """Map an inline token's content back to offsets, minus code, URLs, links and HTML."""
    pieces: list[tuple[int, int]] = []  # (orig start, orig end) per content line
    content_lines = content.split("\n")
    first, last = line_map
    li = first
    for cl in content_lines:
        placed = False
        while li < last and li < len(lines):
            orig = lines[li]
            li += 1
            stripped = cl.strip()
            if not stripped:
                placed = True
                pieces.append((starts[li - 1], starts[li - 1]))
                break
            rs = orig.rstrip()
            if rs.endswith(stripped):
                a = starts[li - 1] + len(rs) - len(stripped)
            else:
                k = orig.find(stripped)
                if k < 0:
                    continue  # e.g. a setext underline or a marker-only line
                a = starts[li - 1] + k
            pieces.append((a, a + len(stripped)))
            placed = True
            break
        if not placed:
            break
    if not pieces:
        return []
    # Work on the original text of the block: pieces joined, excluded spans found on it.
    # Lines of one paragraph stay one stretch when only whitespace (a line break and its
    # indentation) lies between them; container markers (``>``) in between split it.
    keep: list[tuple[int, int]] = []
    for a, b in pieces:
        if keep and not text[keep[-1][1]:a].strip():
            keep[-1] = (keep[-1][0], b)
        else:
            keep.append((a, b))
    block_a, block_b = keep[0][0], keep[-1][1]
    block = text[block_a:block_b]
    cuts = [(block_a + a, block_a + b) for a, b in _excluded(block)]
    return _subtract(keep, cuts)


def _excluded(block: str) -> list[tuple[int, int]]:
    """Spans of ``block`` that are not prose: code spans, HTML, autolinks, URLs, link targets."""
    cuts: list[tuple[int, int]] = []
    # Code spans first: nothing inside them is markup.
    i = 0
    masked = block
    while i < len(block):
        ch = block[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            j = i
            while j < len(block) and block[j] == "`":
                j += 1
            run = block[i:j]
            k = j
            end = -1
            while True:
                k = block.find(run, k)
                if k < 0:
                    break
                if (k + len(run) < len(block) and block[k + len(run)] == "`") or block[k - 1] == "`":
                    k += len(run)
                    while k < len(block) and block[k] == "`":
                        k += 1
                    continue
                end = k + len(run)
                break
            if end < 0:
                i = j
                continue
            cuts.append((i, end))
            masked = _blank(masked, i, end)
            i = end
            continue
        i += 1
    for rx in (_INLINE_HTML, _AUTOLINK):
        for m in rx.finditer(masked):
            cuts.append((m.start(), m.end()))
            masked = _blank(masked, m.start(), m.end())
    for m in _LINK_TAIL.finditer(masked):
        cuts.append((m.start(), m.end()))
        # the opening bracket of that link
        depth, k = 0, m.start() - 1
        while k >= 0:
            if masked[k] == "]":
                depth += 1
            elif masked[k] == "[":
                if depth == 0:
                    cuts.append((k, k + 1))
                    if k > 0 and masked[k - 1] == "!":
                        cuts.append((k - 1, k))
                    break
                depth -= 1
            k -= 1
        masked = _blank(masked, m.start(), m.end())
    for m in _BARE_URL.finditer(masked):
        cuts.append((m.start(), m.end()))
    return cuts


def _subtract(keep: list[tuple[int, int]], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    cuts = sorted(cuts)
    for a, b in keep:
        pos = a
        for c, d in cuts:
            if d <= pos or c >= b:
                continue
            if c > pos:
                out.append((pos, c))
            pos = max(pos, d)
        if pos < b:
            out.append((pos, b))
    return [(a, b) for a, b in out if b > a]


# ---- Word -------------------------------------------------------------------------------
def read_docx(path: Path | str, max_bytes: int = 20 * 1024 * 1024) -> Draft:
    """A Word draft: paragraphs joined with blank lines (see the module docstring)."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    if size > max_bytes:
        raise InputError(f"file is over the {max_bytes}-byte limit (raise it with --max-bytes)", name)
    if not zipfile.is_zipfile(p):
        raise InputError("not a Word .docx file (it is not a zip archive)", name)
    try:
        with zipfile.ZipFile(p) as zf:
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
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises several types for damaged files
        raise InputError(f"not a readable Word .docx file ({type(exc).__name__})", name) from None
    paragraphs = docx_paragraphs(document)
    text = "\n\n".join(paragraphs)
    segments, pos = [], 0
    for para in paragraphs:
        if para.strip():
            segments.append(Segment(pos, pos + len(para)))
        pos += len(para) + 2
    return Draft(name, text, tuple(segments))


def docx_paragraphs(document) -> list[str]:
    from docx.oxml.ns import qn

    W_P, W_T, W_TAB, W_BR, W_CR, W_DEL = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:del")
    W_MOVE_FROM = qn("w:moveFrom")
    MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    skip_tags = {W_DEL, W_MOVE_FROM, MC_FALLBACK}
    body = document.element.body

    def paragraph_text(p) -> str:
        parts: list[str] = []

        def walk(el):
            for child in el:
                tag = child.tag
                if tag in skip_tags or tag == W_P:
                    continue  # deleted text; nested paragraphs (text boxes) come on their own
                if tag == W_T:
                    parts.append(child.text or "")
                elif tag == W_TAB:
                    parts.append("\t")
                elif tag in (W_BR, W_CR):
                    parts.append(" ")
                else:
                    walk(child)

        walk(p)
        return "".join(parts).replace("\n", " ")

    out = []
    for p in body.iter(W_P):
        anc = p.getparent()
        hidden = False
        while anc is not None and anc is not body:
            if anc.tag in skip_tags:
                hidden = True
                break
            anc = anc.getparent()
        if not hidden:
            out.append(paragraph_text(p))
    return out
