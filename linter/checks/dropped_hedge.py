import re
from typing import Optional

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
            hedge_terms = sorted({t for k, t in ctx.index.hedges_of(top[0]) if k in ("attribution", "epistemic")})
            terms = ", ".join(hedge_terms)
            return [Hit(self.id, ce.clause.start, ce.clause.end,
                        f"restates an approved line but drops its hedge ({terms})", (line,),
                        restored(ev.analysed.text, line.display, hedge_terms) or line.display)]
        return []


#: An attribution that opens a sentence: "According to the county, ...", "Based on the
#: review completed to date, ...".
_OPENING_ATTRIBUTION = re.compile(r"^((?:according to|based on|as reported by)\b[^,;:]{1,100},)\s+", re.I)


def restored(sentence: str, approved: str, terms=()) -> Optional[str]:
    """The draft's sentence with the approved line's opening attribution put back, when that
    is all it dropped ("The Army was not involved." -> "According to the investigation,
    the Army was not involved."); None when the fix is not that mechanical (a hedge inside
    the line, such as "alleged", is dropped too)."""
    m = _OPENING_ATTRIBUTION.match(approved)
    body = sentence.strip()
    if not m or not body or _OPENING_ATTRIBUTION.match(body):
        return None
    if any(t.lower() not in m.group(1).lower() for t in terms):
        return None
    first, _, rest = body.partition(" ")
    if first.isalpha() and first[0].isupper() and first[1:].islower() and first.lower() in _LOWER_FIRST:
        body = first.lower() + (" " + rest if rest else "")
    return f"{m.group(1)} {body}"


#: Sentence-initial words that are lowered after a restored attribution (a name stays as it is).
_LOWER_FIRST = {"the", "a", "an", "this", "that", "these", "those", "it", "they", "we", "there",
                "no", "none", "all", "some", "most", "many", "each", "every", "our", "its", "their"}
