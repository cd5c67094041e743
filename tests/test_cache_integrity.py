"""The cache is data, never code, and every file in it is checked when it is read: a
poisoned, zeroed, truncated or bit-flipped entry runs nothing, gives the findings of a run
without a cache, and is reported as a notice."""
from __future__ import annotations

import ast
import hashlib
import os
import pickle
import shutil
from functools import partial
from pathlib import Path

import numpy as np
import pytest

import linter
from linter.analysis import cachefmt, codec, store
from linter.analysis.store import open_corpus
from linter.checks.selfcheck import WARN_LIMIT, conflicts
from linter.checks.engine import Engine
from linter.rulepack import load_rules

DRAFT = ("The renovation budget is $91 million, funded by the 2024 bond measure. "
         "Story time is mandatory for every family. The city council is considering a second bond measure.")


class _Evil:
    """Unpickling this with an ordinary unpickler would create the marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def open_corpus(paths, pack, cache=None):
    """The corpus opened as the command line opens it (with the self-check)."""
    return store.open_corpus(paths, pack, cache=cache, self_check=partial(conflicts, pack=pack, limit=WARN_LIMIT))


@pytest.fixture(scope="module")
def pack():
    return load_rules()


def rendered(opened, pack):
    return [(f.rule, f.start, f.end, f.message) for f in Engine(pack=pack, index=opened.index).check(DRAFT, "d.txt")]


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.suffix in (".dat", ".bin"))


def fresh_cache(corpus_dir, pack, root: Path) -> Path:
    cache = root / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    open_corpus([str(corpus_dir)], pack, cache=cache)
    return cache


def reads_every_entry(cache: Path, victim: Path) -> None:
    """Make the next run read ``victim``: without a snapshot it reads the per-document
    entries."""
    if "snapshots" not in victim.parts and "manifests" not in victim.parts:
        for folder in ("snapshots", "manifests"):
            shutil.rmtree(cache / folder, ignore_errors=True)


def victims(corpus_dir, pack, root: Path):
    """Each cache file in turn, in a fresh cache, with the next run bound to read it:
    ``(cache, file)``."""
    for n in range(len(cache_files(fresh_cache(corpus_dir, pack, root)))):
        cache = fresh_cache(corpus_dir, pack, root)
        victim = cache_files(cache)[n]
        reads_every_entry(cache, victim)
        if victim.exists():
            yield cache, victim


def was_read(victim: Path, planted: bytes) -> bool:
    """An entry that was read and found bad is removed or rewritten."""
    return not victim.exists() or victim.read_bytes() != planted


def test_a_pickle_in_a_well_sealed_file_is_not_decoded():
    marker = Path("/nonexistent/marker")
    for payload in (pickle.dumps(("k", _Evil(marker))), pickle.dumps(eval)):
        with pytest.raises(cachefmt.CacheError):
            codec.decode_entry(cachefmt.unseal(cachefmt.seal(payload)), "analysis", "k")
    with pytest.raises(cachefmt.CacheError, match="checksum"):
        data = bytearray(cachefmt.seal(b"payload"))
        data[-1] ^= 1
        cachefmt.unseal(bytes(data))
    # a file of the first format (sealed pickles) is not read at all
    old = b"MSGLINT-CACHE-1\n" + hashlib.sha256(b"x").digest() + b"x"
    with pytest.raises(cachefmt.CacheError, match="not a msglint cache file"):
        cachefmt.unseal(old)


def test_nothing_in_msglint_imports_a_code_loading_decoder():
    """The cache is decoded by msgpack and NumPy's buffers only: no module of msglint
    imports pickle (or a relative that runs code while loading) or lets NumPy unpickle."""
    root = Path(linter.__file__).parent
    banned = {"pickle", "_pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal", "joblib", "copyreg"}
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] in banned]
        if "allow_pickle=True" in text or "__import__(" in text:
            found.append(f"{path.relative_to(root)}: dynamic import or allow_pickle")
    assert found == []
    assert len(list(root.rglob("*.py"))) > 20  # the scan did look at msglint


def test_a_poisoned_entry_runs_nothing_and_changes_nothing(corpus_dir, tmp_path, pack):
    baseline = rendered(open_corpus([str(corpus_dir)], pack, cache=False), pack)
    marker = tmp_path / "pwned"
    assert len(cache_files(fresh_cache(corpus_dir, pack, tmp_path))) >= 5
    for cache, victim in victims(corpus_dir, pack, tmp_path):
        # a well-formed, correctly sealed entry whose body would call os.system
        poison = cachefmt.seal(pickle.dumps((victim.stem, _Evil(marker))))
        victim.write_bytes(poison)
        index = open_corpus([str(corpus_dir)], pack, cache=cache)
        assert not marker.exists(), f"{victim.name} ran code"
        assert rendered(index, pack) == baseline
        if was_read(victim, poison):
            assert any("unreadable" in msg for msg in index.notices), victim


@pytest.mark.parametrize("damage", ["zeroed", "flipped", "truncated"])
def test_a_damaged_file_gives_the_uncached_findings_with_a_notice(corpus_dir, tmp_path, pack, damage):
    baseline = rendered(open_corpus([str(corpus_dir)], pack, cache=False), pack)
    count = len(cache_files(fresh_cache(corpus_dir, pack, tmp_path)))
    reached = 0
    for cache, victim in victims(corpus_dir, pack, tmp_path):
        data = bytearray(victim.read_bytes())
        if damage == "zeroed":
            data = bytearray(len(data))
        elif damage == "flipped":
            data[len(data) // 2] ^= 0x10  # same size, one bit
        else:
            data = data[: len(data) // 2]
        victim.write_bytes(bytes(data))
        index = open_corpus([str(corpus_dir)], pack, cache=cache)
        assert rendered(index, pack) == baseline, victim
        if was_read(victim, bytes(data)):
            assert any("unreadable" in msg for msg in index.notices), (damage, victim)
        reached += was_read(victim, bytes(data))
    assert reached >= count - 2  # all but the manifests a warm run does not need


def test_a_corpus_with_self_check_problems_is_still_served_from_its_snapshot(corpus_dir, tmp_path, pack):
    # two documents that disagree on a figure: the snapshot carries the self-check problems
    for name, count in (("qr_staff_a.txt", "120"), ("qr_staff_b.txt", "140")):
        (corpus_dir / name).write_text(
            f"SCHOOL STAFFING\nBackground: None.\nPA posture is active.\n\nQ: How many teachers?\n"
            f"A: The district employs {count} teachers this year.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cold = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert cold.problems
    warm = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert warm.stats.misses == 0, warm.notices  # nothing re-analysed
    assert not any("unreadable" in n for n in warm.notices), warm.notices
    assert rendered(warm, pack) == rendered(cold, pack)


def _sealed_entry(victim: Path):
    """``(version, folder, key, value)`` of an entry file, decoded as plain data."""
    return cachefmt.unpack(cachefmt.unseal(victim.read_bytes()))


def _reseal(victim: Path, entry) -> bytes:
    data = cachefmt.seal(cachefmt.pack(entry))
    victim.write_bytes(data)
    return data


def _mistype(value):
    """``value`` with its deepest first string turned into an integer, or None."""
    if isinstance(value, str):
        return 12345
    if isinstance(value, tuple):
        for i, v in enumerate(value):
            got = _mistype(v)
            if got is not None:
                return value[:i] + (got,) + value[i + 1:]
    return None


@pytest.mark.parametrize("change", ["mistyped", "short", "foreign"])
def test_a_well_sealed_entry_of_the_wrong_shape_is_rebuilt_with_a_notice(corpus_dir, tmp_path, pack, change):
    baseline = rendered(open_corpus([str(corpus_dir)], pack, cache=False), pack)
    reached = 0
    for cache, victim in victims(corpus_dir, pack, tmp_path):
        if victim.suffix != ".dat":
            continue
        version, folder, key, value = _sealed_entry(victim)
        if change == "mistyped":
            value = _mistype(value)
        elif change == "short":  # a record with a field missing
            if folder == "parsed":  # (a list of documents one shorter would be a valid list)
                value = (value[0][:-1],) + value[1:]
            else:
                value = value[:-1] if isinstance(value, tuple) else (value,)
        else:  # right types, but a record of another folder
            folder = "parsed" if folder != "parsed" else "analysis"
        planted = _reseal(victim, (version, folder, key, value))
        index = open_corpus([str(corpus_dir)], pack, cache=cache)
        assert rendered(index, pack) == baseline, victim
        if was_read(victim, planted):
            reached += 1
            assert any("unreadable" in msg for msg in index.notices), (change, victim)
    assert reached >= 3


def _replant_snapshot_array(cache: Path, name: str, change) -> None:
    """Change array ``name`` of the snapshot's data file with ``change(array)`` and seal
    everything again correctly: the data file renamed after its new digest, the entry
    pointing at it, so that only the decoder's checks can tell."""
    (entry,) = (cache / "snapshots").glob("*/*.dat")
    version, folder, key, (plain, bin_name, size, layout) = _sealed_entry(entry)
    old_bin = entry.parent / bin_name
    data = bytearray(old_bin.read_bytes())
    (_, dtype, shape, offset), = [e for e in layout if e[0] == name]
    arr = np.frombuffer(data, dtype=np.dtype(dtype), count=int(np.prod(shape)), offset=offset).reshape(shape)
    change(arr)
    old_bin.unlink()
    new_name = f"{key}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
    (entry.parent / new_name).write_bytes(bytes(data))
    _reseal(entry, (version, folder, key, (plain, new_name, size, layout)))


