from .registry import Check
from .base import figure_hit


class FigureMismatch(Check):
    """## What it does
    Flags a figure in the draft that counts the same thing as a figure in an approved line
    (same kind of quantity, same context) but with another value: a budget, a date, a count,
    a percentage, a duration, a ratio or a phone number.

    Other ways of writing the same value are not flagged: `$1B` = `$1 billion` =
    `one billion dollars`, `24 months` = `two years`, `91 of 122` = `91 out of 122`.

    ## Why is this bad?
    A wrong figure gets quoted, repeated and fact-checked, and the correction never travels
    as far as the mistake.

    ## Example
    The renovation budget is $81 million, funded by the 2024 bond measure.

    ## Use instead
    The renovation budget is $18 million, funded by the 2024 bond measure.
    """

    id = "figure-mismatch"
    severity = "error"
    summary = "A figure differs from the approved figure for the same thing."
    scope = "figure"
    precedence = 20
    verdict = "contradicted"

    def run(self, ev, ctx):
        return [
            figure_hit(self.id, fe.figure,
                       f"draft says {fe.figure.display()}; approved line says {fe.other.display()}",
                       (fe.line,), repaired(ev.analysed.text, fe.figure, fe.other))
            for fe in ev.figures if fe.status == "mismatch"
        ]


def repaired(sentence: str, figure, approved) -> str:
    """The draft's own sentence with the approved figure put in place of its figure: the
    mechanical fix ("... budget was $1.5 billion." -> "... budget was $1B.")."""
    return " ".join((sentence[:figure.start] + approved.display() + sentence[figure.end:]).split())
