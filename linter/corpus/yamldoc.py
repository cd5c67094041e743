"""Reader for quick-response documents written as YAML.

Schema (one document)::

    topic: Hurricane relief for the Gulf coast    # required, the document title
    posture: active          # rtq | active | unknown (default unknown)
    approved: 2026-09-01     # optional, YYYY-MM-DD
    expires: 2027-03-31      # optional, YYYY-MM-DD
    owner: Joint Task Force PAO                   # optional, text
    lead: true               # optional, yes/no: is this office the lead?
    background: |            # optional: text, or a list of texts; NOT for public use
      Context for the speaker.
    responses:               # required, non-empty: the Q/A pairs
      - q: What is being done?                    # the question (optional)
        a: |                                      # the approved answer (required)
          The approved public line.  Another approved line.
    figures:                 # optional: figures the answers rely on
      - name: relief flights
        value: "40"

A file holds one such mapping, a list of them, a mapping with the single key
``documents:`` holding that list, or several YAML documents separated by ``---``.

Loading follows ``yaml.safe_load`` semantics (no Python object tags), but the reader works
on the composed node tree so that every sentence keeps its line: for block scalars
(``a: |`` / ``a: >``) and for plain or simply quoted scalars the sentences are taken from
the raw file text, so their line and column are exact; for quoted scalars with escapes every
sentence gets the scalar's start position.  Aliases are allowed but counted: more than
:data:`MAX_ALIASES` is refused (an expansion bomb).  Every error is one line with the file
and line number.
"""
from __future__ import annotations

from typing import Optional

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError
from ..model import APPROVED, BACKGROUND, QA, QUESTION, Document, ExplicitFigure, SourceLine
from ..sentences import trim_span, line_starts, normalise, position, split_sentences
from .quickresponse import POSTURE_RE, parse_bool, parse_date, parse_posture, posture_value

MAX_ALIASES = 100
MAX_EXPANDED_NODES = 100_000

DOCUMENT_KEYS = ("topic", "posture", "approved", "expires", "owner", "lead", "background",
                 "responses", "figures")
RESPONSE_KEYS = ("q", "a")
FIGURE_KEYS = ("name", "value")
POSTURES = ("rtq", "active", "unknown")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary",
              "merge", "value")
}


