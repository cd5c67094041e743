"""Reports: the result of one lint run, and the renderers that format it.

A :class:`Report` holds everything a renderer may show: the files linted (in the order
they were given), each with its findings sorted by :meth:`Finding.sort_key`, and which
corpus they were judged against.  Renderers live in one module per format and only
*format*: they never filter, re-rank or re-judge findings.  For identical input every
renderer returns byte-identical output (no timestamps, no paths other than the ones given,
no dependence on dict or set iteration order).

``notices`` (cache problems and other information for the user) are never rendered into a
report; the CLI prints them to stderr.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import SEVERITIES, SEVERITY_RANK, Finding, Unjudged

_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c\x85])\s*")

#: Every output format, in the order ``--format`` lists them.
FORMATS = ("text", "line", "json", "sarif", "github", "html")

#: Formats written as a file of their own rather than rendered to text: format -> module
#: under linter.report (``docx``: a reviewed copy of each draft, see :mod:`.word`).
FILE_FORMATS = {"docx": "word"}

# formats read by people on a terminal or in a CI log: their strings pass through visible()
HUMAN_FORMATS = ("text", "line", "github")
# format -> module under linter.report that defines ``render(report, color=False) -> str``
_MODULES = {
    "text": "text",
    "line": "line",
    "json": "json_fmt",
    "sarif": "sarif",
    "github": "github",
    "html": "html_fmt",
}


@dataclass
class FileResult:
    """One linted file, its findings (kept sorted by :meth:`Finding.sort_key`) and the
    parts of it that were read but not judged as claims (in draft order)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    unjudged: list[Unjudged] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=lambda f: f.sort_key())
        self.unjudged = sorted(self.unjudged, key=lambda u: u.sort_key())


@dataclass
class Report:
    """The result of linting some files against one corpus."""

    files: list[FileResult] = field(default_factory=list)
    corpus_documents: int = 0
    corpus_hash: str = ""
    notices: list[str] = field(default_factory=list)
    # the drafts as read, by reported path, for formats that show the writer's own text
    # (an HTML review page, comments in a copy of a Word draft); not rendered by the others
    drafts: dict = field(default_factory=dict)
    # reported path -> linter.coverage.DraftCoverage, for the HTML page's coverage summary
    coverage: dict = field(default_factory=dict)

    @classmethod
    def from_findings(
        cls,
        paths: Iterable[str],
        findings: Iterable[Finding],
        corpus_documents: int = 0,
        corpus_hash: str = "",
        notices: Optional[Iterable[str]] = None,
        drafts: Optional[dict] = None,
        unjudged: Iterable[Unjudged] = (),
    ) -> "Report":
        """Group ``findings`` (and the ``unjudged`` parts) by path into one
        :class:`FileResult` per path, in the order of ``paths``.  A finding whose path is
        not among ``paths`` gets a file of its own after the given ones (in sorted path
        order), so nothing is ever dropped."""
        order: list[str] = []
        for path in paths:
            if path not in order:
                order.append(path)
        by_path: dict[str, list[Finding]] = {p: [] for p in order}
        extra: dict[str, list[Finding]] = {}
        for f in findings:
            (by_path if f.path in by_path else extra).setdefault(f.path, []).append(f)
        parts: dict[str, list[Unjudged]] = {}
        for u in unjudged:
            parts.setdefault(u.path, []).append(u)
            if u.path not in by_path:
                extra.setdefault(u.path, [])
        files = [FileResult(p, by_path[p], parts.get(p, [])) for p in order]
        files += [FileResult(p, extra[p], parts.get(p, [])) for p in sorted(extra)]
        return cls(files, corpus_documents, corpus_hash, list(notices or ()), dict(drafts or {}))

    @property
    def findings(self) -> list[Finding]:
        """Every finding, file by file."""
        return [f for fr in self.files for f in fr.findings]

    def summary(self) -> dict[str, int]:
        """Number of findings per severity: ``{"error": n, "warning": n, "info": n}``.

        Every severity is present, even at 0.  A severity outside ``SEVERITIES`` (which the
        model does not produce) is counted under its own key rather than dropped.
        """
        counts = {sev: 0 for sev in SEVERITIES}
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    def max_severity(self) -> Optional[str]:
        """The most severe severity among the findings (None when there are none)."""
        sevs = [f.severity for f in self.findings]
        return max(sevs, key=lambda s: SEVERITY_RANK.get(s, 0)) if sevs else None


