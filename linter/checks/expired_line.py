from .registry import Check
from .base import Hit


class ExpiredLine(Check):
    """## What it does
    Flags a sentence whose only supporting approved line comes from a document past its
    `expires` date (judged on `--as-of`, by default today).

    ## Why is this bad?
    Approved lines expire because facts change: an expired line may no longer be true or
    may no longer be the position.

    ## Example
    No library employee will be laid off during the renovation.
    (the quick response that approved this line expired last month)

    ## Use instead
    Get the document re-approved, or use a current line.
    """

    id = "expired-line"
    severity = "warning"
    summary = "The only supporting line comes from an expired document."
    scope = "sentence"
    precedence = 70
    verdict = "drifted"
    thresholds = ("support",)

    def run(self, ev, ctx):
        for ce in ev.clauses:
            if not ce.judged or ce.support < ctx.t("support"):
                continue
            top = [m.uid for m in ce.approved if m.score >= ctx.t("support")]
            docs = {ctx.index.doc_of(uid) for uid in top}
            current = [d for d in docs if not ctx.index.info(d).is_expired(ctx.as_of)]
            if docs and not current:
                doc = ctx.index.info(ctx.index.doc_of(top[0]))
                line = ctx.index.best_line(top[0], ce.clause.concepts)
                return [Hit(self.id, ce.clause.start, ce.clause.end,
                            f"supported only by {doc.id}, which expired on {doc.expires.isoformat()}", (line,))]
        return []
