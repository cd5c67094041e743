"""The stable rule IDs: one table from each ID to the module that implements its check.

It is data only, so the layers below the checks (the rule pack, the configuration) can
tell a known rule from a typo without importing any check.  The order is the order rules
are listed in (``msglint rules``, SARIF); which rule wins on a sentence is each check's
own ``precedence`` (see :mod:`linter.checks.registry`).  IDs never change once released.
"""
from __future__ import annotations

RULES: dict[str, str] = {
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
