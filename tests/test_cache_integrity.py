"""The cache is data, never code, and every file in it is checked when it is read: a
poisoned, zeroed, truncated or bit-flipped entry runs nothing, gives the findings of a run
without a cache, and is reported as a notice."""
from __future__ import annotations

import os
import pickle
import shutil
from functools import partial
from pathlib import Path

import pytest

from linter.analysis import cachefmt, store
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
    return sorted(p for p in cache.rglob("*") if p.is_file() and p.suffix in (".pkl", ".bin"))


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


def test_the_cache_refuses_any_global_outside_its_allow_list():
    body = pickle.dumps(("k", _Evil(Path("/nonexistent/marker"))))
    with pytest.raises(cachefmt.CacheError, match="posix.system|os.system|refused"):
        cachefmt.loads(body)
    with pytest.raises(cachefmt.CacheError):
        cachefmt.loads(pickle.dumps(eval))  # builtins.eval: refused
    with pytest.raises(cachefmt.CacheError, match="checksum"):
        data = bytearray(cachefmt.seal(b"payload"))
        data[-1] ^= 1
        cachefmt.unseal(bytes(data))


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
