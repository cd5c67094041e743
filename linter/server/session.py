"""What the language server checks drafts against: one corpus and one rule pack, opened once.

This is the server's only door into the checking engine.  It builds the engine the way
``msglint check`` does (:mod:`linter.cli.check_cmd`: settings, rule pack, the cached corpus
snapshot from :func:`~linter.analysis.store.open_corpus`, then
:class:`~linter.checks.engine.Engine`), so that moving the server onto a shared library
object later is a change to this file only.

Settings come from, in order: the initialization options ``config`` (a config file), else
the nearest ``.msglint.yaml`` (or ``[tool.msglint]``) at or above the workspace folder;
then the options ``corpus`` (replaces the file's corpus) and ``rules`` (added to its
packs).  Relative option paths are relative to the workspace folder.
"""
from __future__ import annotations

import datetime as _dt
import os
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Optional

from ..config import Settings, find_config, settings_from_file
from ..errors import ConfigError, MsglintError
from ..model import SEVERITY_RANK, Draft, Finding
from ..textio import DEFAULT_MAX_BYTES, is_within
from .analyses import LRU

OPTION_KEYS = ("corpus", "rules", "config")
MEMO_LIMIT = 10_000  # evaluated sentences kept per session, the least recently used dropped


def _paths(value, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"initialization option '{key}' must be a path or a list of paths")


def resolve_settings(root: Optional[Path], options: Optional[dict]) -> Settings:
    """The settings for a workspace folder ``root`` and the client's initialization options.
    Raises :class:`~linter.errors.ConfigError` for a bad file or option."""
    options = options if isinstance(options, dict) else {}
    unknown = sorted(k for k in options if k not in OPTION_KEYS)
    if unknown:
        raise ConfigError(f"unknown initialization option(s) {', '.join(map(repr, unknown))}; "
                          f"allowed: {', '.join(OPTION_KEYS)}")
    base = root or Path.cwd()

    def absolute(p: str) -> str:
        return str(Path(p) if os.path.isabs(p) else base / p)

    config = _paths(options.get("config"), "config")
    if len(config) > 1:
        raise ConfigError("initialization option 'config' names one file")
    if config:
        path = Path(absolute(config[0]))
        if not path.is_file():
            raise ConfigError("configuration file not found", str(path))
    else:
        path = find_config(base) if base.exists() else None
    settings = settings_from_file(path) if path else Settings()
    corpus = _paths(options.get("corpus"), "corpus")
    if corpus:
        settings.corpus = tuple(absolute(p) for p in corpus)
    settings.rules = settings.rules + tuple(absolute(p) for p in _paths(options.get("rules"), "rules"))
    return settings


def _signature(paths: Iterable[str]) -> tuple:
    """What the corpus files look like from outside (paths, sizes, times, inodes): the
    same facts the snapshot's manifest is keyed by, so an unchanged signature means the
    snapshot in use is still the corpus on disk."""
    from ..corpus import collect_files_stat

    try:
        found = collect_files_stat(list(paths))
    except MsglintError as exc:
        return ("unreadable", str(exc))
    return tuple((f.path, f.stat.st_size, f.stat.st_mtime_ns, f.stat.st_ctime_ns, f.stat.st_ino) for f in found)


@dataclass
class Opened:
    """What opening a session said: notices for the user (warnings) and facts (info)."""

    warnings: list[str]
    info: list[str]


