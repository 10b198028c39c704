"""Speakers and sources, second round (issue 10, classes 1 and 2).

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
    # "X disputed Y's claim that N ...": the figure of the claim is Y's, not the disputer's
    # nor the outlet's.
    positive(
        "owned-claim-disputed",
        "Union leader Maria Okafor disputed Governor Peter Lang's claim that only four workers had died "
        "in the warehouse fire.",
        d("2025-03-05"),
        Want("four workers", stated_by=("Peter Lang", "Lang"), source=("Peter Lang", "Lang")),
    ),
    # ... also for an organisation's assertion, rejected in the passive.
    positive(
        "owned-assertion-rejected",
        "The ministry's assertion that 300 prisoners had been released was rejected by relatives.",
        d("2025-03-05"),
        Want("300 prisoners", stated_by="ministry", source="ministry"),
    ),
    # A possessive name keeps no "'s" when it speaks again ("the governor announced ...").
    positive(
        "owned-claim-name-without-possessive",
        "Critics questioned Mayor Ines Barros's statement that 12 families had been rehoused. "
        "Barros said on Monday that 40 more homes would be ready by June.",
        d("2025-03-05"),
        Want("12 families", stated_by=("Ines Barros", "Barros")),
        Want("40 more homes", stated_by=("Ines Barros", "Barros")),
    ),
    # "according to a report from X citing Y": X reports, Y is the source.
    positive(
        "report-from-outlet-citing-source",
        "The rebels have fired more than 4,000 rockets at the city, according to a Monday report from "
        "local media citing the regional army command.",
        d("2025-03-05"),
        Want("more than 4,000 rockets", stated_by="local media", source="regional army command"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_source_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
