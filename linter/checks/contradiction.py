from ..analysis.polarity import opposite_polarity
from ..model import STANCE
from .registry import Check
from .base import Hit, quote


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
    scope = "sentence"
    precedence = 10
    verdict = "contradicted"
    thresholds = ("same_claim", "contradiction_floor", "contradiction_margin")

    def run(self, ev, ctx):
        # Candidates must cover at least contradiction_floor of the draft clause before
        # their own coverage (which needs the unit built from its analysis) is looked at;
        # an opposite line must beat a same-polarity one by contradiction_margin.
        floor, margin = ctx.t("contradiction_floor"), ctx.t("contradiction_margin")
        for ce in ev.clauses:
            if not ce.clause.concepts or ce.clause.aside:
                continue
            cl = ce.clause
            ranked = ctx.index.ranked(cl.concepts, "approved", levels=("clause", "line"),
                                      expand=ctx.antonyms_of, memo_tag="antonyms", limit=20,
                                      min_score=floor)
            if not ranked:
                continue
            same = ctx.t("same_claim")
            # Either side may say more: a short approved line ("Participation is voluntary.")
            # is the same claim when the draft says all of it.
            mine = _clause_keys(cl, ctx)
            # Ties go to the unit that covers more of the draft clause: a two-word unit the
            # clause happens to contain all of is not a better match than the whole line.
            scored = sorted(((max(m.score, ctx.index.content_coverage(m.uid, mine)), m) for m in ranked),
                            key=lambda sm: (-sm[0], -sm[1].score, sm[1].uid))
            best_same, best_opp = (0.0, 0.0), None
            # Best first: the first candidate of each polarity decides, and an opposite one
            # after the first agreeing one can no longer outscore it.
            for score, m in scored:
                if score < same:
                    break
                stance = ctx.index.line_of(m.uid).kind == STANCE
                if not opposite_polarity(cl, ctx.index.concepts_of(m.uid), ctx.is_opposite, stance):
                    best_same = (score, m.score)
                    break
                if best_opp is None:
                    best_opp = (score, m.uid, m.score)
            beats = best_opp is not None and (
                best_opp[0] > best_same[0] + margin
                or (best_opp[0] >= best_same[0] and best_opp[2] > best_same[1] + margin))
            if beats and _shares_predicate(cl, best_opp[1], ctx):
                line = ctx.index.line_of(best_opp[1])
                return [Hit(self.id, cl.start, cl.end,
                            f"asserts the opposite of the approved line \"{quote(line.display, 90)}\"",
                            (line,), line.display)]
            # A negated clause ("halts the deployment", "will not proceed") that no approved
            # line supports, whose best aligned line affirms the same predicate: the finding
            # is that it denies that line, not that it is new.
            if cl.negations and ce.judged and ce.support < ctx.t("support"):
                for score, m in scored:
                    if m.score < ctx.t("figure_alignment"):
                        break
                    stance = ctx.index.line_of(m.uid).kind == STANCE
                    if (opposite_polarity(cl, ctx.index.concepts_of(m.uid), ctx.is_opposite, stance)
                            and _shares_predicate(cl, m.uid, ctx)):
                        line = ctx.index.line_of(m.uid)
                        return [Hit(self.id, cl.start, cl.end,
                                    f"denies the approved line \"{quote(line.display, 90)}\"",
                                    (line,), line.display)]
                    break  # only the best aligned line decides
        return []


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