class Session:
    """The corpus snapshot, rule pack and engine for one workspace.

    Not thread-safe: the server calls it from one worker thread only.
    """

    STAT_INTERVAL = 1.0  # seconds between two stat checks of the corpus files

    def __init__(self, settings: Settings, max_bytes: int = DEFAULT_MAX_BYTES):
        self.settings = settings
        self.max_bytes = max_bytes
        self.pack = None
        self.engine = None
        self._signature: tuple = ()
        # sentence (text, unit kind) -> its evaluation and hits against this engine
        self._memo = LRU(MEMO_LIMIT)
        self._stat_at = 0.0

    # -- opening ---------------------------------------------------------------------------
    @property
    def corpus_paths(self) -> tuple[str, ...]:
        return self.settings.corpus

    @property
    def model(self) -> Optional[str]:
        return self.settings.model

    def watched(self) -> list[str]:
        """Files and folders whose change means the session must be opened again: the
        corpus, the rule packs and the config file."""
        out = list(self.settings.corpus) + list(self.settings.rules)
        if self.settings.source:
            out.append(self.settings.source)
        return out

    def open(self) -> Opened:
        """Load the rule pack and open the corpus snapshot (building or patching it when
        the corpus changed).  Raises :class:`~linter.errors.MsglintError` when there is
        nothing usable; a corpus with some unreadable files opens with the rest."""
        from ..analysis.store import open_corpus
        from ..checks.engine import Engine
        from ..checks.selfcheck import WARN_LIMIT, conflicts
        from ..rulepack import load_rules

        if not self.settings.corpus:
            raise ConfigError("no corpus: set 'corpus' in .msglint.yaml or the initialization option "
                              "'corpus'")
        pack = load_rules(list(self.settings.rules)).with_overrides(self.settings.severity, self.settings.disable)
        signature = _signature(self.settings.corpus)
        opened = open_corpus(list(self.settings.corpus), pack, self.settings.model, None, self.max_bytes,
                             self_check=partial(conflicts, pack=pack, limit=WARN_LIMIT))
        index = opened.index
        self.pack = pack
        self.engine = Engine(pack=pack, model=self.settings.model, as_of=self.settings.as_of, index=index)
        self._memo = LRU(MEMO_LIMIT)
        self._signature = signature
        self._stat_at = time.monotonic()
        corpus = index.corpus
        warnings = [f"corpus file left out: {bad}" for bad in corpus.unreadable]
        problems = list(opened.problems or ())
        if problems:
            first = problems[0]
            warnings.append(f"the corpus has {len(problems)} internal conflict(s), e.g. {first.location()}: "
                            f"{first.message} (run 'msglint corpus check')")
        info = [f"corpus: {len(corpus.documents)} document(s) from {', '.join(self.settings.corpus)}"]
        info += list(opened.notices)
        return Opened(warnings, info)

    def _renew(self) -> None:
        from ..checks.engine import Engine

        self.engine = Engine(pack=self.pack, model=self.settings.model, as_of=None, index=self.engine.index)
        self._memo = LRU(MEMO_LIMIT)

    def stale(self, force: bool = False) -> bool:
        """Whether the corpus files changed since the snapshot was opened or since this
        last said so (a stat of each file, at most once per :attr:`STAT_INTERVAL` unless
        ``force``)."""
        now = time.monotonic()
        if not force and now - self._stat_at < self.STAT_INTERVAL:
            return False
        self._stat_at = now
        seen = _signature(self.settings.corpus)
        if seen == self._signature:
            return False
        self._signature = seen  # said once per change, even if reopening then fails
        return True

    def owns(self, path: str) -> bool:
        """Whether ``path`` is a corpus file (or folder): drafts are not looked for there."""
        return is_within(path, self.settings.corpus)

    # -- checking ----------------------------------------------------------------------------
    def check(self, draft: Draft, cache) -> list[Finding]:
        """The findings ``msglint check`` would report for ``draft``; sentences are
        analysed through ``cache`` (a :class:`~linter.server.analyses.SentenceCache`), so
        only those it has not seen are parsed."""
        return self.check_parts(draft, cache)[0]

    def check_parts(self, draft: Draft, cache) -> tuple[list[Finding], tuple]:
        """:meth:`check`'s findings, and the parts of the draft read but not judged as
        claims (:class:`~linter.model.Unjudged`), as ``msglint check`` reports them."""
        from ..checks.suppress import apply

        if self.settings.as_of is None and self.engine.as_of != _dt.date.today():
            self._renew()  # past midnight: expiry dates are judged on today, as the CLI does
        from .analyses import Analyses

        analysed = cache.analyses([s.text for s in draft.sentences], self.pack, self.model)
        # the engine reads (sentence, analysis) pairs, as the background parse yields them
        checked = self.engine.check_draft(draft, Analyses(zip(draft.sentences, analysed)), memo=self._memo)
        found = apply(draft, list(checked.findings), self.engine.pack)
        floor = SEVERITY_RANK[self.settings.min_severity]
        return [f for f in found if SEVERITY_RANK[f.severity] >= floor], checked.unjudged
