"""When a figure holds and when it was stated: `when` and `stated_on` (spec: ../shared/spec/claims.md).

Invented texts, one class of phrasing per case, in the style of ``test_phrasings.py``:
periods shared by a list of tolls, "since X began on DATE", parts of a year ("the first
three months of 2023"), a comparison's baseline period, open "from X", undated articles
that still date themselves, and statement dates given on the statement's noun ("the toll
issued on Saturday"), inside a noun phrase ("during a Sunday briefing") or in an earlier
sentence of a continued quotation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import (
    Want,
    assert_well_formed,
    assert_yields,
    d,
    extract,
    find_claim,
    positive,
)

from claimtrail.claims.timex import find_time_mentions

pytestmark = pytest.mark.slow

POSITIVE_CASES = [
    # --- `when`: the period the text gives for the figure ------------------------------
    positive(
        "when-shared-by-a-list-of-tolls",
        "By the rebels' count, a total of 2,140 soldiers have been killed, 3,900 wounded, and "
        "410 captured since March 3.",
        d("2024-06-14"),
        Want("2,140 soldiers", when=(d("2024-03-03"), d("2024-06-14"))),
        Want("3,900", when=(d("2024-03-03"), d("2024-06-14"))),
        Want("410", when=(d("2024-03-03"), d("2024-06-14"))),
    ),
    positive(
        "when-since-a-clause-began-on-a-date",
        "Since the offensive by the northern brigades began on 4 May 2023, the militia's losses "
        "in the valley have amounted to: fighters - 8,300 men, 3,100 of which are dead.",
        d("2024-02-10"),
        Want("8,300 men", when=(d("2023-05-04"), d("2024-02-10"))),
    ),
    positive(
        "when-first-months-of-a-year",
        "A wave of cartel attacks in the province left 930 people dead and some 400 injured in "
        "the first two months of 2023, a monitoring group said.",
        d("2023-04-02"),
        Want("930 people", when=(d("2023-01-01"), d("2023-02-28"))),
        Want("some 400", when=(d("2023-01-01"), d("2023-02-28"))),
    ),
    positive(
        "when-not-the-baseline-of-a-comparison",
        "More than 1,900 people were killed or wounded in cartel attacks in the province from "
        "April through June, up 40% from the last three months of 2022, the monitoring group said "
        "on Tuesday.",
        d("2023-07-12"),
        Want("More than 1,900 people", when=(d("2023-04-01"), d("2023-06-30"))),
    ),
    positive(
        "when-open-from-a-month",
        "Chad became involved from March 2023, sending an estimated 4,000 troops to the border region.",
        d("2023-10-20"),
        Want("an estimated 4,000 troops", when=(d("2023-03-01"), d("2023-10-20"))),
    ),
    positive(
        "when-undated-article-dates-itself",
        "Residents queue for water in the capital on May 2, 2023 (Photo agency)\n\n"
        "Armed groups have tightened their grip on the capital.\n\n"
        '"Between 1 February and 30 April, 880 people were killed by armed groups," a UN '
        "spokesman told reporters.",
        None,
        Want("880 people", when=(d("2023-02-01"), d("2023-04-30")), stated_on=None),
    ),
    # --- `stated_on`: the date of the statement the figure comes from -----------------
    positive(
        "stated-on-continued-quotation",
        '"Please call anyone you cannot reach," Governor Maria Santos said on Sunday. "Right now '
        'we have 45 people missing in the hills."',
        d("2024-08-13"),
        Want("45 people", stated_on=d("2024-08-11")),
    ),
    positive(
        "stated-on-weekday-inside-a-noun",
        "The fire chief said during a Sunday morning briefing that 23 people have been reported missing.",
        d("2024-08-13"),
        Want("23 people", stated_on=d("2024-08-11")),
    ),
    positive(
        "stated-on-participle-of-the-toll",
        "The previous toll released by the ministry on Saturday night showed 1,480 dead and 2,300 injured.",
        d("2023-03-06"),
        Want("1,480", stated_on=d("2023-03-04")),
        Want("2,300", stated_on=d("2023-03-04")),
    ),
    positive(
        "stated-on-participle-after-according-to",
        "At least 640 people were killed, according to an updated health ministry toll issued on "
        "Saturday evening.",
        d("2023-06-12"),
        Want("At least 640 people", stated_on=d("2023-06-10")),
    ),
    positive(
        "stated-on-participle-of-an-earlier-count",
        "At least 90 miners died, union officials said, up from an official count of 52 provided "
        "Tuesday by the ministry.",
        d("2024-06-20"),
        Want("52", stated_on=d("2024-06-18")),
    ),
    positive(
        "stated-on-claims-made-on-a-date",
        "The general rejected the rebel leader's claims made at a rally on May 9 that about 3,000 "
        "soldiers had deserted.",
        d("2024-05-11"),
        Want("about 3,000 soldiers", stated_on=d("2024-05-09")),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_time_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


def test_storm_worst_since_a_year_gives_no_period() -> None:
    """ "the worst since 2005" ranks the storm; it is not the period of its toll."""
    doc = extract("The storm, the worst since 2005, killed 40 people in the coastal towns.", d("2024-09-02"))
    assert find_claim(doc, "40 people").when is None


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("in the first three months of 2024", None, ("2024-01-01", "2024-03-31")),
        ("compared with the last three months of 2023", None, ("2023-10-01", "2023-12-31")),
        ("during the first six months of 2022", None, ("2022-01-01", "2022-06-30")),
        ("in the first two months of this year", d("2023-05-04"), ("2023-01-01", "2023-02-28")),
        ("in the final two months of last year", d("2023-05-04"), ("2022-11-01", "2022-12-31")),
        ("involved from November 2024", d("2025-04-26"), ("2024-11-01", "2025-04-26")),
        ("from January through March", d("2024-04-20"), ("2024-01-01", "2024-03-31")),
    ],
)
def test_months_of_a_year(text: str, anchor: dt.date | None, expected: tuple[str, str]) -> None:
    mentions = find_time_mentions(text, anchor)
    assert len(mentions) == 1, mentions
    period: Any = mentions[0].period
    assert (period.start.isoformat(), period.end.isoformat()) == expected


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
