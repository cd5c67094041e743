"""What a sentence claims: clauses, content concepts, polarity, hedges, figures, non-claims.

Everything the checks need about a sentence is computed here, once, from one spaCy parse,
and stored in frozen dataclasses (:class:`Analysed`) that can be cached; no check looks at
text or tokens again.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Optional

from .figures import Figure, FigureFinder
from .lexicon import SPACY_POS, Lexicon

# The constants in this module name labels of spaCy's English model (its coarse POS tags,
# fine Penn tags and dependency labels), not English words: they describe the parser's
# output, so they stay in code.  The word lists a user might tune (contrast and time
# subordinators, light words, speech and aside verbs) are in ``rules/core/claims.yml`` and
# reach this module through :class:`Vocabulary`.
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "ADV"}
# Comparative and superlative degree words of a predicate ("the most productive", "less
# safe") are part of what it asserts: "least" against "most" is an opposite.
_DEGREE_TAGS = {"RBS", "RBR", "JJS", "JJR"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}


@dataclass(frozen=True)
class Concept:
    """A content word: its stem and the synonym sets it belongs to."""

    stem: str
    syn: tuple[str, ...]
    lemma: str
    pos: str
    light: bool = False
    neg: bool = False  # inside the scope of a negation
    pred: bool = False  # a predicate (verb, adjective) or a directly negated noun

    def keys(self) -> tuple[str, ...]:
        return (self.stem,) + self.syn

    @cached_property
    def keyset(self) -> frozenset[str]:
        return frozenset((self.stem,) + self.syn)


@dataclass(frozen=True)
class Clause:
    start: int  # offsets relative to the sentence text
    end: int
    concepts: tuple[Concept, ...]
    lemmas: frozenset[str]
    negations: tuple[str, ...]
    hedges: tuple[tuple[str, str], ...]  # (kind, term)
    figures: tuple[Figure, ...]
    # what the clause does when it asserts nothing (a frame, thanks, a feeling ...: see
    # CLAUSE_CLASSES), or None for a clause that is judged
    nonclaim: Optional[str] = None

    @property
    def aside(self) -> bool:
        """The clause asserts nothing of its own (it is not judged; its figures are)."""
        return self.nonclaim is not None

    @property
    def negative(self) -> bool:
        return len(self.negations) % 2 == 1

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(k for c in self.concepts for k in c.keys())

    def hedged(self) -> bool:
        return any(kind in ("attribution", "epistemic") for kind, _ in self.hedges)


@dataclass(frozen=True)
class Analysed:
    """One sentence (a draft sentence, an approved line or a background line)."""

    text: str
    clauses: tuple[Clause, ...]
    figures: tuple[Figure, ...]
    nonclaim: Optional[str] = None  # why it makes no claim, or None

    @cached_property
    def concepts(self) -> tuple[Concept, ...]:
        return tuple(c for cl in self.clauses for c in cl.concepts)

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(k for cl in self.clauses for k in cl.keys)

    @cached_property
    def lemmas(self) -> frozenset[str]:
        out: set[str] = set()
        for cl in self.clauses:
            out |= cl.lemmas
        return frozenset(out)

    def hedged(self) -> bool:
        return any(cl.hedged() for cl in self.clauses)

    @property
    def negative(self) -> bool:
        return sum(len(cl.negations) for cl in self.clauses) % 2 == 1


class Vocabulary:
    """The rule pack's word lists, prepared for matching on lemmas."""

    def __init__(self, pack):
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}
        self._concepts: dict[Concept, Concept] = {}
        self.finder = FigureFinder(pack.numbers)
        self.syn_single: dict[str, list[str]] = {}
        self.syn_multi: list[tuple[tuple[str, ...], str]] = []
        for i, words in enumerate(pack.synonyms):
            sid = f"~{i}"
            for w in words:
                parts = tuple(w.split())
                if len(parts) == 1:
                    self.syn_single.setdefault(self.stem(parts[0]), []).append(sid)
                else:
                    self.syn_multi.append((parts, sid))
        self.antonyms = [(a, b) for a, b in pack.antonyms]
        # The same pairs on stems, both ways round, and each stem's opposites.
        self.antonym_stems: frozenset[tuple[str, str]] = frozenset(
            pair for a, b in self.antonyms for pair in ((self.stem(a), self.stem(b)), (self.stem(b), self.stem(a))))
        opposites: dict[str, set[str]] = {}
        for a, b in self.antonym_stems:
            opposites.setdefault(a, set()).add(b)
        self.opposites: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in opposites.items()}
        neg = pack.negation
        self.lexicon = Lexicon(neg.get("wordnet_roots", []))
        self._opposites_memo: dict[tuple[str, str, str], frozenset[str]] = {}
        self._lex_keys: dict[tuple[str, str], tuple[str, ...]] = {}
        self.neg_words = set(neg.get("words", []))
        self.neg_verbs = [tuple(v.split()) for v in neg.get("verbs", [])]
        self.neg_phrases = [tuple(p.split()) for p in neg.get("phrases", [])]
        self.hedges: list[tuple[tuple[str, ...], str]] = []
        for kind, terms in pack.hedges.items():
            for t in terms:
                self.hedges.append((tuple(t.split()), kind))
        self.hedges.sort(key=lambda tk: -len(tk[0]))
        quals = pack.numbers.get("qualifiers", {})
        self.qualifier_words = {w for ws in quals.values() for p in ws for w in p.split()}
        from ..rulepack import compile_re2

        self.openers = [(p, compile_re2(p)) for p in pack.nonclaims.get("openers", [])]
        self.imperatives = set(pack.nonclaims.get("imperatives", []))
        self.heading_max_words = int(pack.nonclaims.get("heading_max_words", 16))
        # ``extends: claims`` (rules/core/claims.yml): see that file for each list.
        cl = pack.claims
        self.contrast_marks = frozenset(cl.get("contrast_marks", []))
        self.light_words = frozenset(cl.get("light_words", []))
        self.speech_verbs = frozenset(cl.get("speech_verbs", []))
        self.aside_verbs = frozenset(cl.get("aside_verbs", []))
        self.time_marks = frozenset(cl.get("time_marks", []))
        self.speaker_words = frozenset(cl.get("speaker_words", []))
        self.performative_files = frozenset(cl.get("performative_files", []))
        self.feeling_files = frozenset(cl.get("feeling_files", []))
        self.feeling_words = frozenset(cl.get("feeling_words", []))
        self.stance_files = frozenset(cl.get("stance_files", []))
        self.frame_files = frozenset(cl.get("frame_files", []))
        self.information_files = frozenset(cl.get("information_files", []))
        self.person_files = frozenset(cl.get("person_files", []))
        self.emphatic_degree = frozenset(cl.get("emphatic_degree", []))
        self.embedding_verbs = frozenset(cl.get("embedding_verbs", []))
        self._files_memo: dict[tuple[str, str, str], frozenset[str]] = {}
        # Single words that are hedges or qualifiers are never content; multi-word ones
        # ("according to", "close to") are matched as phrases, so their words stay content.
        self.neg_phrase_index = PhraseIndex([(p, None) for p in sorted(self.neg_phrases, key=len, reverse=True)])
        self.neg_idiom_index = PhraseIndex([(tuple(p.split()), None) for p in neg.get("idioms", [])])
        self.neg_verb_index = PhraseIndex([(v, None) for v in self.neg_verbs])
        self.hedge_index = PhraseIndex(self.hedges)
        self.syn_multi_index = PhraseIndex(self.syn_multi)
        hedge_words = {terms[0] for terms, _ in self.hedges if len(terms) == 1}
        single_quals = {p for ws in quals.values() for p in ws if " " not in p}
        self.function_words = self.neg_words | hedge_words | single_quals

    def lexical_keys(self, lemma: str, pos: str) -> tuple[str, ...]:
        """Keys a word shares with its WordNet synonyms and derivations (see
        :mod:`.lexicon`): synset ids of its first senses, stems of its derived forms."""
        memo = (lemma, pos)
        got = self._lex_keys.get(memo)
        if got is None:
            wpos = SPACY_POS.get(pos)
            keys: set[str] = set()
            if wpos and self.lexicon.available:
                keys.update(self.lexicon.synonym_keys(lemma, wpos))
                keys.update(self.stem(d) for d in self.lexicon.derivations(lemma, wpos) if " " not in d)
            keys.discard(self.stem(lemma))
            got = self._lex_keys[memo] = tuple(sorted(keys))
        return got

    def files(self, tok) -> frozenset[str]:
        """The WordNet lexicographer files of a token's word (see :mod:`.lexicon`): a verb's
        or noun's first senses; an adjective's source nouns and verbs, and for a participle
        ("saddened", "pleased") its verb's."""
        lemma, pos = tok.lemma_.lower(), tok.pos_
        if pos == "AUX":
            pos = "VERB"
        memo = (lemma, pos, tok.lower_)
        got = self._files_memo.get(memo)
        if got is None:
            got = frozenset()
            wpos = SPACY_POS.get(pos)
            if wpos and self.lexicon.available and " " not in lemma:
                got = self.lexicon.lexfiles(lemma, wpos) or self.lexicon.lexfiles(tok.lower_, wpos)
                if wpos == "a" or tok.tag_ == "VBN":
                    verb = self.lexicon.verb_of_participle(tok.lower_)
                    if verb:
                        got = got | self.lexicon.lexfiles(verb, "v")
            self._files_memo[memo] = got
        return got

    def files_of(self, lemma: str, wpos: str) -> frozenset[str]:
        """The lexicographer files of a word given as lemma and WordNet part of speech."""
        if not self.lexicon.available or " " in lemma:
            return frozenset()
        return self.lexicon.lexfiles(lemma, wpos)

    def opposites_of(self, concept: Concept) -> frozenset[str]:
        """Stems that are the opposite of ``concept``: the rule pack's antonym pairs and
        WordNet's antonyms of the word."""
        memo = (concept.lemma, concept.pos, concept.stem)
        got = self._opposites_memo.get(memo)
        if got is None:
            out = set(self.opposites.get(concept.stem, ()))
            wpos = SPACY_POS.get(concept.pos)
            if wpos and self.lexicon.available and " " not in concept.lemma:
                out.update(self.stem(w) for w in self.lexicon.antonyms(concept.lemma, wpos) if " " not in w)
                if wpos in ("a", "r"):  # "most"/"least" are tagged adjective or adverb
                    other = "r" if wpos == "a" else "a"
                    out.update(self.stem(w) for w in self.lexicon.antonyms(concept.lemma, other) if " " not in w)
            out.discard(concept.stem)
            got = self._opposites_memo[memo] = frozenset(out)
        return got

    def is_opposite(self, a: Concept, b: Concept) -> bool:
        return b.stem in self.opposites_of(a) or a.stem in self.opposites_of(b)

    def negating(self, lemma: str, pos: str) -> bool:
        """Does the word deny what it governs (WordNet: to stop, end, cancel, prevent)?"""
        wpos = SPACY_POS.get(pos)
        return bool(wpos in ("v", "n") and self.lexicon.available and self.lexicon.negating(lemma, wpos))

    def eventive(self, lemma: str, pos: str) -> bool:
        """Is the noun the name of an act, event or process (WordNet)?"""
        return pos == "NOUN" and self.lexicon.available and self.lexicon.eventive(lemma)

    def intern(self, concept: Concept) -> Concept:
        """One shared object per distinct concept: analyses and their cache entries hold
        references instead of copies (a corpus repeats its words)."""
        return self._concepts.setdefault(concept, concept)

    def stem(self, word: str) -> str:
        word = word.lower()
        got = self._stems.get(word)
        if got is None:
            got = self._stems[word] = self._stemmer.stemWord(word)
        return got


