"""Markdown drafts: units from the CommonMark structure, markup inside a sentence left out.

markdown-it-py parses the file (CommonMark plus tables).  Each paragraph, heading, list
item paragraph, block-quote paragraph, table row and HTML block is a unit.  The inline
tokens of a unit are aligned with the file's characters, so the unit's text is its prose
(link text, emphasised words, entities decoded, image alt text, inline code, and link and
image titles in parentheses after their text) and every character of it keeps its offset
in the file.  The prose values of YAML front matter (``title``, ``description``,
``summary``..., a list of them too) are units of their own, and a notice names the keys
holding text that are not read; so are the titles of reference definitions
(``[r]: url "title"``) and a footnote's later, indented paragraphs.  Deleted text is not
read: ``~~x~~``, GitHub's ``~x~``, ``<del>``, ``<s>`` and ``<strike>``.  What is left out: emphasis delimiters, link
brackets and targets, reference labels, autolinks, fenced and indented code, inline HTML
tags and comments (``<br>`` is a space), note markers in ``<sup>``, block-quote and list
markers, heading hashes; front matter that cannot be read, and text nested past
:data:`MAX_NESTING`, are named in a notice.

Should the alignment ever fail on markup this module does not know, the unit is still
judged: its text is the inline content with markup stripped, and its positions are those
of the whole block.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Unit
from ..textnorm import Builder, Mapped, decode_entity, join, normalise_mapped

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?^(?:\1|\.\.\.)[ \t]*$", re.S | re.M)
_CONT = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Inline HTML that opens or closes deleted text.
_DEL_TAG = re.compile(r"<(/?)(?:del|s|strike)(?=[\s>/])")
#: GitHub's single-tilde strikethrough, ``~$3B~``: the tildes hug the struck text, which
#: holds no tilde, and neither tilde touches a letter or digit outside it.
_SINGLE_TILDE = re.compile(r"(?<![\w~\\])~(?=[^\s~])[^~\n]*?(?<=[^\s~\\])~(?![\w~])")
_NOTE = re.compile(r"^[\s\d,*\u2020\u2021\[\]^a-z]{1,6}$")
# Cells of at most this many words, without a sentence inside, are read as one row:
# "FMS budget last year | $1.5B" is "FMS budget last year: $1.5B".
ROW_CELL_MAX_WORDS = 12
MAX_NESTING = 100


class AlignError(Exception):
    pass


def _md():
    from markdown_it import MarkdownIt

    # maxNesting: markdown-it's default (20) drops the text of block quotes or lists nested
    # deeper; drafts are read whole.  Each level costs a few Python frames, so the limit
    # stays well inside the interpreter's recursion limit.
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    return md


def _line_starts(text: str) -> list[int]:
    """Where each line starts, lines ending as markdown-it ends them (LF, CRLF or CR)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[i + 1:i + 2] != "\n"):
            starts.append(i + 1)
    starts.append(len(text) + 1)
    return starts


def markdown_units(text: str) -> tuple[list[Unit], list[str]]:
    """The draft's units, and its notices: what the reader deliberately left unjudged."""
    body = text
    fm = _FRONT_MATTER.match(text)
    units: list[Unit] = []
    notices: list[str] = []
    if fm:  # front matter is metadata: blanked, offsets kept; its prose values are read
        body = re.sub(r"[^\n]", " ", text[:fm.end()]) + text[fm.end():]
        units, notices = _front_matter(text, fm)
    starts = _line_starts(body)
    env: dict = {}
    tokens = _md().parse(body, env)
    stack: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "code_block" and tok.map and not stack and _under_footnote(body, starts, tok.map[0]):
            units += _note_paragraphs(body, starts, tok.map)
            i += 1
            continue
        if t.endswith("_open") and t not in ("paragraph_open", "heading_open", "tr_open"):
            stack.append(t[:-5])
        elif t.endswith("_close") and t not in ("paragraph_close", "heading_close", "tr_close"):
            if stack:
                stack.pop()
        if t == "tr_open":
            cells, j = [], i + 1
            while j < len(tokens) and tokens[j].type != "tr_close":
                if tokens[j].type == "inline":
                    cells.append(tokens[j])
                j += 1
            units += _row_units(body, starts, tok.map, cells)
            i = j + 1
            continue
        if t == "inline" and i > 0 and tokens[i - 1].type in ("paragraph_open", "heading_open"):
            kind = "heading" if tokens[i - 1].type == "heading_open" else (
                "item" if "list_item" in stack else "quote" if "blockquote" in stack else "paragraph")
            m = _inline(body, starts, tok)
            for piece in _footnote_pieces(body, m):
                if piece.text.strip():
                    units.append(Unit(kind, normalise_mapped(piece)))
        elif t == "html_block" and tok.map:
            m = _html_block(body, starts, tok.map)
            if m.text.strip():
                units.append(Unit("html", normalise_mapped(m)))
        i += 1
    units += _reference_titles(body, env) + _short_notes(body, env)
    struck = sum(_struck(c) for t in tokens if t.type == "inline" for c in t.children or ())
    if struck:
        notices.append(f"{struck} struck-through passage(s) (~~...~~, ~...~, <del>, <s>, <strike>) not "
                       "checked: struck text is read as deleted")
    if tokens and max(t.level for t in tokens) >= MAX_NESTING - 1:
        notices.append(f"block quotes or lists nested deeper than {MAX_NESTING} levels: the text past that "
                       "depth was not checked")
    return units, notices


