"""Figure normalisation: every format of one value compares equal; other values do not."""
from __future__ import annotations

import pytest

from linter.analysis.figures import FigureFinder
from linter.rulepack import load_rules


@pytest.fixture(scope="module")
def finder():
    return FigureFinder(load_rules().numbers)


def one(finder, text):
    figs = finder.find(text)
    assert len(figs) == 1, (text, figs)
    return figs[0]


SAME = [
    ("$1B", "$1 billion"),
    ("$1 billion", "one billion dollars"),
    ("$38M", "$38 million"),
    ("162.5K recruits", "162,500 recruits"),
    ("eight soldiers", "8 soldiers"),
    ("ninety-one targets", "91 targets"),
    ("six hundred residents", "600 residents"),
    ("fifty thousand dollars", "$50,000"),
    ("91 of 122", "91 out of 122"),
    ("3 out of 4", "three of the four"),
    ("1 in 5", "one in every five"),
    ("24 months", "two years"),
    ("72 hours", "three days"),
    ("94%", "94 percent"),
    ("FY26", "fiscal year 2026"),
    ("fiscal 2027", "FY2027"),
    ("April 8", "April 8, 2026"),
    ("December 2025", "the end of 2025"),
    ("8 PM", "8 p.m."),
    ("1-800-555-0143", "800-555-0143"),
    ("aged 17 to 24", "between 17 and 24"),
    ("nearly 10,000", "9,800"),  # approximate amounts allow 3%
    ("in 2020", "July 2020"),  # a bare year restates a date of that year
    ("March 4, 2026", "in 2026"),
]

DIFFERENT = [
    ("$1.5 billion", "$1B"),
    ("$16.4 million", "$14.6 million"),
    ("one in four", "1 in 5"),
    ("three years", "24 months"),
    ("96 percent", "about 94 percent"),  # percentages are exact
    ("March 4, 2026", "March 14, 2026"),
    ("May 1", "May 15"),
    ("6 PM", "8 PM"),
    ("1-800-555-0134", "1-800-555-0143"),
    ("fiscal year 2027", "fiscal year 2028"),
    ("8,900", "9,800"),
    ("in 2021", "July 2020"),
    ("May 2019", "May 2020"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_same_value(finder, a, b):
    assert finder.same_value(one(finder, a), one(finder, b))


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_value(finder, a, b):
    assert not finder.same_value(one(finder, a), one(finder, b))


@pytest.mark.parametrize("text,kind,value,qualifier", [
    ("more than 31,000 recruits", "count", (31000.0,), "lower-bound"),
    ("up to $65,000", "money", (65000.0,), "upper-bound"),
    ("approximately 37,400 records", "count", (37400.0,), "approximate"),
    ("within 90 days", "duration", (90.0,), None),
    ("March 14, 2026", "date", (2026, 3, 14), None),
    ("since 2019", "year", (2019,), None),
])
def test_kind_value_and_qualifier(finder, text, kind, value, qualifier):
    f = one(finder, text)
    assert (f.kind, f.value, f.qualifier) == (kind, value, qualifier)


@pytest.mark.parametrize("text", [
    "one of its company servers",
    "1/7 Results are in",
    "the Post-9/11 GI Bill",
    "a decade ago",
])
def test_not_figures(finder, text):
    assert finder.find(text) == []


def test_offsets_point_at_the_figure(finder):
    text = "The budget was $1.5 billion last year."
    f = one(finder, text)
    assert text[f.start:f.end] == "$1.5 billion"


@pytest.mark.parametrize("a,b,same", [
    ("more than 400", "413", True),
    ("under $40 million", "$38.2 million", True),
    ("more than 400", "380", False),   # outside the bound
    ("more than 400", "600", False),   # inside, but far from it: a misleading bound
    ("less than 20 percent", "19 percent", True),
])
def test_bounds(finder, a, b, same):
    assert finder.same_value(one(finder, a), one(finder, b)) is same


@pytest.mark.parametrize("a,b,same", [
    ("at 4:15", "4:15 a.m.", True),     # no a.m./p.m.: compared on a 12-hour clock
    ("at 4:15", "4:15 p.m.", True),
    ("4:15 a.m.", "4:15 p.m.", False),
    ("60 seconds", "one minute", True),
    ("24 hrs", "one day", True),
])
def test_clock_times_and_short_units(finder, a, b, same):
    assert finder.same_value(one(finder, a), one(finder, b)) is same


def test_a_count_before_a_year_is_not_a_ratio(finder):
    kinds = [f.kind for f in finder.find("compared with 23 in 2024")]
    assert kinds == ["count", "year"]
