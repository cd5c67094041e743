"""msglint: check drafts against an approved response corpus.

The library API is :class:`Linter` (what the command line uses): a corpus, a rule pack and
the spaCy pipeline, opened once::

    from linter import Linter

    with Linter.open(["corpus/"]) as lint:
        for finding in lint.check_text(draft_text, path="speech.md"):
            print(finding.line, finding.rule, finding.message)

Two shortcuts keep working: :func:`load_corpus` and :func:`check_text`, which keeps one
:class:`Linter` per corpus and rule pack for the life of the process::

    import linter
    corpus = linter.load_corpus(["corpus/"])
    for finding in linter.check_text(draft_text, corpus):
        print(finding.line, finding.rule, finding.message)

Importing ``linter`` does not import spaCy; the first check does.
"""
from __future__ import annotations

from ._version import __version__

__all__ = ["__version__", "Linter", "Opened", "Checked", "load_corpus", "check_text", "Engine"]


def load_corpus(paths, **kwargs):
    """Load an approved corpus from files and folders (what ``--corpus`` accepts)."""
    from .corpus import load_corpus as _load

    return _load(paths, **kwargs)


_LINTERS: dict = {}


def check_text(text: str, corpus, rules=None, *, path: str = "<text>", as_of=None, model=None, cache=None):
    """The findings the CLI would report for ``text`` (sorted by position, suppression
    comments applied): :meth:`Linter.check_text` with a :class:`Linter` built for
    ``corpus`` (a :class:`~linter.model.Corpus`) and kept for the next call.

    ``rules`` is a :class:`~linter.rulepack.RulePack` (default: the shipped pack).
    """
    from .api import Linter

    pack = rules if rules is not None else _default_pack()
    key = (id(corpus), corpus.content_hash, id(pack), model, as_of, cache)
    lint = _LINTERS.get(key)
    if lint is None:
        lint = Linter.of_corpus(corpus, pack, model=model, as_of=as_of, cache=cache)
        _LINTERS.clear()
        _LINTERS[key] = lint
    return list(lint.check_text(text, path))


_PACK = []


def _default_pack():
    from .rulepack import load_rules

    if not _PACK:
        _PACK.append(load_rules())
    return _PACK[0]


# Lazy attributes: ``import linter`` stays light (no spaCy) until one of them is used.
_LAZY = {"Linter": ".api", "Opened": ".api", "Checked": ".api", "Engine": ".checks.engine"}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(name)
