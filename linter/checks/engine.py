"""The check engine: analyse the corpus once, then judge each draft sentence.

``Engine(corpus, pack)`` analyses every approved and background line (through the on-disk
cache when there is one) and builds the :class:`~linter.analysis.index.CorpusIndex`.
``Engine.check(text, path)`` splits the draft into sentences, analyses them in one
``nlp.pipe`` pass, aligns each with the corpus (:mod:`.evaluate`), runs every enabled check
and keeps one finding per sentence: the most specific rule wins (see
:data:`~linter.checks.registry.PRECEDENCE`).
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterable, Optional, Sequence

from ..analysis.pipeline import analyse_stream, vocabulary
from ..model import Evidence, Finding, SEVERITY_RANK, Verdict
from ..sentences import Segment, line_starts, position, sentence_spans
from .base import Hit
from .evaluate import Context, SentenceEval, evaluate
from .registry import CHECK_MODULES, PRECEDENCE, check_class

# Rules judged per sentence, of which at most one is kept; the others are orthogonal.
SENTENCE_RULES = ("contradiction", "figure-mismatch", "unvetted-figure", "unsupported-claim",
                  "background-only", "dropped-hedge", "expired-line")


FIGURE_RULES = ("figure-mismatch", "unvetted-figure")
# Sentences that make no claim but may carry a figure that must still be right
# ("for more information call 1-800-...", "call the help line at ...").
FIGURES_CHECKED = ("greeting, transition or boilerplate", "call to action")


class Engine:
    def __init__(self, corpus=None, pack=None, model: Optional[str] = None,
                 as_of: Optional[_dt.date] = None, cache=None, index=None):
        """Check drafts against ``corpus`` (a :class:`~linter.model.Corpus`), or against an
        already built ``index`` (see :func:`linter.analysis.store.open_corpus`)."""
        from ..rulepack import load_rules
        from ..analysis.store import analyse_corpus

        self.pack = pack if pack is not None else load_rules()
        self.model = model
        self.as_of = as_of or _dt.date.today()
        if index is None:
            if corpus is None:
                raise TypeError("Engine needs a corpus or an index")
            index = analyse_corpus(corpus, self.pack, model, cache)
        self.index = index
        self.corpus = index.corpus
        vocab = vocabulary(self.pack)
        self.finder = vocab.finder
        self.checks = [check_class(rid)() for rid in CHECK_MODULES if rid not in self.pack.disable]
        self.antonym_stems = vocab.antonym_stems
        self._opposites = vocab.opposites
        self._antonyms: dict[frozenset, frozenset] = {}
        from ..rulepack import compile_re2

        self.term_patterns = [
            (rule, [compile_re2(rf"\b(?:{p})\b", rule.ignorecase) for p, _ in rule.patterns])
            for rule in self.pack.terms
        ]

    def antonyms_of(self, concept) -> frozenset:
        """Stems that are antonyms of the concept's keys: they count as the same topic when
        looking for a contradiction."""
        out = self._antonyms.get(concept.keyset)
        if out is None:
            out = frozenset()
            for k in concept.keyset:
                got = self._opposites.get(k)
                if got:
                    out = out | got
            self._antonyms[concept.keyset] = out
        return out

    # ------------------------------------------------------------------------------------
    def _context(self) -> Context:
        return Context(self.index, self.pack, self.finder, self.as_of, self.antonym_stems,
                       self.antonyms_of, self.term_patterns)

    def sentences(self, text: str, segments: Optional[Sequence[Segment]] = None) -> list[tuple[int, int]]:
        return sentence_spans(text, segments)

    def evaluated(self, text: str, segments=None, ctx: Optional[Context] = None, analyses=None):
        """``(start, end, analysis, evaluation)`` for each sentence of ``text``, yielded as
        soon as the sentence is parsed: checking one sentence overlaps parsing the next.
        ``analyses``: what :func:`~linter.analysis.pipeline.parse_ahead` returned for this
        text, if it was called."""
        spans = self.sentences(text, segments)
        ctx = ctx or self._context()
        if analyses is None:
            analyses = analyse_stream([text[a:b] for a, b in spans], self.pack, self.model)
        with analyses:
            for (a, b), an in zip(spans, analyses):
                # A sentence that makes no claim is not aligned with the corpus (only term
                # rules read it), except that boilerplate can still carry a figure ("call
                # 1-800-...").
                if not an.nonclaim or (an.nonclaim in FIGURES_CHECKED and an.figures):
                    yield a, b, an, evaluate(an, a, b, ctx)
                else:
                    yield a, b, an, SentenceEval(an, a, b, (), ())

    def check(self, text: str, path: str = "<text>", segments=None, analyses=None) -> list[Finding]:
        starts = line_starts(text)
        ctx = self._context()
        findings: list[Finding] = []
        for a, b, an, ev in self.evaluated(text, segments, ctx, analyses):
            findings += self._judge(text, starts, path, a, b, an, ev, ctx)
        findings.sort(key=Finding.sort_key)
        return findings

    def _judge(self, text, starts, path, a, b, an, ev: SentenceEval, ctx) -> list[Finding]:
        out: list[Finding] = []
        hits: dict[str, list[Hit]] = {}
        for check in self.checks:
            if check.id in ("off-posture", "unused-suppression"):
                continue
            got = check.run(ev, ctx)
            if got and an.nonclaim and check.id not in FIGURE_RULES + ("term",):
                continue
            if got:
                hits[check.id] = got
        chosen = next((rid for rid in PRECEDENCE if rid in hits and rid in SENTENCE_RULES), None)
        if chosen:
            out += [self._finding(text, starts, path, a, an, h, ctx) for h in hits[chosen]]
        out += [self._finding(text, starts, path, a, an, h, ctx) for h in hits.get("term", ())]
        if not an.nonclaim and not chosen and "off-posture" not in self.pack.disable:
            check = check_class("off-posture")()
            out += [self._finding(text, starts, path, a, an, h, ctx) for h in check.run(ev, ctx)]
        return out

    def _finding(self, text, starts, path, a, an, hit: Hit, ctx) -> Finding:
        start, end = a + hit.start, a + hit.end
        line, col = position(starts, start)
        end_line, end_col = position(starts, end)
        cls = check_class(hit.rule)
        severity = self.pack.severity_of(hit.rule, cls.severity)
        if hit.rule == "term":
            rule = next((r for r, _ in self.term_patterns if f"[{r.name}]" in hit.message), None)
            if rule is not None:
                severity = self.pack.severity.get("term", rule.level)
        evidence = tuple(Evidence.of(ln, ctx.index.title(ln.doc_id)) for ln in hit.evidence)
        return Finding(
            rule=hit.rule, severity=severity, message=hit.message, path=path,
            start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col,
            evidence=evidence, suggestion=hit.suggestion, sentence=" ".join(an.text.split()),
        )

    # ------------------------------------------------------------------------------------
    def explain(self, text: str, path: str = "<text>", segments=None) -> list[Verdict]:
        starts = line_starts(text)
        ctx = self._context()
        verdicts = []
        for a, b, an, ev in self.evaluated(text, segments, ctx):
            line, col = position(starts, a)
            shown = " ".join(an.text.split())
            if an.nonclaim:
                verdicts.append(Verdict(a, b, line, col, shown, "not a claim", an.nonclaim, 0.0))
                continue
            found = tuple(self._judge(text, starts, path, a, b, an, ev, ctx))
            problems = [f for f in found if f.rule in SENTENCE_RULES]
            support = min((ce.support for ce in ev.clauses if ce.judged), default=max(
                (ce.support for ce in ev.clauses), default=0.0))
            best = None
            for ce in ev.clauses:
                if ce.best is not None:
                    ln = self.index.best_line(ce.best, ce.clause.concepts)
                    best = Evidence.of(ln, self.index.title(ln.doc_id))
                    break
            if not problems:
                verdict, reason = "supported", "every clause and figure is covered by approved lines"
            elif problems[0].rule in ("contradiction", "figure-mismatch"):
                verdict, reason = "contradicted", problems[0].message
            elif problems[0].rule in ("unsupported-claim", "unvetted-figure", "background-only"):
                verdict, reason = "not covered", problems[0].message
            else:  # dropped-hedge, expired-line: the line is there, but not as approved
                verdict, reason = "drifted", problems[0].message
            verdicts.append(Verdict(a, b, line, col, shown, verdict, reason, round(support, 3), best, found))
        return verdicts


def worst(findings: Iterable[Finding]) -> int:
    return max((SEVERITY_RANK[f.severity] for f in findings), default=0)
