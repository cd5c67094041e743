from ..model import Finding
from ..ruleids import RULES
from ..sentences import line_starts, position
from .registry import Check

ALL = "*"  # what a comment naming no rule switches off (see linter.checks.suppress)


class UnusedSuppression(Check):
    """## What it does
    Reports a `msglint-disable` comment that suppressed nothing, like ruff's unused-noqa.

    ## Why is this bad?
    Stale suppressions pile up and later hide real findings.

    ## Example
    <!-- msglint-disable-next-line figure-mismatch -->
    Thank you all for coming.

    ## Use instead
    Remove the comment.
    """

    id = "unused-suppression"
    severity = "info"
    summary = "A suppression comment that suppresses nothing."
    scope = "draft"
    precedence = 110

    def run_draft(self, draft, directives, pack) -> list[Finding]:
        severity = pack.severity.get(self.id, self.severity) if pack is not None else self.severity
        starts = line_starts(draft.text)
        out = []
        for d in directives:
            if d.kind == "enable":
                for key in d.rules:
                    if key not in RULES:
                        out.append(self._finding(draft, starts, d, severity,
                                                 f"msglint-enable names unknown rule '{key}'"))
                continue
            for key in d.rules or (ALL,):
                if key != ALL and key not in RULES:
                    out.append(self._finding(draft, starts, d, severity,
                                             f"suppression of unknown rule '{key}' suppresses nothing"))
                elif key not in d.used:
                    what = "all rules" if key == ALL else key
                    out.append(self._finding(draft, starts, d, severity, f"suppression of {what} suppressed nothing"))
        return out

    def _finding(self, draft, starts, d, severity: str, message: str) -> Finding:
        line, col = position(starts, d.start)
        end_line, end_col = position(starts, d.end)
        snippet = " ".join(draft.text[d.start:d.end].split())
        return Finding(self.id, severity, message, draft.path, d.start, d.end, line, col, end_line, end_col,
                       suggestion=None, sentence=snippet)