# ---------------------------------------------------------------------------------------
class PhraseIndex:
    """Word sequences looked up by their first word: one pass over a sentence finds every
    occurrence of every phrase, in priority order (the order the phrases were given)."""

    def __init__(self, phrases):
        self.by_first: dict[str, list] = {}
        for rank, (phrase, payload) in enumerate(phrases):
            self.by_first.setdefault(phrase[0], []).append((rank, phrase, payload))

    def find(self, *seqs) -> list[tuple[int, tuple[str, ...], object]]:
        """``(position, phrase, payload)`` by phrase priority, then sequence, then position."""
        out = []
        for si, seq in enumerate(seqs):
            for i, w in enumerate(seq):
                for rank, phrase, payload in self.by_first.get(w, ()):
                    if tuple(seq[i:i + len(phrase)]) == phrase:
                        out.append((rank, si, i, phrase, payload))
        out.sort(key=lambda m: (m[0], m[1], m[2]))
        return [(i, phrase, payload) for _, _, i, phrase, payload in out]


def _clause_bounds(span, contrast_marks) -> list[int]:
    """Token indices (relative to the span) where a new clause starts."""
    bounds = {0}
    start = span.start
    for tok in span:
        i = tok.i - start
        if tok.text in (";", ":") and i + 1 < len(span):
            bounds.add(i + 1)  # "Let me be clear: <the claim>" is two clauses
        if tok.lower_ == "so" and i > 0 and span[i - 1].text == "," and i + 1 < len(span):
            bounds.add(i)
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            bounds.add(max(0, tok.left_edge.i - start))
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in contrast_marks for c in tok.children):
            bounds.add(max(0, tok.left_edge.i - start))
        if tok.dep_ == "cc" and tok.lower_ == "but" and tok.head.pos_ in ("VERB", "AUX"):
            for sib in tok.head.children:
                if sib.dep_ == "conj" and sib.i > tok.i:
                    bounds.add(tok.i - start)
    return sorted(bounds)


