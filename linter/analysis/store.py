"""The on-disk cache of corpus analysis.

Four kinds of entry, each in its own folder of the cache directory:

* ``analysis``: one per document, keyed by a hash of its lines, the spaCy model, the rule
  pack's analysis fingerprint and the msglint version, so editing one document
  re-analyses only that document.  It holds what the index needs from the document (its
  :class:`~linter.analysis.index.DocSpec`), not the analyses themselves;
* ``parsed``: the documents parsed from one corpus file, keyed by its path and bytes;
* ``snapshots``: the whole corpus, ready to check (:class:`Snapshot`), with its arrays in
  a memory-mapped ``.bin`` beside it;
* ``manifests``: what the corpus files looked like from outside (sizes, inodes, times)
  when a snapshot was made, and each corpus's latest snapshot (which an edit patches).

Entries are data, never code: each ``<key>.dat`` file is MessagePack of plain values
(:mod:`.cachefmt`), sealed with the SHA-256 of its contents, and every record in it has an
encoder and a checking decoder (:mod:`.codec`); the ``.bin`` holds raw typed arrays and is
named after its digest, checked when it is read.  They are written atomically
(temporary file, then rename); an unreadable, corrupt or unverifiable entry is reported as
a notice and rebuilt.  A cache directory that cannot be
written degrades to running without a cache.
"""
from __future__ import annotations

import errno
import hashlib
import mmap
import os
import re
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple, Optional, Sequence

import numpy as np
from platformdirs import user_cache_dir

from .._version import __version__
from ..corpus import collect_files_stat, id_base, load_corpus, load_order, parse_file, unsupported_notice
from ..errors import InputError
from ..model import Corpus, Document, hash_sources
from ..textio import DEFAULT_MAX_BYTES, display_path, read_bytes, write_atomic_bytes
from . import cachefmt, codec
from .codec import Snapshot
from .index import Core, CorpusIndex, DocSpec, _Lazy, collector_paused, doc_lines, doc_specs, pack_blobs
from .pipeline import analyse_texts, model_id

FORMAT = 7  # 7: MessagePack and typed arrays (6 and before: pickles, in *.pkl files)
ENTRY = ".dat"  # an entry file's suffix; a snapshot's arrays are in <key>-<digest>.bin beside it
# What lives in the cache directory: analyses per document, parsed corpus files, snapshots.
CACHE_FOLDERS = ("analysis", "parsed", "snapshots", "manifests")
KEEP_SNAPSHOTS = 4
KEEP_MANIFESTS = 32
# A file changed this recently may change again within the file system's timestamp
# resolution without its size or times changing: its contents are read, not trusted.
RACY_SECONDS = 2.0

#: What finds the corpus's internal conflicts when a snapshot is built: given the index,
#: it returns the problems kept in the snapshot (see :func:`open_corpus`).  It is passed
#: in by the caller (:class:`linter.api.Linter`), since the self-check sits above this layer.
SelfCheck = Callable[[CorpusIndex], list]


@dataclass(frozen=True)
class CacheStats:
    """How the cache served one opening: entries read, and documents analysed."""

    hits: int = 0
    misses: int = 0


@dataclass(frozen=True)
class Opened:
    """A corpus, opened: its index and what opening it had to say.

    ``notices``: cache and corpus-file notices, said once per run; ``problems``: the
    corpus self-check's conflicts (None when no self-check ran); ``stats``: cache hits
    and documents analysed."""

    index: CorpusIndex
    notices: tuple[str, ...] = ()
    problems: Optional[tuple] = None
    stats: CacheStats = CacheStats()

    @property
    def corpus(self) -> Corpus:
        return self.index.corpus


def pack_documents(docs: Sequence[Document]) -> tuple[np.ndarray, np.ndarray]:
    """Documents encoded one by one (:func:`.codec.pack_document`) into one byte array,
    and where each starts."""
    return pack_blobs([codec.pack_document(doc) for doc in docs])


