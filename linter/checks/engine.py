"""The check engine: analyse the corpus once, then judge each draft sentence.

``Engine(corpus, pack)`` analyses every approved and background line (through the on-disk
cache when there is one) and builds the :class:`~linter.analysis.index.CorpusIndex`.
``Engine.check(text, path)`` splits the draft into sentences, analyses them in one
``nlp.pipe`` pass, aligns each with the corpus (:mod:`.evaluate`), runs every enabled check
and keeps one finding per sentence: of the rules that declare a ``verdict``, the one with
the lowest ``precedence`` wins; the others' findings are all kept.  The engine names no
rule: what it knows of a check is what the check declares (see
:class:`~linter.checks.registry.Check`).

Callers outside the package want :class:`linter.api.Linter`, which opens the corpus
through its snapshot and adds what the command line reports besides the engine's
findings (suppression comments, notices about each draft).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import Callable, Optional

from ..analysis.claims import FRAME, TITLE
from ..analysis.figures import predicate_test, quantity_test
from ..analysis.pipeline import parse_ahead, vocabulary
from ..analysis.store import analyse_corpus
from ..drafts import parse
from ..model import Draft, Evidence, Finding, Unjudged, Verdict
from ..rulepack import compile_re2, load_rules
from ..sentences import line_starts, position
from .base import Hit
from .evaluate import Context, SentenceEval, evaluate
from .registry import by_precedence, check_class

SUPPORTED_REASON = "every clause and figure is covered by approved lines"

# Scopes whose checks also read sentences that make no claim (see registry.SCOPES).
_ANY_SENTENCE = ("figure", "text")
# Units whose verbless, figure-less lines are titles; elsewhere (list items, table rows and
# cells, quotations) such a line is a claim.
TITLE_UNITS = ("heading", "paragraph", "html")


class Engine:
    def __init__(self, corpus=None, pack=None, model: Optional[str] = None,
                 as_of: Optional[_dt.date] = None, cache=None, index=None):
        """Check drafts against ``corpus`` (a :class:`~linter.model.Corpus`), or against an
        already built ``index`` (see :func:`linter.analysis.store.open_corpus`)."""
        self.pack = pack if pack is not None else load_rules()
        self.model = model
        self.as_of = as_of or _dt.date.today()
        if index is None:
            if corpus is None:
                raise TypeError("Engine needs a corpus or an index")
            index = analyse_corpus(corpus, self.pack, model, cache).index
        self.index = index
        self.corpus = index.corpus
        vocab = vocabulary(self.pack)
        self.finder = vocab.finder
        enabled = [cls() for cls in by_precedence() if cls.id not in self.pack.disable]
        # run per sentence, the winner first; "post" checks run after, on a sentence no
        # verdict rule flagged ("draft" checks run over the draft's findings, see suppress)
        self.checks = [c for c in enabled if c.scope in ("sentence",) + _ANY_SENTENCE]
        self.post_checks = [c for c in enabled if c.scope == "post"]
        self.vocab = vocab
        self.term_patterns = [
            (rule, [compile_re2(rf"\b(?:{p})\b", rule.ignorecase) for p, _ in rule.patterns])
            for rule in self.pack.terms
        ]

    def antonyms_of(self, concept) -> frozenset:
        """Stems that are antonyms of the concept (rule pack pairs and WordNet): they count
        as the same topic when looking for a contradiction."""
        return self.vocab.opposites_of(concept)

    # ------------------------------------------------------------------------------------
    def _context(self) -> Context:
        return Context(self.index, self.pack, self.finder, self.as_of, self.vocab.is_opposite,
                       self.antonyms_of, self.term_patterns,
                       same_quantity=quantity_test(getattr(self.vocab, "lexicon", None)),
                       same_predicate=predicate_test(getattr(self.vocab, "lexicon", None)))

    def evaluated(self, draft, ctx: Optional[Context] = None, analyses=None):
        """``(sentence, analysis, evaluation)`` for each sentence of ``draft`` (a
        :class:`~linter.model.Draft`), yielded as soon as the sentence is parsed: checking
        one sentence overlaps parsing the next.  ``analyses``: what
        :func:`~linter.analysis.pipeline.parse_ahead` returned for this draft, if it was
        called (it is closed here)."""
        ctx = ctx or self._context()
        if analyses is None:
            analyses = parse_ahead(draft, self.pack, self.model)
        with analyses:
            for sent, an in analyses:
                yield (sent, *self._evaluate_one(sent, an, ctx))

    def _evaluate_one(self, sent, an, ctx: Context):
        """The sentence's analysis as judged in its unit, and its evaluation."""
        if an.nonclaim == TITLE and sent.kind not in TITLE_UNITS:
            an = replace(an, nonclaim=None)  # a verbless bullet or cell still claims
        # A sentence that makes no claim is not aligned with the corpus (only term
        # rules read it), except that its figures are still checked: a unit that
        # states a figure is always checked.
        if not an.nonclaim or an.figures:
            return an, evaluate(an, sent.start, sent.end, ctx, sent.kind)
        return an, SentenceEval(an, sent.start, sent.end, (), (), sent.kind)

    def check(self, text, path: str = "<text>", analyses=None) -> list[Finding]:
        """The findings for a draft: a :class:`~linter.model.Draft`, or a string read as
        a plain-text draft called ``path``."""
        return list(self.check_draft(_as_draft(text, path), analyses).findings)

    def check_draft(self, draft, analyses=None, memo: Optional[dict] = None,
                    progress: Optional[Callable[[int], object]] = None) -> "Checked":
        """``memo``: a dict kept by a caller that checks many versions of a draft with this
        engine (the language server).  It maps a sentence's text and unit kind to its
        evaluation and hits, which depend on nothing else; a sentence found there is not
        evaluated again.  (Off-posture, said once per RTQ document per draft, is still
        decided in draft order.)"""
        starts = line_starts(draft.text)
        ctx = self._context()
        findings: list[Finding] = []
        unjudged: list[Unjudged] = []
        claims = 0
        if memo is None:
            for sent, an, ev in self.evaluated(draft, ctx, analyses):
                if not an.nonclaim:
                    claims += 1
                findings += self._judge(draft, starts, sent, an, ev, ctx)
                unjudged += _unjudged(draft, starts, sent, an)
                if progress is not None:
                    progress(1)  # one more sentence judged
        else:
            if analyses is None:
                analyses = parse_ahead(draft, self.pack, self.model)
            with analyses:
                for sent, an in analyses:
                    key = (sent.text, sent.kind)
                    got = memo.get(key)
                    if got is None:
                        an, ev = self._evaluate_one(sent, an, ctx)
                        got = memo[key] = (an, ev, *self._sentence_hits(an, ev, ctx))
                    an, ev, hits, chosen = got
                    if not an.nonclaim:
                        claims += 1
                    hits = hits + self._post_hits(an, ev, chosen, ctx)
                    findings += [self._finding(draft, starts, sent, h, ctx) for h in hits]
                    unjudged += _unjudged(draft, starts, sent, an)
        findings.sort(key=Finding.sort_key)
        unjudged.sort(key=Unjudged.sort_key)
        return Checked(tuple(findings), len(draft.sentences), claims, unjudged=tuple(unjudged))

    def _judge(self, draft, starts, sent, an, ev: SentenceEval, ctx) -> list[Finding]:
        hits, chosen = self._sentence_hits(an, ev, ctx)
        hits = hits + self._post_hits(an, ev, chosen, ctx)
        return [self._finding(draft, starts, sent, h, ctx) for h in hits]

    def _sentence_hits(self, an, ev: SentenceEval, ctx) -> tuple[list[Hit], Optional[type]]:
        """The hits of every per-sentence check, in the order findings are made, and the
        verdict rule chosen (if any).  They depend on the sentence alone."""
        hits: list[tuple[type, list[Hit]]] = []
        for check in self.checks:
            if an.nonclaim and check.scope not in _ANY_SENTENCE:
                continue  # a sentence that makes no claim is not judged as one
            got = check.run(ev, ctx)
            if got:
                hits.append((type(check), got))
        chosen = next((cls for cls, _ in hits if cls.verdict is not None), None)
        out: list[Hit] = []
        if chosen is not None:
            out += dict(hits)[chosen]
        # the other rules are orthogonal to the sentence's verdict: all of them are kept
        for cls, got in hits:
            if cls.verdict is None:
                out += got
        return out, chosen

    def _post_hits(self, an, ev: SentenceEval, chosen: Optional[type], ctx) -> list[Hit]:
        """"Post" checks (off-posture, said once per RTQ document per draft through
        ``ctx.raised_rtq``) are decided in draft order, on a claim no verdict rule flagged."""
        if an.nonclaim or chosen is not None:
            return []
        return [h for check in self.post_checks for h in check.run(ev, ctx)]

    def _finding(self, draft, starts, sent, hit: Hit, ctx) -> Finding:
        start, end = sent.span(hit.start, hit.end)
        line, col = position(starts, start)
        end_line, end_col = position(starts, end)
        severity = hit.severity or self.pack.severity_of(hit.rule, check_class(hit.rule).severity)
        evidence = tuple(Evidence.of(ln, ctx.index.title(ln.doc_id)) for ln in hit.evidence)
        return Finding(
            rule=hit.rule, severity=severity, message=hit.message, path=draft.path,
            start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col,
            evidence=evidence, suggestion=hit.suggestion, sentence=sent.text,
        )

    # ------------------------------------------------------------------------------------
    def explain(self, text, path: str = "<text>") -> list[Verdict]:
        draft = _as_draft(text, path)
        starts = line_starts(draft.text)
        ctx = self._context()
        verdicts = []
        for sent, an, ev in self.evaluated(draft, ctx):
            a, b = sent.start, sent.end
            line, col = position(starts, a)
            shown = sent.text
            found = tuple(self._judge(draft, starts, sent, an, ev, ctx))
            problems = [f for f in found if check_class(f.rule).verdict is not None]
            unjudged = () if an.nonclaim else tuple(
                (an.text[ce.clause.start:ce.clause.end].strip(), ce.clause.nonclaim or TOO_SHORT)
                for ce in ev.clauses if not ce.judged and (ce.clause.nonclaim or ce.clause.concepts))
            if an.nonclaim and not problems:
                verdicts.append(Verdict(a, b, line, col, shown, "not a claim", an.nonclaim, 0.0, None, found))
                continue
            if not problems and ev.clauses and len(unjudged) == len(ev.clauses) and not any(
                    fe.status == "supported" for fe in ev.figures):
                # no clause was judged: saying "supported" would claim a check that was not made
                verdicts.append(Verdict(a, b, line, col, shown, "not a claim", unjudged[0][1], 0.0, None, found,
                                        unjudged))
                continue
            support = min((ce.support for ce in ev.clauses if ce.judged), default=max(
                (ce.support for ce in ev.clauses), default=0.0))
            best = None
            for ce in ev.clauses:
                if ce.best is not None:
                    ln = self.index.best_line(ce.best, ce.clause.concepts)
                    best = Evidence.of(ln, self.index.title(ln.doc_id))
                    break
            stated = [fe.line for fe in ev.figures if fe.status == "supported" and fe.line is not None]
            if not problems and stated:  # the evidence for a figure is a line that states it
                best = Evidence.of(stated[0], self.index.title(stated[0].doc_id))
            caveats = [f for f in found if check_class(f.rule).caveat]
            if not problems:
                verdict, reason = "supported", (f"supported, but the corpus disagrees: {caveats[0].message}"
                                                if caveats else SUPPORTED_REASON)
            else:
                verdict, reason = check_class(problems[0].rule).verdict, problems[0].message
            verdicts.append(Verdict(a, b, line, col, shown, verdict, reason, round(support, 3), best, found,
                                    unjudged))
        return verdicts