def _frame_bounds(span, vocab: "Vocabulary") -> set[int]:
    """Where a frame and the claim it carries part (token indices relative to the span).

    A frame is a clause whose complement holds the content: the speaker commenting on
    their own assertion ("I cannot stress enough that <claim>", "<claim>, thank you"), a
    report ("officials said <claim>"), or a comment clause ("as we announced last week,
    <claim>").  Its predicate is filed in one of the pack's ``frame_files`` (speech,
    thought, perception), or it is a copula whose subject is such a noun ("the point is
    that ...").  The complement (or the comment clause) must open or close the sentence,
    so that both parts stay contiguous; a negated frame ("we did not say that ...") is not
    split, since its complement is not asserted.  Only the sentence's main clause frames:
    "it took weeks to figure out that ..." asserts what was figured out."""
    out: set[int] = set()
    start, n = span.start, len(span)
    last = n
    while last > 0 and span[last - 1].is_punct:
        last -= 1
    for tok in span:
        piece = None
        if tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT" and not _wh_clause(tok) and _is_frame(tok.head, vocab):
            piece = tok
        elif tok.dep_ == "advcl" and _comment_clause(tok, vocab):
            piece = tok  # "as we announced last week": the comment clause itself is the frame
        if piece is None:
            continue
        a, b = piece.left_edge.i - start, piece.right_edge.i - start + 1
        if a > 0 and b < last:
            continue  # a frame inside the claim ("the harbor, as we said, stays open") is not cut out
        while b < last and span[b].is_punct:
            b += 1  # "<claim>, thank you": the comma closes the claim
        if a > 0:
            out.add(a)
        if b < last:
            out.add(b)
    return out


def _comment_clause(tok, vocab: "Vocabulary") -> bool:
    """"as we announced last week", "as you know": an "as" clause whose verb of speech or
    thought lacks its object (the main clause is what was announced or known); "as we learn
    more" has its own object and is a time clause."""
    return (any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            and bool(vocab.files(tok) & vocab.frame_files) and not _negated(tok, vocab)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in tok.children))


def _negated(tok, vocab: "Vocabulary") -> bool:
    """A negation on the word that is not emphasis ("cannot stress this enough")."""
    return any(c.dep_ == "neg" for c in tok.children) and not _emphatic(tok, vocab)


def _emphatic(tok, vocab: "Vocabulary") -> bool:
    """"I cannot stress enough that ...": a negated verb of degree ``emphatic_degree`` is
    emphasis; its negation denies nothing."""
    return any(c.dep_ == "advmod" and c.lower_ in vocab.emphatic_degree for c in tok.children)


def _is_frame(head, vocab: "Vocabulary") -> bool:
    if _negated(head, vocab):
        return False
    if vocab.files(head) & vocab.frame_files:
        return True
    if head.lemma_.lower() == "be":  # "the point is that ...", "the truth is ..."
        subj = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        return bool(subj) and bool(vocab.files(subj[0]) & vocab.information_files)
    return False


