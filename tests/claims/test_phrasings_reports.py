"""Speakers of a report's figures across paragraphs (issue 10, classes 1 and 2).

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
    # A paragraph of figures with no speaker after one that reports a document goes on
    # with the document's author.
    positive(
        "report-goes-on-next-paragraph",
        "At least 210 people were killed in clashes in the province last month, the monitoring group "
        "said in a report on Tuesday.\n\n"
        "Most of the fighting took place near the border, where at least 64 people were abducted.",
        d("2025-05-07"),
        Want("at least 64 people", stated_by="monitoring group", source="monitoring group"),
    ),
    # ... also a document with another name, its author a ministry.
    positive(
        "survey-goes-on-next-paragraph",
        "Some 1,800 households lost their homes to the floods, the housing ministry said in a survey "
        "published on Friday.\n\n"
        "About 300 families in the valley are still living in tents.",
        d("2025-05-07"),
        Want("About 300 families", stated_by="housing ministry"),
    ),
    # A paragraph after a plain statement, with no document named, is the outlet's own.
    positive(
        "plain-statement-does-not-go-on",
        "The storm killed at least 14 people, officials said on Monday.\n\n"
        "More than 2 million people live in the coastal region.",
        d("2025-05-07"),
        Want("More than 2 million people", stated_by=None, source=None),
    ),
    # A paragraph that names its own speaker keeps it.
    positive(
        "own-speaker-wins-over-report",
        "At least 90 protesters were killed, the rights group said in its annual report.\n\n"
        "The police chief said 12 officers were injured.",
        d("2025-05-07"),
        Want("12 officers", stated_by="police chief"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_report_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
