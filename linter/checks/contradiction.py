from .registry import Check


class Contradiction(Check):
    """## What it does
    Flags a sentence that asserts the opposite of an approved line about the same thing:
    a negation added or dropped (`has been made` against `no decision has been made`), an
    antonym (`mandatory` against `voluntary`, `concluded` against `ongoing`), or an opposite
    assessment (`would barely notice` against `would be felt`).  Antonym pairs, negating
    verbs (`deny`, `rule out`) and negative phrases (`too early to`) come from the rule pack.

    ## Why is this bad?
    Saying the opposite of the approved line is the most damaging drift there is: both
    statements are on the record and the office has to retract one.

    ## Example
    Participation in the preparatory course is mandatory.

    ## Use instead
    Participation is voluntary.
    """

    id = "contradiction"
    severity = "error"
    summary = "The sentence asserts the opposite of an approved line."
