"""One-line probes of single mechanisms against the real seed quick response (our own
sentences; the seed lives next to the checkout in ../shared/seeds).  Each row: a draft
sentence and the rule it must get (None: it must pass).

Known misses, kept out of the table and listed in the README: "sharing less and less
information" (a comparative pair, not an antonym), "reached the lowest levels" (a
superlative inside an object), a ratio whose line is not aligned ("took down 95 of 122"),
and "has never been more productive" (a superlative said by negation, read as a denial).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.checks.engine import Engine
from linter.corpus import load_corpus
from linter.rulepack import load_rules

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

PROBES = [
    ('The Mexican government is not taking the case seriously.', 'contradiction'),
    ('The Mexican Army was involved in the assault on the 43 student teachers.', 'contradiction'),
    ('Some of these individuals had been trained by the U.S. military.', 'contradiction'),
    ('We should suspend military-to-military ties with Mexico.', 'contradiction'),
    ('Mil-to-mil with Mexico is not working.', 'contradiction'),
    ('The relationship is the least productive it has been in decades.', 'contradiction'),
    ('Security Cooperation programs continue to shrink annually.', 'contradiction'),
    ('The Mexican military is the least trusted security institution in Mexico.', 'contradiction'),
    ('Our capacity building with the Mexican military weakens their internal security.', 'contradiction'),
    ('The Mexican Army received a request for support from civil authorities when the armed confrontation took place.', 'contradiction'),
    ('The U.S. military trained the eight soldiers involved in the firefight.', 'contradiction'),
    ('A Mexican federal investigation concluded that nine Army members were involved in the firefight.', 'figure-mismatch'),
    ("Mexico's Attorney General's Office charged four of the eight soldiers with homicide.", 'figure-mismatch'),
    ("Last year's Foreign Military Sales budget was $1.5 billion.", 'figure-mismatch'),
    ('Forty-three student teachers were assaulted and kidnapped, allegedly by a criminal organization.', None),
    ('91 of the 122 high value targets were apprehended or taken down.', None),
    ('The $1 billion Foreign Military Sales budget last year shows Mexico sees us as its partner of choice.', None),
    ('Eight Army members were involved in the firefight, and three of them were charged with homicide.', 'dropped-hedge'),
    ('The 43 student teachers were killed by members of a criminal organization.', 'unsupported-claim'),
    ('The Mexican Army did not receive a request for support from civil authorities when the armed confrontation took place.', 'dropped-hedge'),
    ('A UN report released this week said torture and extrajudicial killings are widespread in Mexico.', 'background-only'),
    ('Protests against SEDENA continue in Mexico.', 'background-only'),
    ('The United States will send 500 advisers to train the Mexican Army next year.', 'unvetted-figure'),
    ('We will open a new joint command center in Mexico City.', 'unsupported-claim'),
    ('The Mexican Navy has agreed to buy four U.S. frigates.', 'unvetted-figure'),
    ('Mexico is a key partner in the defense of North America.', None),
    ('We share a common border with Mexico, which requires a close partnership.', None),
    ('The Mexican military is the most trusted security institution in the country.', None),
    ('NAMSI has enhanced the partnership of the US, Canada and Mexico to counter trafficking in the maritime domain.', None),
    ('USNORTHCOM supported a request from the Mexican government to evacuate American citizens from Los Cabos after Hurricane Odile.', None),
    ('We are well aware of the case.', None),
    ('Security Cooperation programs keep growing every year.', None),
    ('The Mexican military wants to be a full participant in the collective defense of North America.', None),
    ('None of the eight soldiers had been trained by the U.S. military.', None),
    ("Mexico's Attorney General's Office charged three of the eight soldiers with homicide.", None),
    ('The Mexican military is slowly shifting its focus to combined operations with us.', None),
]


@pytest.fixture(scope="module")
def engine():
    if not SEEDS.is_dir():
        pytest.skip("the shared seed corpus is not next to this checkout")
    return Engine(load_corpus([SEEDS]), load_rules(), cache=False)


@pytest.mark.parametrize("sentence,want", PROBES)
def test_probe(engine, sentence, want):
    found = [f for f in engine.check(sentence, "d.txt") if f.severity in ("error", "warning")]
    assert (found[0].rule if found else None) == want
