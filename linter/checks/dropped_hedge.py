from ..analysis.index import is_hedged
from .registry import Check
from .base import Hit


class DroppedHedge(Check):
    """## What it does
    Flags a sentence that restates an approved line but drops its hedge or attribution
    (`allegedly`, `preliminary`, `estimates`, `is expected`, `according to ...`,
    `consistent with`, `whenever possible`), turning a qualified statement into a flat
    assertion.  Hedge vocabularies come from the rule pack.

    ## Why is this bad?
    The hedge is part of the approved line: it is what makes the line true and defensible.
    Without it, an estimate becomes a promise and an allegation becomes a finding.

    ## Example
    The lower deck has corrosion that affects its load capacity.

    ## Use instead
    According to the preliminary engineering inspection, the lower deck shows signs of
    corrosion that could affect its load capacity.
    """

    id = "dropped-hedge"
    severity = "warning"
    summary = "Restates an approved line but drops its hedge or attribution."
    scope = "sentence"
    precedence = 60
    verdict = "drifted"
    thresholds = ("same_claim", "hedge_near_best")

    def run(self, ev, ctx):
        if ev.analysed.hedged():
            return []
        for ce in ev.clauses:
            if not ce.judged or ce.support < ctx.t("same_claim"):
                continue
            top = [m.uid for m in ce.approved if m.score >= ce.support - ctx.t("hedge_near_best") and m.level != "answer"]
            if not top or not all(is_hedged(ctx.index.hedges_of(uid)) for uid in top):
                continue
            line = ctx.index.line_of(top[0])
            terms = ", ".join(sorted({t for k, t in ctx.index.hedges_of(top[0]) if k in ("attribution", "epistemic")}))
            return [Hit(self.id, ce.clause.start, ce.clause.end,
                        f"restates an approved line but drops its hedge ({terms})", (line,), line.display)]
        return []
