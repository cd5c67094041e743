"""The rule registry: one table from each stable rule ID to its check and documentation.

A check is a small class in its own module under ``linter/checks/`` whose docstring is its
documentation, in four sections as ruff writes them::

    ## What it does
    ## Why is this bad?
    ## Example
    ## Use instead

``msglint rules ID`` prints that text and the SARIF report uses it as the rule's help.
Rule IDs never change once released; severities are defaults that rule packs and
configuration may override.
"""
from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass
from typing import Optional

#: Check modules, in the order the engine runs them.  The ID is the stable public name.
CHECK_MODULES = {
    "figure-mismatch": "linter.checks.figure_mismatch",
    "unvetted-figure": "linter.checks.unvetted_figure",
    "figure-conflict": "linter.checks.figure_conflict",
    "contradiction": "linter.checks.contradiction",
    "unsupported-claim": "linter.checks.unsupported_claim",
    "background-only": "linter.checks.background_only",
    "dropped-hedge": "linter.checks.dropped_hedge",
    "expired-line": "linter.checks.expired_line",
    "off-posture": "linter.checks.off_posture",
    "term": "linter.checks.term",
    "unused-suppression": "linter.checks.unused_suppression",
}

#: When one sentence has several problems, the first rule in this list wins.
PRECEDENCE = (
    "contradiction",
    "figure-mismatch",
    "unvetted-figure",
    "unsupported-claim",
    "background-only",
    "dropped-hedge",
    "expired-line",
    "figure-conflict",
    "term",
    "off-posture",
    "unused-suppression",
)


@dataclass(frozen=True)
class RuleDoc:
    """What ``msglint rules`` prints and SARIF embeds for one rule."""

    id: str
    severity: str
    summary: str  # one line
    doc: str  # the full markdown documentation

    def section(self, title: str) -> str:
        """The text of one ``## title`` section of the documentation ("" when absent)."""
        m = re.search(rf"^## {re.escape(title)}\s*\n(.*?)(?=^## |\Z)", self.doc, re.S | re.M)
        return m.group(1).strip() if m else ""


class Check:
    """Base class of a check.  Subclasses set ``id``, ``severity``, ``summary`` and a docstring."""

    id: str = ""
    severity: str = "warning"
    summary: str = ""

    @classmethod
    def rule_doc(cls) -> RuleDoc:
        return RuleDoc(cls.id, cls.severity, cls.summary, inspect.cleandoc(cls.__doc__ or ""))


_CACHE: dict[str, type] = {}


def check_class(rule_id: str) -> type:
    if rule_id not in _CACHE:
        module = importlib.import_module(CHECK_MODULES[rule_id])
        found: Optional[type] = None
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, Check) and obj is not Check and obj.id == rule_id:
                found = obj
        if found is None:
            raise LookupError(f"module {CHECK_MODULES[rule_id]} defines no check with id {rule_id!r}")
        _CACHE[rule_id] = found
    return _CACHE[rule_id]


def rule_ids() -> list[str]:
    return list(CHECK_MODULES)


def rule_docs() -> list[RuleDoc]:
    """Every rule's documentation, in registry order."""
    return [check_class(rid).rule_doc() for rid in CHECK_MODULES]


def rule_doc(rule_id: str) -> RuleDoc:
    if rule_id not in CHECK_MODULES:
        raise KeyError(rule_id)
    return check_class(rule_id).rule_doc()


def default_severity(rule_id: str) -> str:
    return check_class(rule_id).severity