def _struck(c) -> int:
    """How many struck passages inline token ``c`` opens."""
    if c.type == "s_open":
        return 1
    if c.type == "html_inline":
        m = _DEL_TAG.match(c.content.lower())
        return int(bool(m) and not m.group(1))
    if c.type == "text":
        return len(_SINGLE_TILDE.findall(c.content))
    return 0


# ---- front matter ----------------------------------------------------------------------
#: Front-matter keys whose values are prose, read as units (the others are metadata).
PROSE_KEYS = ("title", "subtitle", "headline", "description", "summary", "abstract", "excerpt", "lede",
              "lead", "teaser", "caption", "subject")
_HEADING_KEYS = ("title", "subtitle", "headline")


def _front_matter(text: str, fm) -> tuple[list[Unit], list[str]]:
    """Units of the prose values of YAML front matter (top-level ``title``, ``description``,
    ``summary``...: :data:`PROSE_KEYS`), each mapped to its place in the file, and a notice
    for front matter that could not be read (TOML, or YAML that does not parse)."""
    import yaml

    if fm.group(1) != "---":
        return [], ["front matter in TOML (+++) was not checked"]
    inner_start = text.index("\n") + 1
    inner = text[inner_start:text.rfind("\n", 0, fm.end()) + 1]
    try:
        root = yaml.compose(inner, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return [], [f"front matter is not valid YAML{where}: it was not checked"]
    units: list[Unit] = []
    if not isinstance(root, yaml.MappingNode):
        return units, ([] if root is None else ["front matter is not a mapping of keys: it was not checked"])
    skipped: list[str] = []
    for key, node in root.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        values = [node] if isinstance(node, yaml.ScalarNode) else (
            list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        values = [v for v in values if isinstance(v, yaml.ScalarNode) and v.tag == _YAML_STR
                  and isinstance(v.value, str) and v.value.strip()]
        if name.lower() not in PROSE_KEYS:
            if values and any(" " in v.value.strip() for v in values):  # text, not a slug or a date
                skipped.append(name)
            continue
        for value in values:
            unit = _front_matter_value(text, inner_start, name, value)
            if unit is not None:
                units.append(unit)
    if skipped:
        return units, [f"front matter key(s) not read as prose: {', '.join(skipped[:8])}"
                       + (f" and {len(skipped) - 8} more" if len(skipped) > 8 else "")
                       + f" (the keys read are {', '.join(PROSE_KEYS)})"]
    return units, []


_YAML_STR = "tag:yaml.org,2002:str"


def _front_matter_value(text: str, inner_start: int, name: str, value) -> Optional[Unit]:
    """The unit of one prose value of the front matter, mapped to its place in the file."""
    a, b = inner_start + value.start_mark.index, inner_start + value.end_mark.index
    if value.style in ("'", '"'):
        a, b = a + 1, b - 1
    elif value.style in ("|", ">"):  # a block value starts on the line below its indicator
        nl = text.find("\n", a, b)
        if nl > 0:
            a = nl + 1
            while a < b and text[a] in " \t":
                a += 1
    out = Builder()
    if text[a:b] == value.value:
        out.add_source(text, a, b)
    else:  # escapes or folded lines: every character at the whole value
        for ch in value.value:
            out.add(ch, a, max(b, a + 1))
    m = out.build()
    if m.text.strip():
        kind = "heading" if name.lower() in _HEADING_KEYS else "paragraph"
        return Unit(kind, normalise_mapped(m))
    return None


# ---- footnotes -----------------------------------------------------------------------
# A footnote definition ("[^1]: The figure is from ...", GitHub and Pandoc syntax): CommonMark
# reads it as a paragraph starting "[^1]:".  The label is not prose (its "1" is no figure);
# the note's text is, and each note is a unit of its own, so two notes are not one sentence.
_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]{1,40}\]:")


