from .registry import Check


class UnvettedFigure(Check):
    """## What it does
    Flags a figure that appears in no approved line: no approved line gives that value, and
    no approved line gives a figure for the same thing.  A figure found only in a document's
    Background section is reported as `background-only` instead.

    ## Why is this bad?
    Every number said in public has to be vetted.  A figure nobody approved may be wrong,
    out of date or not releasable, and it commits the office to defending it.

    ## Example
    About 1,200 of those records belong to families who are still moving.

    ## Use instead
    Leave the figure out, or get it approved and added to the corpus first.
    """

    id = "unvetted-figure"
    severity = "error"
    summary = "A figure that no approved line gives."