def analyse_span(span, vocab: Vocabulary, figures: list[Figure] | None = None,
                 offset: int = 0) -> Analysed:
    """Analyse one sentence given as a spaCy ``Span`` (or ``Doc``)."""
    text = span.text
    if figures is None:
        figures = vocab.finder.find(text)
    base = span[0].idx if len(span) else 0
    toks = list(span)
    figures = [_with_counts(f, toks, base) for f in figures]
    lowers = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    fig_tokens = set()
    for f in figures:
        for k, t in enumerate(toks):
            a = t.idx - base
            if a < f.end and a + len(t.text) > f.start:
                fig_tokens.add(k)

    # Negation cues, hedges: phrases first, tokens consumed once.
    consumed: set[int] = set()
    neg_at: list[tuple[int, str]] = []
    neg_verbs: set[int] = set()
    for i, phrase, _ in vocab.neg_idiom_index.find(lowers):
        consumed |= set(range(i, i + len(phrase)))  # "no matter what", "not only ... but"
    for index, seq in ((vocab.neg_phrase_index, lowers), (vocab.neg_verb_index, lemmas)):
        for i, phrase, _ in index.find(seq):
            if not consumed & set(range(i, i + len(phrase))):
                consumed |= set(range(i, i + len(phrase)))
                neg_at.append((i, " ".join(phrase)))
                if index is vocab.neg_verb_index:
                    neg_verbs.add(i)
    for k, t in enumerate(toks):
        if k in consumed:
            continue
        if t.dep_ == "neg" and _emphatic(t.head, vocab):
            consumed.add(k)  # "cannot stress enough": emphasis, not a denial
            continue
        if t.dep_ == "neg" or lowers[k] in vocab.neg_words:
            neg_at.append((k, lowers[k]))
            consumed.add(k)
        elif t.pos_ in ("VERB", "NOUN") and not t.is_stop and vocab.negating(lemmas[k], t.pos_):
            # "halted the sampling", "the sampling was stopped", "a halt to the sampling"
            neg_at.append((k, lemmas[k]))
            neg_verbs.add(k)
            consumed.add(k)
    clause_starts = sorted(set(_clause_bounds(span, vocab.contrast_marks)) | _frame_bounds(span, vocab))
    negated, direct = _negated_tokens(toks, neg_at, neg_verbs, clause_starts,
                                      lambda t: t.pos_ == "VERB" or vocab.eventive(t.lemma_.lower(), t.pos_))
    hedge_at: list[tuple[int, str, str]] = []
    hedge_tokens: set[int] = set()
    for i, phrase, kind in vocab.hedge_index.find(lowers, lemmas):
        rng = set(range(i, i + len(phrase)))
        t = toks[i]
        if (kind == "attribution" and len(phrase) == 1 and t.pos_ == "VERB"
                and not any(c.dep_ in ("ccomp", "xcomp", "dobj", "advcl") for c in t.children)):
            continue  # "the investigation has concluded": the verb is the claim, not a hedge
        if t.tag_ == "MD" and _in_time_clause(t, vocab.time_marks):
            continue  # "before we could notify anyone": a modal in a time clause does not hedge the claim
        if not rng & hedge_tokens:
            hedge_tokens |= rng
            hedge_at.append((i, kind, " ".join(phrase)))

    # Multi-word synonyms ("take the place of") become one concept at their first token.
    multi_at: dict[int, tuple[int, str]] = {}
    for i, phrase, sid in vocab.syn_multi_index.find(lemmas, lowers):
        multi_at.setdefault(i, (len(phrase), sid))

    concepts_at: list[tuple[int, Concept]] = []
    skip_until = -1
    for k, t in enumerate(toks):
        if k < skip_until:
            continue
        if k in multi_at:
            n, sid = multi_at[k]
            lemma = " ".join(lemmas[k:k + n])
            stem = " ".join(vocab.stem(x) for x in lemmas[k:k + n])
            pos = toks[k].pos_
            concepts_at.append((k, vocab.intern(Concept(stem, (sid,), lemma, pos, False, k in negated,
                                           _is_predicate(toks[k], vocab.time_marks) or k in direct))))
            skip_until = k + n
            continue
        if k in fig_tokens or k in consumed or k in hedge_tokens:
            continue
        if t.pos_ not in CONTENT_POS or t.is_punct or t.like_num:
            continue
        degree = (t.tag_ in _DEGREE_TAGS and (t.head.pos_ in ("ADJ", "ADV") or t.head.tag_ == "VBN")
                  and t.head is not t)  # "most productive", "least trusted"
        if t.is_stop and t.pos_ not in ("NOUN", "VERB", "ADJ", "PROPN") and not degree:
            continue
        lemma = lemmas[k]
        if not re.search(r"[a-z]", lemma) or lemma in vocab.function_words:
            continue
        stem = vocab.stem(lemma)
        syn = set(vocab.syn_single.get(stem, ()))
        syn |= set(vocab.syn_single.get(vocab.stem(lowers[k]), ()))
        syn |= set(vocab.lexical_keys(lemma, t.pos_))
        light = lemma in vocab.light_words or (t.pos_ == "ADV" and lemma.endswith("ly"))
        pred = (_is_predicate(t, vocab.time_marks) or (k in direct and t.pos_ == "NOUN")
                or (degree and _is_predicate(t.head, vocab.time_marks)))
        concepts_at.append((k, vocab.intern(Concept(stem, tuple(sorted(syn)), lemma, t.pos_, light and not degree,
                                                    k in negated, pred))))

    concepts_at = _quote_attribution(text, toks, base, lemmas, concepts_at, vocab)
    concepts_at = _attributed_sources(toks, hedge_at, concepts_at)
    concepts_at = _credit_frames(toks, concepts_at, vocab)
    bounds = clause_starts + [len(toks)]
    clauses = []
    for a, b in zip(bounds, bounds[1:]):
        if a >= b:
            continue
        cs = toks[a].idx - base
        ce = toks[b - 1].idx - base + len(toks[b - 1].text)
        clauses.append(Clause(
            start=cs,
            end=ce,
            concepts=tuple(c for k, c in concepts_at if a <= k < b),
            lemmas=frozenset(lemmas[a:b]) | frozenset(lowers[a:b]),
            negations=tuple(cue for k, cue in neg_at if a <= k < b),
            hedges=tuple((kind, term) for k, kind, term in hedge_at if a <= k < b),
            figures=tuple(f for f in figures if cs <= f.start < ce),
            nonclaim=_clause_class(toks[a:b], vocab),
        ))
    frames = [cl for cl in clauses if cl.nonclaim == FRAME]
    if frames and len(frames) < len(clauses):
        # an attribution or hedge in a frame ("officials estimate that ...") qualifies what
        # the frame carries: the carried clauses hold it too
        framed = tuple(h for cl in frames for h in cl.hedges)
        if framed:
            clauses = [replace(cl, hedges=cl.hedges + tuple(h for h in framed if h not in cl.hedges))
                       if cl.nonclaim != FRAME else cl for cl in clauses]
    if _date_line(text, figures):
        # a line that is only a date (a release date under a title) is a publication stamp
        return Analysed(text=text, clauses=tuple(clauses), figures=(), nonclaim=DATE_LINE)
    reason = _nonclaim(span, text, toks, vocab, concepts_at)
    if reason is None and clauses and all(cl.nonclaim for cl in clauses):
        # no clause asserts anything: the sentence is what its first clause does
        reason = next(cl.nonclaim for cl in clauses if cl.nonclaim != FRAME) if any(
            cl.nonclaim != FRAME for cl in clauses) else FRAME
    return Analysed(text=text, clauses=tuple(clauses), figures=tuple(figures), nonclaim=reason)


_QUOTE = re.compile(r"[\"“]([^\"”]{20,})[\"”]")


def _quote_attribution(text, toks, base, lemmas, concepts_at, vocab: Vocabulary):
    """In '"<quote>," said Jane Doe, commander of X.' only the quote is a claim: the
    speaker's name and title outside the quotation marks are attribution boilerplate."""
    m = _QUOTE.search(text)
    if not m or len(m.group(1).split()) < 6:
        return concepts_at
    qa, qb = m.span()
    outside = [k for k, t in enumerate(toks) if not qa <= t.idx - base < qb]
    if not any(lemmas[k] in vocab.speech_verbs for k in outside):
        return concepts_at
    return [(k, replace(c, light=True) if not qa <= toks[k].idx - base < qb else c) for k, c in concepts_at]


def _attributed_sources(toks, hedge_at, concepts_at):
    """The source named by an attribution ("according to a separate press release",
    "based on the county's assessment") is not what the sentence claims: the words of the
    phrase the attribution's preposition governs carry no claim of their own (its figures
    are still checked)."""
    first = toks[0].i if toks else 0
    source: set[int] = set()
    for i, kind, phrase in hedge_at:
        last = toks[i + len(phrase.split()) - 1]
        if kind == "attribution" and last.pos_ == "ADP":
            source |= {t.i - first for t in last.subtree if t is not last}
    if not source:
        return concepts_at
    return [(k, replace(c, light=True) if k in source else c) for k, c in concepts_at]


#: What a clause that asserts nothing does (the reason ``explain`` gives for it).
FRAME = "frame: comments on the claim it carries"
NO_COMMENT = "no comment, or a question reported: nothing asserted"
PERFORMATIVE = "the speaker thanking, greeting or apologising"
FEELING = "a feeling of the speaker"
UPDATES = "a promise of later updates"
ASIDE = "the speaker on their own speech"
REQUEST = "a request to the audience"
META = "a comment on the question or the talk"
CLAUSE_CLASSES = (FRAME, NO_COMMENT, PERFORMATIVE, FEELING, UPDATES, ASIDE, REQUEST, META)