def _footnote_pieces(body: str, m: Mapped) -> list[Mapped]:
    """``m`` cut at the footnote labels that open a line of the file, labels left out."""
    if "[^" not in m.text:
        return [m]
    cuts = []
    for f in _FOOTNOTE_LABEL.finditer(m.text):
        a = m.starts[f.start()]
        line_start = body.rfind("\n", 0, a) + 1
        line_start = max(line_start, body.rfind("\r", 0, a) + 1)
        if re.fullmatch(r"[ \t>]*", body[line_start:a]):
            cuts.append(f.span())
    if not cuts:
        return [m]
    pieces, pos = [], 0
    for a, b in cuts:
        pieces.append(m.slice(pos, a))
        pos = b
    pieces.append(m.slice(pos, len(m.text)))
    return [p for p in pieces if p.text.strip()]


_NOTE_LINE = re.compile(r"[ \t]{0,3}\[\^[^\]\s]{1,40}\]:")


def _under_footnote(body: str, starts, first: int) -> bool:
    """Whether the indented block starting at line ``first`` continues a footnote: the
    block of lines above it (past blank and indented lines) opens with ``[^label]:``."""
    def line(n):
        return body[starts[n]:starts[n + 1] - 1].rstrip("\r")

    n = first - 1
    while n >= 0 and (not line(n).strip() or line(n).startswith(("    ", "\t"))):
        n -= 1
    while n > 0 and line(n - 1).strip():
        n -= 1
    return n >= 0 and bool(_NOTE_LINE.match(line(n)))


def _short_notes(body: str, env: dict) -> list[Unit]:
    """Footnotes CommonMark took for reference definitions (``[^1]: Sources.`` is a
    definition of the label ``^1``): their text is prose, read as a unit."""
    refs = env.get("references") or {}
    if not any(key.startswith("^") for key in refs):
        return []
    from markdown_it.common.utils import normalizeReference

    units = []
    for m in re.finditer(r"^[ \t]{0,3}\[(\^[^\]\s]{1,40})\]:[ \t]*([^\r\n]*)", body, re.M):
        if normalizeReference(m.group(1)) in refs and m.group(2).strip():
            out = Builder()
            out.add_source(body, m.start(2), m.end(2))
            units.append(Unit("paragraph", normalise_mapped(out.build())))
    return units


def _note_paragraphs(body: str, starts, line_map) -> list[Unit]:
    """A footnote's later paragraphs: CommonMark, which knows no footnotes, reads the lines
    indented under ``[^1]: ...`` as code; they are the note's prose, one unit per paragraph
    (indentation left out, line ends read as spaces)."""
    units, out = [], Builder()
    for n in range(line_map[0], line_map[1]):
        a, b = starts[n], starts[n + 1] - 1
        line = body[a:b].rstrip("\r")
        if not line.strip():
            m = out.build()
            if m.text.strip():
                units.append(Unit("paragraph", normalise_mapped(m)))
            out = Builder()
            continue
        k = a + len(line) - len(line.lstrip(" \t"))
        out.add_source(body, k, a + len(line))
        out.add(" ", a + len(line), a + len(line) + 1)
    m = out.build()
    if m.text.strip():
        units.append(Unit("paragraph", normalise_mapped(m)))
    return units


# ---- reference definitions -------------------------------------------------------------
# ``[label]: target "title"``: markdown-it keeps the title in its env, with no token and no
# position; the title is prose (as an inline link's is), so it is found in the file again.
_REF_DEF = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*(?:\r?\n[ \t>]*)?"
                      r"(?:<[^<>\n]*>|\S+)[ \t]*(?:\r?\n[ \t>]*)?(?=[\"'(])", re.M)
_CLOSER = {'"': '"', "'": "'", "(": ")"}