def one_line(text: str) -> str:
    """``text`` with every line break (and the whitespace around it) folded to one space,
    for formats that promise one line per finding."""
    return _BREAKS.sub(" ", text).strip() if text else ""


# Characters a terminal acts on or that reorder what it shows: C0 and C1 controls (ESC
# starts colour, cursor, title and hyperlink sequences), DEL, and the bidirectional
# overrides and isolates.  Tabs and line breaks are kept in prose (one_line folds them)
# but not in names.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# A file name that is not valid UTF-8 reaches Python with each undecodable byte as a lone
# surrogate (U+DC80..U+DCFF, "surrogateescape"); no UTF-8 output can hold one.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _escaped(m: re.Match) -> str:
    c = ord(m.group(0))
    if 0xDC80 <= c <= 0xDCFF:  # the undecodable byte itself, as \xNN
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def json_safe(value):
    """``value`` (JSON data) with every undecodable file-name byte written as the four
    characters ``\\xNN`` (``dr\\xffaft.md``, as text output shows it) and any other lone
    surrogate as ``\\udNNN``, so the JSON is valid UTF-8."""
    if isinstance(value, str):
        return _SURROGATES.sub(_escaped, value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def visible(text: str, name: bool = False) -> str:
    """``text`` safe to show on a terminal: every control character (``\\x1b``) and
    bidirectional override is written out as an escape.  The one escaping function of all
    human-readable output; ``name=True`` (file names, document ids) escapes tabs and
    line breaks too, so a name can never split a line."""
    if not text:
        return text
    return (_UNSAFE_IN_NAMES if name else _UNSAFE).sub(_escaped, text)


def visible_report(report: "Report") -> "Report":
    """A copy of ``report`` with every string that came from a draft, the corpus or a path
    passed through :func:`visible` (renderers for people use this; JSON and SARIF escape
    by their own rules)."""
    from dataclasses import replace as _replace

    def ev(e):
        return _replace(e, document=visible(e.document, True), title=visible(e.title), path=visible(e.path, True),
                        text=visible(e.text))

    def fnd(f):
        return _replace(f, path=visible(f.path, True), message=visible(f.message),
                        evidence=tuple(ev(e) for e in f.evidence),
                        suggestion=visible(f.suggestion) if f.suggestion else f.suggestion,
                        sentence=visible(f.sentence) if f.sentence else f.sentence)

    def unj(u):
        return _replace(u, path=visible(u.path, True), text=visible(u.text), reason=visible(u.reason))

    files = [FileResult(visible(fr.path, True), [fnd(f) for f in fr.findings], [unj(u) for u in fr.unjudged])
             for fr in report.files]
    return _replace(report, files=files, notices=[visible(n) for n in report.notices])


def unjudged_summary(parts) -> str:
    """``3 sentences and 1 clause`` for a file's not-judged parts ("" when none)."""
    whole = sum(1 for u in parts if u.sentence)
    clauses = len(parts) - whole
    said = [plural(n, w) for n, w in ((whole, "sentence"), (clauses, "clause")) if n]
    return " and ".join(said)


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``; ``info`` is a mass noun and never takes an ``s``."""
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def render(report: Report, fmt: str, color: bool = False) -> str:
    """Format ``report`` as ``fmt`` (one of :data:`FORMATS`).

    ``color`` only affects the ``text`` format; the CLI passes True only on a terminal and
    when ``NO_COLOR`` is unset.
    """
    if fmt in FILE_FORMATS:
        from ..errors import MsglintError

        raise MsglintError(f"the {fmt} format is a file of its own (written with -o), not text")
    if fmt not in _MODULES:
        from ..errors import MsglintError

        raise MsglintError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    if fmt in HUMAN_FORMATS:
        report = visible_report(report)
    return module.render(report, color=color)


__all__ = ["FORMATS", "FileResult", "Report", "json_safe", "render", "unjudged_summary"]
