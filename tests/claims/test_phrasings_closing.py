"""Closing attributions (issue 10, class 1): a statement that ends a sentence covers its figures.

Invented texts of each class (never copied from a corpus), checked through the public
API like ``test_phrasings.py``, whose helpers these cases use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import Want, assert_well_formed, assert_yields, d, positive

pytestmark = pytest.mark.slow

CASES = [
    # A present-tense reporting verb closing the sentence, its subject an abbreviation
    # whose article the parser hangs elsewhere ("..., the U.N. estimates.").
    positive(
        "closing-present-estimates-abbreviation",
        "Tens of thousands have been driven from their villages by the militias, the U.N. estimates.",
        d("2025-03-04"),
        Want("Tens of thousands", stated_by=("U.N.", "UN", "United Nations")),
    ),
    positive(
        "closing-present-says-abbreviation",
        "About 40,000 homes have been flooded along the river, the U.N. says.",
        d("2025-03-04"),
        Want("About 40,000 homes", stated_by=("U.N.", "UN", "United Nations")),
    ),
    # ... and a plain closing statement still covers the figure.
    positive(
        "closing-present-says-organisation",
        "More than 300 schools have closed in the region since January, the aid group says.",
        d("2025-03-04"),
        Want("More than 300 schools", stated_by="aid group"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_closing_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
