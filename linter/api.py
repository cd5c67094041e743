"""The one engine: a corpus, a rule pack and the spaCy pipeline, opened once.

Everything that checks drafts goes through :class:`Linter`: the command line (``check``,
``explain``, ``coverage``), the Python API (:func:`linter.check_text`) and any server::

    from linter import Linter

    with Linter.open(["corpus/"]) as lint:
        for finding in lint.check_text("We provided $1.5 billion.", path="speech.txt"):
            print(finding.line, finding.rule, finding.message)

Opening reads the corpus through its cached snapshot
(:func:`linter.analysis.store.open_corpus`) and returns frozen results; nothing is attached
to the index afterwards.  The library never touches process-wide settings (the garbage
collector, the GIL switch interval, how the process exits): that is the command line's
business (:mod:`linter.cli.process`).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from functools import partial
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from .analysis.pipeline import parse_ahead
from .analysis.store import CacheStats, Opened, analyse_corpus, open_corpus
from .checks.engine import Checked, Engine
from .checks.suppress import apply as apply_suppressions
from .errors import InputError
from .checks.selfcheck import WARN_LIMIT, conflicts
from .drafts import parse as parse_draft
from .model import Corpus, Draft, Finding, Verdict
from .rulepack import RulePack, load_rules
from .textio import DEFAULT_MAX_BYTES

__all__ = ["Linter", "Opened", "CacheStats", "Checked"]

#: What ``rules=`` accepts: a loaded pack, or extra pack paths (folders or YAML files)
#: added to the shipped pack.
Rules = Union[RulePack, Sequence[str]]

_NO_CLAIM = ("none of its {n} sentence(s) makes a claim (greetings, titles, questions or "
             "boilerplate): nothing was compared with the corpus")


def _pack(rules: Rules) -> RulePack:
    return rules if isinstance(rules, RulePack) else load_rules([str(r) for r in rules])


class Linter:
    """Checks drafts against one opened corpus with one rule pack.

    Build it with :meth:`open` (corpus files and folders, through the cache) or
    :meth:`of_corpus` (a :class:`~linter.model.Corpus` already loaded).  It is a context
    manager: leaving it stops a parse started ahead (see ``first_draft``).  Results are
    frozen dataclasses: :class:`Checked` per draft, :class:`~linter.model.Finding`,
    :class:`~linter.model.Verdict`.  One thread at a time may use a ``Linter``.
    """

    def __init__(self, opened: Opened, rules: RulePack, *, model: Optional[str] = None,
                 as_of: Optional[_dt.date] = None):
        self.opened = opened
        self.rules = rules
        self.model = model
        self._engine = Engine(pack=rules, model=model, as_of=as_of, index=opened.index)
        self._ahead: Optional[tuple[Draft, object]] = None

    # ---- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, corpus_paths: Iterable[str], rules: Rules = (), *, model: Optional[str] = None,
             cache=None, as_of: Optional[_dt.date] = None, max_bytes: int = DEFAULT_MAX_BYTES,
             self_check: bool = True, first_draft: Optional[Draft] = None) -> "Linter":
        """Open the corpus at ``corpus_paths`` (what ``--corpus`` accepts).

        ``rules``: a :class:`~linter.rulepack.RulePack` or extra pack paths; ``model``: a
        spaCy model name or path (default: the first installed English model); ``cache``:
        None for the user cache directory, False for none, or a folder; ``as_of``: the day
        expiry dates are judged on (default: today); ``self_check``: find the corpus's
        internal conflicts when a snapshot is built (:attr:`Opened.problems`).
        ``first_draft``: a draft to parse in the background while the corpus opens; the
        next :meth:`check_draft` or :meth:`check_many` of that draft uses that parse.
        """
        pack = _pack(rules)
        ahead = parse_ahead(first_draft, pack, model) if first_draft is not None else None
        try:
            check = partial(conflicts, pack=pack, limit=WARN_LIMIT) if self_check else None
            opened = open_corpus(list(corpus_paths), pack, model, cache, max_bytes, self_check=check)
            linter = cls(opened, pack, model=model, as_of=as_of)
        except BaseException:  # never leave the parse running (a bad corpus, Ctrl-C)
            if ahead is not None:
                ahead.close()
            raise
        if ahead is not None:
            linter._ahead = (first_draft, ahead)
        return linter

    @classmethod
    def of_corpus(cls, corpus: Corpus, rules: Rules = (), *, model: Optional[str] = None, cache=None,
                  as_of: Optional[_dt.date] = None) -> "Linter":
        """A linter for a corpus already loaded (:func:`linter.load_corpus`); its documents
        are analysed through the per-document cache (no snapshot, no self-check)."""
        pack = _pack(rules)
        return cls(analyse_corpus(corpus, pack, model, cache), pack, model=model, as_of=as_of)

    # ---- what was opened ----------------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        return self.opened.index.corpus

    @property
    def index(self):
        """The :class:`~linter.analysis.index.CorpusIndex` drafts are aligned with."""
        return self.opened.index

    @property
    def engine(self) -> Engine:
        """The check engine (judges one draft's sentences; no suppressions)."""
        return self._engine

    # ---- checking -----------------------------------------------------------------------
    def check_text(self, text: str, path: str = "<text>") -> tuple[Finding, ...]:
        """The findings for ``text`` read as a draft named ``path`` (its extension picks
        the reader: ``.md`` is Markdown, anything else plain text), suppression comments
        applied, sorted by position."""
        return self.check_draft(parse_draft(path, text)).findings

    def check_draft(self, draft: Draft, progress: Optional[Callable[[int], object]] = None) -> Checked:
        """What the command line reports for ``draft``: findings (suppression comments
        applied, sorted by position), sentence and claim counts, and notices about it.
        ``progress(n)`` is called as sentences are judged (a progress bar's update)."""
        stream = None
        if self._ahead is not None and self._ahead[0] is draft:
            stream, self._ahead = self._ahead[1], None
        raw = self._engine.check_draft(draft, stream, progress=progress)
        notices = tuple(draft.notices)
        if draft.sentences and not raw.claims and not raw.findings:
            notices += (_NO_CLAIM.format(n=raw.sentences),)
        found = apply_suppressions(draft, list(raw.findings), self.rules)
        return replace(raw, findings=tuple(found), notices=notices, draft=draft)

    def check_many(self, drafts: Iterable[Draft], progress=None,
                   failed: Optional[Callable[[Draft, "InputError"], object]] = None) -> Iterator[Checked]:
        """:meth:`check_draft` for each draft, in order, as each is done.  Each draft's
        sentences go through ``nlp.pipe`` in batches, parsed in the background while the
        sentences parsed so far are judged.  ``progress(draft)``, when given, returns a
        progress bar for that draft (an object with ``update(n)`` and ``close()``) or None.
        A draft too large to check in the memory left is an :class:`InputError`, raised, or
        given to ``failed(draft, error)`` when there is one and the next draft checked."""
        for draft in drafts:
            bar = progress(draft) if progress is not None else None
            try:
                checked = self.check_draft(draft, bar.update if bar is not None else None)
            except MemoryError:
                checked = None  # raised below, once this frame has let go of what was built
            finally:
                if bar is not None:
                    bar.close()
            if checked is None:
                error = InputError("there is not enough memory to check this draft; split it into smaller drafts",
                                   draft.path)
                if failed is None:
                    raise error
                failed(draft, error)
                continue
            yield checked

    def explain(self, draft: Union[Draft, str], path: str = "<text>") -> list[Verdict]:
        """The verdict on every sentence of ``draft`` (a draft, or text read as one named
        ``path``): supported, contradicted, not covered, drifted or not a claim."""
        return self._engine.explain(draft, path)

    # ---- lifetime -----------------------------------------------------------------------
    def close(self) -> None:
        """Stop a parse started ahead and not used (safe to call twice)."""
        if self._ahead is not None:
            self._ahead[1].close()
            self._ahead = None

    def __enter__(self) -> "Linter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