_EMBEDDING = {"xcomp", "ccomp"}


def _clause_class(ctoks, vocab: Vocabulary) -> Optional[str]:
    """What the clause does, when it asserts nothing; None when it is a claim.

    Decided from the parse and WordNet's lexicographer files, never from how the sentence
    opens: the clause's predicate (through "want to", "would like to", "let me"), its
    subject (the speaker, the audience, nobody) and its complements.  A clause that carries
    a complement of its own (``_frame_bounds`` split it off) is a frame; the complement is
    judged as a clause of its own."""
    words = [t for t in ctoks if not t.is_punct and not t.is_space]
    if not words:
        return None
    idx = {t.i for t in ctoks}
    roots = [t for t in words if t.head.i not in idx or t.head.i == t.i]
    if not roots:
        return None  # the clause's words hang from punctuation only
    verbs = [r for r in roots if r.pos_ in ("VERB", "AUX")]
    pred = (verbs or roots)[0]
    # the verb a speaker embeds: "I want to welcome", "let me be clear", "I'd like to thank"
    top = pred
    while True:
        inner = [c for c in pred.children if c.dep_ in _EMBEDDING and c.i in idx]
        if not inner or pred.lemma_.lower() not in vocab.embedding_verbs:
            break
        pred = inner[0]
    subj = _subject(pred, idx)
    speaker = _is_speaker(subj, vocab) or (subj is None and top.lemma_.lower() == "let"
                                           and any(c.lower_ in vocab.speaker_words for c in top.subtree))
    no_subject = subj is None and pred.tag_ in ("VB", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in pred.children)
    files = vocab.files(pred)
    doc = ctoks[0].doc
    carries = [c for c in pred.children if c.dep_ in ("ccomp", "parataxis") and c.i not in idx] + \
        [c for c in top.children if c.dep_ in ("ccomp", "parataxis") and c.i not in idx and c.i != pred.i]
    # a complement before the clause that ends at a colon is the frame, and this clause
    # its content ("The facts are clear: <claim>"), not the other way round
    carries = [c for c in carries if c.i > pred.i or c.right_edge.i + 1 >= len(doc)
               or doc[c.right_edge.i + 1].text not in (":", ";")]
    ends_colon = ctoks[-1].text == ":" or (ctoks[-1].i + 1 < len(doc) and doc[ctoks[-1].i + 1].text == ":")
    info_subject = subj is not None and subj.pos_ == "NOUN" and bool(vocab.files(subj) & vocab.information_files)
    if any(t.lower_ == "please" and t.dep_ in ("intj", "advmod", "discourse") for t in words) or (
            no_subject and pred.dep_ == "ROOT" and pred.lemma_.lower() in vocab.imperatives):
        return REQUEST  # "so please call ahead"
    if speaker and files & vocab.performative_files and any(
            c.dep_ == "dobj" and c.lower_ == "you" for c in pred.children) and any(c.dep_ == "xcomp" for c in pred.children):
        return REQUEST  # "I urge you to make your voice heard": a request to the audience
    if top.dep_ == "advcl" and top.head.i not in idx and _comment_clause(top, vocab):
        return FRAME  # "As we announced last week," before the claim it refers to
    inside = [c for c in pred.children if c.dep_ == "ccomp" and c.i in idx]
    if (carries or ends_colon) and not inside and (speaker or no_subject or top.dep_ == "ROOT" or info_subject) and (
            files & vocab.frame_files or pred.lemma_.lower() == "be"):
        if carries or speaker or no_subject or info_subject:
            return FRAME  # "I cannot stress enough that ...", "Let me be clear:", "..., officials said"
    wh_only = all(_wh_clause(c) for c in pred.children if c.dep_ == "ccomp")
    comp = [c for c in pred.children if c.dep_ == "xcomp"]
    said = comp[0] if comp and (vocab.negating(pred.lemma_.lower(), "VERB")
                                or (pred.lemma_.lower(),) in vocab.neg_verbs) else pred
    active = not any(c.dep_ in ("auxpass", "nsubjpass") for c in list(said.children) + list(pred.children))
    if vocab.files(said) & {"verb.communication"} and wh_only and active and (
            said.i != pred.i or _negated(pred, vocab)) and not any(c.dep_ in ("dobj", "xcomp") for c in said.children):
        return NO_COMMENT  # "the company declined to comment", "officials would not say whether ..."
    if files & {"verb.communication"} and active and any(c.dep_ == "ccomp" for c in pred.children) and all(
            _wh_clause(c) for c in pred.children if c.dep_ == "ccomp") and not any(
            c.dep_ in ("dobj", "dative") for c in pred.children) and not any(t.like_num for t in ctoks):
        return NO_COMMENT  # "some readers have asked whether ...": a question reported, nothing asserted
    past = pred.tag_ in ("VBD", "VBN") and not any(c.dep_ == "auxpass" for c in pred.children) or any(
        c.dep_ == "aux" and (c.tag_ == "VBD" or c.lemma_.lower() == "have") and c.lemma_.lower() != "would"
        for c in pred.children)
    if _feels(pred, subj, vocab, speaker):
        return FEELING
    if (speaker or no_subject) and not past and files & vocab.performative_files and not [
            c for c in pred.children if c.dep_ in ("ccomp", "xcomp")] and _to_people(pred, vocab):
        return PERFORMATIVE  # "thank you all for coming", "I want to welcome the mayor"
    if pred.pos_ == "NOUN" and pred.i == roots[0].i and not verbs and vocab.files(pred) & {"noun.communication"} \
            and any(vocab.files_of(d, "v") & vocab.performative_files for d in vocab.lexicon.derivations(pred.lemma_.lower(), "n")):
        return PERFORMATIVE  # "Congratulations to the crews", "Condolences to the families"
    if _promises_updates(pred, subj, vocab, speaker, idx):
        return UPDATES
    if _is_aside(list(ctoks), vocab):
        return ASIDE
    if _about_the_talk(pred, subj, vocab, idx):
        return META
    return None


