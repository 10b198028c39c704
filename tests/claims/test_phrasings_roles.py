"""Roles that name a person the document introduces elsewhere (issue 10, class 2).

A headline's "health chief says" or a bare "the minister said" names the person the
article introduces with that role ("senior health official Marta Lindqvist"), even
when the introduction comes later in the text. Every text is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_phrasings import Want, assert_yields, d, positive

pytestmark = pytest.mark.slow

LINDQVIST = ("Marta Lindqvist", "Lindqvist")

ROLE_CASES = [
    positive(
        "role-several-words-in-headline-before-the-name",
        "Clinics to get 3,500 new nurses, health chief says\n\n"
        "Another 800 doctors will join the clinics, senior health official Marta Lindqvist "
        "said on Monday.",
        d("2024-03-12"),
        Want("3,500 new nurses", stated_by=LINDQVIST),
        Want("800 doctors", stated_by=LINDQVIST),
    ),
    positive(
        "role-several-words-shares-a-describing-word",
        "Police arrested 45 people overnight, the security chief said.\n\n"
        "Rail union leader Piet Brandt called the arrests unlawful. Top security official Ilse Haas "
        "said on Tuesday that 12 officers were hurt.",
        d("2024-05-08"),
        Want("45 people", stated_by=("Ilse Haas", "Haas")),
    ),
    positive(
        "bare-role-before-the-person-is-introduced",
        "The minister said 40 schools would stay closed.\n\n"
        "Education Minister Karin Olsen visited the flooded district on Friday.",
        d("2024-10-05"),
        Want("40 schools", stated_by=("Karin Olsen", "Olsen")),
    ),
    positive(
        "headline-names-its-speaker-after-a-colon",
        "Militia to send 900 fighters to the front: Okafor\n\n"
        "The deployment was agreed at a meeting on Tuesday, said regional envoy Chidi Okafor.",
        d("2024-06-07"),
        Want("900 fighters", stated_by=("Chidi Okafor", "Okafor")),
    ),
    positive(
        "headline-ending-on-a-place-names-nobody",
        "Storm leaves 30,000 homes without power: Lisbon\n\n"
        "Crews worked through the night to restore the lines.",
        d("2024-01-15"),
        Want("30,000 homes", stated_by=None),
    ),
    positive(
        "role-with-describing-words-nobody-holds-stays-a-role",
        "Crews pulled 12 survivors from the rubble, the fire chief said.\n\n"
        "Mayor Dana Whitfield thanked the crews on Sunday.",
        d("2024-02-04"),
        Want("12 survivors", stated_by="fire chief"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), ROLE_CASES)
def test_role_names_the_person(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)