def _reference_titles(body: str, env: dict) -> list[Unit]:
    """One unit per reference definition with a title, the title mapped to its place."""
    refs = env.get("references") or {}
    titled = {key: ref.get("title") for key, ref in refs.items() if ref.get("title")}
    if not titled:
        return []
    from markdown_it.common.utils import normalizeReference

    units, seen = [], set()
    for m in _REF_DEF.finditer(body):
        key = normalizeReference(m.group(1))
        title = titled.get(key)
        if not title or key in seen:
            continue
        a = m.end() + 1
        close = body.find(_CLOSER[body[m.end()]], a)
        while close > 0 and body[close - 1] == "\\":
            close = body.find(_CLOSER[body[m.end()]], close + 1)
        if close < 0:
            continue
        seen.add(key)
        out = Builder()
        if " ".join(body[a:close].split()) == " ".join(title.split()):
            for q in range(a, close):
                out.add(" " if body[q] in "\r\n" else body[q], q, q + 1)
        else:  # escapes or entities: every character at the whole title
            for ch in title:
                out.add(ch, a, close)
        t = out.build()
        if t.text.strip():
            units.append(Unit("paragraph", normalise_mapped(t)))
    return units


# ---- inline alignment ---------------------------------------------------------------
def _block_start(text: str, starts, line_map, content: str) -> tuple[int, int]:
    """Where an inline token's content starts in the file, and where its block ends."""
    first, last = line_map
    a = starts[first]
    end = starts[min(last, len(starts) - 1)] - 1
    line = text[a:starts[first + 1] - 1] if first + 1 < len(starts) else text[a:]
    head = content.split("\n", 1)[0].strip()
    rs = line.rstrip()
    if head and rs.endswith(head):
        return a + len(rs) - len(head), end
    k = line.find(head[:12]) if head else -1
    if k >= 0:
        return a + k, end
    m = re.match(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}[ \t]+|(?:[-+*]|\d{1,9}[.)])[ \t]+)?(?:>[ \t]?)*[ \t]*", line)
    return a + (m.end() if m else 0), end


def _inline(text: str, starts, tok) -> Mapped:
    a, end = _block_start(text, starts, tok.map, tok.content)
    try:
        return _Aligner(text, a, end).run(tok.children or [])
    except AlignError:
        return _approximate(tok.content, starts[tok.map[0]], end)