def _subject(pred, idx):
    h = pred
    for _ in range(4):
        subj = [c for c in h.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj[0]
        if h.dep_ in _EMBEDDING | {"conj"} and h.head.i != h.i and h.head.i in idx:
            h = h.head
            continue
        return None
    return None


def _is_speaker(subj, vocab: Vocabulary) -> bool:
    if subj is None:
        return False
    if subj.lower_ in vocab.speaker_words:
        return True
    return any(c.dep_ == "poss" and c.lower_ in vocab.speaker_words for c in subj.children)


def _wh_clause(tok) -> bool:
    """A complement that asks rather than asserts: it opens with "whether", "if" or a wh-word
    ("whether ...", "how many ..."; not "the exams that are under fire comply ...")."""
    first = tok.left_edge
    return first.tag_ in _WH_TAGS or first.lower_ in ("whether", "if")


def _people(tok, vocab: Vocabulary) -> bool:
    return tok.pos_ in ("PRON", "PROPN") or bool(vocab.files(tok) & vocab.person_files)


def _to_people(pred, vocab: Vocabulary) -> bool:
    """A performative is done to the audience or to people: its object, if any, is one."""
    objs = [c for c in pred.children if c.dep_ in ("dobj", "attr", "oprd")]
    return all(_people(o, vocab) and all(_people(c, vocab) for c in o.children if c.dep_ == "conj")
               for o in objs)


def _feels(pred, subj, vocab: Vocabulary, speaker: bool) -> bool:
    """The speaker's (or their institution's) feeling: "we mourn", "we are grateful to the
    volunteers", "we could not be prouder", "our thoughts are with the families"."""
    own = speaker or (subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.tag_ in ("NN", "NNP")
                      and bool(vocab.files(subj) & {"noun.group"}))
    if subj is not None and subj.dep_ == "nsubj" and any(
            c.dep_ == "poss" and c.lower_ in vocab.speaker_words for c in subj.children):
        # "our hearts go out to", "our thoughts are with": a speaker's stance noun and a
        # light predicate with people after it
        if vocab.files(subj) & vocab.stance_files and (pred.lemma_.lower() == "be" or pred.lemma_.lower() in vocab.light_words) \
                and any(c.dep_ == "prep" and any(_people(g, vocab) for g in c.children if g.dep_ == "pobj")
                        for c in pred.children):
            return True
    if not own:
        return False
    if vocab.files(pred) & vocab.feeling_files:
        return True
    for c in pred.children:
        if c.dep_ in ("acomp", "attr", "oprd") and (vocab.files(c) & vocab.feeling_files
                                                    or _base_adjective(c) in vocab.feeling_words):
            return True
    return False


def _base_adjective(tok) -> str:
    """The adjective without its degree ending ("prouder" -> "proud", "saddest" -> "sad")."""
    w = tok.lower_
    for suffix in ("est", "er"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return tok.lemma_.lower()


def _promises_updates(pred, subj, vocab: Vocabulary, speaker: bool, idx) -> bool:
    """"We will share more as we learn it", "more details will be released": a future act
    of telling whose object is unspecified information (no figure, no name, nothing
    definite)."""
    future = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lemma_.lower() in ("will", "shall") for c in pred.children)
    if not future:
        return False
    files = vocab.files(pred)
    objs = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")]
    passive = any(c.dep_ == "nsubjpass" for c in objs)
    if not speaker and not passive:
        return False
    if not passive and not files & {"verb.communication", "verb.possession", "verb.stative"}:
        # "we will keep you informed": the telling is in the complement
        keep = [c for c in pred.children if c.dep_ in ("oprd", "xcomp", "ccomp") and vocab.files(c) & {"verb.communication"}]
        if not keep:
            return False
    for o in objs:
        if o.pos_ == "PRON" or o.tag_ in ("JJR", "RBR"):
            continue  # "share more", "keep you informed"
        if not vocab.files(o) & vocab.information_files:
            return False
        if any(c.dep_ in ("det", "poss", "compound", "nummod") and c.lower_ not in ("any", "more", "further")
               for c in o.children) or o.pos_ == "PROPN":
            return False  # "the report", "our findings": something definite is promised
    return not any(t.like_num or t.pos_ == "PROPN" for t in pred.subtree if t.i in idx)


def _about_the_talk(pred, subj, vocab: Vocabulary, idx) -> bool:
    """"That's a fair question", "this is an important point": a pronoun subject, a copula
    and a noun of speech as all that is said."""
    if pred.pos_ == "NOUN" and pred.dep_ == "ROOT" and vocab.files(pred) & {"noun.communication"} \
            and not [t for t in pred.subtree if t.i in idx and t.pos_ in ("VERB", "AUX") and t.head.i == pred.i
                     and t.dep_ not in ("advcl",)]:
        return True  # "Before I take questions, a word on the schedule."
    if pred.lemma_.lower() != "be" or subj is None or subj.pos_ != "PRON":
        return False
    attrs = [c for c in pred.children if c.dep_ == "attr"]
    return bool(attrs) and all(vocab.files(a) & {"noun.communication"} and not any(
        c.dep_ in ("prep", "relcl", "acl") for c in a.children) for a in attrs)


def _credit_frames(toks, concepts_at, vocab: Vocabulary):
    """"Thanks to our partners, the harbor will ...": the credit is not what the sentence
    claims; the clause it is attached to is.  A noun of speech (WordNet
    ``noun.communication``) modifying the clause's verb, with a "to" phrase, is a credit
    frame: its words carry no claim (its figures are still checked)."""
    first = toks[0].i if toks else 0
    frame: set[int] = set()
    for t in toks:
        if (t.dep_ in ("npadvmod", "advmod", "intj") and t.pos_ == "NOUN" and t.head.i != t.i
                and vocab.files(t) & {"noun.communication"}
                and any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children)):
            frame |= {x.i - first for x in t.subtree}
    if not frame:
        return concepts_at
    return [(k, replace(c, light=True) if k in frame else c) for k, c in concepts_at]


def _is_aside(toks, vocab: Vocabulary) -> bool:
    """The speaker talking about their own speech: "I want to be clear about this", "I
    will not guess" (but not "I know that the library ...", and not a commitment such as
    "I will keep the branch open late")."""
    subj = [t for t in toks if t.dep_ in ("nsubj", "nsubjpass")
            and (t.lower_ in ("i", "'s") or (t.lower_ == "you" and t.head.lemma_.lower() in ("ask", "say")))]
    if not subj or any(t.dep_ == "ccomp" for t in toks):
        return False
    verb = subj[0].head
    return verb.lemma_.lower() in vocab.aside_verbs


def _in_time_clause(t, time_marks) -> bool:
    """Is ``t`` inside an adverbial clause of time ("when ...", "before ...", "until ...";
    the subordinators are the pack's ``time_marks``)?"""
    return any(a.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in time_marks
                                         for m in a.children)
               for a in [t, *t.ancestors])


