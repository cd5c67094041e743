"""Shared pytest setup."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: slow tests (network or virtualenv builds); deselect with -m 'not slow'")
