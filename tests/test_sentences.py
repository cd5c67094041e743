"""Sentence boundaries: a table of our own lines, each with the sentences it must give."""
from __future__ import annotations

import pytest

from linter.sentences import split_sentences

CASES = [
    # an abbreviation inside a sentence does not end it
    ("The U.S. Army will host the meeting.", ["The U.S. Army will host the meeting."]),
    ("Gen. Ortiz spoke at 9 a.m. on Tuesday.", ["Gen. Ortiz spoke at 9 a.m. on Tuesday."]),
    # a hard line break (PDF text) after an abbreviation does not end it either
    ("Trucks leave the U.S.\nArmy depot daily.", ["Trucks leave the U.S.\nArmy depot daily."]),
    # an abbreviation that ends a sentence, then a common sentence start
    ("Crews came from the U.S. The work starts Monday.", ["Crews came from the U.S.", "The work starts Monday."]),
    # two spaces after it and a capital: a new sentence, whatever its first word
    ("Most crews deploy from the U.S.  U.S.-based trucks leave from four ports.",
     ["Most crews deploy from the U.S.", "U.S.-based trucks leave from four ports."]),
    ("No. The depot stays open.", ["No.", "The depot stays open."]),
    ("Gate No. 5 stays open.", ["Gate No. 5 stays open."]),
]


@pytest.mark.parametrize("text,want", CASES)
def test_sentence_boundaries(text, want):
    assert [text[a:b] for a, b in split_sentences(text)] == want