def lazy_documents(data: np.ndarray, offsets: np.ndarray, core: Optional["Core"] = None) -> _Lazy:
    """The documents :func:`pack_documents` packed, each decoded on first access (and
    checked to be the document ``core`` has at its place: its id and number of lines)."""
    def make(d: int) -> Document:
        expect = (core.docs[d].id, int(core.doc_first_line[d + 1] - core.doc_first_line[d])) if core else (None, None)
        with collector_paused():
            return codec.unpack_document(data[offsets[d]:offsets[d + 1]], *expect)

    return _Lazy(len(offsets) - 1, make)


def default_cache_dir() -> Path:
    env = os.environ.get("MSGLINT_CACHE_DIR")
    if env:
        return Path(env)
    return Path(user_cache_dir("msglint", appauthor=False))


_CODE_HASH: list[str] = []


def code_fingerprint() -> str:
    """A hash of the source of everything that shapes an analysis (readers, sentence
    splitting, the analysis itself), so a changed msglint never reuses stale entries, even
    when its version number did not change (editable installs, development)."""
    if not _CODE_HASH:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256()
        files = sorted([*root.glob("analysis/*.py"), *root.glob("corpus/*.py"), root / "sentences.py",
                        root / "textnorm.py",
                        root / "model.py"])
        for f in files:
            try:
                h.update(f.read_bytes())
            except OSError:
                h.update(f.name.encode())
        _CODE_HASH.append(h.hexdigest()[:16])
    return _CODE_HASH[0]


