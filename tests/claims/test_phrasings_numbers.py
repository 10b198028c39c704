"""Number forms and detection (issue 10 class 4): one invented phrasing per case.

Hyphenated and shared scale words, long spelled-out numbers, thousands grouped by
spaces, stacked qualifiers, changes "from A to B", figures in headlines and after a
capture stamp, and codes, ages and model names that are not claims. Helpers come
from ``test_phrasings``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_phrasings import (
    Want,
    assert_no_claim_over,
    assert_well_formed,
    assert_yields,
    d,
    negative,
    positive,
)

from claimtrail.claims import find_quantities, parse_number

pytestmark = pytest.mark.slow

POSITIVE_CASES = [
    positive(
        "hyphen-digit-thousand",
        "The ministry said it would send 14-thousand engineers to the border region next month.",
        None,
        Want("14-thousand engineers", 14000, 14000, "exact", "deployed"),
    ),
    positive(
        "hyphen-word-thousand",
        "Officials said the rebels had moved nine-thousand fighters into the valley.",
        None,
        Want("nine-thousand fighters", 9000, 9000, "exact"),
    ),
    positive(
        "hyphen-digit-hundred",
        "About 17-hundred residents were evacuated from the riverside district on Friday.",
        None,
        Want("About 17-hundred residents", 1700, 1700, "approx", "displaced"),
    ),
    positive(
        "hyphen-range-both-scaled",
        "The alliance plans to deploy 40-thousand to 45-thousand soldiers along the frontier.",
        None,
        Want("40-thousand to 45-thousand soldiers", 40000, 45000, "range", "deployed"),
    ),
    positive(
        "range-shared-scale-words",
        "Aid groups estimate that four to five thousand families fled the fighting.",
        None,
        Want("four to five thousand families", 4000, 5000, "range"),
    ),
    positive(
        "range-shared-scale-digits",
        "Between 3 and 4 million people lost power after the storm, the utility said.",
        None,
        Want("Between 3 and 4 million people", 3_000_000, 4_000_000, "range"),
    ),
    positive(
        "spelled-out-long-number",
        "The census counted forty-two thousand seven hundred and nine displaced people in the camps.",
        None,
        Want("forty-two thousand seven hundred and nine displaced people", 42709, 42709, "exact"),
    ),
    positive(
        "thousands-grouped-by-space",
        "The regional governor said 65 000 people had been evacuated from the flood zone.",
        None,
        Want("65 000 people", 65000, 65000, "exact", "displaced"),
    ),
    positive(
        "bound-stacked-on-approximation",
        "The governor said as many as about 240 people were killed in the landslide.",
        None,
        Want("as many as about 240 people", None, 240, "up_to", "killed"),
    ),
    positive(
        "change-from-to-after-object",
        "The discovery of two more bodies raised the death toll from 41 to 43, police said.",
        None,
        Want("41", 41, 41, "exact", "killed"),
        Want("43", 43, 43, "exact", "killed"),
    ),
    positive(
        "apposition-after-number-noun",
        "At least 96 people have died in the unrest, the rights group said. Deaths were recorded in "
        "nine districts, with the highest number, 31, in the capital.",
        None,
        Want("31", 31, 31, "exact"),
    ),
    positive(
        "count-after-month-name",
        "Between 1 May and 30 June, 2,318 people were displaced by the fighting, the agency said.",
        None,
        Want("2,318 people", 2318, 2318, "exact", "displaced"),
    ),
    positive(
        "headline-title-case-toll",
        "Ferry Sinks Off Coast, Raising Death Toll to 57\n\nRescuers pulled more bodies from the water "
        "on Sunday as the search went on.",
        None,
        Want("57", 57, 57, "exact", "killed"),
    ),
    positive(
        "capture-stamp-before-sentence",
        " date 2024-03-02 At least 41 people were killed when the dam burst, officials said.",
        d("2024-03-02"),
        Want("At least 41 people", 41, None, "at_least", "killed"),
    ),
]

NEGATIVE_CASES = [
    negative(
        "model-name-after-a",
        "The airline grounded a 787 Dreamliner after 120 passengers were hurt in turbulence.",
        "787",
    ),
    negative(
        "postal-code",
        "Volunteers collected donations at the shelter in Paradise, CA 95969, for 300 families.",
        "95969",
    ),
    negative(
        "age-in-apposition",
        "Survivor Maria Lopez, 34, said 12 neighbours had died in the blaze.",
        "34",
    ),
    negative(
        "temperature-unit",
        "Temperatures reached 47 Celsius (117 Fahrenheit) as the heatwave killed 20 people.",
        "117 Fahrenheit",
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_number_form_yields_claim(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize(("text", "published", "forbidden"), NEGATIVE_CASES)
def test_not_a_count_yields_no_claim(text: str, published: dt.date | None, forbidden: str) -> None:
    assert_no_claim_over(text, published, forbidden)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("12-hundred", 1200),
        ("six hundred million", 600_000_000),
        ("6 hundred million", 600_000_000),
        ("twenty-three thousand and four", 23004),
        ("1 250 000", 1_250_000),
    ],
)
def test_parse_number_reads_compound_forms(phrase: str, value: float) -> None:
    assert parse_number(phrase) == value


def test_range_keeps_an_unscaled_low_end() -> None:
    """ "between 500 and 1 million": 500 is below 1, so the scale is not shared."""
    (q,) = find_quantities("between 500 and 1 million homes")
    assert (q.value.low, q.value.high) == (500, 1_000_000)


def test_range_after_a_clause_break_is_not_a_change() -> None:
    (q,) = find_quantities("Prices rose, and families fled from 20 to 30 villages")[-1:]
    assert (q.value.low, q.value.high, q.qualifier) == (20, 30, "range")


@pytest.mark.parametrize(
    "values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES + NEGATIVE_CASES]
)
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
