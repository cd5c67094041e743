from .registry import Check
from .base import Hit


class OffPosture(Check):
    """## What it does
    Notes, once per draft and document, that the draft raises a topic whose public-affairs
    posture is respond-to-query only (RTQ).

    ## Why is this bad?
    An RTQ topic is answered when asked, not raised proactively.  Raising it in a speech or
    release may be fine, but it should be a decision, not an accident.

    ## Example
    The garage will stay closed until repairs are complete.
    (an approved line, volunteered from a quick response whose posture is RTQ)

    ## Use instead
    Drop the topic from the proactive draft, or confirm that the posture has changed.
    """

    id = "off-posture"
    severity = "info"
    summary = "The draft raises a topic whose posture is respond-to-query only."
    scope = "post"
    precedence = 100
    thresholds = ("support",)

    def run(self, ev, ctx):
        for ce in ev.clauses:
            if not ce.judged or ce.support < ctx.t("support") or ce.best is None:
                continue
            doc = ctx.index.info(ctx.index.doc_of(ce.best))
            if doc.posture == "rtq" and doc.id not in ctx.raised_rtq:
                ctx.raised_rtq.add(doc.id)
                line = ctx.index.best_line(ce.best, ce.clause.concepts)
                return [Hit(self.id, ce.clause.start, ce.clause.end,
                            f"raises '{doc.title}', whose posture is respond-to-query only", (line,))]
        return []
