from .registry import Check


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

    # Findings of this rule are produced by linter.checks.suppress after the other checks ran.
    def run(self, ev, ctx):
        return []
