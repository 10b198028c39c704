"""Measures of breakdowns and deployments (issue 10 class 3): one invented phrasing per case.

Parts of a toll named after "among the dead" or "of the dead", people a place
"lost" (the dead, while troops an army lost stay casualties), people found or
confirmed safe (``other``, also for a bare figure after a toll), money "in damage",
"evacuation orders for" people (displaced), a force present "in" a place named
on the counted noun, and troops being amassed (deployed). Helpers come from
``test_phrasings``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import Want, assert_well_formed, assert_yields, positive

pytestmark = pytest.mark.slow

POSITIVE_CASES = [
    positive(
        "among-the-dead-were",
        "A landslide buried the mining camp on Friday. Among the dead were 14 rescue volunteers, "
        "the provincial governor said.",
        None,
        Want("14 rescue volunteers", 14, 14, "exact", "killed"),
    ),
    positive(
        "names-of-part-of-the-dead",
        "The ferry capsized near the harbour on Monday. Coast guard officials have so far released "
        "the names of 19 of the dead.",
        None,
        Want("19 of the dead", 19, 19, "exact", "killed"),
    ),
    positive(
        "a-place-lost-people-is-killed",
        "The mountain district has lost at least 37 residents to the mudslides, the mayor said.",
        None,
        Want("at least 37 residents", 37, None, "at_least", "killed"),
    ),
    positive(
        "an-army-lost-troops-stays-casualties",
        "The rebel army has lost 4,500 troops since the spring offensive began, analysts said.",
        None,
        Want("4,500 troops", 4500, 4500, "exact", "casualties"),
    ),
    positive(
        "found-people-safe-after-a-dispatch",
        "Hundreds of wardens were dispatched to the flooded suburbs. By Tuesday the wardens had found "
        "3,140 residents safe, while another 760 were confirmed safe by telephone.",
        None,
        Want("3,140 residents", 3140, 3140, "exact", "other"),
        Want("760", 760, 760, "exact", "other"),
    ),
    positive(
        "money-in-damage-after-a-toll",
        "The hailstorm killed nine people and displaced 2,000 others. Insurers estimate the storm "
        "caused $3.2 billion in damage.",
        None,
        Want("$3.2 billion", 3.2e9, 3.2e9, "exact", "other"),
    ),
    positive(
        "evacuation-orders-for-people",
        "Evacuation orders for more than 48,000 people stayed in force as the bushfire spread east.",
        None,
        Want("more than 48,000 people", 48000, None, "more_than", "displaced"),
    ),
    positive(
        "there-are-soldiers-in-a-country",
        "There are now about 6,000 Turkish soldiers in northern Iraq, the defence minister said.",
        None,
        Want("about 6,000 Turkish soldiers", 6000, 6000, "approx", "deployed"),
    ),
    positive(
        "amassing-troops",
        "The general said the enemy was amassing some 30,000 troops along the river.",
        None,
        Want("some 30,000 troops", 30000, 30000, "approx", "deployed"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_breakdown_phrasing(text: str, published: dt.date | None, wants: tuple[Any, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