def _approximate(content: str, a: int, b: int) -> Mapped:
    """The inline content with markup stripped, every character at the whole block."""
    s = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\]\[[^\]]*\]|`[^`]*`|<[^<>]*>|[*_\[\]]", " ", content)
    out = Builder()
    for ch in s:
        out.add(ch, a, max(b, a + 1))
    return out.build()


class _Aligner:
    def __init__(self, src: str, pos: int, end: int):
        self.src, self.pos, self.end = src, pos, end
        self.out = Builder()
        self.sup = 0
        self.drop = 0  # inside an autolink or struck text
        self.auto = 0  # inside an autolink, whose source was passed at its opening

    def run(self, children) -> Mapped:
        for c in children:
            getattr(self, "t_" + c.type, self.t_other)(c)
        return self.out.build()

    # helpers
    def _find(self, s: str, limit: int = 64) -> int:
        k = self.src.find(s, self.pos, min(self.end, self.pos + limit + len(s)))
        if k < 0:
            raise AlignError(s)
        return k

    def _skip(self, s: str) -> None:
        if not s:
            return
        k = self._find(s, 8)
        self.pos = k + len(s)

    def _emit(self, ch: str, a: int, b: int) -> None:
        if not self.drop:
            self.out.add(ch, a, b)

    # tokens
    def t_text(self, c) -> None:
        content = c.content
        if self.auto:
            return
        if self.sup and _NOTE.match(content):
            self._consume(content, emit=False)
            return
        pos = 0
        for m in _SINGLE_TILDE.finditer(content):  # GFM ~struck~: deleted text, not read
            self._consume(content[pos:m.start()], emit=True)
            self._consume(m.group(0), emit=False)
            pos = m.end()
        self._consume(content[pos:], emit=True)

    def _consume(self, content: str, emit: bool) -> None:
        src = self.src
        i = 0
        while i < len(content):
            ch = content[i]
            p = self.pos
            if p < self.end and src[p] == ch:
                if emit:
                    self._emit(ch, p, p + 1)
                self.pos = p + 1
                i += 1
                continue
            if src.startswith("\\", p) and p + 1 < self.end and src[p + 1] == ch:
                if emit:
                    self._emit(ch, p, p + 2)
                self.pos = p + 2
                i += 1
                continue
            if src.startswith("&", p):
                m = _ENTITY.match(src, p)
                dec = decode_entity(m.group(0)) if m else None
                if dec and content.startswith(dec, i):
                    if emit:
                        for d in dec:
                            self._emit(d, p, m.end())
                    self.pos = m.end()
                    i += len(dec)
                    continue
            if src.startswith("\n", p) or (src[p:p + 1] in (" ", "\t") and ch not in " \t"):
                # a line break or indentation inside a text token (tables, lazy lines)
                m = _CONT.match(src, p + 1 if src.startswith("\n", p) else p)
                self.pos = m.end()
                if emit and src.startswith("\n", p) and ch != " ":
                    self._emit(" ", p, p + 1)
                continue
            if ch == "\ufffd":  # markdown-it's replacement for NUL
                self.pos = p + 1
                i += 1
                continue
            k = self._find(ch, 16)
            self.pos = k  # skip what markdown-it consumed as markup
        return

    def t_softbreak(self, c) -> None:
        p = self.pos
        while p < self.end and self.src[p] in " \t":
            p += 1
        if not self.src.startswith("\n", p):
            p = self._find("\n", 8)
        self._emit(" ", p, p + 1)
        self.pos = _CONT.match(self.src, p + 1).end()

    def t_hardbreak(self, c) -> None:
        p = self._find("\n", 8)
        self._emit(" ", p, p + 1)
        self.pos = _CONT.match(self.src, p + 1).end()

    def _delim(self, c) -> None:
        self._skip(c.markup)

    t_em_open = t_em_close = t_strong_open = t_strong_close = _delim

    # struck text (``~~91~~``) is deleted text: not said, so not read; what follows is
    def t_s_open(self, c) -> None:
        self._skip(c.markup)
        self.drop += 1

    def t_s_close(self, c) -> None:
        self._skip(c.markup)
        self.drop = max(0, self.drop - 1)

    def t_link_open(self, c) -> None:
        if c.markup == "autolink" or c.info == "auto":
            k = self._find("<", 8)
            close = self.src.find(">", k, self.end)
            if close < 0:
                raise AlignError("autolink")
            self._emit(" ", k, close + 1)
            self.pos = close + 1
            self.drop += 1
            self.auto += 1
            return
        self.pos = self._find("[", 8) + 1

    def t_link_close(self, c) -> None:
        if c.markup == "autolink" or c.info == "auto":
            self.drop = max(0, self.drop - 1)
            self.auto = max(0, self.auto - 1)
            return
        k = self._find("]", 8)
        self._tail(k + 1)

    def _tail(self, p: int) -> None:
        """Past a link's or image's ``(target "title")``: the title is read, in
        parentheses after the text it describes (a wrong figure there is judged)."""
        self.pos, title = _link_tail(self.src, p, self.end)
        if title is not None:
            a, b = title
            self._emit(" ", a - 1, a)
            self._emit("(", a - 1, a)
            for q in range(a, b):
                self._emit(" " if self.src[q] in "\r\n" else self.src[q], q, q + 1)
            self._emit(")", b, b + 1)
            self._emit(" ", b, b + 1)

    def t_image(self, c) -> None:
        # the alt text is read as prose of the paragraph (the target is not)
        k = self._find("![", 8)
        close = _matching_bracket(self.src, k + 1, self.end)
        end, self.end = self.end, close
        self._emit(" ", k, k + 2)
        self.pos = k + 2
        try:
            for g in c.children or ():
                getattr(self, "t_" + g.type, self.t_other)(g)
        finally:
            self.end = end
        self._emit(" ", close, close + 1)
        self._tail(close + 1)

    def t_code_inline(self, c) -> None:
        # inline code is read as prose of its paragraph ("costs `$4B`"): what it says is said
        k = self._find(c.markup, 8)
        p = k + len(c.markup)
        close = self.src.find(c.markup, p, self.end)
        if close < 0:
            raise AlignError("code")
        self._emit(" ", k, p)
        for q in range(p, close):
            self._emit(" " if self.src[q] in "\r\n" else self.src[q], q, q + 1)
        self._emit(" ", close, close + len(c.markup))
        self.pos = close + len(c.markup)

    def t_html_inline(self, c) -> None:
        raw = c.content
        k = self._find(raw[:8], 16)
        if not self.src.startswith(raw, k):
            close = self.src.find(">", k, self.end)
            if close < 0:
                raise AlignError("html")
            stop = close + 1
        else:
            stop = k + len(raw)
        tag = raw.lower()
        if tag.startswith(("<br", "<p", "</p", "<div", "</div")):
            self._emit(" ", k, stop)
        deleted = _DEL_TAG.match(tag)
        if deleted:  # <del>, <s>, <strike>: deleted text, like ~~...~~
            self.drop = max(0, self.drop - 1) if deleted.group(1) else self.drop + 1
        if tag.startswith("<sup"):
            self.sup += 1
        elif tag.startswith("</sup"):
            self.sup = max(0, self.sup - 1)
        self.pos = stop

    def t_other(self, c) -> None:
        if c.children:
            for g in c.children:
                getattr(self, "t_" + g.type, self.t_other)(g)


def _matching_bracket(src: str, k: int, end: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``k``."""
    depth = 0
    i = k
    while i < end:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise AlignError("]")


def _link_tail(src: str, p: int, end: int) -> tuple[int, Optional[tuple[int, int]]]:
    """Past ``(target "title")`` or ``[label]`` after a link's closing bracket, and where
    the title's text is (``[start, end)`` inside its quotes), if there is one."""
    if src.startswith("(", p):
        depth, i, quote, title = 0, p, None, None
        opened = 0
        while i < end:
            ch = src[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote, title = None, (opened, i)
            elif ch in "\"'" and depth == 1 and src[i - 1] in " \t\r\n":  # a title follows a space
                quote, opened = ch, i + 1
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1, title if title and title[1] > title[0] else None
            i += 1
        raise AlignError(")")
    if src.startswith("[", p):
        close = src.find("]", p, end)
        if close < 0:
            raise AlignError("]")
        return close + 1, None
    return p, None


# ---- tables ---------------------------------------------------------------------------
def _cell_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Offsets of the cells of the table row ``text[a:b]`` (unescaped pipes split it)."""
    cuts = [i for i in range(a, b) if text[i] == "|" and (i == a or text[i - 1] != "\\")]
    bounds = [a - 1] + cuts + [b]
    spans = []
    for x, y in zip(bounds, bounds[1:]):
        s, e = x + 1, y
        if text[s:e].strip() or (s > a and e < b):
            spans.append((s, e))
    if spans and not text[spans[0][0]:spans[0][1]].strip():
        spans = spans[1:]
    if spans and not text[spans[-1][0]:spans[-1][1]].strip():
        spans = spans[:-1]
    return spans


def _row_units(text: str, starts, line_map, cells) -> list[Unit]:
    if not line_map or not cells:
        return []
    first = line_map[0]
    a = starts[first]
    b = starts[first + 1] - 1 if first + 1 < len(starts) else len(text)
    spans = _cell_spans(text, a, b)
    mapped: list[Mapped] = []
    for n, tok in enumerate(cells):
        if n < len(spans):
            s, e = spans[n]
            while s < e and text[s] in " \t":
                s += 1
            try:
                m = _Aligner(text, s, e).run(tok.children or [])
            except AlignError:
                m = _approximate(tok.content, s, e)
        else:
            m = _approximate(tok.content, a, b)
        mapped.append(normalise_mapped(m))
    mapped = [m for m in mapped if m.text]
    if not mapped:
        return []
    short = all(len(m.text.split()) <= ROW_CELL_MAX_WORDS and not re.search(r"[.!?]\s+\S", m.text)
                for m in mapped)
    if not short:
        return [Unit("cell", m) for m in mapped]
    row = mapped[0]
    if len(mapped) > 1:
        row = join([row, join(mapped[1:], ", ")], ": ")
    return [Unit("row", row)]


# ---- HTML blocks ----------------------------------------------------------------------
_HTML_SKIP = re.compile(r"<(script|style|pre|code)\b.*?</\1\s*>|<!--.*?-->|<\?.*?\?>|<![A-Za-z][^>]*>", re.S | re.I)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")


def _html_block(text: str, starts, line_map) -> Mapped:
    """The text of an HTML block: tags, comments, scripts and styles left out."""
    a = starts[line_map[0]]
    b = starts[min(line_map[1], len(starts) - 1)] - 1
    block = text[a:b]
    cuts = [(m.start(), m.end()) for m in _HTML_SKIP.finditer(block)]
    for m in _ANY_TAG.finditer(block):
        if not any(c <= m.start() < d for c, d in cuts):
            cuts.append((m.start(), m.end()))
    cuts.sort()
    out = Builder()
    pos = 0
    for s, e in cuts:
        if s < pos:
            continue
        out.add_source(text, a + pos, a + s)
        out.add(" ", a + s, a + e)
        pos = e
    out.add_source(text, a + pos, b)
    return out.build()


__all__ = ["markdown_units", "ROW_CELL_MAX_WORDS"]