def _is_predicate(t, time_marks) -> bool:
    """Verbs, and adjectives used as predicates ("is voluntary"), not as modifiers, and not
    inside a relative clause ("people whose records were involved" describes the people;
    it is not what the sentence asserts)."""
    if any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]):
        return False  # "the water supplied on the depot": a reduced relative describes
    if _in_time_clause(t, time_marks):
        return False  # "when the confrontation took place" dates the claim; it is not the claim
    if t.pos_ == "VERB":
        return True
    if t.pos_ == "ADJ":
        dep = t.dep_ if t.dep_ != "conj" else t.head.dep_
        return dep in ("acomp", "ROOT", "attr", "oprd", "ccomp", "xcomp", "advcl")
    return False


_SCOPE_DEPS = {"xcomp", "ccomp", "acl", "pcomp", "relcl", "acomp", "attr"}


def _negated_tokens(toks, neg_at, neg_verbs=frozenset(), clause_starts=(0,),
                    eventive=lambda t: False) -> tuple[set[int], set[int]]:
    """Token positions a negation applies to, and how often (odd counts are negated).

    A negation word applies to its head when it precedes it ("was not connected", "no
    impact"); a negative subject ("none of the staff was hurt") negates its verb; the scope
    then runs down complement chains ("do not plan to reopen", "no reason to worry") and to
    subject-less conjuncts.  A "not" after its head is contrastive ("by X, not by Y") and
    applies only to what follows it.  A negating verb ("declined the offer", "denied that
    ...") negates its complements, not itself, and a negation of such a verb reaches its
    complements too, so "cannot rule out delays" leaves the delays possible.  Used
    intransitively, such a verb negates its subject when that names something that happens
    (``eventive``: "the exercise ended", not "the convoy stopped").  A negation never reaches past its own clause.

    Returns the negated positions, and the subset a negation applies to directly (its head:
    "no impact", "declined the offer"); only those nouns count as negated predicates, while
    a noun merely in scope ("had not received training") is negated but not compared.
    """
    if not toks:
        return set()
    base = toks[0].i
    counts: dict[int, int] = {}
    verb_at = {toks[k].i for k in neg_verbs if 0 <= k < len(toks)}

    def governed(v):
        """What a negating verb or noun denies: its object or complement, a passive
        subject ("the sampling was halted"), an intransitive one's subject ("the
        sampling stopped"), a noun's "of"/"to" object ("a halt to the
        sampling", "the cancellation of the test")."""
        kids = [c for c in v.children if c.dep_ in ("dobj", "xcomp", "ccomp", "attr")]
        if v.pos_ == "VERB":
            kids += [c for c in v.children if c.dep_ == "nsubjpass"]
            if not kids:
                # used intransitively, such a verb is said of what stops: "the sampling
                # has stopped", "the exercise ended" (the subject undergoes it)
                kids += [c for c in v.children if c.dep_ == "nsubj" and eventive(c)]
        elif v.pos_ == "NOUN":
            preps = [c for c in v.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "on")]
            if not preps and v.dep_ == "dobj":
                # "ordered a halt to the sampling", "put an end to it": the parser often
                # attaches the "to" phrase to the verb; it still completes the noun
                preps = [c for c in v.head.children if c.dep_ == "prep" and c.lower_ == "to"
                         and c.i == v.i + 1]
            kids += [g for c in preps for g in c.children if g.dep_ in ("pobj", "pcomp")]
        return kids

    def complements(v):
        return [sub for c in governed(v) for sub in _scope(c)]

    import bisect

    def clause(k: int) -> int:
        return bisect.bisect_right(clause_starts, k) - 1

    current = [0]
    direct: dict[int, int] = {}

    def mark(t, is_target=False):
        k = t.i - base
        if clause(k) == current[0]:
            counts[k] = counts.get(k, 0) + 1
            if is_target:
                direct[k] = direct.get(k, 0) + 1

    for k, cue in neg_at:
        if not 0 <= k < len(toks):
            continue
        current[0] = clause(k)
        tok = toks[k]
        head = tok.head
        targets = []
        if k in neg_verbs:
            heads = {c.i for c in governed(tok)}
            for sub in complements(tok):
                if base <= sub.i < base + len(toks):
                    mark(sub, sub.i in heads)
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") or (
                tok.dep_ in ("det", "neg", "advmod") and head.i > tok.i and head.dep_ in ("nsubj", "nsubjpass")):
            # "none of the staff was hurt", "no branch will close", "not one of them was
            # trained", "not a single member": the verb (the subject noun itself is not
            # negated: "no members" and "none of the members" say the same about them)
            verb = head if tok.dep_ in ("nsubj", "nsubjpass") else head.head
            targets = [verb]
        elif head.i > tok.i and head.dep_ in ("advmod", "npadvmod") and head.pos_ == "ADV" \
                and head.head.pos_ in ("VERB", "AUX", "ADJ"):
            targets = [head.head]  # "no longer tested", "not yet approved": the predicate
        elif head.i > tok.i or tok.dep_ == "det":
            targets = [head]
        elif tok.dep_ == "neg" and head.i < tok.i:
            nxt = [t for t in toks[k + 1:k + 4] if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN")]
            targets = nxt[:1]
        elif head.i == tok.i:
            targets = []
        else:
            targets = [head]
        for t in targets:
            for sub in _scope(t):
                if base <= sub.i < base + len(toks):
                    mark(sub, sub is t)
                    if sub.i in verb_at:  # a negated negating verb: its complements flip back
                        heads = {c.i for c in governed(sub)}
                        for comp in complements(sub):
                            if base <= comp.i < base + len(toks):
                                mark(comp, comp.i in heads)
    return ({k for k, n in counts.items() if n % 2 == 1},
            {k for k, n in direct.items() if n % 2 == 1})


def _scope(tok):
    """The negated token and the predicates it governs: complements ("not expect to
    close"), gerunds after a preposition ("not look at closing") and conjuncts that share
    its subject and auxiliary ("not owned or operated", but not "not closing and will keep")."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        kids = []
        for c in t.children:
            if c.dep_ == "relcl" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
                continue  # ", which will stay ...": a non-restrictive clause is outside the scope
            if c.dep_ == "prep":
                kids += [g for g in c.children if g.dep_ == "pcomp"
                         or (g.dep_ == "pobj" and any(x.dep_ == "compound" and x.pos_ == "VERB" for x in g.children))]
            elif c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_.endswith("ly") and c.i > t.i:
                kids.append(c)  # "would not lose his job involuntarily": the manner is negated too
            elif c.dep_ in ("dobj", "pobj", "attr") and any(g.lower_ == "any" for g in c.children):
                kids.append(c)  # "none of it has turned up any contamination": "any" is in scope
            elif c.dep_ in _SCOPE_DEPS or (c.dep_ == "dobj" and t.pos_ in ("VERB", "AUX")):
                kids.append(c)
            elif c.dep_ == "compound" and c.pos_ == "VERB" and t.pos_ in ("NOUN", "PROPN"):
                kids.append(c)  # "stopped sampling groundwater" parsed as a compound noun
            elif c.dep_ == "conj" and not any(g.dep_ in SUBJECT_DEPS or g.dep_ in ("aux", "auxpass", "neg")
                                              for g in c.children):
                kids.append(c)
        for c in kids:
            if (c.pos_ in ("VERB", "ADJ", "AUX", "NOUN", "ADV") or c.dep_ == "pobj") and c not in out:
                out.append(c)
                stack.append(c)
    return out


_ROLES = {"nsubj": "subject", "csubj": "subject", "agent": "subject", "expl": "subject",
          "dobj": "object", "nsubjpass": "object", "attr": "attribute", "acomp": "attribute",
          "oprd": "attribute", "npadvmod": "measure", "advmod": "measure"}


def _with_counts(fig: Figure, toks, base: int) -> Figure:
    """Attach what a figure counts (the noun its last token modifies or precedes) and what
    it is bound to: the governing predicate and the figure's role there (see
    :class:`~linter.analysis.figures.Figure`)."""
    inside = [t for t in toks if fig.start <= t.idx - base < fig.end]
    if not inside:
        return fig
    last = inside[-1]
    counts = ""
    head = last.head
    if head.pos_ in ("NOUN", "PROPN") and head not in inside:
        counts = head.lemma_.lower()
    else:
        nxt = last.i + 1 - toks[0].i
        for t in toks[nxt:nxt + 3]:
            if t.pos_ in ("NOUN",):
                counts = t.lemma_.lower()
                break
            if t.pos_ not in ("ADJ", "PUNCT"):
                break
    pred, role = _binding(last)
    if not counts and role == "attribute":
        counts = _copular_subject(last)
    return replace(fig, counts=counts, pred=pred, role=role)


def _copular_subject(tok) -> str:
    """What a figure in a copular complement counts: its clause's subject ("the budget
    was $1.2B" states the budget, "the toll is now 12" the toll)."""
    h = tok
    while h.dep_ not in ("attr", "acomp", "oprd") and h.head is not h:
        h = h.head
    verb = h.head
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"):
            return c.lemma_.lower()
    return ""


