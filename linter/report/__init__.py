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

from ..model import SEVERITIES, SEVERITY_RANK, Finding

_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c\x85])\s*")

#: Every output format, in the order ``--format`` lists them.
FORMATS = ("text", "line", "json", "sarif", "github")

# format -> module under linter.report that defines ``render(report, color=False) -> str``
_MODULES = {
    "text": "text",
    "line": "line",
    "json": "json_fmt",
    "sarif": "sarif",
    "github": "github",
}


@dataclass
class FileResult:
    """One linted file and its findings (kept sorted by :meth:`Finding.sort_key`)."""

    path: str
    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=lambda f: f.sort_key())


@dataclass
class Report:
    """The result of linting some files against one corpus."""

    files: list[FileResult] = field(default_factory=list)
    corpus_documents: int = 0
    corpus_hash: str = ""
    notices: list[str] = field(default_factory=list)

    @classmethod
    def from_findings(
        cls,
        paths: Iterable[str],
        findings: Iterable[Finding],
        corpus_documents: int = 0,
        corpus_hash: str = "",
        notices: Optional[Iterable[str]] = None,
    ) -> "Report":
        """Group ``findings`` by path into one :class:`FileResult` per path, in the order of
        ``paths``.  A finding whose path is not among ``paths`` gets a file of its own after
        the given ones (in sorted path order), so nothing is ever dropped."""
        order: list[str] = []
        for path in paths:
            if path not in order:
                order.append(path)
        by_path: dict[str, list[Finding]] = {p: [] for p in order}
        extra: dict[str, list[Finding]] = {}
        for f in findings:
            (by_path if f.path in by_path else extra).setdefault(f.path, []).append(f)
        files = [FileResult(p, by_path[p]) for p in order]
        files += [FileResult(p, extra[p]) for p in sorted(extra)]
        return cls(files, corpus_documents, corpus_hash, list(notices or ()))

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


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``; ``info`` is a mass noun and never takes an ``s``."""
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def render(report: Report, fmt: str, color: bool = False) -> str:
    """Format ``report`` as ``fmt`` (one of :data:`FORMATS`).

    ``color`` only affects the ``text`` format; the CLI passes True only on a terminal and
    when ``NO_COLOR`` is unset.
    """
    if fmt not in _MODULES:
        from ..errors import MsglintError

        raise MsglintError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.render(report, color=color)


__all__ = ["FORMATS", "FileResult", "Report", "render"]
