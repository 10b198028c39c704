"""Who speaks for a figure: hearsay nouns and contrasted statements (issue 10, classes 1 and 2).

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
    # "amid reports that ...": the reports speak for the figure of their clause.
    positive(
        "hearsay-noun-amid-reports",
        "The ferry service was suspended on Monday amid reports that dozens of passengers, most of them "
        "students, had drowned.",
        d("2025-03-04"),
        Want("dozens of passengers", stated_by="reports", source="reports"),
    ),
    # ... also as the object of a verb of the outlet's own sentence.
    positive(
        "hearsay-noun-contradicting-reports",
        "The harbour master announced on Tuesday that nine sailors had died and 40 were rescued, "
        "contradicting reports that more than 30 sailors had been confirmed dead.",
        d("2025-03-05"),
        Want("more than 30 sailors", 30, None, "more_than", "killed", stated_by="reports", source="reports"),
    ),
    # A hearsay noun is no speaker for the sentences after it.
    positive(
        "hearsay-noun-does-not-carry",
        "Villagers fled amid rumours that the dam had burst. At least 12 homes were flooded by nightfall.",
        d("2025-03-05"),
        Want("At least 12 homes", stated_by=None, source=None),
    ),
    # "The count was 11, but officials said ...": the statement after the contrast is not the 11's.
    positive(
        "contrasted-statement-leaves-the-figure",
        "The confirmed toll on Sunday morning was 14, but officials said they expected it to climb as "
        "divers reached the lower decks.",
        d("2025-03-06"),
        Want("14", 14, 14, "exact", stated_by=None, source=None),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_speaker_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
