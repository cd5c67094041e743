"""`msglint init`: starter config and example corpus, never overwriting."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from linter.cli.main import cli
from linter.config import KEYS, settings_from_file


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="msglint")


def test_init_writes_config_and_corpus(tmp_path):
    res = run("init", str(tmp_path))
    assert res.exit_code == 0, res.output
    config = tmp_path / ".msglint.yaml"
    assert config.is_file()
    text = config.read_text(encoding="utf-8")
    for key in ("corpus", "rules", "severity", "disable", "ignore", "fail-on", "min-severity", "as-of", "model"):
        assert f"{key}:" in text, key
    data = yaml.safe_load(text)
    assert set(data) <= set(KEYS)
    settings = settings_from_file(config)  # valid configuration
    assert settings.corpus and settings.fail_on == "warning"
    docs = list((tmp_path / "corpus").iterdir())
    assert len(docs) == 1 and "Q:" in docs[0].read_text(encoding="utf-8")


def test_example_corpus_loads(tmp_path):
    from linter.corpus import load_corpus

    run("init", str(tmp_path))
    corpus = load_corpus([str(tmp_path / "corpus")])
    assert len(corpus.documents) == 1
    assert corpus.documents[0].approved_lines


def test_init_never_overwrites(tmp_path):
    (tmp_path / ".msglint.yaml").write_text("corpus: mine/\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    res = run("init", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert (tmp_path / ".msglint.yaml").read_text(encoding="utf-8") == "corpus: mine/\n"
    assert list((tmp_path / "corpus").iterdir()) == []
    assert "skipped" in res.output and ".msglint.yaml" in res.output and "corpus" in res.output


def test_init_defaults_to_current_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("init")
    assert res.exit_code == 0, res.output
    assert (tmp_path / ".msglint.yaml").is_file()
    assert run("init").output.count("skipped") == 2
