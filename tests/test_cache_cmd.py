"""`msglint cache info|clear` and the per-document analysis cache end to end."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from linter.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), prog_name="msglint", env=env)


def _fake_cache(root: Path) -> dict[str, Path]:
    a = root / "analysis"
    files = {
        "e1": a / "ab" / ("ab" + "0" * 62 + ".pkl"),
        "e2": a / "ab" / ("ab" + "1" * 62 + ".pkl"),
        "e3": a / "cd" / ("cd" + "2" * 62 + ".pkl"),
        "tmp": a / "cd" / ".tmp-abc123.pkl",
        "stranger": a / "cd" / "notes.txt",  # not ours: kept
        "outside": root / "README.keep",  # outside analysis/: kept
        "outside_pkl": root / "other.pkl",  # outside analysis/: kept
    }
    sizes = {"e1": 100, "e2": 250, "e3": 50, "tmp": 7, "stranger": 11, "outside": 5, "outside_pkl": 3}
    for name, p in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x" * sizes[name])
    return files


def test_info_counts_entries_and_size(tmp_path):
    _fake_cache(tmp_path)
    res = run("cache", "info", "--cache-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert str(tmp_path) in res.output
    assert "entries:   3" in res.output
    assert "407 bytes" in res.output  # 100 + 250 + 50 + 7 (temporary file counted in size)
    assert "MB" in res.output


def test_info_honours_env_and_missing_dir(tmp_path):
    target = tmp_path / "nothing-here"
    res = run("cache", "info", env={"MSGLINT_CACHE_DIR": str(target)})
    assert res.exit_code == 0, res.output
    assert str(target) in res.output
    assert "entries:   0" in res.output
    assert not target.exists()  # info never creates the folder


def test_clear_removes_only_msglint_files(tmp_path):
    files = _fake_cache(tmp_path)
    res = run("cache", "clear", "--cache-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert "removed 4 file(s)" in res.output
    for name in ("e1", "e2", "e3", "tmp"):
        assert not files[name].exists(), name
    for name in ("stranger", "outside", "outside_pkl"):
        assert files[name].exists(), name
    assert not (tmp_path / "analysis" / "ab").exists()  # emptied subfolder removed
    assert (tmp_path / "analysis" / "cd").is_dir()  # still holds notes.txt
    again = run("cache", "info", "--cache-dir", str(tmp_path))
    assert "entries:   0" in again.output


def test_clear_on_missing_dir_is_fine(tmp_path):
    res = run("cache", "clear", "--cache-dir", str(tmp_path / "absent"))
    assert res.exit_code == 0, res.output
    assert "removed 0 file(s)" in res.output


def test_clear_does_not_follow_symlinks(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.pkl").write_bytes(b"keep me")
    cache = tmp_path / "cache"
    (cache / "analysis").mkdir(parents=True)
    (cache / "analysis" / "zz").symlink_to(victim, target_is_directory=True)
    (cache / "analysis" / "link.pkl").symlink_to(victim / "precious.pkl")
    res = run("cache", "clear", "--cache-dir", str(cache))
    assert res.exit_code == 0, res.output
    assert (victim / "precious.pkl").read_bytes() == b"keep me"


def test_help_has_examples():
    for args in (("cache", "--help"), ("cache", "info", "--help"), ("cache", "clear", "--help")):
        res = run(*args)
        assert res.exit_code == 0
        assert "Examples:" in res.output
        assert "msglint cache" in res.output


def test_analysis_cache_end_to_end(tmp_path):
    from linter.analysis.store import CacheStats, analyse_corpus
    from linter.corpus import load_corpus
    from linter.rulepack import load_rules

    corpus = load_corpus(CORPUS)
    pack = load_rules()
    n = len(corpus.documents)
    assert n >= 2

    first = analyse_corpus(corpus, pack, cache=tmp_path)
    assert first.stats == CacheStats(0, n)
    entries = sorted((tmp_path / "analysis").rglob("*.dat"))
    assert len(entries) == n

    second = analyse_corpus(corpus, pack, cache=tmp_path)
    assert second.stats == CacheStats(n, 0)
    assert second.notices == ()
    assert list(second.index.units) == list(first.index.units)

    res = run("cache", "info", "--cache-dir", str(tmp_path))
    assert f"entries:   {n}" in res.output

    entries[0].write_bytes(b"this is not a cache entry")
    third = analyse_corpus(corpus, pack, cache=tmp_path)
    assert third.stats == CacheStats(n - 1, 1)
    assert len(third.notices) == 1 and "unreadable" in third.notices[0]
    assert entries[0].exists()  # rebuilt
    fourth = analyse_corpus(corpus, pack, cache=tmp_path)
    assert fourth.stats == CacheStats(n, 0)

    res = run("cache", "clear", "--cache-dir", str(tmp_path))
    assert res.exit_code == 0 and f"removed {n} file(s)" in res.output
    assert analyse_corpus(corpus, pack, cache=tmp_path).stats == CacheStats(0, n)


def test_clear_removes_a_real_cache_with_its_snapshot_data(tmp_path):
    from linter.analysis.store import open_corpus
    from linter.rulepack import load_rules

    open_corpus([str(CORPUS)], load_rules(), cache=tmp_path)
    assert list((tmp_path / "snapshots").glob("*/*.bin"))
    res = run("cache", "clear", "--cache-dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    left = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert left == []
