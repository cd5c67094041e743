"""`msglint corpus check`: find problems inside the approved corpus itself.

The corpus is the yardstick every draft is measured against, so it must agree with itself.
:func:`problems` reports, each with where it lives (and, for pairs, where the other half
lives):

========================  =======  ======================================================
code                      level    what
========================  =======  ======================================================
conflicting-figures       error    two approved lines give different values for the same
                                   thing (same figure kind and counted noun, similar
                                   sentence context)
contradiction             error    two approved lines say the same thing, one negated
duplicate-line            warning  the same approved line appears twice
expired                   warning  a document is past its ``expires`` date
unknown-posture           warning  a document states no PA posture
no-approved-lines         warning  a document has no approved (A:) lines
reader-note               warning  something the reader tolerated, e.g. a Q: with no A:
========================  =======  ======================================================

The analysis (figures, content keys, negation) is the same one ``msglint check`` uses
(:func:`linter.analysis.store.analyse_corpus`), so what counts as "the same figure" here is
what counts as it when a draft is judged.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Optional

import numpy as np

from ..analysis.figures import quantity_test
from ..analysis.pipeline import vocabulary
from ..analysis.polarity import opposite_polarity
from ..analysis.store import analyse_corpus
from ..model import Corpus, Problem, SEVERITY_RANK
from ..rulepack import load_rules

#: Jaccard similarity of two lines' content keys above which their figures are compared.
FIGURE_CONTEXT = 0.5
#: Share of the shorter line's content keys the longer one must have for two figures that
#: count the same noun ("the $1B Foreign Military Sales budget" / "the Foreign Military
#: Sales budget was $1.2B") to be the same quantity, however different the lines' lengths.
BOUND_FIGURE_OVERLAP = 0.6
#: Jaccard similarity of two lines' content keys above which opposite polarity contradicts.
CONTRADICTION_CONTEXT = 0.6

#: Approved lines shorter than this many words ("Yes.", "No.") may repeat freely.
MIN_DUPLICATE_WORDS = 4

# `msglint check` stops looking for conflicts after this many (it only warns that some exist).
WARN_LIMIT = 100


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


_NOTE_LINE = re.compile(r"^line (\d+):\s*(.*)$")


def problems(corpus: Corpus, pack=None, as_of: Optional[_dt.date] = None, index=None,
             limit: Optional[int] = None) -> list[Problem]:
    """Every problem in ``corpus``, sorted by location.

    ``pack`` defaults to the default rule pack, ``as_of`` to today.  ``index`` may be a
    :class:`~linter.analysis.index.CorpusIndex` already built for ``corpus`` (for example
    ``Engine.index``), which saves analysing the corpus a second time.
    """
    if pack is None:
        pack = load_rules()
    as_of = as_of or _dt.date.today()
    out: list[Problem] = []
    out += _document_problems(corpus, as_of)
    out += _duplicates(corpus)
    if index is None:
        index = analyse_corpus(corpus, pack, cache=False).index
    out += _pair_problems(index, pack, limit)
    out.sort(key=Problem.sort_key)
    return out


def conflicts(index, pack, limit: Optional[int] = None) -> list[Problem]:
    """Only the error-level problems (approved lines that conflict or contradict each
    other), sorted by location: what ``msglint check`` warns about."""
    found = [p for p in _pair_problems(index, pack, limit) if p.severity == "error"]
    found.sort(key=Problem.sort_key)
    return found


def has_errors(found: list[Problem]) -> bool:
    return any(p.severity == "error" for p in found)


# ---- per document -------------------------------------------------------------------------

def _document_problems(corpus: Corpus, as_of: _dt.date) -> list[Problem]:
    out: list[Problem] = []
    for doc in corpus.documents:
        name = doc.title or doc.id
        if doc.is_expired(as_of):
            out.append(Problem("expired", "warning",
                               f"document {name!r} expired on {doc.expires.isoformat()} "
                               f"(judged as of {as_of.isoformat()})", doc.path, doc.line, document=doc.id))
        if doc.posture == "unknown":
            out.append(Problem("unknown-posture", "warning",
                               f"document {name!r} states no PA posture (RTQ or active)",
                               doc.path, doc.line, document=doc.id))
        if not doc.approved_lines:
            out.append(Problem("no-approved-lines", "warning",
                               f"document {name!r} has no approved (A:) lines", doc.path, doc.line,
                               document=doc.id))
        for note in doc.notes:
            m = _NOTE_LINE.match(note)
            line, text = (int(m.group(1)), m.group(2)) if m else (doc.line, note)
            out.append(Problem("reader-note", "warning", f"{text} (in document {name!r})",
                               doc.path, line, document=doc.id))
    return out


def _duplicates(corpus: Corpus) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, object] = {}
    for line in corpus.approved_lines:
        key = line.norm.casefold()
        if len(key.split()) < MIN_DUPLICATE_WORDS:
            continue  # "Yes." and "No." are meant to repeat
        seen = first.get(key)
        if seen is None:
            first[key] = line
            continue
        out.append(Problem("duplicate-line", "warning",
                           f"approved line duplicated: \"{_short(line.display)}\"",
                           line.path, line.line, seen.path, seen.line, document=line.doc_id))
    return out


# ---- between two approved lines -------------------------------------------------------------

def _pair_problems(index, pack, limit: Optional[int] = None) -> list[Problem]:
    """Conflicting figures and contradictions between pairs of similar approved lines.

    Pairs are found by prefix filtering: with the keys of every line ordered rarest first,
    two lines whose Jaccard similarity reaches ``t`` must share one of the first
    ``n - ceil(t * n) + 1`` keys of each, so only those keys are indexed and the search
    does not compare every line with every other.
    """

    vocab = vocabulary(pack)
    finder = vocab.finder
    pairs = vocab.is_opposite
    same = quantity_test(getattr(vocab, "lexicon", None))  # what the draft checks use too
    # Each approved line's content keys, as key ids, read off the index's columns: no line
    # is decoded until a pair is similar enough.
    ids_of = index.approved_line_key_ids()
    approved = list(ids_of)
    sets = {i: frozenset(ids) for i, ids in ids_of.items()}
    df = [0] * len(index.core.keys)
    for ids in ids_of.values():
        for k in ids:
            df[k] += 1
    # rarest first; ties in key order, so the result does not depend on key numbering
    names = index.core.keys
    rank = [0] * len(names)
    for r, k in enumerate(sorted(range(len(names)), key=lambda k: (df[k], names[k]))):
        rank[k] = r
    t = min(FIGURE_CONTEXT, CONTRADICTION_CONTEXT)
    prefix_index: dict[int, list[int]] = {}
    prefixes: dict[int, list[int]] = {}
    for i in approved:
        keys = sorted(ids_of[i], key=rank.__getitem__)
        n = len(keys)
        prefixes[i] = keys[: n - math.ceil(t * n) + 1]
        for k in prefixes[i]:
            prefix_index.setdefault(k, []).append(i)
    out: list[Problem] = []
    for i in approved:
        cands: set[int] = set()
        for k in prefixes[i]:
            cands.update(j for j in prefix_index.get(k, ()) if j > i)
        for j in sorted(cands):
            sim = jaccard(sets[i], sets[j])
            if sim < t:
                continue
            li, lj = index.lines[i], index.lines[j]
            if li.norm.casefold() == lj.norm.casefold():
                continue  # reported as a duplicate
            ai, aj = index.line_unit(i), index.line_unit(j)
            if sim >= FIGURE_CONTEXT:
                conflict = (None if _dated_apart(ai.figures, aj.figures, finder)
                            else _figure_conflict(ai.figures, aj.figures, finder, same))
                if conflict is not None:
                    out.append(_figures_problem(*conflict, li, lj))
            if sim >= CONTRADICTION_CONTEXT and opposite_polarity(ai, aj.concepts, pairs):
                out.append(_contradiction_problem(ai, aj, li, lj))
            if limit is not None and len(out) >= limit:
                return out
    said = {(p.path, p.line, p.other_path, p.other_line) for p in out if p.code == "contradiction"}
    for i, j in _opposite_pairs(index, vocab, approved):
        li, lj = index.lines[i], index.lines[j]
        if (li.path, li.line, lj.path, lj.line) in said or li.norm.casefold() == lj.norm.casefold():
            continue
        ai, aj = index.line_unit(i), index.line_unit(j)
        if opposite_polarity(ai, aj.concepts, pairs):
            out.append(_contradiction_problem(ai, aj, li, lj))
            if limit is not None and len(out) >= limit:
                return out
    reported = {(p.path, p.line, p.other_path, p.other_line) for p in out if p.code == "conflicting-figures"}
    for p in _bound_figure_conflicts(index, finder, ids_of, rank, same):
        if (p.path, p.line, p.other_path, p.other_line) not in reported:
            out.append(p)
            if limit is not None and len(out) >= limit:
                break
    return out


def _contradiction_problem(ai, aj, li, lj) -> Problem:
    if ai.negative != aj.negative:
        neg, pos = (li, lj) if ai.negative else (lj, li)
        what = f"\"{_short(neg.display)}\" denies \"{_short(pos.display)}\""
    else:  # an opposite word, not a negation: "will close" / "will remain open"
        what = f"\"{_short(li.display)}\" says the opposite of \"{_short(lj.display)}\""
    return Problem("contradiction", "error",
                   f"approved lines contradict each other: {what} ({lj.path}:{lj.line})",
                   li.path, li.line, lj.path, lj.line, document=li.doc_id)


def _opposite_pairs(index, vocab, approved) -> list[tuple[int, int]]:
    """Pairs of approved lines that are about the same thing once an opposite counts as
    the same word: "will close to commercial traffic" / "will remain open to commercial
    traffic" share few keys ("close" and "open" are different words, each with its own
    synonym keys) but every content word of one is a word, or the opposite of a word, of
    the other.  Each line's terms are its concepts' stems and their opposites (as the
    ``contradiction`` check of a draft aligns on, :meth:`Vocabulary.opposites_of`: the
    synonym keys, which the key pairs above compare, would only dilute them); two
    lines pair when the Jaccard similarity of their terms reaches
    ``CONTRADICTION_CONTEXT``, found by the same prefix filtering as the key pairs, and
    as many of their content words have a counterpart (:func:`_aligned_share`)."""
    terms: dict[int, frozenset] = {}
    concepts: dict[int, tuple] = {}
    for i in approved:
        got = set()
        mine = tuple(c for c in index.concepts_of(int(index.core.line_unit[i])) if not c.light)
        for c in mine:
            got |= {c.stem} | vocab.opposites_of(c)
        if got:
            terms[i], concepts[i] = frozenset(got), mine
    df: dict[str, int] = {}
    for ts in terms.values():
        for t in ts:
            df[t] = df.get(t, 0) + 1
    t_min = CONTRADICTION_CONTEXT
    by_prefix: dict[str, list[int]] = {}
    prefix: dict[int, list[str]] = {}
    for i, ts in terms.items():
        ordered = sorted(ts, key=lambda t: (df[t], t))
        prefix[i] = ordered[: len(ordered) - math.ceil(t_min * len(ordered)) + 1]
        for t in prefix[i]:
            by_prefix.setdefault(t, []).append(i)
    out = []
    for i in sorted(terms):
        cands = {j for t in prefix[i] for j in by_prefix[t] if j > i}
        for j in sorted(cands):
            if (jaccard(terms[i], terms[j]) >= t_min
                    and _aligned_share(concepts[i], concepts[j], vocab.is_opposite) >= t_min):
                out.append((i, j))
    return out


def _aligned_share(a: tuple, b: tuple, is_opposite) -> float:
    """The share of two lines' content words that have a counterpart on the other side:
    the same word (a shared key) or its opposite.  The terms above find candidates; this
    keeps two lines that merely share opposites ("rose" / "fell" in lines about different
    things, whose opposite sets overlap) from counting as one claim."""
    if not a or not b:
        return 0.0

    def matched(xs, ys):
        return sum(1 for x in xs if any(not x.keyset.isdisjoint(y.keyset) or is_opposite(x, y) for y in ys))

    return (matched(a, b) + matched(b, a)) / (len(a) + len(b))


def _bound_figure_conflicts(index, finder, ids_of, rank, same) -> list[Problem]:
    """Approved lines that give different values for the same quantity: figures of one
    kind counting the same noun, in lines whose shorter one's content is mostly in the
    other (``BOUND_FIGURE_OVERLAP``), however unequal their lengths -- the conflicts a
    similarity of whole lines misses.  Lines that date their figures to different dates
    state different quantities ("the 2019 budget" / "the 2020 budget")."""
    core = index.core
    lu = core.line_unit
    nfig = np.diff(core.unit_figure_offsets)
    figs_of, keys_of = {}, {}
    for i, ids in ids_of.items():
        uid = int(lu[i])
        if nfig[uid] <= 0:
            continue
        figs = index.figures_of(uid)
        if any(f.counts for f in figs):
            figs_of[i], keys_of[i] = figs, frozenset(ids)
    t = BOUND_FIGURE_OVERLAP
    by_prefix: dict[int, list[int]] = {}
    for i, ks in keys_of.items():
        ordered = sorted(ks, key=rank.__getitem__)
        for k in ordered[: len(ordered) - math.ceil(t * len(ordered)) + 1]:
            by_prefix.setdefault(k, []).append(i)
    out: list[Problem] = []
    for i in sorted(keys_of):
        cands = sorted({j for k in keys_of[i] for j in by_prefix.get(k, ()) if j != i})
        for j in cands:
            a, b = (i, j) if i < j else (j, i)
            if i != a:
                continue  # each pair once, from its first line
            ka, kb = keys_of[a], keys_of[b]
            if len(ka & kb) < t * min(len(ka), len(kb)):
                continue
            la, lb = index.lines[a], index.lines[b]
            if la.norm.casefold() == lb.norm.casefold():
                continue
            fa_all, fb_all = figs_of[a], figs_of[b]
            if _dated_apart(fa_all, fb_all, finder):
                continue
            conflict = _figure_conflict(fa_all, fb_all, finder, same)
            if conflict is None:
                continue
            out.append(_figures_problem(*conflict, la, lb))
    return out


def _dated_apart(figs_a, figs_b, finder) -> bool:
    """Both lines date what they say, to different dates: their figures are of different
    times ("the 2024 budget" / "the 2025 budget") and cannot conflict."""
    da = [f for f in figs_a if f.kind in ("date", "year")]
    db = [f for f in figs_b if f.kind in ("date", "year")]
    return bool(da and db) and not any(finder.same_value(x, y) for x in da for y in db)


def _figures_problem(fa, fb, la, lb) -> Problem:
    """Line ``la``'s figure ``fa`` and line ``lb``'s ``fb`` state one quantity differently
    (a figure only conflicts when it counts something: ``fa.counts`` is set)."""
    return Problem("conflicting-figures", "error",
                   f"approved lines give different figures for {fa.counts}: "
                   f"\"{fa.display()}\" here, \"{fb.display()}\" at {lb.path}:{lb.line}",
                   la.path, la.line, lb.path, lb.line, document=la.doc_id)


def _figure_conflict(figs_a, figs_b, finder, same):
    """The first figure of ``figs_a`` that some figure of ``figs_b`` states differently.

    A figure conflicts only when the other line has figures of the same kind counting the
    same noun and none of them gives the same value (so "eight ... three" against
    "eight ... three" is not a conflict just because eight != three).
    """
    for fa in figs_a:
        if not fa.counts:
            continue  # what it counts is unknown: two dates of two events are not a conflict
        rivals = [fb for fb in figs_b if same(fa, fb)]
        if rivals and not any(finder.same_value(fa, fb) for fb in rivals):
            return fa, rivals[0]
    return None


def render_text(found: list[Problem], n_documents: int) -> str:
    rows = []
    for p in found:
        row = f"{p.location()}: {p.severity} [{p.code}] {p.message}"
        other = p.other_location()
        if other is not None and other not in p.message:
            row += f" (see {other})"
        rows.append(row)
    errors = sum(p.severity == "error" for p in found)
    warnings = sum(p.severity == "warning" for p in found)
    docs = f"{n_documents} document{'s' if n_documents != 1 else ''}"
    if not found:
        rows.append(f"ok: no problems in {docs}")
    else:
        rows.append(f"{errors} error{'s' if errors != 1 else ''}, "
                    f"{warnings} warning{'s' if warnings != 1 else ''} in {docs}")
    return "\n".join(rows) + "\n"


def render_json(found: list[Problem], corpus: Corpus, as_of: _dt.date) -> dict:
    return {
        "as_of": as_of.isoformat(),
        "corpus_hash": corpus.content_hash,
        "documents": len(corpus.documents),
        "problems": [p.to_json() for p in found],
        "summary": {sev: sum(p.severity == sev for p in found)
                    for sev in sorted(("error", "warning"), key=lambda s: -SEVERITY_RANK[s])},
    }
