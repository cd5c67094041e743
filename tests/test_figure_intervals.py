"""Figures as intervals: a bound, an approximation and a range agree with an approved
value they allow, and disagree with one they exclude (issue 25, the figure half).

Each form is a row: the draft figure, the approved figure, and whether they agree; then
the same form end to end against a small invented corpus (tests/fixtures/figure_intervals).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import linter
from linter.analysis.figures import FigureFinder
from linter.checks.engine import Engine
from linter.rulepack import load_rules
from test_figures import finder, one  # noqa: F401 - the shared fixture and helper

FIXTURES = Path(__file__).parent / "fixtures" / "figure_intervals"
PROBLEMS = {"figure-mismatch", "unvetted-figure", "contradiction", "unsupported-claim",
            "background-only", "dropped-hedge", "expired-line"}


FORMS = [
    # approximate: the approved value lies within the tolerance of the hedged figure
    ("almost 5,000", "4,870", True),
    ("roughly 5,000", "4,870", True),
    ("almost 5,000", "4,700", False),
    # bounds: the approved value lies inside the bound, near it
    ("more than 20 of the 25", "22 of 25", True),
    ("at least 20 of the 25", "21 of 25", True),
    ("more than 20 of the 25", "19 of 25", False),
    ("more than 20 of the 25", "22 of 30", False),   # another whole
    ("fewer than 20 of the 25", "22 of 25", False),
    ("more than 6,000", "4,870", False),
    # ranges of a duration: "about four weeks" lies inside "three to five weeks"
    ("three to five weeks", "about four weeks", True),
    ("between 3 and 5 weeks", "four weeks", True),
    ("three to five weeks", "about seven weeks", False),
    ("six to eight weeks", "about four weeks", False),
    # a range with the unit given once or twice is one figure
    ("from 40 to 47 feet", "from 40 feet to 47 feet", True),
    ("between 40 and 47", "from 40 feet to 47 feet", True),
    ("from 40 to 47 feet", "from 40 feet to 49 feet", False),
]


@pytest.mark.parametrize("draft,approved,agree", FORMS)
def test_interval_forms(finder, draft, approved, agree):
    assert finder.same_value(one(finder, draft), one(finder, approved)) is agree


def test_a_range_with_the_unit_twice_is_one_figure(finder):
    f = one(finder, "the depth ranges from 40 feet to 47 feet at low tide")
    assert (f.kind, f.value, f.text) == ("range", (40.0, 47.0), "from 40 feet to 47 feet")


def test_two_different_units_are_two_figures(finder):
    assert [f.kind for f in finder.find("40 boats and 47 cars")] == ["count", "count"]


def test_a_duration_range_is_one_interval_in_days(finder):
    f = one(finder, "three to five weeks")
    assert (f.kind, f.value) == ("duration", (21.0, 35.0))


@pytest.fixture(scope="module")
def engine():
    corpus = linter.load_corpus([str(FIXTURES)])
    return Engine(corpus, load_rules(), as_of=dt.date(2026, 11, 28), cache=False)


def problems(engine, text):
    return [f.rule for f in engine.check(text, "draft.txt") if f.rule in PROBLEMS]


END_TO_END = [
    ("The dredging crew removed almost 5,000 cubic yards of silt from the harbour channel.", None),
    ("The dredging crew removed more than 6,000 cubic yards of silt from the harbour channel.",
     "figure-mismatch"),
    ("Inspectors reported that more than 20 of the 25 moorings passed the load test.", None),
    ("Inspectors reported that fewer than 20 of the 25 moorings passed the load test.",
     "figure-mismatch"),
    ("Repairs to the north pier will take three to five weeks.", None),
    ("Repairs to the north pier will take six to eight weeks.", "figure-mismatch"),
    ("After dredging, the channel depth ranges from 40 to 47 feet at low tide.", None),
]


@pytest.mark.parametrize("draft,rule", END_TO_END)
def test_end_to_end(engine, draft, rule):
    got = problems(engine, draft)
    if rule is None:
        assert got == [], got
    else:
        assert rule in got, got


def test_range_words_come_from_the_rule_pack(tmp_path):
    pack = tmp_path / "numbers.yml"
    pack.write_text("extends: numbers\nrange_connectors: [till]\n", encoding="utf-8")
    finder = FigureFinder(load_rules([pack]).numbers)
    f = one(finder, "from 40 till 47 feet")
    assert (f.kind, f.value) == ("range", (40.0, 47.0))
    assert "till" not in load_rules().numbers["range_connectors"]


@pytest.mark.parametrize("value", ["5", "[\"\"]", "{a: b}"])
def test_bad_range_words_are_a_clear_error(tmp_path, value):
    from linter.errors import ConfigError

    pack = tmp_path / "numbers.yml"
    pack.write_text(f"extends: numbers\nrange_connectors: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_rules([pack])
    assert "range_connectors" in str(err.value) and "numbers.yml" in str(err.value)


EQUIVALENT = [
    # shares and percentages
    ("three in four", "75 percent", True),
    ("three in four", "about 75 percent", True),
    ("about one in four", "26 percent", True),     # hedged: the approximate tolerance
    ("two in three", "67 percent", True),          # a whole percentage rounds the share
    ("one in four", "30 percent", False),
    ("three in four", "about 60 percent", False),
    ("more than one in four", "26 percent", False),  # a bound on a count is not a share
    # clock times in words
    ("half past four", "4:30", True),
    ("half past four", "4:30 p.m.", True),
    ("ten past nine p.m.", "9:10 p.m.", True),
    ("quarter to five", "4:45", True),
    ("twenty minutes to six", "5:40", True),
    ("four o'clock", "4:00", True),
    ("half past four", "4:45", False),
    ("ten past nine a.m.", "9:10 p.m.", False),
    # spelled and ordinal dates
    ("the second of June", "June 2, 2027", True),
    ("June the second", "June 2", True),
    ("the twenty-first of May", "May 21", True),
    ("the 9th of June", "June 9", True),
    ("on the 9th", "July 9, 2027", True),
    ("the second of June", "June 3", False),
    ("the second of July", "June 2", False),
    ("on the 9th", "July 19, 2027", False),
]


@pytest.mark.parametrize("draft,approved,agree", EQUIVALENT)
def test_equivalent_forms(finder, draft, approved, agree):
    assert finder.same_value(one(finder, draft), one(finder, approved)) is agree


@pytest.mark.parametrize("text", ["on the 5th floor", "the second day", "five to ten", "two past presidents"])
def test_words_that_are_not_dates_or_times(finder, text):
    assert [f.kind for f in finder.find(text)] in ([], ["ordinal"], ["count"], ["count", "count"])


@pytest.mark.parametrize("text,kept", [
    ("Each tank holds 12 litres (about 3 US gallons) of water.", ["12"]),
    ("The trail is 40 miles (64 km) long.", ["40"]),
    ("The budget is $18 million (up from $12 million).", ["$18 million", "$12 million"]),
    ("Crews moved 12 boats (3 boats) inland.", ["12", "3"]),   # the same unit: not a conversion
    ("Of 12 litres (3) were lost.", ["12", "3"]),               # no unit: not a conversion
])
def test_a_conversion_in_parentheses_is_part_of_its_figure(finder, text, kept):
    assert [f.text for f in finder.find(text)] == kept


END_TO_END_FORMS = [
    ("The harbour office closes at half past four on weekdays.", None),
    ("The harbour office closes at quarter to five on weekdays.", "figure-mismatch"),
    ("Dredging of the outer basin will resume on the second of June.", None),
    ("Dredging of the outer basin will resume on the third of June.", "figure-mismatch"),
    ("The channel reopens to commercial shipping on the 9th.", None),
    ("The channel reopens to commercial shipping on the 19th.", "figure-mismatch"),
    ("About 75 percent of boat owners renewed their mooring permits this season.", None),
    ("About 60 percent of boat owners renewed their mooring permits this season.", "figure-mismatch"),
    ("Each fuel drum on the service barge holds 200 litres (about 53 US gallons) of diesel.", None),
]


@pytest.mark.parametrize("draft,rule", END_TO_END_FORMS)
def test_end_to_end_forms(engine, draft, rule):
    got = problems(engine, draft)
    if rule is None:
        assert got == [], got
    else:
        assert rule in got, got


RHETORIC = [
    # a small spelled count of a thing the corpus never speaks of: rhetoric, not a figure
    ("Two projects on this coast show what careful planning can do.", "unvetted-figure", False),
    # digits, or a thing the corpus names, or a large count: still a figure to vet
    ("2 projects on this coast show what careful planning can do.", "unvetted-figure", True),
    ("Two harbours on this coast show what careful dredging can do.", "unvetted-figure", True),
    ("Five fuel drums on the service barge hold diesel.", "unvetted-figure", True),
    ("They say two projects on this coast show what careful planning can do.", "unvetted-figure", True),
    ("Forty projects on this coast show what careful planning can do.", "unvetted-figure", True),
]


@pytest.mark.parametrize("draft,rule,fires", RHETORIC)
def test_a_rhetorical_count_is_not_a_figure_error(engine, draft, rule, fires):
    assert (rule in problems(engine, draft)) is fires


def test_the_rhetorical_limit_is_rule_pack_data(tmp_path):
    from linter.errors import ConfigError

    pack = tmp_path / "numbers.yml"
    pack.write_text("extends: numbers\nrhetorical_count_max: 0\n", encoding="utf-8")
    assert load_rules([pack]).numbers["rhetorical_count_max"] == 0
    pack.write_text("extends: numbers\nrhetorical_count_max: lots\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_rules([pack])
    assert "rhetorical_count_max" in str(err.value) and "numbers.yml" in str(err.value)