def analysis_fingerprint(pack) -> str:
    """What shapes an analysis besides the code and the model: the rule pack's fingerprint
    and the lexical resource's (the WordNet table's own fingerprint, whether WordNet is
    there at all, and which database files it is read from), so a changed lexicon never
    reuses analyses or snapshots made with another."""
    from .lexicon import Lexicon, wordnet_dir

    h = hashlib.sha256()
    h.update(pack.fingerprint().encode())
    h.update(b"\0" + Lexicon(pack.negation.get("wordnet_roots", [])).fingerprint().encode())
    d = wordnet_dir()
    if d is None:
        h.update(b"\0no wordnet")
    else:
        for name in sorted(os.listdir(d)):
            try:
                st = os.stat(d / name)
            except OSError:
                continue
            h.update(f"\0{name}\1{st.st_size}\1{st.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]


def _doc_key(doc: Document, model: str, pack_fp: str) -> str:
    h = hashlib.sha256()
    for part in (str(FORMAT), __version__, code_fingerprint(), model, pack_fp):
        h.update(part.encode())
        h.update(b"\0")
    for line in doc_lines(doc):
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

    def _path(self, key: str, folder: str = "analysis") -> Path:
        return self.root / folder / key[:2] / f"{key}{ENTRY}"

    def get_snapshot(self, key: str):
        """The snapshot stored under ``key``, or None.  Its arrays are views of the
        memory-mapped ``.bin`` file (see :meth:`put_snapshot`): only the pages a check
        reads are decoded, and the documents only when a check reads one."""
        got = self.get(key, "snapshots")
        if got is None:
            return None
        p = self._path(key, "snapshots")
        try:
            plain, bin_name, size, layout = got
            if not re.fullmatch(rf"{re.escape(key)}-[0-9a-f]{{16}}\.bin", bin_name):
                raise cachefmt.CacheError("the snapshot names another data file")
            data = _map(p.parent / bin_name, size)
            # the .bin is named after the digest of its contents: check it is still that
            if not bin_name.endswith(f"-{cachefmt.digest(data)[:16]}.bin"):
                raise cachefmt.CacheError(f"{bin_name} does not match its checksum")
            arrays = codec.arrays_in(layout, data, codec.SNAPSHOT_ARRAYS)
            with collector_paused():
                return codec.snapshot_from_data(plain, arrays)
        except Exception as exc:  # missing, truncated, corrupted, inconsistent or foreign: rebuild
            self._unreadable(p, exc)
            return None

    def put_snapshot(self, key: str, value) -> None:
        """Store a snapshot as two files: ``<key>.dat``, its tables as plain data with the
        layout of its arrays, and ``<key>-<hash>.bin``, those arrays (raw, each at a
        64-byte boundary: :func:`.codec.lay_out`), named after their contents so that a
        ``.dat`` always finds the ``.bin`` written with it.  The ``.bin`` is written first.
        Only the newest few snapshots are kept: each is a whole corpus."""
        if self.root is None:
            return
        plain, arrays = codec.snapshot_to_data(value)
        layout, blob = codec.lay_out(arrays)
        bin_name = f"{key}-{hashlib.sha256(blob).hexdigest()[:16]}.bin"
        folder = self._path(key, "snapshots").parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / bin_name).is_file() or (folder / bin_name).is_symlink():
                write_atomic_bytes(folder / bin_name, blob)
        except OSError as exc:
            self._unwritable(exc)
            return
        self.put(key, (plain, bin_name, len(blob), layout), "snapshots")
        self._prune("snapshots", KEEP_SNAPSHOTS)

    def put_manifest(self, key: str, snapshot_key: str) -> None:
        self.put(key, snapshot_key, "manifests")
        self._prune("manifests", KEEP_MANIFESTS)

    def _prune(self, folder: str, keep: int) -> None:
        if self.root is None:
            return
        entries = sorted(_entries(self.root / folder, ENTRY), key=lambda q: q.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            _remove(old)

    def retire_old_format(self) -> None:
        """Entries an older msglint wrote as pickles (``*.pkl``) are never read: remove
        them, with a notice, so that they are rebuilt in this format.  Run when the
        snapshot is missing only, so a warm run does not look."""
        if self.root is None:
            return
        old = [q for folder in CACHE_FOLDERS for q in _entries(self.root / folder, ".pkl")]
        for q in old:
            _remove(q)
        if old:
            self.notices.append(f"cache directory {self.root} held {len(old)} entries in an older format "
                                "(pickle); they were not read and are rebuilt")

    def _unreadable(self, p: Path, exc: Exception) -> None:
        """A corrupt, truncated or foreign entry: say so and remove it (it is rebuilt)."""
        self.notices.append(f"cache entry {p} is unreadable ({type(exc).__name__}); rebuilding it")
        _remove(p)

    def foreign(self, snapshot_key: str, manifest_key: Optional[str]) -> None:
        """A snapshot that describes other corpus files than the ones at hand (reached
        through the manifest ``manifest_key``, when not None): say so and remove it, and
        the manifest, so that both are rebuilt."""
        if self.root is None:
            return
        p = self._path(snapshot_key, "snapshots")
        via = f" (named by manifest {self._path(manifest_key, 'manifests')})" if manifest_key else ""
        self.notices.append(f"cache entry {p}{via} describes another corpus; rebuilding it")
        _remove(p)
        if manifest_key:
            _remove(self._path(manifest_key, "manifests"))

    def _unwritable(self, exc: OSError) -> None:
        self.notices.append(f"cache directory {self.root} is not writable ({exc.strerror or exc}); "
                            "running without a cache")
        self.root = None

    def get(self, key: str, folder: str = "analysis", count: bool = True):
        if self.root is None:
            return None
        p = self._path(key, folder)
        try:
            body = cachefmt.unseal(_read_entry(p))
            with collector_paused():
                value = codec.decode_entry(body, folder, key)
            self.hits += count
            return value
        except FileNotFoundError:
            return None
        except (NotADirectoryError, PermissionError, IsADirectoryError) as exc:
            self.notices.append(f"cache directory {self.root} is not usable ({exc.strerror or exc}); "
                                "running without a cache")
            self.root = None
            return None
        except Exception as exc:  # corrupt, truncated, from another version: rebuild
            self._unreadable(p, exc)
            return None

    def put(self, key: str, value, folder: str = "analysis") -> None:
        if self.root is None:
            return
        p = self._path(key, folder)
        try:
            body = codec.encode_entry(folder, key, value)
        except (TypeError, ValueError, OverflowError) as exc:  # not plain data: a bug, said, not fatal
            self.notices.append(f"cache entry {p} could not be encoded ({exc}); not cached")
            return
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(p, cachefmt.seal(body))
        except OSError as exc:
            self._unwritable(exc)


def _entries(folder: Path, suffix: str) -> list[Path]:
    """The entry files (``xx/<key><suffix>``) of one cache folder, not following links."""
    return [q for q in folder.glob(f"*/*{suffix}") if not q.parent.is_symlink() and not q.is_symlink()]


def _remove(entry: Path) -> None:
    """An entry file and the snapshot data files beside it (``<key>-*.bin``), if any."""
    for q in (entry, *entry.parent.glob(f"{entry.stem}-*.bin")):
        try:
            q.unlink()
        except OSError:
            pass


def _open_regular(path: Path):
    """``path`` opened for reading, refusing at once anything but a regular file.  It is
    opened without blocking (a FIFO would otherwise wait for a writer forever) and the
    descriptor itself is checked, so nothing can be swapped in between the check and the
    read: a FIFO, socket, device or directory is a :class:`~.cachefmt.CacheError` (the
    entry is rebuilt).  Raises ``OSError`` as ``open`` does (FileNotFoundError: a miss)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket
            raise cachefmt.CacheError("not a regular file") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise cachefmt.CacheError("not a regular file (a FIFO, socket, device or folder)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_entry(path: Path) -> bytes:
    with _open_regular(path) as fh:
        return fh.read()


def _map(path: Path, size: int) -> memoryview:
    """The file at ``path``, memory-mapped read-only; it must be ``size`` bytes long."""
    with _open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size != size:
            raise ValueError("snapshot data has the wrong size")
        if size == 0:
            return memoryview(b"")
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))


def _analyse_documents(docs: list[Document], pack, model, store: AnalysisCache,
                       keys: list[str]) -> list[DocSpec]:
    """Each document's index specs (:func:`~linter.analysis.index.doc_specs`): from the
    cache when it has them, the rest from analysing those documents together in one pass."""
    out: list = [None] * len(docs)
    todo: list[int] = []
    for n, (doc, key) in enumerate(zip(docs, keys)):
        got = store.get(key)
        if isinstance(got, DocSpec) and got.n_lines == len(doc_lines(doc)):
            out[n] = got
        else:
            todo.append(n)
    if todo:
        texts = [ln.norm for n in todo for ln in doc_lines(docs[n])]
        analysed = analyse_texts(texts, pack, model, progress=len(texts) > 2000 and sys.stderr.isatty(),
                                 n_process=min(2, os.cpu_count() or 1))
        i = 0
        for n in todo:
            k = len(doc_lines(docs[n]))
            out[n] = doc_specs(docs[n], analysed[i:i + k])
            i += k
            store.misses += 1
            store.put(keys[n], out[n])
    return out


def _build_index(corpus: Corpus, specs: list[DocSpec]) -> CorpusIndex:
    return CorpusIndex(corpus, Core.build([doc.info for doc in corpus.documents], specs))


def _problems(index: CorpusIndex, self_check: Optional[SelfCheck]) -> Optional[tuple]:
    """The self-check's conflicts for a new snapshot (None when none is run)."""
    return None if self_check is None else list(self_check(index))


def _opened(index: CorpusIndex, store: "AnalysisCache", problems: Optional[tuple]) -> Opened:
    return Opened(index, tuple(store.notices), None if problems is None else tuple(problems),
                  CacheStats(store.hits, store.misses))


def analyse_corpus(corpus: Corpus, pack, model: Optional[str] = None, cache=None) -> Opened:
    """Analyse every approved and background line (cached per document) and index them.

    ``cache``: ``None`` for the default cache directory, ``False`` for no cache, or a path.
    """
    store = AnalysisCache(_root(cache))
    mid = model_id(model)
    fp = analysis_fingerprint(pack)
    keys = [_doc_key(doc, mid, fp) for doc in corpus.documents]
    index = _build_index(corpus, _analyse_documents(list(corpus.documents), pack, model, store, keys))
    if store.misses:  # a cache of an older format misses every document
        store.retire_old_format()
    return _opened(index, store, None)


def _cached_parser(store: AnalysisCache):
    """A corpus-file parser that reuses the documents parsed from identical bytes before."""
    def parse(path, data: bytes, id_base: str):
        h = hashlib.sha256()
        for part in ("parsed", str(FORMAT), code_fingerprint(), display_path(path), id_base):
            h.update(part.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
        h.update(data)
        key = h.hexdigest()
        got = store.get(key, "parsed")
        if isinstance(got, list):
            return got
        docs = parse_file(path, data, id_base)
        store.put(key, docs, "parsed")
        return docs

    return parse


def _root(cache) -> Optional[Path]:
    return None if cache is False else (Path(cache) if cache else default_cache_dir())


# ---- the whole-corpus snapshot ---------------------------------------------------------------

def _snapshot_key(files: list[tuple[str, str, bytes]], mid: str, fp: str, max_bytes: int) -> str:
    h = _settings_hash("snapshot", mid, fp, max_bytes)
    for shown, key, data in files:
        h.update(shown.encode("utf-8", "surrogateescape"))
        h.update(b"\1")
        h.update(key.encode("utf-8", "surrogateescape"))
        h.update(b"\1")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _settings_hash(kind: str, mid: str, fp: str, max_bytes: int):
    h = hashlib.sha256()
    for part in (kind, str(FORMAT), __version__, code_fingerprint(), mid, fp, str(max_bytes)):
        h.update(part.encode())
        h.update(b"\0")
    return h


def _manifest_key(files: list[tuple[str, str, os.stat_result]], mid: str, fp: str, max_bytes: int) -> str:
    """What the corpus files look like from outside: paths, sizes, inodes and times.
    Any write to a file changes its change time (which no tool can set), so the same
    manifest key means the same contents, and the snapshot key found under it can be
    used without reading the files."""
    h = _settings_hash("manifest", mid, fp, max_bytes)
    for shown, key, st in files:
        h.update(f"{shown}\1{key}\1{st.st_size}\1{st.st_mtime_ns}\1{st.st_ctime_ns}\1{st.st_ino}\1{st.st_dev}\0"
                 .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _racy(files: list[tuple[str, str, os.stat_result]]) -> bool:
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    return any(max(st.st_mtime_ns, st.st_ctime_ns) >= recent for _, _, st in files)


def _corpus_snapshot_key(paths, store: AnalysisCache, mid: str, fp: str, max_bytes: int,
                         contents: dict, trust_manifest: bool = True) -> tuple[str, list, Optional[str]]:
    """The snapshot key (a hash of every corpus file's path and contents, and of the
    settings), through the manifest when the files have not been touched since (and
    ``trust_manifest``), the corpus files, and the key of the manifest the snapshot key
    was taken from (None when the files were read).  Files it had to read are left in
    ``contents`` (path -> bytes)."""
    unsupported: list[str] = []
    found = collect_files_stat(paths, unsupported)
    note = unsupported_notice(unsupported)
    if note and note not in store.notices:
        store.notices.append(note)
    shown = [(f.shown, f.key, f.stat) for f in found]
    manifest = _manifest_key(shown, mid, fp, max_bytes)
    known = store.get(manifest, "manifests", count=False) if trust_manifest else None
    if isinstance(known, str):
        return known, found, manifest
    for f in found:
        try:
            contents[f.path] = read_bytes(f.path, max_bytes)
        except InputError:  # loading the corpus reports it and leaves the file out
            pass
    snap_key = _snapshot_key([(f.shown, f.key, contents.get(f.path, b"\0unreadable")) for f in found],
                             mid, fp, max_bytes)
    if not _racy(shown):
        store.put_manifest(manifest, snap_key)
    return snap_key, found, None


def _describes(snap: Snapshot, found, contents: dict) -> bool:
    """Whether ``snap`` is a snapshot of the corpus files ``found``: the same paths and
    hash keys in load order and, for every file read in this run, the same contents.
    Checksums are not signatures: a manifest resealed to name another corpus's snapshot,
    or a snapshot swapped for another's, is well-formed data, and only this check tells
    it does not describe the corpus at hand."""
    order = load_order([(f.path, f.key) for f in found])
    try:
        recorded = [(r[0], r[1], r[2]) for r in snap.files]
    except (TypeError, IndexError):
        return False
    if [(str(Path(p)), k) for p, k in order] != [(str(Path(r[0])), r[1]) for r in recorded]:
        return False
    return all(hashlib.sha256(contents[p]).hexdigest() == r[2]
               for (p, _), r in zip(order, recorded) if p in contents)


def _lineage_key(found, mid: str, fp: str, max_bytes: int) -> str:
    """Which files make up the corpus (not their contents), with the settings: under this
    key the store keeps the key of the corpus's latest snapshot, which a later run patches
    when only some files changed."""
    h = _settings_hash("lineage", mid, fp, max_bytes)
    for f in found:
        h.update(f"{f.shown}\1{f.key}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def open_corpus(paths, pack, model: Optional[str] = None, cache=None, max_bytes: int = DEFAULT_MAX_BYTES,
                self_check: Optional[SelfCheck] = None) -> Opened:
    """Load, analyse and index the corpus at ``paths``, as fast as the cache allows.

    When nothing changed since the last run (same file contents and paths, model, rule
    pack and msglint version; files whose size, inode and times are unchanged are not even
    read, see :func:`_manifest_key`) one snapshot file holds the compact index and each parsed
    document encoded on its own; a document is decoded only when a finding cites it.
    Otherwise, when the corpus has the same files as when its latest snapshot was made,
    that snapshot is patched (:func:`_patch`); if not, the corpus is parsed, documents are
    analysed (only the changed ones, through the per-document cache) and the index is
    built.  Either way a new snapshot is written.  With ``self_check`` (a function of the
    index, see :data:`SelfCheck`) the corpus self-check's errors are computed once per
    snapshot and returned in :attr:`Opened.problems`.
    """
    root = _root(cache)
    store = AnalysisCache(root)
    mid = model_id(model)
    fp = analysis_fingerprint(pack)
    contents: dict[str, bytes] = {}
    snap_key, found, manifest = _corpus_snapshot_key(paths, store, mid, fp, max_bytes, contents)
    snap = store.get_snapshot(snap_key)
    if isinstance(snap, Snapshot) and not _describes(snap, found, contents):
        # another corpus's snapshot (a redirected manifest or a swapped entry): never used
        store.foreign(snap_key, manifest)
        snap = None
        if manifest is not None:  # the key came from the manifest: take it from the files
            snap_key, found, _ = _corpus_snapshot_key(paths, store, mid, fp, max_bytes, contents,
                                                      trust_manifest=False)
            snap = store.get_snapshot(snap_key)
            if isinstance(snap, Snapshot) and not _describes(snap, found, contents):
                store.foreign(snap_key, None)
                snap = None
    if isinstance(snap, Snapshot):
        index = CorpusIndex(Corpus(lazy_documents(snap.doc_data, snap.doc_offsets, snap.core),
                                   snap.content_hash), snap.core)
        problems = snap.problems
    else:
        store.retire_old_format()
        lineage = _lineage_key(found, mid, fp, max_bytes)
        got = None
        if contents:  # files were read: the corpus's previous snapshot may just need patching
            before = store.get(lineage, "manifests", count=False)
            before = store.get_snapshot(before) if isinstance(before, str) else None
            if isinstance(before, Snapshot):
                got = _patch(before, found, contents, pack, model, store, mid, fp, self_check)
        index, snap = got or _rebuild(paths, pack, model, store, mid, fp, max_bytes, self_check, contents)
        problems = snap.problems
        if not index.corpus.unreadable:  # a broken file is read again (and reported) next time
            with collector_paused():
                store.put_snapshot(snap_key, snap)
            store.put_manifest(lineage, snap_key)
    return _opened(index, store, problems)


def _rebuild(paths, pack, model, store: AnalysisCache, mid: str, fp: str, max_bytes: int,
             self_check: Optional[SelfCheck], contents: dict) -> tuple[CorpusIndex, Snapshot]:
    """Parse the corpus (through the parse cache), analyse the documents the cache does not
    have, and build the index and its snapshot."""
    files: list = []
    with collector_paused():
        corpus = load_corpus(paths, max_bytes=max_bytes, parse=_cached_parser(store), contents=contents,
                             record=files, strict=False)
        doc_keys = [_doc_key(doc, mid, fp) for doc in corpus.documents]
    specs = _analyse_documents(list(corpus.documents), pack, model, store, doc_keys)  # spaCy: collect
    with collector_paused():
        index = _build_index(corpus, specs)
        snap = Snapshot(corpus.content_hash, *pack_documents(corpus.documents), index.core,
                        _problems(index, self_check), tuple(files))
    return index, snap


def _patch(before: Snapshot, found, contents: dict, pack, model, store: AnalysisCache, mid: str, fp: str,
           self_check: Optional[SelfCheck]) -> Optional[tuple[CorpusIndex, Snapshot]]:
    """The index and snapshot of a corpus made of the same files as ``before``'s, some of
    them changed: unchanged files keep their documents (not even decoded) and their part
    of the index; changed ones are parsed and analysed (through the caches).  The result
    is what a rebuild would give.  None when the files or their documents' ids differ
    from ``before``'s in any other way: then the corpus is rebuilt."""
    order = load_order([(f.path, f.key) for f in found])
    if order != [(r[0], r[1]) for r in before.files]:
        return None
    if any(p not in contents for p, _ in order):
        return None
    digests = [hashlib.sha256(contents[p]).hexdigest() for p, _ in order]
    changed = {i for i, (dg, r) in enumerate(zip(digests, before.files)) if dg != r[2]}
    if not changed:
        return None
    core, parse = before.core, _cached_parser(store)
    first_doc = 0
    used: set[str] = set()
    parts: list = []  # per document: its index in `before`, or the new Document
    files: list = []
    with collector_paused():
        for i, ((path, key), r) in enumerate(zip(order, before.files)):
            base = id_base(Path(path), used)
            if i in changed:
                try:
                    docs = parse(Path(path), contents[path], base)
                except InputError:
                    return None  # rebuilt, so the broken file is listed with the others
                if not docs:
                    return None
                used.update(d.id for d in docs)
                parts.extend(docs)
                files.append((path, key, digests[i], base, tuple(d.id for d in docs)))
            else:
                if base != r[3]:
                    return None  # ids would be assigned differently
                used.update(r[4])
                parts.extend(range(first_doc, first_doc + len(r[4])))
                files.append(r)
            first_doc += len(r[4])
        if not parts:
            return None
        new_docs = [p for p in parts if isinstance(p, Document)]
        doc_keys = [_doc_key(doc, mid, fp) for doc in new_docs]
    specs = iter(_analyse_documents(new_docs, pack, model, store, doc_keys))  # spaCy: collect
    with collector_paused():
        infos = [p.info if isinstance(p, Document) else core.docs[p] for p in parts]
        new_core = core.patched(infos, [next(specs) if isinstance(p, Document) else p for p in parts])
        old_data, old_offsets = before.doc_data, before.doc_offsets
        doc_data, doc_offsets = pack_blobs([
            codec.pack_document(p) if isinstance(p, Document)
            else old_data[old_offsets[p]:old_offsets[p + 1]] for p in parts])
        corpus = Corpus(lazy_documents(doc_data, doc_offsets, new_core),
                        hash_sources([(k, contents[p]) for p, k in order]))
        index = CorpusIndex(corpus, new_core)
        snap = Snapshot(corpus.content_hash, doc_data, doc_offsets, new_core, _problems(index, self_check),
                        tuple(files))
    return index, snap
