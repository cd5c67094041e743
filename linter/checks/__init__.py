"""Checks: one module per rule ID; see :mod:`linter.checks.registry`."""
