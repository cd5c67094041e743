"""Polarity across two analysed texts: does a clause say the opposite of another line?

Read by the ``contradiction`` check and by the corpus self-check, so that "opposite"
means one thing for a draft against the corpus and for the corpus against itself.
"""
from __future__ import annotations


def opposite_polarity(clause, theirs, is_opposite, stance: bool = False) -> bool:
    """Do the shared predicates disagree in polarity more often than they agree?

    Each concept of ``clause`` is paired with the concept of ``theirs`` (the other side's
    concepts) that shares a key with it (or is its antonym, which flips the comparison).
    Only predicates are compared: verbs, adjectives, and nouns a negation applies to
    directly ("no impact").  Against a ``stance`` (a question with the polarity of its
    answer, where every content word carries that polarity) only the clause's own
    predicates are compared: its arguments are not what it affirms or denies.
    """
    agree = disagree = 0
    for c in clause.concepts:
        if (c.light or stance) and not c.pred:
            continue  # light verbs ("want", "make") still carry a polarity
        keys = c.keyset
        verdicts = []
        for m in theirs:
            flip = is_opposite(c, m)
            if not flip and keys.isdisjoint(m.keyset):
                continue
            if c.pred or m.pred:
                verdicts.append(((c.neg ^ flip) == m.neg, flip))
        if verdicts:
            # the unit may use the word twice ("we wanted ... we did not want"): one
            # occurrence with the same polarity is enough to agree
            if any(v for v, _ in verdicts):
                agree += 1
            else:
                # an antonym in place of the approved word ("least" for "most") is the
                # clause's point; the words around it agree by construction
                disagree += 2 if any(flip for _, flip in verdicts) else 1
    return disagree > agree
