"""Measures, second round (issue 10, class 3).

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
    # "N cases / instances of X" count what X names.
    positive(
        "cases-of-disappearance-are-missing",
        "The rights group said there had been 45 cases of enforced disappearance and 210 instances of "
        "arrest since the vote.",
        d("2025-03-05"),
        Want("45 cases", measure="missing"),
        Want("210 instances", measure=("captured", "other")),
    ),
    # Blinding is an injury, even conjoined with a toll of the dead.
    positive(
        "blinded-is-wounded",
        "Doctors said that more than 600 people were killed and over 250 blinded by pellets during the "
        "crackdown.",
        d("2025-03-05"),
        Want("more than 600 people", measure="killed"),
        Want("over 250", measure="wounded"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_measure_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
