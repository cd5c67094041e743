"""msglint: check drafts against an approved response corpus.

The library API (what the CLI uses)::

    import linter
    corpus = linter.load_corpus(["corpus/"])
    for finding in linter.check_text(draft_text, corpus):
        print(finding.line, finding.rule, finding.message)

The spaCy pipeline and the analysed corpus are built once per process and reused.
"""
from __future__ import annotations

from ._version import __version__

__all__ = ["__version__", "load_corpus", "check_text", "Engine"]


def load_corpus(paths, **kwargs):
    """Load an approved corpus from files and folders (what ``--corpus`` accepts)."""
    from .corpus import load_corpus as _load

    return _load(paths, **kwargs)


_ENGINES: dict = {}


def check_text(text: str, corpus, rules=None, *, path: str = "<text>", as_of=None, model=None, cache=None):
    """The findings the CLI would report for ``text`` (sorted by position).

    ``rules`` is a :class:`~linter.rulepack.RulePack` (default: the shipped pack).
    """
    pack = rules if rules is not None else _default_pack()
    key = (id(corpus), corpus.content_hash, id(pack), model, as_of, cache)
    engine = _ENGINES.get(key)
    if engine is None:
        from .checks.engine import Engine

        engine = Engine(corpus, pack, model=model, as_of=as_of, cache=cache)
        _ENGINES.clear()
        _ENGINES[key] = engine
    return engine.check(text, path)


_PACK = []


def _default_pack():
    from .rulepack import load_rules

    if not _PACK:
        _PACK.append(load_rules())
    return _PACK[0]


def __getattr__(name):
    if name == "Engine":
        from .checks.engine import Engine

        return Engine
    raise AttributeError(name)
