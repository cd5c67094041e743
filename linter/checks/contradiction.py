from .registry import Check
from .base import Hit, quote


# Candidates must cover at least this much of the draft clause before their own coverage
# (which needs the unit built from its analysis) is looked at.
CANDIDATE_FLOOR = 0.15


class Contradiction(Check):
    """## What it does
    Flags a sentence that asserts the opposite of an approved line about the same thing:
    a negation added or dropped (`some staff will be laid off` against `no employee will be
    laid off`), an antonym (`mandatory` against `voluntary`, `finished` against `ongoing`),
    or an opposite assessment (`hardly matters` against `matters`).  Antonym pairs, negating
    verbs (`deny`, `rule out`) and negative phrases (`too early to`) come from the rule pack.

    ## Why is this bad?
    Saying the opposite of the approved line is the most damaging drift there is: both
    statements are on the record and the office has to retract one.

    ## Example
    Story time is mandatory for every family.

    ## Use instead
    Story time is voluntary and free for every family.
    """

    id = "contradiction"
    severity = "error"
    summary = "The sentence asserts the opposite of an approved line."

    def run(self, ev, ctx):
        for ce in ev.clauses:
            if not ce.clause.concepts or ce.clause.aside:
                continue
            cl = ce.clause
            ranked = ctx.index.ranked(cl.concepts, "approved", levels=("clause", "line"),
                                      expand=ctx.antonyms_of, memo_tag="antonyms", limit=20,
                                      min_score=CANDIDATE_FLOOR)
            if not ranked:
                continue
            same = ctx.t("same_claim")
            # Either side may say more: a short approved line ("Participation is voluntary.")
            # is the same claim when the draft says all of it.
            mine = _clause_keys(cl, ctx)
            scored = sorted(((max(m.score, ctx.index.content_coverage(m.uid, mine)), m) for m in ranked),
                            key=lambda sm: (-sm[0], sm[1].uid))
            best_same, best_opp = 0.0, None
            # Best first: the first candidate of each polarity decides, and an opposite one
            # after the first agreeing one can no longer outscore it.
            for score, m in scored:
                if score < same:
                    break
                if not opposite_polarity(cl, ctx.index.concepts_of(m.uid), ctx.antonym_stems):
                    best_same = score
                    break
                if best_opp is None:
                    best_opp = (score, m.uid)
            if best_opp and best_opp[0] > best_same + 0.02 and _shares_predicate(cl, best_opp[1], ctx):
                line = ctx.index.line_of(best_opp[1])
                return [Hit(self.id, cl.start, cl.end,
                            f"asserts the opposite of the approved line \"{quote(line.display, 90)}\"",
                            (line,), line.display)]
        return []


def opposite_polarity(clause, theirs, pairs) -> bool:
    """Do the shared predicates disagree in polarity more often than they agree?

    Each concept of ``clause`` is paired with the concept of ``theirs`` (the other side's
    concepts) that shares a key with it (or is its antonym, which flips the comparison).
    Only predicates are compared: verbs, adjectives, and nouns a negation applies to
    directly ("no impact").
    """
    antonyms = pairs if isinstance(pairs, (set, frozenset)) else set(pairs)
    agree = disagree = 0
    for c in clause.concepts:
        if c.light and not c.pred:
            continue  # light verbs ("want", "make") still carry a polarity
        keys = c.keyset
        verdicts = []
        for m in theirs:
            flip = (c.stem, m.stem) in antonyms
            if not flip and keys.isdisjoint(m.keyset):
                continue
            if c.pred or m.pred:
                verdicts.append((c.neg ^ flip) == m.neg)
        if verdicts:
            # the unit may use the word twice ("we wanted ... we did not want"): one
            # occurrence with the same polarity is enough to agree
            if any(verdicts):
                agree += 1
            else:
                disagree += 1
    return disagree > agree


def _clause_keys(clause, ctx) -> frozenset:
    """The clause's keys and their antonyms."""
    return frozenset().union(*((c.keyset | ctx.antonyms_of(c)) for c in clause.concepts))


def _shares_predicate(clause, uid: int, ctx) -> bool:
    """The overlap must be about the same thing: at least two shared content words (or
    antonyms), one of them a verb, adjective or common noun rather than a name."""
    keys = ctx.index.units[uid].keys
    shared = [c for c in clause.concepts if not c.light
              and not (c.keyset | ctx.antonyms_of(c)).isdisjoint(keys)]
    return len(shared) >= 2 and any(c.pos in ("VERB", "ADJ", "NOUN", "ADV") for c in shared)
