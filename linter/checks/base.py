"""What a check returns before the engine turns it into a :class:`~linter.model.Finding`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..analysis.figures import Figure
from ..model import SourceLine


@dataclass(frozen=True)
class Hit:
    """A check's verdict on one sentence: offsets are relative to the sentence."""

    rule: str
    start: int
    end: int
    message: str
    evidence: tuple[SourceLine, ...] = ()
    suggestion: Optional[str] = None
    severity: Optional[str] = None  # when the check knows better than its rule's default (term rules)


def figure_hit(rule: str, fig: Figure, message: str, evidence=(), suggestion=None) -> Hit:
    return Hit(rule, fig.start, fig.end, message, tuple(e for e in evidence if e is not None), suggestion)


def quote(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
