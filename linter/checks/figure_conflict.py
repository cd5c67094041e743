from .registry import Check
from .base import figure_hit


class FigureConflict(Check):
    """## What it does
    Flags a figure that an approved line supports while another approved line, about the
    same thing, gives a different value for the same quantity (the same counted noun,
    bound to the same predicate).  The corpus disagrees with itself, so "supported"
    would hide half the evidence: the finding cites both lines.

    ## Why is this bad?
    Whichever value the draft uses, one approved document says otherwise; the office
    has to decide which figure stands before the draft goes out, and fix the corpus.

    ## Example
    Last year the partner's arms-sales budget was $1.2B.
    (one approved line says $1.2B, another says "the $1B arms-sales budget last year")

    ## Use instead
    Confirm the figure with the owners of both documents, correct the corpus, then use
    the figure that stands.
    """

    id = "figure-conflict"
    severity = "warning"
    summary = "A figure is approved in one line and contradicted by another approved line."
    scope = "figure"
    precedence = 80
    caveat = True

    def run(self, ev, ctx):
        out = []
        for fe in ev.figures:
            if fe.status != "supported" or fe.rival is None or fe.line is None:
                continue
            a, b = fe.line, fe.rival_line
            out.append(figure_hit(
                self.id, fe.figure,
                f"{fe.figure.display()} is approved at {a.path}:{a.line}, but {b.path}:{b.line} "
                f"gives {fe.rival.display()} for the same {fe.rival.counts or fe.rival.kind}",
                (a, b), None))
        return out
