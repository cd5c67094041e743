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


_QUOTED = '"The depot will stay open through the end of the year," said Jane Doe, commander of the garrison.'


def _speaker_words_light(pack) -> dict[str, bool]:
    from linter.analysis.claims import Vocabulary, analyse_span
    from linter.analysis.pipeline import load_nlp

    analysed = analyse_span(load_nlp()(_QUOTED)[:], Vocabulary(pack))
    return {c.lemma: c.light for c in analysed.concepts if c.lemma in ("jane", "doe", "commander", "garrison")}


def test_speech_verbs_come_from_the_pack(tmp_path):
    # With the shipped speech verbs, "said" makes the speaker's name and title outside the
    # quotation attribution boilerplate; a pack whose speech verbs lack "say" makes them
    # count as content again.
    assert set(_speaker_words_light(load_rules()).values()) == {True}
    extra = tmp_path / "Claims.yml"
    extra.write_text("extends: claims\nreplace: true\nspeech_verbs: [state]\n", encoding="utf-8")
    pack = load_rules([str(extra)])
    assert pack.claims["speech_verbs"] == ["state"]
    assert "although" in pack.claims["contrast_marks"]  # replace touches only the lists it names
    assert pack.fingerprint() != load_rules().fingerprint()  # cached analyses are not reused
    assert set(_speaker_words_light(pack).values()) == {False}


def test_a_claims_list_of_the_wrong_type_is_a_one_line_error_naming_the_file(tmp_path):
    extra = tmp_path / "Claims.yml"
    extra.write_text("extends: claims\n# a comment\ntime_marks: when\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules([str(extra)])
    text = str(info.value)
    assert "\n" not in text and "Claims.yml" in text and "time_marks" in text and "3" in text


def test_an_unknown_claims_key_names_the_allowed_keys(tmp_path):
    extra = tmp_path / "Claims.yml"
    extra.write_text("extends: claims\nspeach_verbs: [say]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'speach_verbs'.*speech_verbs"):
        load_rules([str(extra)])
