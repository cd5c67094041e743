"""The corpus snapshot: a warm run parses nothing, an edit re-analyses one document, and
both paths give the same findings as a run with no cache at all."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.analysis.store import open_corpus
from linter.checks.engine import Engine
from linter.rulepack import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
DRAFT = ("The renovation budget is $81 million, funded by the 2024 bond measure. "
         "Story time is mandatory for every family. The city council is considering a second bond measure.")


@pytest.fixture()
def corpus_dir(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(FIXTURES, d)
    return d


def findings(index, pack):
    return Engine(pack=pack, index=index).check(DRAFT, "draft.txt")


def test_warm_run_uses_the_snapshot_and_loads_only_touched_documents(corpus_dir, tmp_path):
    pack = load_rules()
    cache = tmp_path / "cache"
    cold = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert cold.cache_stats == (0, 2)  # two documents analysed
    warm = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert warm.cache_stats == (1, 0)  # the snapshot only, no document analysis loaded yet
    assert findings(warm, pack) == findings(cold, pack)
    nocache = open_corpus([str(corpus_dir)], pack, cache=False)
    assert findings(nocache, pack) == findings(cold, pack)


def test_editing_one_document_reanalyses_only_that_document(corpus_dir, tmp_path):
    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    target = corpus_dir / "qr_parking.txt"
    target.write_text(target.read_text() + "\nQ: Is parking free?\n\nA: Parking at the library stays free.\n")
    edited = open_corpus([str(corpus_dir)], pack, cache=cache)
    hits, analysed = edited.cache_stats
    assert analysed == 1  # only the edited document is analysed again
    assert hits == 2  # the unchanged document's parse and analysis come from the cache
    assert any("Parking at the library stays free." in ln.display for ln in edited.lines)


def test_a_corrupt_snapshot_is_rebuilt_with_a_notice(corpus_dir, tmp_path):
    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    (snap,) = (cache / "snapshots").glob("*/*.pkl")
    snap.write_bytes(b"not a pickle")
    again = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert any("unreadable" in n for n in again.notices)
    assert findings(again, pack)
