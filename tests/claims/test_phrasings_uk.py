"""Ukrainian phrasings: the number grammar of the pack (locale separators, qualifiers,
scale words) and the word-order reading of counted noun, measure and hedge (invented sentences)."""

from __future__ import annotations

import pytest

from claimtrail.claims.lang import load_language
from claimtrail.claims.quantities import find_quantities
from claimtrail.claims.wordorder import hedged_by_word_order, read_by_word_order

PACK = load_language("uk")
CASES = [
    (
        "Понад 11 тисяч військових відправили до Курської області.",
        "Понад 11 тисяч",
        (11000, None),
        "more_than",
        "військових",
        "deployed",
        False,
    ),
    ("Близько 600 бійців нібито загинули.", "Близько 600", (600, 600), "approx", "бійців", "killed", True),
]


@pytest.mark.parametrize(("sentence", "phrase", "bounds", "qualifier", "counted", "measure", "hedged"), CASES)
def test_a_figure_is_read_with_its_noun_measure_and_hedge(
    sentence: str,
    phrase: str,
    bounds: tuple[int | None, int | None],
    qualifier: str,
    counted: str | None,
    measure: str,
    hedged: bool,
) -> None:
    (quantity,) = find_quantities(sentence, PACK)
    assert (quantity.text, (quantity.value.low, quantity.value.high), quantity.qualifier) == (
        phrase,
        bounds,
        qualifier,
    )
    found = read_by_word_order(quantity, sentence, PACK)
    assert found is not None
    assert (found.counted, found.measure) == (counted, measure)
    assert hedged_by_word_order(sentence, PACK) is hedged
