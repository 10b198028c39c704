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
    # --- a group pronoun goes on with the organisation last named -----------------------
    positive(
        "they-names-the-group",
        "The rights group Valdoria Human Rights Network has recorded that 40 protesters were killed. "
        "The group is urging donors to help. They also said that 12 people were still missing in "
        "the hills.",
        d("2025-03-05"),
        Want("12 people", stated_by="Valdoria Human Rights Network", source="Valdoria Human Rights Network"),
    ),
    # ... with the statement date the group gave.
    positive(
        "they-keeps-the-groups-date",
        "The charity Harbour Relief Foundation said on Monday that 40 villagers drowned. The charity "
        "is urging donors to help. They also said that 12 people were still missing.",
        d("2025-03-05"),
        Want("12 people", stated_by="Harbour Relief Foundation", stated_on=d("2025-03-03")),
    ),
    # Limit: before any organisation is named, "they" is not the last person named.
    positive(
        "they-is-not-the-last-person",
        "Farmer Jonas Berg lost his barn in the storm. They said that 30 cattle drowned overnight.",
        d("2025-03-05"),
        Want("30 cattle", stated_by=None),
    ),
    # --- a statement that points back ("This was stated by X") speaks for the sentence before
    positive(
        "this-was-stated-by-next-paragraph",
        "The floods left at least 30 people dead in the northern valleys.\n\n"
        "This was stated by Interior Minister Lena Hartmann in an interview with a local radio station.",
        d("2025-03-05"),
        Want("at least 30 people", stated_by="Lena Hartmann", source="Lena Hartmann"),
    ),
    positive(
        "these-figures-were-reported-by",
        "At least 30 people died in the floods, and 120 homes were destroyed. These figures were "
        "reported by the regional civil protection agency on Tuesday.",
        d("2025-03-05"),
        Want("At least 30 people", stated_by="regional civil protection agency", stated_on=d("2025-03-04")),
        Want("120 homes", stated_by="regional civil protection agency", stated_on=d("2025-03-04")),
    ),
    # Limit: it does not reach over other text ...
    positive(
        "this-was-stated-stops-at-other-text",
        "At least 30 people died in the floods.\n\nRescue teams worked through the night.\n\n"
        "This was stated by Interior Minister Lena Hartmann in an interview.",
        d("2025-03-05"),
        Want("At least 30 people", stated_by=None),
    ),
    # ... nor over a speaker the figure already has.
    positive(
        "this-was-confirmed-keeps-own-speaker",
        "At least 30 people died in the floods, the police said.\n\n"
        "This was confirmed by Interior Minister Lena Hartmann in an interview.",
        d("2025-03-05"),
        Want("At least 30 people", stated_by="police"),
    ),
    # --- a paragraph that breaks down what the paragraph before stated goes on with it ----
    positive(
        "of-those-next-paragraph",
        "The coast guard said on Monday that 64 migrants had drowned off the island.\n\n"
        "Of those, 23 were children.",
        d("2025-03-05"),
        Want("23", stated_by="coast guard", stated_on=d("2025-03-03")),
    ),
    positive(
        "of-the-listed-next-paragraph",
        "The health ministry said on Monday that 51 pilgrims had died in the heat.\n\n"
        "Of the 30 pilgrims listed as missing, 18 have been found in hospitals.",
        d("2025-03-05"),
        Want("30 pilgrims", stated_by="health ministry"),
    ),
    # Limit: a paragraph that does not open with a breakdown is the outlet's own ...
    positive(
        "no-breakdown-no-carry",
        "The health ministry said on Monday that 51 pilgrims had died in the heat.\n\n"
        "About 30 pilgrims died in a stampede at the same site in 2015.",
        d("2025-03-05"),
        Want("About 30 pilgrims", stated_by=None),
    ),
    # ... and a breakdown after the outlet's own figure stays its own.
    positive(
        "breakdown-after-outlet-figure",
        "The quake destroyed 400 homes in the valley.\n\nOf those, 120 were schools and clinics.",
        d("2025-03-05"),
        Want("120", stated_by=None),
    ),
    # --- "mention" reports like "say": the itemised report names its figures -----------
    positive(
        "report-mentioned",
        "The inquiry published its findings on Friday. The inquiry mentioned the detention of "
        "300 people in the capital.",
        d("2025-03-05"),
        Want("300 people", stated_by="inquiry"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_carryover_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
