from .registry import Check
from .base import figure_hit


class UnvettedFigure(Check):
    """## What it does
    Flags a figure that appears in no approved line: no approved line gives that value, and
    no approved line gives a figure for the same thing.  A figure found only in a document's
    Background section is reported as `background-only` instead.

    ## Why is this bad?
    Every number said in public has to be vetted.  A figure nobody approved may be wrong,
    out of date or not releasable, and it commits the office to defending it.

    ## Example
    The new building will hold 120,000 books.

    ## Use instead
    Leave the figure out, or get it approved and added to the corpus first.
    """

    id = "unvetted-figure"
    severity = "error"
    summary = "A figure that no approved line gives."
    scope = "figure"
    precedence = 30
    verdict = "not covered"

    def run(self, ev, ctx):
        return [
            figure_hit(self.id, fe.figure, f"figure {fe.figure.display()} is not in any approved line")
            for fe in ev.figures if fe.status == "unvetted"
        ]
