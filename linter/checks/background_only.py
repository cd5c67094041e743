from .registry import Check


class BackgroundOnly(Check):
    """## What it does
    Flags a claim, or a figure, that is supported only by a document's Background section
    (or its preamble guidance), not by any approved answer.

    ## Why is this bad?
    Background is context for the speaker and is not for public use: it may be internal,
    pre-decisional or sensitive ("must not be discussed").

    ## Example
    The study team's internal analysis projects about $112 million in one-time costs.

    ## Use instead
    Say only what the approved answers say, or leave the point out.
    """

    id = "background-only"
    severity = "warning"
    summary = "A claim found only in Background material, which is not for public use."
