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
    directly ("no impact"); and two opposite modifiers of the same head ("eastbound" /
    "westbound lanes").  Against a ``stance`` (a question with the polarity of its
    answer, where every content word carries that polarity) only the clause's own
    predicates are compared: its arguments are not what it affirms or denies.

    A disagreement that is only where the negation sits is no disagreement: "the fire
    injured no workers" and "not a single worker was injured", "no injuries were caused"
    and "did not injure anyone" deny the same thing.  So the two sides are compared again
    with a negation moved between noun and verb taken as the same (:func:`_moved_negation`)
    and with an argument given the polarity of its predication; they are opposite only if
    they still disagree.  (That second reading only ever takes a contradiction away.)
    """
    mine, theirs = tuple(clause.concepts), tuple(theirs)
    if not _disagree(mine, theirs, is_opposite, stance, False):
        return False
    # only a negation made with a negative word is moved or shared: "who complete a
    # course" negates "course" by a verb of ending, which is no quantifier
    cues = tuple(getattr(clause, "negations", ()) or ())
    if not cues or not all(w.lower() in NEGATIVE_WORDS for w in cues):
        return True
    return _disagree(mine, theirs, is_opposite, stance, True)


def _disagree(mine, theirs, is_opposite, stance, by_predication) -> bool:
    agree = disagree = 0
    my_neg, their_neg = _denies(mine), _denies(theirs)
    moved = _moved_negation(mine, theirs) if by_predication else frozenset()
    for i, c in enumerate(mine):
        if (c.light or stance) and not c.pred:
            continue  # light verbs ("want", "make") still carry a polarity
        keys = c.keyset
        verdicts = []
        for j, m in enumerate(theirs):
            flip = is_opposite(c, m)
            if not flip and keys.isdisjoint(m.keyset):
                continue
            if by_predication and not flip and c.neg != m.neg and (c, m) in moved:
                verdicts.append((True, False))
            elif c.pred and m.pred or (not by_predication and (c.pred or m.pred)):
                verdicts.append(((c.neg ^ flip) == m.neg, flip))
            elif c.pred or m.pred:
                # a noun against a predicate ("no injuries were caused" / "did not injure
                # anyone"): an argument has the polarity of the predication it is in
                cn = c.neg if c.pred else my_neg
                mn = m.neg if m.pred else their_neg
                verdicts.append(((cn ^ flip) == mn, flip))
            elif flip and _same_head(mine, i, theirs, j) and _sided(c, m, is_opposite):
                # opposite modifiers of one thing ("the eastbound lanes" / "the westbound
                # lanes", "the north entrance" / "the south entrance"): the thing is not
                # what either line affirms, the side of it is
                verdicts.append((False, True))
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


MODIFIER_POS = ("ADJ", "NOUN", "PROPN", "ADV")
# negative prefixes a hyphen splits off ("un-matched", "non-commercial")
NEGATIVE_PREFIXES = frozenset({"un", "non", "in", "im", "ir", "il", "dis"})


def _sided(c, m, is_opposite) -> bool:
    """Are two opposite modifiers a direction or a side ("north" / "south", "eastbound" /
    "westbound", "left" / "right")?  WordNet files such a word, or for a satellite
    adjective ("eastbound") one of its opposites ("west"), with the nouns of place
    (``noun.location``).  Other opposite modifiers of one head ("male" / "female
    applicants") name two sets a sentence may both speak of, not a reversal.  The words
    are looked up in the lexicon of the vocabulary ``is_opposite`` belongs to."""
    vocab = getattr(is_opposite, "__self__", None)
    lexicon = getattr(vocab, "lexicon", None)
    if lexicon is None or not getattr(lexicon, "available", False):
        return False

    def place(word: str) -> bool:
        return "noun.location" in (lexicon.lexfiles(word, "a") | lexicon.lexfiles(word, "n"))

    def sided(concept) -> bool:
        w = concept.lemma.lower()
        if " " in w:
            return False
        return place(w) or any(place(o) for o in lexicon.antonyms(w, "a") if " " not in o)

    return sided(c) and sided(m)


def _prefixed(seq, i) -> bool:
    return i > 0 and seq[i - 1].lemma in NEGATIVE_PREFIXES


def _same_head(mine, i, theirs, j) -> bool:
    """Do ``mine[i]`` and ``theirs[j]``, two modifiers, modify the same word?  A modifier
    comes before its head in English ("eastbound lanes", "north entrance of the stadium"),
    so the head is the next content word on each side; they must share a key."""
    if mine[i].pos not in MODIFIER_POS or theirs[j].pos not in MODIFIER_POS:
        return False
    if i + 1 >= len(mine) or j + 1 >= len(theirs):
        return False
    if _prefixed(mine, i) or _prefixed(theirs, j):
        return False  # "non-commercial" against "noncommercial": the prefix is the antonym
    a, b = mine[i + 1], theirs[j + 1]
    return a.pos in ("NOUN", "PROPN") and not a.keyset.isdisjoint(b.keyset)


def _moved_negation(mine, theirs) -> frozenset:
    """The pairs of concepts that differ in polarity only because the two sides put one
    negation in different places: a negative quantifier on a noun on one side ("the fire
    injured *no* workers", "*none* of the wells were affected") and a negated verb or
    adjective on the other ("*not* a single worker was injured", "the spill did *not*
    affect any wells").  Each side has exactly one negated concept, one is a noun and the
    other is not, and each matches a concept of the other side that is not negated."""
    neg_mine = [c for c in mine if c.neg]
    neg_theirs = [m for m in theirs if m.neg]
    if len(neg_mine) != 1 or len(neg_theirs) != 1:
        return frozenset()
    q, p = neg_mine[0], neg_theirs[0]
    if (q.pos in NOUNS) == (p.pos in NOUNS):
        return frozenset()
    q_to = [m for m in theirs if not m.neg and not q.keyset.isdisjoint(m.keyset)]
    p_to = [c for c in mine if not c.neg and not p.keyset.isdisjoint(c.keyset)]
    if not q_to or not p_to:
        return frozenset()
    return frozenset([(q, m) for m in q_to] + [(c, p) for c in p_to])


NOUNS = ("NOUN", "PROPN", "PRON")
# the negative words a negation can be moved with ("no workers" / "not ... workers")
NEGATIVE_WORDS = frozenset({"no", "not", "n't", "none", "never", "nobody", "nothing", "neither"})


def _denies(concepts: tuple) -> bool:
    """Is one of the predicates negated (the sentence denies something)?"""
    return any(c.neg and c.pred for c in concepts)