class _TooManyAliases(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _TooManyAliases(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def compose_all(text: str, path: str) -> list[Node]:
    """The node trees of every YAML document in ``text``, with one-line errors."""
    loader = _Loader(text)
    nodes = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                nodes.append(node)
    except _TooManyAliases as exc:
        raise InputError(f"YAML uses more than {MAX_ALIASES} aliases; refusing to expand it",
                         path, exc.mark.line + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise InputError(f"malformed YAML: {_one_line(what)}", path,
                         mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {_one_line(exc)}", path) from None
    except RecursionError:
        raise InputError("YAML nested too deeply", path) from None
    finally:
        loader.dispose()
    return nodes


class _Reader:
    def __init__(self, text: str, path: str, id_base: str):
        self.text = text
        self.path = path
        self.id_base = id_base
        self.starts = line_starts(text)
        self.count = 0
        self.expanded = 0  # nodes visited by check_tags, aliases expanded

    def err(self, message: str, node: Optional[Node]) -> InputError:
        return InputError(message, self.path, node.start_mark.line + 1 if node is not None else None)

    def check_tags(self, node: Node, depth: int = 0) -> None:
        """Refuse non-standard tags, deep nesting, and aliases that expand past
        :data:`MAX_EXPANDED_NODES` (later walks never visit more nodes than this one)."""
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise self.err(f"YAML expands to more than {MAX_EXPANDED_NODES} nodes (an alias bomb?); "
                           "refusing to read it", node)
        if depth > 50:
            raise self.err("YAML nested too deeply", node)
        if node.tag not in _STANDARD_TAGS:
            raise self.err(f"unsupported YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r}"
                           " (only plain YAML data is allowed)", node)
        if isinstance(node, SequenceNode):
            for item in node.value:
                self.check_tags(item, depth + 1)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                self.check_tags(k, depth + 1)
                self.check_tags(v, depth + 1)

    # -- structure -----------------------------------------------------------------------
    def documents(self, nodes: list[Node]) -> list[Document]:
        mappings: list[MappingNode] = []
        for node in nodes:
            self.check_tags(node)
            if isinstance(node, MappingNode):
                keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
                if keys == ["documents"]:
                    node = node.value[0][1]
                else:
                    mappings.append(node)
                    continue
            if isinstance(node, SequenceNode):
                for item in node.value:
                    if not isinstance(item, MappingNode):
                        raise self.err("expected a document (a mapping with topic: and "
                                       "responses:)", item)
                    mappings.append(item)
            else:
                raise self.err("expected a document (a mapping with topic: and responses:), "
                               "a list of them or documents: [...]", node)
        if not mappings:
            raise InputError("no documents in this YAML file; expected topic: and responses:",
                             self.path)
        return [self.document(m) for m in mappings]

    def mapping(self, node: Node, allowed: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]]:
        if not isinstance(node, MappingNode):
            raise self.err(f"{what} must be a mapping with keys {', '.join(allowed)}", node)
        out: dict[str, tuple[Node, Node]] = {}
        for k, v in node.value:
            key = k.value if isinstance(k, ScalarNode) else None
            if key not in allowed:
                shown = key if key is not None else "(non-text key)"
                raise self.err(f"unknown key {shown!r} in {what}; allowed keys: "
                               f"{', '.join(allowed)}", k)
            if key in out:
                raise self.err(f"duplicate key {key!r} in {what}", k)
            out[key] = (k, v)
        return out

    def scalar(self, key: str, pair: tuple[Node, Node], allow_empty: bool = False) -> str:
        k, v = pair
        if not isinstance(v, ScalarNode):
            raise self.err(f"{key}: expected text", v)
        if v.tag.endswith(":null") and v.style is None:
            value = ""
        else:
            value = v.value
        if not value.strip() and not allow_empty:
            raise self.err(f"{key}: must not be empty", k)
        return value

    def document(self, node: MappingNode) -> Document:
        self.count += 1
        doc_id = self.id_base if self.count == 1 else f"{self.id_base}#{self.count}"
        f = self.mapping(node, DOCUMENT_KEYS, "a document")
        if "topic" not in f:
            raise self.err("document has no topic: (required)", node)
        if "responses" not in f:
            raise self.err("document has no responses: (required, a list of {q:, a:})", node)
        title = " ".join(self.scalar("topic", f["topic"]).split())
        doc_line = f["topic"][1].start_mark.line + 1

        posture = None
        if "posture" in f:
            raw = self.scalar("posture", f["posture"]).strip().lower()
            posture = raw if raw in POSTURES else posture_value(raw)
            if raw not in POSTURES and posture == "unknown":
                raise self.err(f"posture: expected one of {', '.join(POSTURES)}, got {raw!r}",
                               f["posture"][1])
        approved = expires = owner = lead = None
        if "approved" in f:
            approved = parse_date(self.scalar("approved", f["approved"]), "approved", self.path,
                                  f["approved"][1].start_mark.line + 1)
        if "expires" in f:
            expires = parse_date(self.scalar("expires", f["expires"]), "expires", self.path,
                                 f["expires"][1].start_mark.line + 1)
        if "owner" in f:
            owner = " ".join(self.scalar("owner", f["owner"]).split())
        if "lead" in f:
            lead = parse_bool(self.scalar("lead", f["lead"]), "lead", self.path,
                              f["lead"][1].start_mark.line + 1)

        background: list[SourceLine] = []
        if "background" in f:
            bk, bv = f["background"]
            items = bv.value if isinstance(bv, SequenceNode) else [bv]
            for item in items:
                if not isinstance(item, ScalarNode):
                    raise self.err("background: expected text or a list of texts", item)
                for s in self.sentences(item, BACKGROUND, doc_id, None):
                    found = parse_posture(s.text)
                    if found is not None:
                        if posture is None:
                            posture = found
                        m = POSTURE_RE.search(s.text)
                        if m.start() == 0 or not s.text[:m.start()].strip():
                            continue
                        # keep the part before the posture phrase
                        s = self._prefix(s, m.start())
                    background.append(s)

        rk, rv = f["responses"]
        if not isinstance(rv, SequenceNode) or not rv.value:
            raise self.err("responses: expected a non-empty list of {q: ..., a: ...}", rv)
        qas: list[QA] = []
        for index, item in enumerate(rv.value):
            r = self.mapping(item, RESPONSE_KEYS, "a response")
            if "a" not in r:
                raise self.err("response has no a: (the approved answer)", item)
            question, qline = "", None
            if "q" in r:
                qtext = self.scalar("q", r["q"], allow_empty=True)
                if qtext.strip():
                    qs = self.sentences(r["q"][1], QUESTION, doc_id, index, whole=True)
                    qline = qs[0] if qs else None
                    question = normalise(qtext)
            self.scalar("a", r["a"])
            answers = self.sentences(r["a"][1], APPROVED, doc_id, index)
            qas.append(QA(index, question, qline, tuple(answers)))

        figures: list[ExplicitFigure] = []
        if "figures" in f:
            fk, fv = f["figures"]
            if not isinstance(fv, SequenceNode):
                raise self.err("figures: expected a list of {name: ..., value: ...}", fv)
            for item in fv.value:
                g = self.mapping(item, FIGURE_KEYS, "a figure")
                for key in FIGURE_KEYS:
                    if key not in g:
                        raise self.err(f"figure has no {key}:", item)
                figures.append(ExplicitFigure(
                    " ".join(self.scalar("name", g["name"]).split()),
                    " ".join(self.scalar("value", g["value"]).split()),
                    self.path, g["value"][1].start_mark.line + 1))

        return Document(
            id=doc_id, title=title, path=self.path, line=doc_line,
            posture=posture or "unknown", approved=approved, expires=expires, owner=owner,
            lead=lead, background=tuple(background), qa=tuple(qas), figures=tuple(figures),
        )

    # -- sentences with positions --------------------------------------------------------
    def _span(self, node: ScalarNode) -> Optional[tuple[int, int]]:
        """The raw text span holding the scalar's characters, when it can be used verbatim."""
        text = self.text
        a, b = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            nl = text.find("\n", a, b)
            return (nl + 1, b) if nl >= 0 else None
        if node.style is None:
            return a, b
        if node.style == "'":
            inner = text[a + 1:b - 1]
            return (a + 1, b - 1) if "''" not in inner else None
        if node.style == '"':
            inner = text[a + 1:b - 1]
            return (a + 1, b - 1) if "\\" not in inner else None
        return None

    def sentences(self, node: ScalarNode, kind: str, doc_id: str, qa_index: Optional[int],
                  whole: bool = False) -> list[SourceLine]:
        span = self._span(node)
        if span is not None and normalise(self.text[span[0]:span[1]]) != normalise(node.value):
            span = None  # folding did something we cannot map; fall back to the start mark
        if span is not None:
            a, b = span
            spans = [trim_span(self.text, a, b)] if whole else split_sentences(
                self.text, a, b, break_on_blank_lines=False)
            out = []
            for s, e in spans:
                if e <= s:
                    continue
                line, col = position(self.starts, s)
                end_line, end_col = position(self.starts, e)
                raw = self.text[s:e]
                out.append(SourceLine(raw, normalise(raw), kind, doc_id, self.path, line, col,
                                      end_line, end_col, qa_index))
            return out
        value = node.value
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        spans = [trim_span(value, 0, len(value))] if whole else split_sentences(
            value, 0, len(value), break_on_blank_lines=False)
        return [SourceLine(value[s:e], normalise(value[s:e]), kind, doc_id, self.path, line, col,
                           line, col + 1, qa_index) for s, e in spans if e > s]

    def _prefix(self, s: SourceLine, cut: int) -> SourceLine:
        raw = s.text[:cut].rstrip()
        lines = raw.split("\n")
        if s.line == s.end_line and s.end_column == s.column + 1:  # positions unknown
            end_line, end_col = s.end_line, s.end_column
        elif len(lines) == 1:
            end_line, end_col = s.line, s.column + len(raw)
        else:
            end_line, end_col = s.line + len(lines) - 1, len(lines[-1]) + 1
        return SourceLine(raw, normalise(raw), s.kind, s.doc_id, s.path, s.line, s.column,
                          end_line, end_col, s.qa_index)



def parse_yaml_documents(text: str, path: str, id_base: str) -> list[Document]:
    """Every document in a YAML corpus file (``text`` already decoded)."""
    if not text.strip():
        raise InputError("file is empty; expected a YAML quick-response document", path)
    reader = _Reader(text, path, id_base)
    return reader.documents(compose_all(text, path))
