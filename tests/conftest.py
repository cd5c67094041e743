"""Shared pytest setup."""
import shutil
from pathlib import Path

import pytest

CHECK_FIXTURES = Path(__file__).parent / "fixtures" / "checks"


@pytest.fixture()
def corpus_dir(tmp_path):
    """A writable copy of the two-document library corpus of ``fixtures/checks``."""
    d = tmp_path / "corpus"
    shutil.copytree(CHECK_FIXTURES, d)
    return d


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: slow tests (network or virtualenv builds); deselect with -m 'not slow'")
