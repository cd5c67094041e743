"""Meta-test: every registered rule is documented the way `msglint rules` and SARIF need."""
from __future__ import annotations

import re

import pytest

from linter.checks.registry import rule_doc, rule_docs, rule_ids

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


def test_registry_lists_every_rule_in_order():
    docs = rule_docs()
    assert [d.id for d in docs] == rule_ids()
    assert len(docs) == 11
    assert "figure-conflict" in rule_ids()


@pytest.mark.parametrize("rule_id", rule_ids())
def test_rule_doc_complete(rule_id):
    doc = rule_doc(rule_id)
    assert doc.id == rule_id
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", rule_id)
    assert doc.severity in ("error", "warning", "info")
    assert doc.summary.strip() and "\n" not in doc.summary
    assert doc.summary == doc.summary.strip()
    for title in SECTIONS:
        assert doc.section(title), f"{rule_id}: missing or empty section '## {title}'"
    # the sections appear in the documented order
    positions = [doc.doc.index(f"## {title}") for title in SECTIONS]
    assert positions == sorted(positions)
