"""Verdicts a reviewer can trust: one table per mechanism, of our own sentences, each with
the rule it must get (None: it must pass).  The corpus is the example corpus (``corpus/``):
the Mexico, Riverbend depot and hurricane relief quick responses.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.rulepack import load_rules

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine():
    return Engine(load_corpus([REPO / "corpus"]), load_rules(), cache=False)


def verdict(engine, sentence):
    found = [f for f in engine.check(sentence, "d.txt") if f.severity in ("error", "warning")]
    return found[0].rule if found else None


def run_table(engine, table):
    got = [(s, want, verdict(engine, s)) for s, want in table]
    wrong = [(s, want, g) for s, want, g in got if g != want]
    assert not wrong, "\n".join(f"{s!r}: want {w}, got {g}" for s, w, g in wrong)


NEGATION = [
    # copular and auxiliary negation of an approved predicate
    ("The drinking water on the depot does not meet federal standards.", "contradiction"),
    ("The drinking water supplied on the depot is not tested every month.", "contradiction"),
    ("The drinking water is no longer tested every month.", "contradiction"),
    ("The Army is not sampling groundwater at wells around the depot.", "contradiction"),
    ("We will not share the results with the county and the public.", "contradiction"),
    ("The relationship with Mexico is not productive.", "contradiction"),
    # a negating verb
    ("The depot's drinking water fails to meet federal standards.", "contradiction"),
    # a negative determiner flipped to a positive one
    ("Some of the eight had received training from the U.S. military.", "contradiction"),
    ("Several of the eight soldiers were trained by the U.S. military.", "contradiction"),
    # the same negation written another way
    ("None of the eight soldiers was trained by the U.S. military.", None),
    ("Not one of the eight had received training from the U.S. military.", None),
    ("The drinking water on the depot meets every federal standard and is tested monthly.", None),
]

DIRECTION = [
    ("The relationship is the least productive it has been in decades.", "contradiction"),
    ("Helping the Mexican military build capacity weakens their security and ours.", "contradiction"),
    ("The relationship is the most productive it has been in decades.", None),
    ("Helping the Mexican military build capacity strengthens their security and ours.", None),
]

STANCE = [
    # "Should we suspend military ties with Mexico?"  "No. ..."
    ("We should suspend military ties with Mexico.", "contradiction"),
    ("We will not suspend military ties with Mexico.", None),
    # "Is the drinking water on the depot safe?"  "Yes. ..."
    ("The drinking water on the depot is not safe.", "contradiction"),
    ("The drinking water on the depot is unsafe.", "contradiction"),
    ("The drinking water on the depot is safe.", None),
    # "Is the Army testing groundwater near the depot?"  "Yes. ..."
    ("The Army is not testing groundwater near the depot.", "contradiction"),
]

REVERSAL = [
    # a verb that ends or stops what the approved line says goes on
    ("The Army has halted the sampling of groundwater at wells around the depot.", "contradiction"),
    ("The Army has stopped sampling groundwater at wells around the depot.", "contradiction"),
    ("Monthly testing of the drinking water supplied on the depot has been cancelled.", "contradiction"),
    # a negating noun ("a halt to"), and such a verb said of the activity itself
    ("The Army has ordered a halt to the sampling of groundwater at wells around the depot.", "contradiction"),
    ("Sampling of groundwater at wells around the depot has stopped.", "contradiction"),
    ("The Army has resumed sampling groundwater at wells around the depot.", None),
    # a negated clause that only partly matches the line it denies is still a contradiction,
    # not a new claim; a negated claim no line is about stays unsupported
    ("Military aircraft stopped flying relief flights after the storm moved north toward the coast.",
     "contradiction"),
    ("The depot will not build a new visitor centre next to the main gate.", "unsupported-claim"),
]

PARAPHRASE = [
    ("Roughly 1,200 service members are supporting relief operations in the affected counties at the state's request.", None),
    ("More than 40 relief flights by military aircraft have carried water, food and generators.", None),
    ("Troops will stay as long as state and local authorities need them.", None),
    ("The Federal Emergency Management Agency is leading the federal response, and the military is supporting it.", None),
    ("Through NAMSI, the United States, Canada and Mexico cooperate against trafficking at sea.", None),
    ("Shared information has helped Mexico capture or take down 91 of 122 high-value targets.", None),
    ("After Hurricane Odile, American forces helped evacuate U.S. citizens from Los Cabos at the request of the Government of Mexico.", None),
]

HEDGES = [
    ("The Mexican Army played no part in the assault, the kidnapping or the killings of the 43 student teachers.",
     "dropped-hedge"),
    ("Mexico's Attorney General's Office found that the Mexican Army played no part in the assault, the kidnapping "
     "or the alleged killings of the 43 student teachers.", None),
]

BACKGROUND = [
    ("Two of the 14 wells sampled showed levels above the state advisory limit.", "background-only"),
    ("A landowner nearby has hired an attorney.", "background-only"),  # lawyer = attorney
    ("State officials estimate the damage at $2.3 billion.", "background-only"),
    ("The commander has asked for two more transport helicopters.", "background-only"),
    # a clause built around a Background figure restates Background, whatever else it adds
    ("Damage across the affected counties will reach $2.3 billion by the end of the hurricane season, "
     "insurers fear.", "background-only"),
]

BEYOND = [
    ("The depot will install a new water treatment plant next year.", "unsupported-claim"),
    ("Mexico will buy 20 new helicopters from the United States.", "unvetted-figure"),
    ("We will open a joint training center with the Mexican Army in Monterrey.", "unsupported-claim"),
]

FIGURES_BOUND = [
    # the figure is approved, but for another quantity of the same line
    ("The Attorney General's Office charged eight of them with homicide.", "figure-mismatch"),
    ("A federal investigation in Mexico found that three Army members took part in the firefight.", "figure-mismatch"),
    ("Of the eight, the Attorney General's Office charged three with homicide.", None),
    # a bound turned around
    ("Military aircraft have flown fewer than 40 relief flights.", "figure-mismatch"),
]


@pytest.mark.parametrize("name,table", [
    ("negation", NEGATION), ("direction", DIRECTION), ("stance", STANCE), ("reversal", REVERSAL),
    ("paraphrase", PARAPHRASE), ("hedges", HEDGES), ("background", BACKGROUND), ("beyond", BEYOND),
    ("figures bound to what they count", FIGURES_BOUND),
])
def test_mechanism_table(engine, name, table):
    run_table(engine, table)
