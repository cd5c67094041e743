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
from typing import ClassVar, Optional

from ..ruleids import RULES

#: Check modules, by stable ID, in the order rules are listed (see :mod:`linter.ruleids`).
CHECK_MODULES = RULES

#: Where a check runs (its ``scope``):
#:
#: ``sentence``  each sentence that makes a claim;
#: ``figure``    each sentence, claim or not, for the figures it states ("for more
#:               information call 1-800-...", "did you know the budget was $1.5B?");
#: ``text``      each sentence's text, claim or not (the term rules);
#: ``post``      each claim sentence no ``verdict`` rule flagged, after the others ran;
#: ``draft``     once per draft, over its findings, after suppression comments applied
#:               (:meth:`Check.run_draft`).
SCOPES = ("sentence", "figure", "text", "post", "draft")

#: What ``msglint explain`` calls a sentence a ``verdict`` rule flagged.
VERDICTS = ("contradicted", "not covered", "drifted")


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
    """Base class of a check.  A subclass declares what the engine needs to run it:

    ``id``          the stable rule ID (a key of :data:`linter.ruleids.RULES`);
    ``severity``    the default severity (rule packs and configuration may override it);
    ``summary``     one line for ``msglint rules``; the docstring is the documentation;
    ``scope``       where it runs, one of :data:`SCOPES`;
    ``precedence``  lower runs first and wins: of the ``verdict`` rules that flag one
                    sentence only the one with the lowest precedence is kept;
    ``verdict``     what ``explain`` calls a sentence this rule flagged (one of
                    :data:`VERDICTS`), or None for a rule whose findings stand beside the
                    sentence's verdict (all of them are kept);
    ``caveat``      its findings qualify a "supported" verdict in ``explain``;
    ``thresholds``  the rule pack thresholds (``settings.yml``) it reads.

    ``run(ev, ctx)`` returns :class:`~linter.checks.base.Hit`s for one sentence; a
    ``draft`` check implements ``run_draft`` instead.
    """

    id: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    summary: ClassVar[str] = ""
    scope: ClassVar[str] = "sentence"
    precedence: ClassVar[int] = 100
    verdict: ClassVar[Optional[str]] = None
    caveat: ClassVar[bool] = False
    thresholds: ClassVar[tuple[str, ...]] = ()

    def run(self, ev, ctx) -> list:
        return []

    def run_draft(self, draft, directives, pack) -> list:
        """A ``draft`` check's findings (:class:`~linter.model.Finding`) for ``draft``,
        given its suppression comments (:class:`~linter.checks.suppress.Directive`, each
        with the rules it suppressed in ``used``)."""
        return []

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
        if found.scope not in SCOPES or (found.verdict is not None and found.verdict not in VERDICTS):
            raise LookupError(f"check {rule_id!r} declares an unknown scope or verdict")
        _CACHE[rule_id] = found
    return _CACHE[rule_id]


def rule_ids() -> list[str]:
    return list(CHECK_MODULES)


def by_precedence() -> list[type]:
    """Every check class, the one that wins first."""
    return sorted((check_class(rid) for rid in CHECK_MODULES), key=lambda cls: cls.precedence)


def rule_docs() -> list[RuleDoc]:
    """Every rule's documentation, in registry order."""
    return [check_class(rid).rule_doc() for rid in CHECK_MODULES]


def rule_doc(rule_id: str) -> RuleDoc:
    if rule_id not in CHECK_MODULES:
        raise KeyError(rule_id)
    return check_class(rule_id).rule_doc()
