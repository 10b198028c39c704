"""Measures and hedges (issue 10 classes 3 and 6): one invented phrasing per case.

Passive reports with a complement ("are confirmed dead", "reported missing"), losses
asserted together ("killed, wounded or captured" = casualties), officers of a sent
force, people using shelters, and hedges: "perhaps", "presumed to", a "likely" over
a total that does not reach its confirmed part, and "could" before a verb of counting.
Helpers come from ``test_phrasings``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import Want, assert_well_formed, assert_yields, positive

pytestmark = pytest.mark.slow

POSITIVE_CASES = [
    # --- measures ----------------------------------------------------------------------
    positive(
        "confirmed-dead-passive",
        "At least 45 people are confirmed dead after the landslide, the regional governor said.",
        None,
        Want("At least 45 people", 45, None, "at_least", "killed"),
    ),
    positive(
        "reported-missing-passive",
        "Police said 23 hikers have been reported missing since the blizzard.",
        None,
        Want("23 hikers", 23, 23, "exact", "missing"),
    ),
    positive(
        "confirmed-injured-passive",
        "Officials said 30 workers were confirmed injured in the blast at the refinery.",
        None,
        Want("30 workers", 30, 30, "exact", "wounded"),
    ),
    positive(
        "killed-wounded-or-captured",
        "The brigade has killed, wounded or captured 3,400 enemy troops since March, the commander said.",
        None,
        Want("3,400 enemy troops", 3400, 3400, "exact", "casualties"),
    ),
    positive(
        "killed-or-captured",
        "Rebels killed or captured 120 soldiers in the ambush, the army said.",
        None,
        Want("120 soldiers", 120, 120, "exact", "casualties"),
    ),
    positive(
        "gapped-captured-in-a-list",
        "According to the commander, a total of 2,310 enemy troops have been killed, 4,125 wounded, "
        "and 318 captured since May.",
        None,
        Want("4,125", 4125, 4125, "exact", "wounded"),
        Want("318", 318, 318, "exact", "captured"),
    ),
    positive(
        "generals-of-a-sent-force",
        "The ministry said it sent 4,000 troops, including 200 officers and two generals, to the border.",
        None,
        Want("two generals", 2, 2, "exact", "deployed"),
    ),
    positive(
        "using-the-shelters",
        "The aid group said more than 900 people are now using the shelters set up in schools.",
        None,
        Want("more than 900 people", 900, None, "more_than", "displaced"),
    ),
    # --- hedges ------------------------------------------------------------------------
    positive(
        "hedge-perhaps",
        "I think we have lost perhaps more than 200 fighters, the commander said.",
        None,
        Want("more than 200 fighters", 200, None, "more_than", hedged=True),
    ),
    positive(
        "hedge-presumed",
        "Some 40 sailors are presumed to have drowned when the ferry sank, the coast guard said.",
        None,
        Want("Some 40 sailors", 40, 40, "approx", "killed", hedged=True),
    ),
    positive(
        "confirmed-part-of-a-likely-total",
        "The agency said the militia has likely suffered 2,000 casualties, including 300 confirmed deaths.",
        None,
        Want("2,000 casualties", 2000, 2000, "exact", "casualties", hedged=True),
        Want("300 confirmed deaths", 300, 300, "exact", "killed", hedged=False),
    ),
    positive(
        "could-list-is-not-a-hedge",
        "So far the clinics could list 310 dead patients and 2,400 injured, health officials said.",
        None,
        Want("310 dead patients", 310, 310, "exact", "killed", hedged=False),
        Want("2,400", 2400, 2400, "exact", "wounded", hedged=False),
    ),
    positive(
        "could-send-is-a-hedge",
        "The rebels could send 3,000 fighters to the front, officials warned.",
        None,
        Want("3,000 fighters", 3000, 3000, "exact", "deployed", hedged=True),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_measure_phrasing(text: str, published: dt.date | None, wants: tuple[Any, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
