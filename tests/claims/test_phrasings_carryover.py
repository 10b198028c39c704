"""Attribution carried beyond one sentence (issue 10, failure class 1).

A speaker named once goes on speaking for figures in the sentences around it: the rest of
a quotation, a sentence that names the statement it closes ("This was stated by X"), a
pronoun that stands for a group. Each case is an invented text of its class (never copied
from a corpus), checked through the public API like ``test_phrasings.py``, whose helpers
these cases use; the limits of each class (where a carried speaker must stop) are cases too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import Want, assert_well_formed, assert_yields, d, positive

pytestmark = pytest.mark.slow

CASES = [
    # --- a quotation goes on after its attribution, whatever the speaker's title ---------
    # A long title of place and office before the name ("Harbor County Fire Chief ...").
    positive(
        "quote-goes-on-after-long-title",
        '"Please stay away from the hills," Harbor County Fire Chief Maya Lindqvist said on Monday. '
        '"As of tonight, we have 23 homes destroyed. We have 9 in Oakridge and 14 in Fernvale."',
        d("2025-03-05"),
        Want("23 homes", stated_by="Maya Lindqvist", source="Maya Lindqvist", stated_on=d("2025-03-03")),
        Want("9", stated_by="Maya Lindqvist", stated_on=d("2025-03-03")),
        Want("14", stated_by="Maya Lindqvist", stated_on=d("2025-03-03")),
    ),
    # ... a title of one word keeps working.
    positive(
        "quote-goes-on-after-short-title",
        '"The water is still rising," Mayor Tomas Ekdahl said. "So far 41 families have been moved '
        'to the school."',
        d("2025-03-05"),
        Want("41 families", stated_by="Tomas Ekdahl"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_carryover_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
