"""Hostile cache directories (issue 23): a FIFO, socket, device node or folder in place
of any cache file msglint reads is refused at once, never waited on, and the run gives
the findings of a run without a cache; a corpus listing escapes what the corpus says."""
from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from linter.analysis import store
from linter.checks.engine import Engine
from linter.checks.selfcheck import WARN_LIMIT, conflicts
from linter.rulepack import load_rules

GOOD = ("FERRY TERMINAL\nBackground: Repairs began in May. PA posture is active.\n"
        "Q: What did the repairs cost?\nA: The repairs cost $2.4 million.\n")
DRAFT = "The repairs cost $4.2 million.\n"


@pytest.fixture(scope="module")
def pack():
    return load_rules()


@pytest.fixture(autouse=True)
def not_racy(monkeypatch):
    # files written just now are "racy" (their manifest is not stored): let it be stored
    monkeypatch.setattr(store, "RACY_SECONDS", 0.0)


def _open(paths, pack, cache):
    return store.open_corpus(paths, pack, cache=cache, self_check=partial(conflicts, pack=pack, limit=WARN_LIMIT))


def _findings(opened, pack):
    return [(f.rule, f.start, f.end, f.message) for f in Engine(pack=pack, index=opened.index).check(DRAFT, "d.txt")]


def _within(seconds, fn):
    """``fn()``, failing (not hanging) when it takes longer than ``seconds``."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported below
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s: a special file was waited on"
    if "error" in out:
        raise out["error"]
    return out["value"]


def _replace(p: Path, kind: str) -> None:
    p.unlink()
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "socket":
        here = os.getcwd()
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            os.chdir(p.parent)  # a socket path is limited to about 100 bytes
            s.bind(p.name)
        finally:
            os.chdir(here)
        _SOCKETS.append(s)
    elif kind == "device":  # /dev/zero: reading it never ends
        os.mknod(p, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    else:
        p.mkdir()


_SOCKETS: list = []

# which cache files: (folder, suffix, whether the snapshot and manifests are removed first
# so that a rebuild reads the per-document and per-file entries)
TARGETS = {
    "manifest": ("manifests", ".dat", False),
    "snapshot": ("snapshots", ".dat", False),
    "snapshot data": ("snapshots", ".bin", False),
    "analysis": ("analysis", ".dat", True),
    "parsed": ("parsed", ".dat", True),
}
KINDS = ["fifo", "socket", "device", "directory"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("target", list(TARGETS))
def test_special_file_in_place_of_a_cache_file(tmp_path, pack, target, kind):
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(GOOD)
    cache = tmp_path / "c"
    expected = _findings(_open([str(corpus)], pack, False), pack)
    assert expected  # the draft's wrong figure is caught
    _open([str(corpus)], pack, cache)
    folder, suffix, cold = TARGETS[target]
    if cold:
        for q in [*(cache / "snapshots").rglob("*.*"), *(cache / "manifests").rglob("*.dat")]:
            q.unlink()
    victims = sorted((cache / folder).rglob(f"*{suffix}"))
    assert victims
    for q in victims:
        _replace(q, kind)
    opened = _within(120, lambda: _open([str(corpus)], pack, cache))
    assert _findings(opened, pack) == expected
    assert any("unreadable" in n or "not usable" in n or "not writable" in n for n in opened.notices), opened.notices


def test_corpus_show_escapes_controls(tmp_path):
    evil = "\x1b[31mRED\u202eTITLE\u2066\x07\rX"
    (tmp_path / "evil.txt").write_text(f"{evil}\nBackground: Repairs began. PA posture is active.\n"
                                       f"Q: What did it cost{evil}?\nA: It cost $2.4 million.{evil}\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    out = subprocess.run([sys.executable, "-m", "linter", "corpus", "show", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    for c in ("\x1b", "\u202e", "\u2066", "\x07", "\r"):
        assert c not in out.stdout
    assert "\\x1b[31mRED\\u202eTITLE" in out.stdout


# ---- entries of another corpus, correctly resealed (issue 23) ---------------------------------

OTHER = GOOD.replace("$2.4 million", "$4.2 million")  # the draft's figure is right here


def _entries_of(cache: Path, folder: str) -> set:
    return {q.name for q in (cache / folder).rglob("*.dat")}


def _two_corpora(tmp_path, pack):
    """Corpora A (the draft's figure is wrong) and B (it is right), both cached in one
    folder: A's findings without a cache, and the manifest and snapshot keys of each."""
    cache = tmp_path / "c"
    keys = {}
    for name, text in (("a", GOOD), ("b", OTHER)):
        corpus = tmp_path / name
        corpus.mkdir()
        (corpus / "ferry.txt").write_text(text)
        before_m, before_s = _entries_of(cache, "manifests"), _entries_of(cache, "snapshots")
        _open([str(corpus)], pack, cache)
        keys[name] = ({q[:-4] for q in _entries_of(cache, "manifests") - before_m},
                      {q[:-4] for q in _entries_of(cache, "snapshots") - before_s})
        assert keys[name][0] and len(keys[name][1]) == 1
    expected = _findings(_open([str(tmp_path / "a")], pack, False), pack)
    assert expected and not _findings(_open([str(tmp_path / "b")], pack, False), pack)
    return cache, keys, expected


def test_manifest_resealed_to_another_corpus_is_not_trusted(tmp_path, pack):
    cache, keys, expected = _two_corpora(tmp_path, pack)
    (b_snap,) = keys["b"][1]
    forger = store.AnalysisCache(cache)
    for m in keys["a"][0]:  # every manifest of A now names B's snapshot, correctly sealed
        forger.put(m, b_snap, "manifests")
        assert forger.get(m, "manifests") == b_snap
    opened = _open([str(tmp_path / "a")], pack, cache)
    assert _findings(opened, pack) == expected
    assert any("describes another corpus" in n for n in opened.notices), opened.notices
    # rebuilt: the next run is clean, and right, from the cache
    again = _open([str(tmp_path / "a")], pack, cache)
    assert _findings(again, pack) == expected and not again.notices
    assert _findings(_open([str(tmp_path / "b")], pack, cache), pack) == []


def test_snapshot_swapped_for_another_corpus_is_not_trusted(tmp_path, pack):
    cache, keys, expected = _two_corpora(tmp_path, pack)
    (a_snap,), (b_snap,) = keys["a"][1], keys["b"][1]
    forger = store.AnalysisCache(cache)
    plain, bin_name, size, layout = forger.get(b_snap, "snapshots")
    folder_a = forger._path(a_snap, "snapshots").parent
    for old in folder_a.glob(f"{a_snap}-*.bin"):
        old.unlink()
    swapped = bin_name.replace(b_snap, a_snap)
    shutil.copyfile(forger._path(b_snap, "snapshots").parent / bin_name, folder_a / swapped)
    forger.put(a_snap, (plain, swapped, size, layout), "snapshots")  # B's snapshot, sealed as A's
    opened = _open([str(tmp_path / "a")], pack, cache)
    assert _findings(opened, pack) == expected
    assert any("describes another corpus" in n for n in opened.notices), opened.notices
    assert _findings(_open([str(tmp_path / "a")], pack, cache), pack) == expected
