"""Which speaker: places in lists of counts, clauses of other speakers (issue 10, classes 2 and 3).

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
    # A place that tallies its own dead speaks for its own figure only: the other items of
    # the list ("Indiana had at least 7, Kentucky 4") are the outlet's.
    positive(
        "place-tally-list-items-are-not-its",
        "By Monday, Ohio reported 12 deaths, Indiana had at least 7, Kentucky 4, and Illinois 2.",
        d("2025-03-05"),
        Want("12 deaths", stated_by="Ohio"),
        Want("at least 7", stated_by=None, source=None),
        Want("4", stated_by=None, source=None),
    ),
    # Places that tally deaths in a paragraph after a body's count give that body's
    # breakdown, and the next sentence goes on with it.
    positive(
        "place-tally-goes-on-with-body",
        "The National Rights Commission said on Tuesday that at least 30 people had died across the "
        "country.\n\nThe commission's chairwoman Ada Nwosu said data shows that the capital leads with 11."
        "\n\nKano, Kaduna and Sokoto reported 4 deaths each. Zaria had 2 deaths linked to the unrest.",
        d("2025-03-05"),
        Want("4 deaths", stated_by=("Ada Nwosu", "National Rights Commission")),
        Want("2 deaths", stated_by=("Ada Nwosu", "National Rights Commission")),
    ),
    # A body named after a place ("County of X Department of ...") is no place.
    positive(
        "body-named-after-place-is-speaker",
        "On Sunday, the County of Marin Office of Emergency Services reported 9 deaths, including 5 in "
        "the northern valley.",
        d("2025-03-05"),
        Want("9 deaths", stated_by="County of Marin Office of Emergency Services"),
        Want("5", stated_by="County of Marin Office of Emergency Services"),
    ),
    # "X said it had counted N": the pronoun of a statement inside X's statement is X, not the
    # last organisation named (here the television of the contrasted clause before).
    positive(
        "pronoun-inside-statement-is-outer-speaker",
        "The official toll rose to 20, according to state television, but the Harbour Rights Network "
        "said it had counted at least 45 civilian deaths.",
        d("2025-03-05"),
        Want("20", stated_by="state television"),
        Want("at least 45 civilian deaths", stated_by="Harbour Rights Network", stated_on=d("2025-03-05")),
    ),
    # A "while" clause hung on the reporting verb is the outlet's aside, not the statement.
    positive(
        "while-clause-on-reporting-verb-is-outlets",
        "In the north alone, 3,100 people died, the national civil protection agency said on Monday, "
        "while the latest reported toll in the south was 870.",
        d("2025-03-05"),
        Want("3,100 people", stated_by="national civil protection agency"),
        Want("870", stated_by=None, source=None),
    ),
    # "N were evacuated and X has said that ...": X's statement is its own clause.
    positive(
        "conjoined-statement-with-own-clause",
        "About 40,000 people have been evacuated from the valley and the regional government has said "
        "that 9,000 homes were destroyed.",
        d("2025-03-05"),
        Want("About 40,000 people", stated_by=None, source=None),
        Want("9,000 homes", stated_by="regional government"),
    ),
    # "a count of N provided by X" is X's figure, whoever reports the comparison.
    positive(
        "count-provided-by",
        "At least 90 Tunisians also died, aid workers said, down from an official count of 52 provided "
        "Monday by Tunis.",
        d("2025-03-05"),
        Want("At least 90 Tunisians", stated_by="aid workers"),
        Want("52", stated_by="Tunis", source="Tunis"),
    ),
    positive(
        "count-released-by",
        "Rescuers said the toll was higher than the count of 300 released by the regional health ministry.",
        d("2025-03-05"),
        Want("300", stated_by="regional health ministry"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_speaker_identity_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
