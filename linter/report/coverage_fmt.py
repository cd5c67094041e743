"""Renderers for `msglint coverage`: text, JSON and the HTML page.

They take a list of :class:`~linter.coverage.DraftCoverage` (one per draft, in the order
given) with the corpus's document count and hash, and only format: identical input gives
byte-identical output.

The JSON form (schema version 1)::

    {"version": 1, "tool": {...}, "corpus": {"documents": 3, "hash": "sha256:..."},
     "drafts": [{"path", "summary": {...}, "documents": [{"id", "title", "path", "posture",
                 "entries": [{"entry", "question", "path", "line", "answer", "used",
                              "sentences": [{"line", "verdict"}]}],
                 "used": [1, 2], "left_out": [3], "background": [...]}],
                 "sentences": [{"line", "column", "text", "verdict", "rests_on": [...]}]}]}

Keys are sorted; entries are numbered from 1 in document order (``Q1`` is the first).
"""
from __future__ import annotations

import json

from .._version import __version__
from ..coverage import DraftCoverage, as_dict
from . import one_line, plural, visible

SCHEMA_VERSION = 1


def render_json(covs: list[DraftCoverage], corpus_documents: int, corpus_hash: str) -> str:
    data = {"version": SCHEMA_VERSION, "tool": {"name": "msglint", "version": __version__},
            "corpus": {"documents": corpus_documents, "hash": corpus_hash},
            "drafts": [as_dict(c) for c in covs]}
    from . import json_safe

    return json.dumps(json_safe(data), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render_text(covs: list[DraftCoverage], corpus_documents: int, corpus_hash: str) -> str:  # noqa: ARG001
    out: list[str] = []

    def v(text: str, name: bool = False) -> str:
        return visible(text, name) if name else visible(one_line(text))

    for cov in covs:
        if out:
            out.append("")
        out.append(v(cov.path, True))
        entries = "Q/A entry" if cov.entries_total == 1 else "Q/A entries"
        out.append(f"  drew on {len(cov.documents)} of {plural(cov.corpus_documents, 'corpus document')}; "
                   f"used {cov.entries_used} of their {cov.entries_total} {entries}; "
                   f"{len(cov.supported)} of {plural(len(cov.claims), 'claim')} supported")
        for d in cov.documents:
            out.append(f"  {v(d.id, True)}: {v(d.title)} ({v(d.path, True)}, posture {d.posture})")
            for e in d.entries:
                state = "used    " if e.used else "left out"
                out.append(f"    {state} {e.label} {v(e.path, True)}:{e.line} {v(e.question or e.answer)}")
                for n in e.sentences:
                    s = cov.sentences[n]
                    out.append(f"             <- {v(cov.path, True)}:{s.line}:{s.column} {s.verdict}: \"{v(s.text)}\"")
            for r in d.background:
                out.append(f"    background {v(r.path, True)}:{r.line} (not for public use): \"{v(r.text)}\"")
        for s in cov.sentences:
            if s.verdict == "not a claim":
                continue
            where = "; ".join(f"{v(r.path, True)}:{r.line}" + (" (background)" if r.kind == "background" else "")
                              for r in s.lines) or "nothing approved"
            out.append(f"  {v(cov.path, True)}:{s.line}:{s.column}: {s.verdict}, rests on {where}")
    return "\n".join(out) + "\n"


def render_html(covs: list[DraftCoverage], corpus_documents: int, corpus_hash: str) -> str:
    from .html_fmt import assets, environment

    ctx = {"version": __version__, "files_text": plural(len(covs), "draft"), "drafts": covs,
           "corpus_documents": corpus_documents, "corpus_hash": corpus_hash, **assets()}
    return environment().get_template("coverage.html.j2").render(ctx)


RENDERERS = {"text": render_text, "json": render_json, "html": render_html}
