from .registry import Check


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
    The command will reimburse affected individuals for any financial losses.

    ## Use instead
    Keep to the approved lines, or get the new line approved first.
    """

    id = "unsupported-claim"
    severity = "warning"
    summary = "A claim or commitment that no approved line supports."
