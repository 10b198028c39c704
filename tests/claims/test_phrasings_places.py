"""Where a toll is, and who a role is (issue 11: conflicts a journalist can trust).

A place that tallies its own losses ("Ohio reported 12 deaths", "four deaths were
recorded in Lyon") gives the claim its location, so that the link stage never sets
one region's toll against the nation's; a place a statement was made in does not. A
role with describing words ("Portugal's health minister") is the one person the
document introduces with that title when no introduction shares the words. Invented
texts, checked through the public API with the helpers of ``test_phrasings``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_phrasings import extract, find_claim, names_match

pytestmark = pytest.mark.slow

MARCH_10 = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "figure", "location"),
    [
        pytest.param(
            "By Friday, Ohio reported 39 deaths after the storm, officials said.",
            "39 deaths",
            "Ohio",
            id="a-place-reported-its-deaths",
        ),
        pytest.param(
            "The agency said 76 people had died. Four deaths were recorded in Lyon, it said.",
            "Four deaths",
            "Lyon",
            id="deaths-recorded-in-a-place",
        ),
        pytest.param(
            "Officials told reporters in Geneva that 40 people died in the floods.",
            "40 people",
            None,
            id="where-a-statement-was-made-is-no-location",
        ),
        pytest.param(
            "Pyongyang has sent 12,000 troops, the agency said.",
            "12,000 troops",
            None,
            id="a-sending-country-is-the-actor-not-the-location",
        ),
    ],
)
def test_a_place_tallying_its_losses_is_the_claim_s_location(
    text: str, figure: str, location: str | None
) -> None:
    claim = find_claim(extract(text, MARCH_10), figure)

    assert claim.location == location


def test_a_described_role_is_the_one_person_introduced_with_its_title() -> None:
    text = (
        "Portugal's health minister said nine people were killed and 300 wounded on Tuesday. "
        "The blasts killed nine people, minister Ana Ruiz said in an update."
    )

    claim = find_claim(extract(text, MARCH_10), "nine people")

    assert names_match(("Ana Ruiz",), claim.stated_by), claim.stated_by


def test_a_described_role_stays_itself_when_two_people_hold_its_title() -> None:
    text = (
        "Portugal's health minister said nine people were killed on Tuesday. "
        "Minister Ana Ruiz visited the site, and minister Paulo Reis said 300 were wounded."
    )

    claim = find_claim(extract(text, MARCH_10), "nine people")

    assert not names_match(("Ana Ruiz",), claim.stated_by) and not names_match(
        ("Paulo Reis",), claim.stated_by
    )
