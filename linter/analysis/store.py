"""The on-disk cache of corpus analysis, one entry per document.

A document's entry is keyed by a hash of its lines, the spaCy model, the rule pack's
analysis fingerprint and the msglint version, so editing one document re-analyses only
that document, and changing the model or the vocabularies invalidates everything.
Entries are pickled tuples of frozen dataclasses, written atomically (temporary file, then
rename); an unreadable or corrupt entry is reported as a notice and rebuilt.  A cache
directory that cannot be written degrades to running without a cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Optional

from .._version import __version__
from ..model import Corpus, Document
from ..textio import write_atomic_bytes
from .index import CorpusIndex
from .pipeline import analyse_texts, model_id

FORMAT = 1


def default_cache_dir() -> Path:
    env = os.environ.get("MSGLINT_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("msglint", appauthor=False))


def _doc_key(doc: Document, model: str, pack_fp: str) -> str:
    h = hashlib.sha256()
    for part in (str(FORMAT), __version__, model, pack_fp):
        h.update(part.encode())
        h.update(b"\0")
    for line in doc.approved_lines + doc.background:
        h.update(line.kind.encode())
        h.update(b"\1")
        h.update(line.norm.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


class AnalysisCache:
    def __init__(self, root: Optional[Path]):
        self.root = root
        self.notices: list[str] = []
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.root / "analysis" / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        if self.root is None:
            return None
        p = self._path(key)
        try:
            with open(p, "rb") as fh:
                data = pickle.load(fh)
            if not (isinstance(data, tuple) and len(data) == 2 and data[0] == key):
                raise ValueError("entry does not match its key")
            self.hits += 1
            return data[1]
        except FileNotFoundError:
            return None
        except (NotADirectoryError, PermissionError, IsADirectoryError) as exc:
            self.notices.append(f"cache directory {self.root} is not usable ({exc.strerror or exc}); "
                                "running without a cache")
            self.root = None
            return None
        except Exception as exc:  # corrupt, truncated, from another version: rebuild
            self.notices.append(f"cache entry {p} is unreadable ({type(exc).__name__}); rebuilding it")
            try:
                p.unlink()
            except OSError:
                pass
            return None

    def put(self, key: str, value) -> None:
        if self.root is None:
            return
        p = self._path(key)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(p, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            self.notices.append(f"cache directory {self.root} is not writable ({exc.strerror or exc}); "
                                "running without a cache")
            self.root = None


def analyse_corpus(corpus: Corpus, pack, model: Optional[str] = None, cache=None) -> CorpusIndex:
    """Analyse every approved and background line (cached per document) and index them.

    ``cache``: ``None`` for the default cache directory, ``False`` for no cache, or a path.
    """
    root = None if cache is False else (Path(cache) if cache else default_cache_dir())
    store = AnalysisCache(root)
    mid = model_id(model)
    fp = pack.fingerprint()
    per_doc: dict[str, tuple] = {}
    todo: list[tuple[Document, str]] = []
    for doc in corpus.documents:
        key = _doc_key(doc, mid, fp)
        got = store.get(key)
        if got is not None and len(got) == len(doc.approved_lines) + len(doc.background):
            per_doc[doc.id] = got
        else:
            todo.append((doc, key))
    if todo:
        texts = [ln.norm for doc, _ in todo for ln in doc.approved_lines + doc.background]
        import sys

        analysed = analyse_texts(texts, pack, model, progress=len(texts) > 2000 and sys.stderr.isatty(),
                                 n_process=min(2, os.cpu_count() or 1))
        i = 0
        for doc, key in todo:
            n = len(doc.approved_lines) + len(doc.background)
            per_doc[doc.id] = tuple(analysed[i:i + n])
            i += n
            store.misses += 1
            store.put(key, per_doc[doc.id])
    ordered = [a for doc in corpus.documents for a in per_doc[doc.id]]
    index = CorpusIndex.build(corpus, ordered)
    index.notices = store.notices
    index.cache_stats = (store.hits, store.misses)
    return index
