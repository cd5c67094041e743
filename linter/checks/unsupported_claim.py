from .registry import Check
from .background_only import background_says_it
from .base import Hit


class UnsupportedClaim(Check):
    """## What it does
    Flags a factual claim or a commitment that no approved line supports: the draft goes
    beyond the lines.  A sentence is supported when its content words (lemmas, with the
    synonyms from the rule pack) are covered by an approved line or answer; each clause of
    a compound sentence must be supported on its own, so an approved first clause does not
    carry an unapproved second one.  Greetings, thanks, questions, transitions, headings
    and contact boilerplate make no claim and are never flagged.

    ## Why is this bad?
    A new commitment or fact that nobody vetted binds the organisation, and the speaker
    may not know whether it is true or releasable.

    ## Example
    The library will also offer free parking to every visitor.

    ## Use instead
    During the renovation, the branch on Oak Street will extend its hours to 9 PM on weekdays.
    (Keep to the approved lines, or get the new line approved first.)
    """

    id = "unsupported-claim"
    severity = "warning"
    summary = "A claim or commitment that no approved line supports."
    scope = "sentence"
    precedence = 40
    verdict = "not covered"
    thresholds = ("support", "support_with_figures", "suggestion_floor")

    def run(self, ev, ctx):
        has_figures = bool(ev.figures)
        figures_ok = has_figures and all(fe.status == "supported" for fe in ev.figures)
        for ce in ev.clauses:
            if not ce.judged:
                continue
            threshold = ctx.t("support_with_figures") if figures_ok and ce.clause.figures else ctx.t("support")
            if ce.support >= threshold:
                continue
            if background_says_it(ce, ctx):
                continue  # Background says it: that is background-only, not a new claim
            evidence = ()
            if ce.approved:
                evidence = (ctx.index.best_line(ce.approved[0].uid, ce.clause.concepts),)
            what = "commitment" if _is_commitment(ce.clause, ctx.pack) else "claim"
            msg = f"{what} not supported by any approved line (best match covers {ce.support:.0%})"
            return [Hit(self.id, ce.clause.start, ce.clause.end, msg, evidence,
                        evidence[0].display if evidence and ce.support >= ctx.t("suggestion_floor") else None)]
        return []


def _is_commitment(clause, pack) -> bool:
    """The clause commits to something: it has one of the pack's commitment lemmas
    (``rules/core/commitments.yml``)."""
    return not clause.lemmas.isdisjoint(pack.commitments.get("words", ()))
