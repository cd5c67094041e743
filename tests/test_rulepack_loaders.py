"""Rule pack loading: one loader per ``extends:`` kind, and command-line settings laid
on a copy of the loaded pack."""
from __future__ import annotations

import pytest

from linter.errors import ConfigError
from linter.rulepack import KINDS, LOADERS, load_rules


def test_every_kind_has_its_loader():
    assert set(LOADERS) == set(KINDS)


def test_overrides_make_a_copy_and_leave_the_loaded_pack_alone():
    pack = load_rules()
    before = (dict(pack.severity), list(pack.disable))
    tuned = pack.with_overrides({"off-posture": "warning"}, ["term"])
    assert tuned.severity_of("off-posture", "info") == "warning"
    assert "term" in tuned.disable
    assert (dict(pack.severity), list(pack.disable)) == before
    assert tuned.fingerprint() == pack.fingerprint()  # analysis is unchanged: same cache


def test_commitment_words_come_from_the_pack(tmp_path):
    extra = tmp_path / "Commit.yml"
    extra.write_text("extends: commitments\nreplace: true\nwords: [vow]\n", encoding="utf-8")
    assert "will" in load_rules().commitments["words"]
    assert load_rules([str(extra)]).commitments["words"] == ["vow"]


def test_a_threshold_no_check_reads_is_refused(tmp_path):
    extra = tmp_path / "Settings.yml"
    extra.write_text("extends: settings\nthresholds: {no_such_threshold: 0.5}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown threshold"):
        load_rules([str(extra)])