def _set(index, value):
    def change(arr):
        arr.reshape(-1)[index] = value
    return change


@pytest.mark.parametrize("name, change", [
    pytest.param("postings", _set(0, 10 ** 9), id="a unit that does not exist"),
    pytest.param("unit_keys", _set(-1, -3), id="a negative index, which would wrap around"),
    pytest.param("line_unit", _set(0, 2 ** 30), id="a line's unit out of range"),
    pytest.param("doc_offsets", _set(-1, 2 ** 40), id="a document past the end of the data"),
    pytest.param("figure_rows", _set(1, 10 ** 6), id="a figure value not in the table"),
    pytest.param("unit_level", _set(0, 9), id="a unit level that does not exist"),
])
def test_a_well_sealed_snapshot_with_inconsistent_arrays_is_rebuilt_with_a_notice(corpus_dir, tmp_path, pack,
                                                                                    name, change):
    baseline = rendered(open_corpus([str(corpus_dir)], pack, cache=False), pack)
    cache = fresh_cache(corpus_dir, pack, tmp_path)
    _replant_snapshot_array(cache, name, change)
    index = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert any("unreadable" in msg for msg in index.notices), index.notices
    assert rendered(index, pack) == baseline
    again = open_corpus([str(corpus_dir)], pack, cache=cache)  # and the rebuilt snapshot serves
    assert again.notices == () and (again.stats.hits, again.stats.misses) == (1, 0)


def test_a_cache_of_the_pickle_format_is_ignored_with_a_notice_and_rebuilt(corpus_dir, tmp_path, pack):
    baseline = rendered(open_corpus([str(corpus_dir)], pack, cache=False), pack)
    cache = tmp_path / "cache"
    marker = tmp_path / "pwned"
    old_body = pickle.dumps(("k", _Evil(marker)))
    old = b"MSGLINT-CACHE-1\n" + hashlib.sha256(old_body).digest() + old_body
    planted = [cache / "analysis" / "ab" / ("ab" + "0" * 62 + ".pkl"),
               cache / "snapshots" / "cd" / ("cd" + "1" * 62 + ".pkl"),
               cache / "snapshots" / "cd" / ("cd" + "1" * 62 + "-0123456789abcdef.bin")]
    for p in planted:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(old)
    index = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert not marker.exists()
    assert rendered(index, pack) == baseline
    assert any("older format" in msg for msg in index.notices), index.notices
    assert not any(p.exists() for p in planted)
    again = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert again.notices == () and (again.stats.hits, again.stats.misses) == (1, 0)
