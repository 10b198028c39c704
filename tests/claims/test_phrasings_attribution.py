"""Who states a figure when the sentence alone does not say, one phrasing class per case.

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
    # A relative pronoun as the speaker stands for the noun its clause hangs on.
    positive(
        "relative-pronoun-speaker",
        "The officials' figure is lower than the count kept by the monitoring group Coast Watch, "
        "which has recorded that 212 migrants drowned this year.",
        d("2025-08-20"),
        Want("212 migrants", 212, 212, "exact", "killed", stated_by="Coast Watch"),
    ),
    # ... but a document is cited, not speaking, and "who" is no part of a name.
    positive(
        "relative-pronoun-of-a-document",
        "Eleven more deaths were confirmed on Friday, according to a hospital official who shared a "
        "breakdown that showed that of the 90 people who died, 40 were children.",
        d("2025-08-20"),
        Want("90 people", 90, 90, "exact", "killed", stated_by="hospital official"),
    ),
    # A reporting verb above an "according to" speaks, citing the cue's source.
    positive(
        "reporter-citing-a-cue",
        "A provincial councillor reported that around 60 miners are believed to be trapped, according to "
        "the mining safety board.",
        d("2025-08-20"),
        Want(
            "around 60 miners",
            60,
            60,
            "approx",
            stated_by="provincial councillor",
            source="mining safety board",
            hedged=True,
        ),
    ),
    # A statement closing the sentence after a comma covers the figures before it.
    positive(
        "closing-statement-covers-the-sentence",
        "The number of people killed in the bridge collapse has risen to 19, and includes four children, "
        "the region's governor Lena Marsh said on Thursday.",
        d("2025-08-22"),
        Want("19", 19, 19, "exact", "killed", stated_by="Lena Marsh", stated_on=d("2025-08-21")),
        Want("four children", 4, 4, "exact", stated_by="Lena Marsh"),
    ),
    # A toll "announced by X" that "indicated" a figure is X's.
    positive(
        "figure-noun-announced-by",
        "The previous toll announced by the civil protection service on Friday night indicated 212 dead "
        "and 1,040 injured.",
        d("2025-08-23"),
        Want("212", 212, 212, "exact", "killed", stated_by="civil protection service"),
    ),
    # The count itself is no speaker: "115 fatalities confirmed" by nobody named.
    positive(
        "counted-noun-is-not-a-speaker",
        "In the mountain counties, at least 115 fatalities confirmed by Friday make it the deadliest storm "
        "in a century.",
        d("2025-08-20"),
        Want("at least 115 fatalities", 115, None, "at_least", "killed", stated_by=None),
    ),
    # "claimed N lives" is taking, not saying: the storm is no speaker.
    positive(
        "claim-lives-is-not-a-statement",
        "The cyclone has claimed at least 64 lives in the delta districts.",
        d("2025-08-20"),
        Want("at least 64 lives", 64, None, "at_least", "killed", stated_by=None, source=None),
    ),
    # A statement in a clause of its own time ("after X said") does not govern the main clause.
    positive(
        "after-clause-is-not-the-speaker",
        "The toll from the floods passed 300 on Monday after the ministry said 41 more bodies had been found.",
        d("2025-08-20"),
        Want("300", 300, None, "more_than", stated_by=None),
        Want("41 more bodies", 41, 41, "exact", "killed", stated_by="ministry"),
    ),
    # "according to data verified by X": X, not the data.
    positive(
        "data-verified-by",
        "According to data verified by the provincial health office, 87 people died in the heatwave.",
        d("2025-08-20"),
        Want("87 people", 87, 87, "exact", "killed", stated_by="provincial health office"),
    ),
    # A cue opening the sentence covers every figure of it.
    positive(
        "opening-cue-covers-the-sentence",
        "According to the army, 1,200 soldiers were killed, 3,400 wounded and 150 captured.",
        d("2025-08-20"),
        Want("1,200 soldiers", 1200, 1200, "exact", "killed", stated_by="army"),
        Want("3,400", 3400, 3400, "exact", "wounded", stated_by="army"),
        Want("150", 150, 150, "exact", "captured", stated_by="army"),
    ),
    # A sentence that names its own speaker for one figure does not lend it to the others.
    positive(
        "speaker-of-one-clause-only",
        "The eastern province reported 39 deaths on Monday.\n\n"
        "By Tuesday the coastal province had recorded 52 deaths, the capital 19 and the islands 7.",
        d("2025-08-20"),
        Want("39 deaths", 39, 39, "exact", "killed", stated_by="eastern province"),
        Want("52 deaths", 52, 52, "exact", "killed", stated_by="coastal province"),
    ),
    # ... nor to a sentence that says no one stated its figure.
    positive(
        "no-carry-into-an-unconfirmed-report",
        "The regional governor, Ilse Brandt, said about 2,000 homes had been damaged. Three hikers were "
        "reportedly missing near the pass on Sunday, though rescuers have not confirmed it.",
        d("2025-08-20"),
        Want("about 2,000 homes", 2000, 2000, "approx", stated_by="Ilse Brandt"),
        Want("Three hikers", 3, 3, "exact", "missing", stated_by=None, hedged=True),
    ),
    # A "Source:" line names the source of the paragraphs after it.
    positive(
        "source-label-line",
        "Police detain dozens after night of unrest\n\n"
        "Source: the regional police on Telegram\n\n"
        "At least 140 people were detained overnight in the port city, and 12 officers were hurt.",
        d("2025-08-20"),
        Want("At least 140 people", 140, None, "at_least", "captured", stated_by="regional police"),
    ),
    # A paragraph that opens a quotation goes on with the speaker the paragraph before named.
    positive(
        "quote-paragraph-after-named-speaker",
        "Fire Chief Dana Holt said crews were still searching the canyon and that the list would change.\n"
        "“Right now we have 23 people unaccounted for. We hope that number comes down.”",
        d("2025-08-20"),
        Want("23 people", 23, 23, "exact", "missing", stated_by="Dana Holt"),
    ),
]


@pytest.mark.parametrize(("text", "published", "wants"), CASES)
def test_attribution_phrasing(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize("values", [pytest.param(case.values, id=case.id) for case in CASES])
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)
