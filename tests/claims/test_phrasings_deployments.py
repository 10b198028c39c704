"""Measures in stories about troops sent abroad (issue 10 class 3): one invented phrasing per case.

The clause on a counted noun ("the 9,000 troops believed to have been sent",
"the 9,000 troops the country provided") says what the count is, over a loss word
said of a part of it; a force "whose number is put at" a figure is the force's
count; a deployment that "will include" a figure of people deploys them (also
when the figure is written "5K" before a compound noun), losses that include
people are casualties; an
army "set to use" fighters deploys them; a count of soldiers after troops
"arrived" is of the force; "losses amounted to N people" counts
casualties, and a group that "has become casualties" too; people who "return
home" are not deployed. Helpers come from ``test_phrasings``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import UNSET, Want, assert_well_formed, assert_yields, positive

pytestmark = pytest.mark.slow

POSITIVE_CASES = [
    positive(
        "clause-on-whole-beats-loss-of-part",
        "Analysts estimated that about 2,500 of the 9,000 Eritrean troops believed to have been sent "
        "to the border region late last year may have been killed, wounded or captured.",
        None,
        Want("9,000 Eritrean troops", 9000, 9000, "exact", "deployed", hedged=UNSET),
    ),
    positive(
        "relative-clause-of-giving-people",
        "The minister said that half of the 8,000 fighters Chad provided to the coalition have been killed.",
        None,
        Want("8,000 fighters", 8000, 8000, "exact", "deployed"),
    ),
    positive(
        "force-whose-number-is-put-at",
        "Diplomats said the sending of Ugandan troops, whose number is put at 3,500, changed the course "
        "of the campaign.",
        None,
        Want("3,500", 3500, 3500, measure="deployed"),
    ),
    positive(
        "deployment-will-include-workers",
        "The reinforcements will include 5K bridge construction workers and 1K road repair "
        "specialists, the envoy said.",
        None,
        Want("5K bridge construction workers", 5000, 5000, "exact", "deployed"),
        Want("1K road repair specialists", 1000, 1000, "exact", "deployed"),
    ),
    positive(
        "losses-include-people",
        "The rebel losses in the valley include 400 officers, the army said.",
        None,
        Want("400 officers", 400, 400, "exact", "casualties"),
    ),
    positive(
        "set-to-use-fighters",
        "Officials said the junta was set to use hundreds of foreign fighters in the coming offensive.",
        None,
        Want("hundreds of foreign fighters", measure="deployed"),
    ),
    positive(
        "troops-arrived-then-a-bare-count",
        "In May, it emerged that the first troops from Chad had arrived in the border region. It was "
        "about 5 thousand soldiers.",
        None,
        Want("about 5 thousand soldiers", 5000, 5000, "approx", "deployed"),
    ),
    positive(
        "losses-amounted-to-people",
        "The navy said the rebels' total losses amounted to nearly 9 thousand people, of which about "
        "3 thousand were killed.",
        None,
        Want("nearly 9 thousand people", measure="casualties"),
    ),
    positive(
        "part-of-group-that-became-casualties",
        "Of the 3,000 Sudanese troops who have become casualties, about 700 are said to have died.",
        None,
        Want("3,000 Sudanese troops", 3000, 3000, measure="casualties", hedged=UNSET),
    ),
    positive(
        "soldiers-return-home-are-not-deployed",
        "The swap allowed dozens of our sailors to return home from captivity, the navy said.",
        None,
        Want("dozens of our sailors", measure="other"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_deployment_phrasing(text: str, published: dt.date | None, wants: tuple[Any, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