def _binding(tok) -> tuple[str, str]:
    """The verb that governs ``tok`` and the role of the phrase below it."""
    prev, h = tok, tok.head
    steps = 0
    while h is not prev and h.pos_ not in ("VERB", "AUX") and steps < 6:
        prev, h = h, h.head
        steps += 1
    if h is prev or h.pos_ not in ("VERB", "AUX"):
        return "", ""
    dep = prev.dep_
    if dep == "prep":
        role = "prep:" + prev.lower_
    else:
        role = _ROLES.get(dep, dep)
    return h.lemma_.lower(), role


def _nonclaim(span, text: str, toks, vocab: Vocabulary, concepts_at) -> Optional[str]:
    """Why the sentence makes no claim, or None.  Only documented patterns make a
    non-claim (see ``rules/core/nonclaims.yml``); whatever the pattern, the figures of a
    non-claim are still checked by the engine."""
    body = re.sub(r"^\s*\d{1,2}/\d{1,2}\s+", "", text).strip()
    if not body:
        return "empty"
    if body.rstrip("\"')]").endswith("?"):
        return "question"
    for raw, rx in vocab.openers:
        if rx.match(body):
            return f"greeting, transition or boilerplate (pattern '{raw}')"
    if not [c for _, c in concepts_at if not c.light]:
        return "no content words"
    if len(body.split()) <= vocab.heading_max_words and not vocab.finder.find(body):
        if not any(t.pos_ in ("VERB", "AUX") for t in toks):
            return TITLE  # "Remarks to the Chamber of Commerce", with or without a full stop
        if body[-1] not in ".!" and _title_shaped(toks):
            return TITLE  # "Opening statement on recruiting", "The plan: what it means for you"
    return None


_WH_TAGS = {"WP", "WRB", "WDT", "WP$"}


def _title_shaped(toks) -> bool:
    """Every part of the line (split at colons and dashes) is a noun phrase or a
    wh-clause: a title asserts nothing ("Fort X's future: what the study does and does
    not mean"), though a headline with a finite verb does ("Pentagon cuts the exercise")."""
    parts: list[list] = [[]]
    for t in toks:
        if t.text in (":", "-", "--", "|") and t.dep_ == "punct":
            parts.append([])
        else:
            parts[-1].append(t)
    parts = [p for p in parts if any(not t.is_punct for t in p)]
    if not parts:
        return False
    for part in parts:
        words = [t for t in part if not t.is_punct]
        if words[0].tag_ in _WH_TAGS:
            continue  # "what the study means", "how to apply"
        idx = {t.i for t in part}
        heads = [t for t in part if t.head.i not in idx or t.head.i == t.i]
        if not heads or any(h.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") for h in heads if not h.is_punct):
            return False
    return True


DATE_LINE = "date line: a publication stamp"
_WEEKDAY = re.compile(r"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\W*)?$", re.I)


def _date_line(text: str, figures) -> bool:
    """Is the sentence only a date ("Tuesday, September 29, 2026")?"""
    if len(figures) != 1 or figures[0].kind != "date":
        return False
    f = figures[0]
    return bool(_WEEKDAY.match(text[:f.start])) and not text[f.end:].strip(" .")


#: The non-claim reason of a line with no verb and no figure.  A heading or paragraph of
#: that shape is a title; a list item, table row or quotation of that shape is still a claim
#: ("- Most trusted institution in the country"), which the engine decides from the unit.
TITLE = "title: no predicate and no figure"


def idf_weights(key_sets: list[frozenset[str]]) -> tuple[dict[str, float], float]:
    """Inverse document frequency of each key over the corpus units, and the unseen weight."""
    n = len(key_sets)
    df: dict[str, int] = {}
    for keys in key_sets:
        for k in keys:
            df[k] = df.get(k, 0) + 1
    weights = {k: math.log((n + 1) / (d + 1)) + 1.0 for k, d in df.items()}
    return weights, math.log(n + 1) + 1.0
