from .registry import Check
from .background_only import background_says_it
from .base import Hit


class UnsupportedClaim(Check):
    """## What it does
    Flags a factual claim or a commitment that no approved line supports: the draft goes
    beyond the lines.  A sentence is supported when its content words (lemmas, with the
    synonyms from the rule pack) are covered by an approved line or answer; each clause of
    a compound sentence must be supported on its own, so an approved first clause does not
    carry an unapproved second one, and a clause may join what two or three approved lines
    of one document say.  A frame ("Let me be clear:", "as we announced,",
    "..., officials said") is not judged, the claim it carries is; clauses of thanks,
    feeling, request, "no comment" or a promise of updates, questions, headings and
    contact boilerplate make no claim and are never flagged (their figures are checked).

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
            if any(fe.status == "background" and ce.clause.start <= fe.figure.start < ce.clause.end
                   for fe in ev.figures):
                continue  # its figure comes from Background: the clause restates Background
            if summarises(ce, ctx):
                continue  # it joins what two or three approved lines of one document say
            evidence = ()
            if ce.approved:
                evidence = (ctx.index.best_line(ce.approved[0].uid, ce.clause.concepts),)
            what = "commitment" if _is_commitment(ce.clause, ctx.pack) else "claim"
            msg = f"{what} not supported by any approved line (best match covers {ce.support:.0%})"
            return [Hit(self.id, ce.clause.start, ce.clause.end, msg, evidence,
                        evidence[0].display if evidence and ce.support >= ctx.t("suggestion_floor") else None)]
        return []


#: How many approved lines of one document a summary may draw on.
SUMMARY_LINES = 3


def summarises(ce, ctx) -> bool:
    """Does the clause join what several approved lines of one document say?  Reporting
    joins lines ("The work by Coastline Marine under contract with the city is paid by
    the state" for "The work is done by Coastline Marine, under contract with the city"
    and "The project costs $4.2 million, paid by the state"), and so does a headline.  It
    is supported when up to ``SUMMARY_LINES`` lines of one document, each aligned with the
    clause (``figure_alignment``) and each adding words the others lack, together cover as
    much of it as one line must (``support``).  Measured on the dev pool (22 cases):
    false flags 0.276 -> 0.262 at recall 0.901 -> 0.900; before, only headlines were
    read this way."""
    idx = ctx.index
    floor, need = ctx.t("figure_alignment"), ctx.t("support")
    by_doc: dict[str, list] = {}
    for m in ce.approved:
        if m.level != "answer" and m.score >= floor:
            by_doc.setdefault(idx.doc_of(m.uid), []).append(m)
    for doc in sorted(by_doc):
        keys: frozenset = frozenset()
        used = 0
        for m in by_doc[doc]:
            unit_keys = idx.units[m.uid].keys
            if unit_keys <= keys:
                continue
            keys |= unit_keys
            used += 1
            if used == SUMMARY_LINES:
                break
        if used >= 2 and idx.coverage(ce.clause.concepts, keys) >= need:
            return True
    return False


def _is_commitment(clause, pack) -> bool:
    """The clause commits to something: it has one of the pack's commitment lemmas
    (``rules/core/commitments.yml``)."""
    return not clause.lemmas.isdisjoint(pack.commitments.get("words", ()))
