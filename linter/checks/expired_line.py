from .registry import Check


class ExpiredLine(Check):
    """## What it does
    Flags a sentence whose only supporting approved line comes from a document past its
    `expires` date (judged on `--as-of`, by default today).

    ## Why is this bad?
    Approved lines expire because facts change: an expired line may no longer be true or
    may no longer be the position.

    ## Example
    A sentence supported only by a quick response that expired last month.

    ## Use instead
    Get the document re-approved, or use a current line.
    """

    id = "expired-line"
    severity = "warning"
    summary = "The only supporting line comes from an expired document."
