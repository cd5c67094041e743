"""Sentence analyses kept between lints, so an edit re-parses only what it changed.

An analysis (:class:`~linter.analysis.claims.Analysed`) depends on the sentence's text, the
rule pack and the spaCy model only: every draft sentence is parsed as a ``Doc`` of its own
(:func:`~linter.analysis.pipeline.analyse_texts`).  So the server keeps one map from
``(pack, model, text)`` to the analysis; a lint looks every sentence up and parses the
missing ones in one ``nlp.pipe`` pass.  Typing in one paragraph changes that paragraph's
sentences only; the rest of the draft is found in the map.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Optional


class Analyses(list):
    """The analyses of a draft's sentences, in order (or ``(sentence, analysis)`` pairs, the
    form :meth:`~linter.checks.engine.Engine.evaluated` takes): iterable, and a context
    manager like the background parse it otherwise uses."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


class LRU(OrderedDict):
    """A dict of at most ``limit`` entries: ``get`` marks an entry used, and setting one
    past the limit drops the least recently used."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        if len(self) > self.limit:
            self.popitem(last=False)


class SentenceCache:
    """At most ``limit`` sentence analyses, the least recently used dropped first.  An
    analysis takes about 6 KiB, so the default keeps the sentences of some fifty long
    drafts in about 60 MB."""

    def __init__(self, limit: int = 10_000):
        self.limit = limit
        self._map: OrderedDict = OrderedDict()
        self.parsed = 0  # sentences parsed by the latest call to analyses()
        self.reused = 0
        self._pack = None
        self._fp = ""

    def __len__(self) -> int:
        return len(self._map)

    def analyses(self, texts: list[str], pack, model: Optional[str] = None) -> Analyses:
        from ..analysis.pipeline import analyse_texts

        if self._pack is not pack:  # the fingerprint hashes the whole pack: once per pack
            self._pack, self._fp = pack, pack.fingerprint()
        fp = self._fp
        keys = [(fp, model, t) for t in texts]
        missing: dict = {}
        for k in keys:
            if k not in self._map and k not in missing:
                missing[k] = None
        if missing:
            for k, an in zip(missing, analyse_texts([k[2] for k in missing], pack, model)):
                self._map[k] = an
        out = Analyses()
        for k in keys:
            self._map.move_to_end(k)
            out.append(self._map[k])
        while len(self._map) > self.limit:
            self._map.popitem(last=False)
        self.parsed = len(missing)
        self.reused = len(keys) - len(missing)
        return out
