"""Align one analysed draft sentence with the corpus: the facts every check reads.

For each clause: the approved and background units that cover it best.  For each figure:
whether an aligned approved line states the same value (supported), states another value
for the same thing (mismatch), or whether the value is found only in Background, or
nowhere.  Checks then only decide and word their findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable, Optional

from ..analysis.claims import Analysed, Clause, Concept
from ..analysis.figures import Figure, FigureFinder
from ..analysis.index import CorpusIndex, Match
from ..model import APPROVED, BACKGROUND, SourceLine

#: The rule pack thresholds (``settings.yml``) alignment reads; each check declares its own
#: (``Check.thresholds``).  Together they are the thresholds a pack may set.
THRESHOLDS = ("figure_alignment", "min_clause_words")


@dataclass(frozen=True)
class ClauseEval:
    clause: Clause
    approved: tuple[Match, ...]  # best first
    background: tuple[Match, ...]
    support: float  # best approved coverage
    bg_support: float
    judged: bool  # has enough content of its own to be judged

    @property
    def best(self) -> Optional[int]:
        """The id of the unit that covers the clause best."""
        return self.approved[0].uid if self.approved else None


@dataclass(frozen=True)
class FigureEval:
    figure: Figure
    status: str  # "supported", "mismatch", "background", "unvetted", "ignored"
    other: Optional[Figure] = None  # the approved figure it differs from (mismatch)
    line: Optional[SourceLine] = None  # evidence line
    # supported, yet another approved line gives another value for the same quantity
    rival: Optional[Figure] = None
    rival_line: Optional[SourceLine] = None


@dataclass(frozen=True)
class SentenceEval:
    analysed: Analysed
    start: int  # offset of the sentence in the draft
    end: int
    clauses: tuple[ClauseEval, ...]
    figures: tuple[FigureEval, ...]
    unit: str = ""  # the kind of draft unit the sentence is in ("heading", "paragraph", "item" ...)


@dataclass
class Context:
    """What checks may read besides the sentence: the corpus index and the rule pack's
    vocabularies, and what they share across one draft."""

    index: CorpusIndex
    pack: object  # RulePack
    finder: FigureFinder
    as_of: object  # datetime.date
    is_opposite: Callable[[Concept, Concept], bool] = lambda a, b: False  # noqa: E731 - antonyms
    antonyms_of: Callable[[Concept], frozenset] = lambda c: frozenset()  # noqa: E731
    term_patterns: list = field(default_factory=list)  # (TermRule, compiled patterns)
    # do two figures state the same quantity (see analysis.figures.quantity_test)
    same_quantity: Callable[[Figure, Figure], bool] = lambda a, b: False  # noqa: E731
    # are two predicate lemmas one predicate (see analysis.figures.predicate_test)
    same_predicate: Callable[[str, str], bool] = lambda a, b: a == b  # noqa: E731
    raised_rtq: set = field(default_factory=set)  # RTQ documents off-posture already reported

    def t(self, name: str) -> float:
        return self.pack.threshold(name)


def evaluate(an: Analysed, start: int, end: int, ctx: Context, unit: str = "") -> SentenceEval:
    idx = ctx.index
    min_words = ctx.t("min_clause_words")
    clauses = []
    for cl in an.clauses:
        heavy = [c for c in cl.concepts if not c.light]
        # every reader of these lists looks only at the best unit or at units scoring at
        # least the figure-alignment threshold (the lowest threshold any check uses)
        floor = ctx.t("figure_alignment")
        appr = tuple(idx.ranked(cl.concepts, APPROVED, min_score=floor)) if cl.concepts else ()
        back = tuple(idx.ranked(cl.concepts, BACKGROUND, limit=4, min_score=floor)) if cl.concepts else ()
        clauses.append(ClauseEval(
            clause=cl,
            approved=appr,
            background=back,
            support=appr[0].score if appr else 0.0,
            bg_support=back[0].score if back else 0.0,
            # a sentence that makes no claim is read only for its figures
            judged=len(heavy) >= min_words and not cl.aside and not an.nonclaim,
        ))
    figures = tuple(_with_rival(_figure_eval(f, an, clauses, ctx), an, clauses, ctx) for f in an.figures)
    return SentenceEval(an, start, end, tuple(clauses), figures, unit)


def _with_rival(fe: FigureEval, an: Analysed, clauses: list[ClauseEval], ctx: Context) -> FigureEval:
    """A supported figure, with the approved line aligned with its clause that gives
    another value for the same quantity, if there is one: the corpus disagrees with itself
    and the evidence must not hide it."""
    if fe.status != "supported" or fe.line is None:
        return fe
    idx, finder = ctx.index, ctx.finder
    ce = _clause_of(fe.figure, clauses)
    align = ctx.t("figure_alignment")
    for m in (ce.approved if ce else ()):
        if m.level == "answer" or m.score < align:
            continue
        rivals = [g for g in idx.figures_of(m.uid) if ctx.same_quantity(fe.other or fe.figure, g)
                  and not finder.same_value(fe.figure, g)
                  and not any(finder.same_value(d, g) for d in an.figures)]
        if rivals:
            line = idx.figure_line(m.uid, rivals[0])
            if line is not None and (line.path, line.line) != (fe.line.path, fe.line.line):
                return replace(fe, rival=rivals[0], rival_line=line)
    return fe


def _approved_elsewhere(fig: Figure, aligned, ctx: Context) -> bool:
    """Does an aligned approved line give ``fig``'s value for the same quantity?  Then the
    line ``fig`` is bound to and that one conflict, and which of the two the draft's words
    follow more closely must not decide between figure-conflict and figure-mismatch."""
    idx = ctx.index
    return any(_backs(ctx.finder, fig, g) and ctx.same_quantity(fig, g)
               for m in aligned for g in idx.figures_of(m.uid))


def _clause_of(fig: Figure, clauses: list[ClauseEval]) -> Optional[ClauseEval]:
    for ce in clauses:
        if ce.clause.start <= fig.start < ce.clause.end:
            return ce
    return clauses[0] if clauses else None


def _figure_eval(fig: Figure, an: Analysed, clauses: list[ClauseEval], ctx: Context) -> FigureEval:
    idx, finder = ctx.index, ctx.finder
    backs = partial(_backs, finder)
    ce = _clause_of(fig, clauses)
    align = ctx.t("figure_alignment")
    # Units aligned with the figure's clause, and with the whole sentence.
    aligned: list[Match] = []
    seen: set[int] = set()
    whole = idx.ranked(an.concepts, APPROVED, levels=("clause", "line"), min_score=align)
    for pool in ((ce.approved if ce else ()), tuple(whole)):
        for m in pool:
            if m.level != "answer" and m.score >= align and m.uid not in seen:
                seen.add(m.uid)
                aligned.append(m)
    aligned.sort(key=lambda m: (-m.score, m.uid))
    aligned = aligned[:4]

    # 0. A figure bound to the same predicate and role as an approved figure states the
    #    same quantity: it is compared with that figure first ("charged eight" against
    #    "of the eight, ... charged three": a mismatch, though the line also says eight;
    #    "starting in 2027" against "beginning in 2028": synonyms are one predicate).
    if fig.pred and fig.role:
        for m in aligned:
            bound = [g for g in idx.figures_of(m.uid) if g.role == fig.role and ctx.same_predicate(g.pred, fig.pred)
                     and _comparable(fig, g) and (not fig.counts or not g.counts or fig.counts == g.counts)]
            if bound:
                same = [g for g in bound if backs(fig, g)]
                if same:
                    return FigureEval(fig, "supported", same[0], idx.figure_line(m.uid, same[0]))
                if _approved_elsewhere(fig, aligned, ctx):
                    break  # another aligned line gives this value: supported (1.), and a conflict
                if not any(finder.same_value(d, g) for d in an.figures for g in bound):
                    g = min(bound, key=lambda g: (_distance(fig, g), g.start))
                    return FigureEval(fig, "mismatch", g, idx.figure_line(m.uid, g))
                break
    # 1. An aligned approved line states the same value: supported.
    for m in aligned:
        for g in idx.figures_of(m.uid):
            if backs(fig, g):
                return FigureEval(fig, "supported", g, idx.figure_line(m.uid, g))
    # 1b. "three of the eight": a ratio restates two counts of an aligned line
    for m in aligned:
        got = _ratio_as_counts(fig, idx.figures_of(m.uid), finder)
        if got is not None:
            status, g = got
            return FigureEval(fig, status, g, idx.figure_line(m.uid, g))
    # 1c. "from 1989 to 2007": a range whose two ends an aligned line states ("in 1989,
    #     2002 and 2007")
    for m in aligned:
        g = _range_as_ends(fig, idx.figures_of(m.uid))
        if g is not None:
            return FigureEval(fig, "supported", g, idx.figure_line(m.uid, g))
    # 2. Background aligned better than any approved line, with the same value.
    best_appr = aligned[0].score if aligned else 0.0
    for m in (ce.background if ce else ()):
        if m.score >= align and m.score >= best_appr:
            for g in idx.figures_of(m.uid):
                if backs(fig, g):
                    return FigureEval(fig, "background", g, idx.figure_line(m.uid, g))
    # 3. An aligned approved line gives another value for the same kind of thing, and the
    #    draft's value is not approved for that thing elsewhere.
    for m in aligned:
        figs = idx.figures_of(m.uid)
        if any(finder.same_value(fig, g) for g in figs):
            continue  # consistent with a figure of the line, only more precise: not a mismatch
        others = [g for g in figs if _comparable(fig, g)
                  and not any(finder.same_value(d, g) for d in an.figures)]
        if others and _vetted_for_its_thing(fig, m.uid, idx, backs):
            break  # step 4 finds the line that states it
        if others:
            g = min(others, key=lambda g: (_distance(fig, g), g.start))
            return FigureEval(fig, "mismatch", g, idx.figure_line(m.uid, g))
    # 4. The value is approved somewhere else in the corpus (context differs but the figure
    #    itself is vetted), or only in Background, or nowhere.
    hit = idx.same_figure(fig, APPROVED, backs)
    if hit:
        return FigureEval(fig, "supported", hit[0], idx.figure_line(hit[1], hit[0]))
    hit = idx.same_figure(fig, BACKGROUND, backs)
    if hit:
        return FigureEval(fig, "background", hit[0], idx.figure_line(hit[1], hit[0]))
    if fig.kind == "ordinal":
        return FigureEval(fig, "ignored", None, None)  # "5th Street", "3rd Brigade": names
    if _rhetorical_count(fig, an, ctx):
        return FigureEval(fig, "ignored", None, None)
    if fig.kind == "phone":
        # a contact number nobody approved is boilerplate, not a claim; a number that
        # differs from an approved one for the same thing was caught above (mismatch)
        return FigureEval(fig, "ignored", None, None)
    return FigureEval(fig, "unvetted", None, None)


def _vetted_for_its_thing(fig: Figure, uid: int, idx, backs) -> bool:
    """Is the draft's value approved for the same thing, though not in the aligned line
    ``uid``?  A count is, when an approved line gives the value counting the same noun
    ("143 million consumers" against a line about "209,000 consumers" whose document
    also says "143 million consumers"); a date or year, when the aligned line's document
    states it ("two deaths in 2014" against a line listing "1989, 2002 and 2007" whose
    document gives "February 2014").  A value the aligned line contradicts for its own
    predicate was found before this (step 0)."""
    if fig.kind in ("date", "year"):
        doc = idx.doc_of(uid)
        return idx.same_figure(fig, APPROVED, backs, where=lambda u: idx.doc_of(u) == doc) is not None
    if not fig.counts:
        return False
    return idx.same_figure(fig, APPROVED, lambda f, g: g.counts == f.counts and backs(f, g)) is not None


def _rhetorical_count(fig: Figure, an: Analysed, ctx: Context) -> bool:
    """"Two projects this year show ...": a small count spelled in words that opens the
    sentence, of a thing no line
    of the corpus (approved or Background) speaks of, is rhetoric and not a vetted figure;
    whether the sentence is supported is unsupported-claim's to say.  A count in digits, or
    of a thing the corpus names, stays a figure."""
    limit = float(ctx.finder.rhetorical_max)
    if fig.kind != "count" or not fig.counts or not limit or fig.value[0] > limit:
        return False
    if any(ch.isdigit() for ch in fig.text):
        return False
    if re.search(r"\w", an.text[:fig.start]):
        return False  # only a count that opens the sentence ("the last four digits" is a figure)
    counted = [c for c in an.concepts if c.lemma == fig.counts]
    if not counted:
        return False
    return not any(ctx.index.knows(k) for c in counted for k in c.keys())


def _ratio_as_counts(fig: Figure, figs, finder) -> Optional[tuple[str, Figure]]:
    """A ratio ("three of the eight", "4 out of 10") against a line that gives its parts as
    counts ("of those eight soldiers ... charged three of them"): supported when the line
    has both, a mismatch when it has the whole but another part."""
    if fig.kind != "ratio" or len(fig.value) != 2:
        return None
    part, whole = fig.value
    counts = [g for g in figs if g.kind == "count" and len(g.value) == 1]
    wholes = [g for g in counts if g.value[0] == whole]
    if not wholes:
        return None
    parts = [g for g in counts if g.value[0] == part and g is not wholes[0]]
    if parts:
        return "supported", parts[0]
    smaller = [g for g in counts if g.value[0] < whole]
    if smaller:
        return "mismatch", min(smaller, key=lambda g: (abs(g.value[0] - part), g.start))
    return None


def _range_as_ends(fig: Figure, figs) -> Optional[Figure]:
    """A range ("from 1989 to 2007", "between 12 and 19") against a line that states both
    its ends as figures of one kind: the figure giving its lower end, else None."""
    if fig.kind != "range" or len(fig.value) != 2:
        return None
    low, high = fig.value
    single = [g for g in figs if len(g.value) == 1 and isinstance(g.value[0], (int, float))
              and g.kind in ("year", "count")]
    for g in single:
        if float(g.value[0]) == low and any(float(h.value[0]) == high and h.kind == g.kind for h in single):
            return g
    return None


def _backs(finder, fig: Figure, approved: Figure) -> bool:
    """Does the approved figure back the draft's?  The same value, except that a date the
    draft gives to the day is not backed by an approved month without one ("February 5,
    2020" says more than "from February through July 2020")."""
    if fig.kind == approved.kind == "date" and fig.value[2] is not None and approved.value[2] is None:
        return False
    return finder.same_value(fig, approved)


def _comparable(a: Figure, b: Figure) -> bool:
    # a share and a percentage state one quantity ("three in four" against "60 percent")
    fam = lambda k: "amount" if k in ("count", "money") else "share" if k in ("ratio", "percent") else k  # noqa: E731
    if fam(a.kind) != fam(b.kind) or a.kind == "ordinal":
        return False
    if a.kind == "count" and b.kind == "count" and a.counts and b.counts and a.counts != b.counts:
        return False
    return True


def _distance(a: Figure, b: Figure) -> float:
    try:
        x, y = float(a.value[-1] or 0), float(b.value[-1] or 0)
        return abs(x - y) / max(abs(x), abs(y), 1.0)
    except (TypeError, ValueError):
        return 1.0