#: Why explain names a clause with no non-claim class that was still not judged.
TOO_SHORT = "too few content words to judge on its own"


def _unjudged(draft, starts, sent, an) -> list[Unjudged]:
    """The parts of one sentence every output names as not judged: the whole sentence when
    it makes no claim, else each clause that asserts nothing of its own.  A frame ("Let
    me be clear:", "officials said") is left out: the claim it carries is judged.  (A
    clause too short to be judged for support is still read by the other rules, so it is
    named only by ``explain``.)"""
    if an.nonclaim:
        parts = [(0, len(an.text), an.nonclaim, True)]
    else:
        parts = [(cl.start, cl.end, cl.nonclaim, False) for cl in an.clauses
                 if cl.nonclaim is not None and cl.nonclaim != FRAME]
    out = []
    for a, b, why, whole in parts:
        piece = an.text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if a >= b:
            continue
        start, end = sent.span(a, b)
        line, col = position(starts, start)
        end_line, end_col = position(starts, end)
        out.append(Unjudged(draft.path, start, end, line, col, end_line, end_col,
                            an.text[a:b], why, whole))
    return out


@dataclass(frozen=True)
class Checked:
    """What checking one draft found: its findings, how many sentences it has and how
    many of them make a claim (the rest matched a documented non-claim pattern).  From
    :meth:`linter.api.Linter.check_draft` also the draft itself and what to tell the
    user about it (what its reader left out, or that it makes no claim)."""

    findings: tuple[Finding, ...]
    sentences: int
    claims: int
    notices: tuple[str, ...] = ()
    draft: Optional[Draft] = None
    # the sentences and clauses read but not judged as claims, in draft order
    unjudged: tuple[Unjudged, ...] = ()


def _as_draft(text, path: str):
    if isinstance(text, str):
        return parse(path, text)
    return text
