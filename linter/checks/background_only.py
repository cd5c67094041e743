from .registry import Check
from .base import Hit, figure_hit, quote


class BackgroundOnly(Check):
    """## What it does
    Flags a claim, or a figure, that is supported only by a document's Background section
    (or its preamble guidance), not by any approved answer.

    ## Why is this bad?
    Background is context for the speaker and is not for public use: it may be internal,
    pre-decisional or sensitive ("must not be discussed").

    ## Example
    The architect's estimate puts furniture costs at about $2.3 million.

    ## Use instead
    Say only what the approved answers say, or leave the point out.
    """

    id = "background-only"
    severity = "warning"
    summary = "A claim found only in Background material, which is not for public use."
    scope = "figure"
    precedence = 50
    verdict = "not covered"
    thresholds = ("background", "support", "background_margin", "background_dominance")

    def run(self, ev, ctx):
        hits = [
            figure_hit(self.id, fe.figure,
                       f"figure {fe.figure.display()} comes only from Background material, not from an approved answer",
                       (fe.line,))
            for fe in ev.figures if fe.status == "background"
        ]
        if hits:
            return hits
        for ce in ev.clauses:
            if not ce.judged or not ce.background:
                continue
            if background_says_it(ce, ctx):
                line = ctx.index.best_line(ce.background[0].uid, ce.clause.concepts)
                return [Hit(self.id, ce.clause.start, ce.clause.end,
                            f"supported only by Background (not for public use): \"{quote(line.display, 90)}\"",
                            (line,))]
        return []


def background_says_it(ce, ctx) -> bool:
    """Background covers the clause, and either no approved line does or Background covers
    it far better than any approved line (a partly overlapping approved line does not make
    a Background fact public)."""
    if ce.bg_support < ctx.t("background"):
        return False
    if ce.support < ctx.t("support"):
        return ce.bg_support >= ce.support + ctx.t("background_margin")
    return ce.bg_support >= ce.support + ctx.t("background_dominance")
