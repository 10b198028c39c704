"""How number phrases in news prose become claims, one phrasing per case (spec: ../shared/spec/claims.md).

Each positive case is a short text from a story other than the seeds' and the claims it
must yield, found by the exact span text of the number phrase (qualifier words, number,
counted noun). Each negative case names a substring that no claim may overlap. The
texts go through the public API, ``claimtrail.extract_text``, cleaning included.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pytest
from scorer_names import name_words

pytestmark = pytest.mark.slow


class _Unset(Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET
"""A field the case does not check."""

Names = str | tuple[str, ...] | None
"""A name, or names any one of which is right, or ``None`` for the outlet's own voice."""


@dataclass(frozen=True)
class Want:
    """A claim a text must yield; fields left UNSET are not checked (``hedged`` defaults to False)."""

    text: str
    low: float | None | _Unset = UNSET
    high: float | None | _Unset = UNSET
    qualifier: str | _Unset = UNSET
    measure: str | tuple[str, ...] | _Unset = UNSET
    stated_by: Names | _Unset = UNSET
    source: Names | _Unset = UNSET
    hedged: bool | _Unset = False
    when: tuple[dt.date, dt.date] | None | _Unset = UNSET
    stated_on: dt.date | None | _Unset = UNSET


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def positive(case_id: str, text: str, published: dt.date | None, *wants: Want) -> Any:
    return pytest.param(text, published, wants, id=case_id)


def negative(case_id: str, text: str, forbidden: str, published: dt.date | None = None) -> Any:
    return pytest.param(text, published, forbidden, id=case_id)


# A source is spelled as the organisation's full name; the short forms are right too.
UNHCR = ("UN refugee agency", "United Nations High Commissioner for Refugees", "UNHCR")

POSITIVE_CASES = [
    # --- qualifiers -------------------------------------------------------------------
    positive(
        "approx-some",
        "Some 2,000 rescuers were sent to the flooded delta towns, the disaster management agency "
        "said on Sunday.",
        d("2024-07-15"),
        Want(
            "Some 2,000 rescuers",
            2000,
            2000,
            "approx",
            "deployed",
            stated_by="disaster management agency",
            stated_on=d("2024-07-14"),
        ),
    ),
    positive(
        "approx-roughly",
        "Roughly 700 soldiers remain stationed at the air base near the coast, the ministry said.",
        None,
        Want("Roughly 700 soldiers", 700, 700, "approx", "deployed", stated_by="ministry"),
    ),
    positive(
        "approx-estimated-is-not-a-hedge",
        "An estimated 5,000 people were evacuated from the coast before the cyclone made landfall, "
        "coastal authorities said.",
        None,
        Want(
            "An estimated 5,000 people",
            5000,
            5000,
            "approx",
            "displaced",
            stated_by="coastal authorities",
            hedged=False,
        ),
    ),
    positive(
        "at-least-a-dozen",
        "At least a dozen villages were cut off by landslides after the earthquake, according to the "
        "regional governor, Amara Osei.",
        None,
        Want(
            "At least a dozen villages",
            12,
            None,
            "at_least",
            "other",
            stated_by=("Amara Osei", "regional governor"),
        ),
    ),
    positive(
        "nearly-million-decimal",
        "Nearly 1.5 million people were left without electricity after the storm, the national grid "
        "operator said.",
        None,
        Want(
            "Nearly 1.5 million people",
            1_500_000,
            1_500_000,
            "nearly",
            "other",
            stated_by="national grid operator",
        ),
    ),
    positive(
        "nearly-almost",
        "Almost 3,000 homes were damaged by the earthquake, the interior ministry said on Saturday.",
        d("2023-02-13"),
        Want(
            "Almost 3,000 homes",
            3000,
            3000,
            "nearly",
            "other",
            stated_by="interior ministry",
            stated_on=d("2023-02-11"),
        ),
    ),
    positive(
        "nearly-election",
        "Nearly 4,000 polling stations opened late because of the storm, the election commission said.",
        None,
        Want("Nearly 4,000 polling stations", 4000, 4000, "nearly", "other", stated_by="election commission"),
    ),
    positive(
        "range-between",
        "Between 300 and 400 houses were destroyed when the river burst its banks, local officials said.",
        None,
        Want("Between 300 and 400 houses", 300, 400, "range", "other", stated_by="local officials"),
    ),
    positive(
        "range-hyphen-citing",
        "Local media, citing security sources, said 800-1,000 fighters had been sent to the port city.",
        None,
        Want(
            "800-1,000 fighters",
            800,
            1000,
            "range",
            "deployed",
            stated_by="Local media",
            source="security sources",
        ),
    ),
    positive(
        "range-to",
        "The storm damaged 1,000 to 3,000 homes along the coast, according to initial estimates by the "
        "civil defence agency.",
        None,
        Want("1,000 to 3,000 homes", 1000, 3000, "range", "other", stated_by="civil defence agency"),
    ),
    positive(
        "more-than-last-year",
        "More than 10,000 soldiers were sent to the eastern front last year, the general staff said.",
        d("2025-02-01"),
        Want(
            "More than 10,000 soldiers",
            10000,
            None,
            "more_than",
            "deployed",
            stated_by="general staff",
            when=(d("2024-01-01"), d("2024-12-31")),
        ),
    ),
    positive(
        "more-than-over",
        "Over 1,000 soldiers were captured during the offensive in the south, the army said.",
        None,
        Want("Over 1,000 soldiers", 1000, None, "more_than", "captured", stated_by="army"),
    ),
    positive(
        "up-to-may",
        "Up to 4,000 people may have fled the fighting overnight, aid workers said.",
        None,
        Want("Up to 4,000 people", None, 4000, "up_to", "displaced", stated_by="aid workers", hedged=True),
    ),
    positive(
        "up-to-as-many-as",
        "As many as 200 fighters were killed in the clashes around the airport, the monitoring group said.",
        None,
        Want("As many as 200 fighters", None, 200, "up_to", "killed", stated_by="monitoring group"),
    ),
    positive(
        "at-most-fewer-than",
        "Fewer than 500 residents remain in the town after weeks of shelling, a local official said.",
        None,
        Want("Fewer than 500 residents", None, 500, "at_most", "other", stated_by="local official"),
    ),
    positive(
        "at-least-epidemic",
        "The outbreak has infected at least 1,800 people in the eastern provinces, the World Health "
        "Organization said.",
        None,
        Want(
            "at least 1,800 people",
            1800,
            None,
            "at_least",
            "other",
            stated_by=("World Health Organization", "WHO"),
        ),
    ),
    # --- vague amounts with a magnitude ------------------------------------------------
    positive(
        "vague-tens-of-thousands",
        "Tens of thousands of people fled their homes as the rebels advanced on the city, the UN "
        "refugee agency said.",
        None,
        Want("Tens of thousands of people", 20000, 99999, "vague", "displaced", stated_by=UNHCR),
    ),
    positive(
        "vague-hundreds-of",
        "Hundreds of homes were swept away by the flash floods in the mountain villages, residents said.",
        None,
        Want("Hundreds of homes", 200, 999, "vague", "other", stated_by="residents"),
    ),
    positive(
        "vague-hundreds-of-thousands",
        "Hundreds of thousands of people marched through the capital on Saturday, the organisers said.",
        None,
        Want("Hundreds of thousands of people", 200_000, 999_999, "vague", "other", stated_by="organisers"),
    ),
    positive(
        "vague-thousands-of",
        "Thousands of families were forced to leave their homes as the wildfires spread, the regional "
        "governor said.",
        None,
        Want("Thousands of families", 2000, None, "vague", "displaced", stated_by="regional governor"),
    ),
    positive(
        "vague-several-thousand-since",
        "Several thousand troops have been stationed along the border since January, the defence "
        "minister said.",
        d("2025-05-20"),
        Want(
            "Several thousand troops",
            2000,
            9999,
            "vague",
            "deployed",
            stated_by="defence minister",
            when=(d("2025-01-01"), d("2025-05-20")),
        ),
    ),
    positive(
        "vague-several-million",
        "The country has received several million vaccine doses since the campaign began, the health "
        "minister said.",
        None,
        Want(
            "several million vaccine doses",
            2_000_000,
            9_999_999,
            "vague",
            "supplied",
            stated_by="health minister",
        ),
    ),
    positive(
        "vague-dozens",
        "Dozens of civilians were wounded in the overnight shelling of the port city, the regional "
        "governor said.",
        None,
        # The spec gives no bounds for "dozens"; only the reading is checked.
        Want("Dozens of civilians", qualifier="vague", measure="wounded", stated_by="regional governor"),
    ),
    # --- numbers written out, money, decimals -------------------------------------------
    positive(
        "words-two",
        "Two soldiers were killed when their armoured vehicle hit a mine near the village, the army said.",
        None,
        Want("Two soldiers", 2, 2, "exact", "killed", stated_by="army"),
    ),
    positive(
        "words-hyphenated",
        "Sixty-three hikers remain missing after the avalanche, the mountain rescue service said.",
        None,
        Want("Sixty-three hikers", 63, 63, "exact", "missing", stated_by="mountain rescue service"),
    ),
    positive(
        "money-billion-decimal",
        "The World Bank has disbursed 22.4 billion euros in reconstruction aid to the country, the bank "
        "said.",
        None,
        Want("22.4 billion euros", 22.4e9, 22.4e9, "exact", ("supplied", "other"), stated_by="World Bank"),
    ),
    positive(
        "million-refugees",
        "About 1.5 million refugees have crossed into neighbouring countries since the war began, the UN "
        "refugee agency said.",
        None,
        Want("About 1.5 million refugees", 1_500_000, 1_500_000, "approx", "displaced", stated_by=UNHCR),
    ),
    # --- measures -------------------------------------------------------------------------
    positive(
        "two-claims-killed-injured",
        "The attack on the bus station killed 27 and injured 104, the health ministry said.",
        None,
        Want("27", 27, 27, "exact", "killed", stated_by="health ministry"),
        Want("104", 104, 104, "exact", "wounded", stated_by="health ministry"),
    ),
    positive(
        "casualties",
        "The brigade suffered about 1,200 casualties in the first week of the offensive, a regimental "
        "commander said.",
        None,
        Want("about 1,200 casualties", 1200, 1200, "approx", "casualties", stated_by="regimental commander"),
    ),
    positive(
        "territory",
        "Government forces have retaken 450 square kilometres since the counteroffensive began, the army "
        "said.",
        None,
        Want("450 square kilometres", 450, 450, "exact", "territory", stated_by="army"),
    ),
    positive(
        "supplied-two-claims",
        "The allies have delivered 20,000 artillery shells and 40 armoured vehicles to the army, the "
        "defence ministry said.",
        None,
        Want("20,000 artillery shells", 20000, 20000, "exact", "supplied", stated_by="defence ministry"),
        Want("40 armoured vehicles", 40, 40, "exact", "supplied", stated_by="defence ministry"),
    ),
    positive(
        "supplied-handed-over-is-no-qualifier",
        # "over" belongs to the verb "handed over", not to the number; the calibre is part of
        # the counted noun, not a figure of its own.
        "The allies have handed over 12,000 155mm shells to the army since January, the ministry said.",
        None,
        Want("12,000 155mm shells", 12000, 12000, "exact", "supplied", stated_by="ministry"),
    ),
    positive(
        "captured-detained",
        "Police spokesman Aldo Ferri told reporters that 37 protesters had been detained overnight.",
        None,
        Want("37 protesters", 37, 37, "exact", "captured", stated_by="Aldo Ferri"),
    ),
    positive(
        "strike",
        "Some 30,000 nurses walked out of hospitals across the country on Tuesday, their union said.",
        None,
        Want("Some 30,000 nurses", 30000, 30000, "approx", "other", stated_by=("union", "nurses' union")),
    ),
    # A count moved by a verb whose subject or object is a toll takes the toll's measure.
    positive(
        "measure-from-toll-subject",
        "The death toll from the mudslides increased by 40 people overnight, the civil defence said.",
        d("2025-06-02"),
        Want("40 people", 40, 40, "exact", "killed"),
    ),
    positive(
        "measure-from-toll-object",
        "Officials raised the number of injured to 318 people on Sunday.",
        d("2025-06-02"),
        Want("318 people", 318, 318, "exact", "wounded"),
    ),
    # A clause on the counted noun says what happened to it; not when the count is a part of a group.
    positive(
        "measure-from-relative-clause",
        "Of the 240 passengers who drowned, 31 were children, the coast guard said.",
        d("2025-06-02"),
        Want("240 passengers", 240, 240, "exact", "killed"),
    ),
    positive(
        "measure-from-participle-clause",
        "Divers resumed the search for the 17 fishermen listed as missing since the storm.",
        d("2025-06-02"),
        Want("17 fishermen", 17, 17, "exact", "missing"),
    ),
    positive(
        "measure-of-killings",
        "Monitors documented 96 killings in the district in May.",
        d("2025-06-02"),
        Want("96 killings", 96, 96, "exact", "killed"),
    ),
    positive(
        "measure-not-from-the-group-clause",
        "About 300 of the 2,000 volunteers who were sent to the coast were injured by falling debris.",
        d("2025-06-02"),
        Want("About 300 of the 2,000 volunteers", 300, 300, "approx", "wounded"),
    ),
    # --- attribution ----------------------------------------------------------------------
    positive(
        "ministry-said-on-monday",
        "The defence ministry said on Monday that 350 soldiers had been wounded in the fighting near "
        "the border.",
        d("2025-11-19"),
        Want(
            "350 soldiers",
            350,
            350,
            "exact",
            "wounded",
            stated_by="defence ministry",
            source="defence ministry",
            stated_on=d("2025-11-17"),
        ),
    ),
    positive(
        "said-tuesday-without-on",
        "The health ministry said Tuesday that 1,200 cholera cases had been recorded in the capital.",
        d("2024-10-31"),
        Want(
            "1,200 cholera cases",
            1200,
            1200,
            "exact",
            "other",
            stated_by="health ministry",
            stated_on=d("2024-10-29"),
        ),
    ),
    positive(
        "according-to-officials-cited-by-agency",
        "More than 40 people were killed in the market blast, according to local officials cited by the "
        "Continental Press Service.",
        None,
        Want(
            "More than 40 people",
            40,
            None,
            "more_than",
            "killed",
            stated_by=("local officials", "Continental Press Service"),
            source="local officials",
        ),
    ),
    positive(
        "citing",
        "Lawmaker Park Jin-ho, citing the National Defence Intelligence Command, said at least 3,000 "
        "troops had been deployed to the front.",
        None,
        Want(
            "at least 3,000 troops",
            3000,
            None,
            "at_least",
            "deployed",
            stated_by="Park Jin-ho",
            source="National Defence Intelligence Command",
        ),
    ),
    positive(
        "as-per",
        "Around 12,000 troops were sent into the region last month, as per the country's military "
        "intelligence directorate.",
        d("2025-04-10"),
        Want(
            "Around 12,000 troops",
            12000,
            12000,
            "approx",
            "deployed",
            stated_by="military intelligence directorate",
            source="military intelligence directorate",
            when=(d("2025-03-01"), d("2025-03-31")),
        ),
    ),
    positive(
        "added",
        "Mayor Ines Ortega said the city had opened 14 emergency shelters overnight. Ortega added that "
        "45 paramedics had been sent to the worst-hit neighbourhoods.",
        None,
        Want("14 emergency shelters", 14, 14, "exact", "other", stated_by="Ines Ortega"),
        Want("45 paramedics", 45, 45, "exact", "deployed", stated_by="Ines Ortega", source="Ines Ortega"),
    ),
    positive(
        "quote-then-said-speaker",
        "“We have deployed 600 firefighters to the northern hills,” said fire chief Lena Moss on Friday.",
        d("2024-08-10"),
        Want(
            "600 firefighters",
            600,
            600,
            "exact",
            "deployed",
            stated_by="Lena Moss",
            source="Lena Moss",
            stated_on=d("2024-08-09"),
        ),
    ),
    positive(
        "quote-then-speaker-told",
        '"Our teams have pulled 19 survivors from the rubble so far," the rescue coordinator, Tomasz Wilk, '
        "told reporters.",
        None,
        Want("19 survivors", 19, 19, "exact", "other", stated_by="Tomasz Wilk"),
    ),
    positive(
        "outlet-voice-since-weekday",
        "The floods have killed 58 people across the region since Friday.",
        d("2024-09-16"),
        Want(
            "58 people",
            58,
            58,
            "exact",
            "killed",
            stated_by=None,
            source=None,
            when=(d("2024-09-13"), d("2024-09-16")),
        ),
    ),
    # A paragraph that goes on reporting one statement keeps its speaker and date;
    # the next paragraph's background figure is the outlet's own.
    positive(
        "attribution-carries-within-paragraph",
        "The regional disaster agency said on Tuesday that 34 people had died in the landslides. "
        "At least 112 people were injured and 19 remain missing.\n\n"
        "A slide in the same valleys killed 80 villagers in 2009.",
        d("2025-11-12"),
        Want(
            "34 people",
            34,
            34,
            "exact",
            "killed",
            stated_by="regional disaster agency",
            stated_on=d("2025-11-11"),
        ),
        Want(
            "At least 112 people",
            112,
            None,
            "at_least",
            "wounded",
            stated_by="regional disaster agency",
            stated_on=d("2025-11-11"),
        ),
        Want("19", 19, 19, "exact", "missing", stated_by="regional disaster agency"),
        Want("80 villagers", 80, 80, "exact", "killed", stated_by=None),
    ),
    # A bare role names the person the document introduced with it, else the last one speaking.
    positive(
        "role-names-its-person",
        "Health Minister Ana Ruiz said on Monday that 12 people had died in the fire.\n\n"
        "The minister said 45 patients were still in intensive care.",
        d("2025-02-04"),
        Want("45 patients", 45, 45, "exact", stated_by="Ana Ruiz"),
    ),
    positive(
        "role-names-the-last-speaker",
        "Tomas Ward, who leads the army, said on Monday that 300 soldiers had crossed the river. "
        "According to the general, 1,200 soldiers were still waiting on the far bank.",
        d("2025-02-04"),
        Want("1,200 soldiers", 1200, 1200, "exact", stated_by="Tomas Ward"),
    ),
    # --- hedges ---------------------------------------------------------------------------
    positive(
        "hedge-reportedly",
        "About 600 soldiers were reportedly killed in the battle for the bridgehead.",
        None,
        Want("About 600 soldiers", 600, 600, "approx", "killed", stated_by=None, hedged=True),
    ),
    positive(
        "hedge-believed",
        "The rebels are believed to have captured 120 soldiers during the raid on the garrison.",
        None,
        Want("120 soldiers", 120, 120, "exact", "captured", hedged=True),
    ),
    positive(
        "hedge-could",
        "The government could send 2,000 troops to the border next month, the defence minister said.",
        None,
        Want("2,000 troops", 2000, 2000, "exact", "deployed", stated_by="defence minister", hedged=True),
    ),
    positive(
        "hedge-may",
        "At least 70 miners may still be trapped underground after the collapse, the mining company said.",
        None,
        Want("At least 70 miners", 70, None, "at_least", "missing", stated_by="mining company", hedged=True),
    ),
    positive(
        "hedge-allegedly",
        "The militia allegedly abducted 30 villagers during the night raid on the settlement.",
        None,
        Want("30 villagers", 30, 30, "exact", "captured", hedged=True),
    ),
    positive(
        "hedge-feared",
        "More than 200 people are feared dead after the overcrowded ferry capsized on the lake.",
        None,
        Want("More than 200 people", 200, None, "more_than", "killed", stated_by=None, hedged=True),
    ),
    # --- when -----------------------------------------------------------------------------
    positive(
        "when-october-last-year",
        "The alliance sent 8,000 peacekeepers to the region in October last year, its spokeswoman Karin "
        "Holt said.",
        d("2025-06-26"),
        Want(
            "8,000 peacekeepers",
            8000,
            8000,
            "exact",
            "deployed",
            stated_by="Karin Holt",
            when=(d("2024-10-01"), d("2024-10-31")),
        ),
    ),
    positive(
        "when-since-september-said-wednesday",
        "Some 15,000 people have been evacuated from the border villages since September, the regional "
        "governor said on Wednesday.",
        d("2024-12-05"),
        Want(
            "Some 15,000 people",
            15000,
            15000,
            "approx",
            "displaced",
            stated_by="regional governor",
            stated_on=d("2024-12-04"),
            when=(d("2024-09-01"), d("2024-12-04")),
        ),
    ),
    positive(
        "when-this-year",
        "More than 900 people have died of dengue fever this year, the health ministry said.",
        d("2023-08-20"),
        Want(
            "More than 900 people",
            900,
            None,
            "more_than",
            "killed",
            stated_by="health ministry",
            when=(d("2023-01-01"), d("2023-12-31")),
        ),
    ),
    positive(
        "when-january-and-february-leap-year",
        "Over 2,500 troops were deployed to the islands in January and February, the joint chiefs of "
        "staff said.",
        d("2024-03-10"),
        Want(
            "Over 2,500 troops",
            2500,
            None,
            "more_than",
            "deployed",
            stated_by="joint chiefs of staff",
            when=(d("2024-01-01"), d("2024-02-29")),
        ),
    ),
    positive(
        "when-autumn",
        "The army stationed 4,000 reservists in the northern districts in the autumn of 2024, a military "
        "spokesman said.",
        d("2025-01-15"),
        Want("4,000 reservists", 4000, 4000, "exact", "deployed", when=(d("2024-09-01"), d("2024-11-30"))),
    ),
    positive(
        "when-none-without-any-date",
        "The ministry said on Monday that 85 soldiers had been killed in the ambush near the pass.",
        None,
        # No publication date and no date in the text: nothing to resolve "Monday" against.
        Want("85 soldiers", 85, 85, "exact", "killed", stated_by="ministry", stated_on=None, when=None),
    ),
    # --- figures the parse reaches only through other words -------------------------------
    positive(
        "threshold-verb",
        "The death toll in Gaza has surpassed 40,000 since the war began, the health ministry said.",
        d("2024-08-15"),
        Want("40,000", 40000, None, "more_than", "killed", stated_by="health ministry"),
    ),
    positive(
        "revision-from-to",
        "The number of people listed as missing fell from 63 to 38, the ministry said.",
        d("2025-03-11"),
        Want("63", 63, 63, "exact", "missing", stated_by="ministry"),
        Want("38", 38, 38, "exact", "missing", stated_by="ministry"),
    ),
    positive(
        "owner-of-a-figure",
        "Aid agencies say more than 12,000 people have fled, well above the government's count of about 8,000 "
        "displaced.",
        d("2025-03-11"),
        Want("about 8,000", 8000, 8000, "approx", stated_by="government"),
    ),
    positive(
        "present-in-a-place-hedged",
        "Around 11,000 North Korean troops are believed to be in Russia, according to South Korean "
        "estimates.",
        d("2024-12-16"),
        Want("Around 11,000 North Korean troops", 11000, 11000, "approx", "deployed", hedged=True),
    ),
    positive(
        "losses-of-the-subject",
        "Russia has lost more than 600,000 troops since the invasion, the General Staff said.",
        d("2025-01-10"),
        Want("more than 600,000 troops", 600000, None, "more_than", "casualties", stated_by="General Staff"),
    ),
    positive(
        "dateline-is-not-the-period",
        "KYIV, Dec 19 (Wire) - At least 100 soldiers have been killed in the fighting, officials said.",
        d("2024-12-19"),
        Want("At least 100 soldiers", 100, None, "at_least", "killed", when=None),
    ),
    positive(
        "period-of-another-clause",
        "After sending 8,000 peacekeepers in October last year, the alliance announced a second deployment "
        "of 2,000 troops, its spokeswoman said.",
        d("2025-06-26"),
        Want("8,000 peacekeepers", 8000, 8000, "exact", "deployed", when=(d("2024-10-01"), d("2024-10-31"))),
        Want("2,000 troops", 2000, 2000, "exact", "deployed", when=None),
    ),
    positive(
        "it-said-is-the-last-organisation",
        "The UN refugee agency said about 40,000 people had crossed the border. Another 12,000 people are "
        "waiting at the crossing, it said.",
        d("2024-05-14"),
        Want("12,000 people", 12000, 12000, "exact", stated_by=UNHCR),
    ),
    positive(
        "one-million-and-half-a-million",
        "About one million people have fled the fighting and half a million more were displaced by floods, "
        "the UN said.",
        d("2024-05-14"),
        Want("About one million people", 1000000, 1000000, "approx", "displaced"),
        Want("half a million", 500000, 500000, "exact"),
    ),
    positive(
        "pronoun-count-continues-the-noun",
        "About 12,000 troops were deployed last autumn. Around 4,000 of them have been killed or wounded, "
        "the agency said.",
        d("2025-02-07"),
        Want("Around 4,000 of them", 4000, 4000, "approx", "casualties", stated_by="agency"),
    ),
]

NEGATIVE_CASES = [
    negative(
        "date",
        "On 12 March 2024, 300 soldiers were deployed to the border towns, the army said.",
        "12 March 2024",
    ),
    negative(
        "year", "The dam, completed in 1987, had never failed before this week's record rainfall.", "1987"
    ),
    negative(
        "duration-months",
        "After six months of fighting, the city remains divided between the two armies.",
        "six months",
    ),
    negative(
        "duration-hyphenated",
        "The three-year-long war has devastated the economy of the border region.",
        "three-year-long",
    ),
    negative(
        "duration-truce",
        "The two sides agreed to a three-day truce to allow aid convoys into the besieged city.",
        "three-day",
    ),
    negative(
        "ordinal-unit",
        "Commanders of the 11th Corps inspected the new positions near the river on Sunday.",
        "11th Corps",
    ),
    negative(
        "age",
        "A 34-year-old nurse was among those pulled from the rubble on Tuesday night.",
        "34-year-old",
    ),
    negative(
        "percent", "Turnout reached 40% by noon, the election commission said in a brief statement.", "40%"
    ),
    negative(
        "half",
        "Half of the town's residents have left since the shelling began in the spring.",
        "Half",
    ),
    negative(
        "two-thirds",
        "Two-thirds of the harvest was lost to the drought, according to the farmers' union.",
        "Two-thirds",
    ),
    negative(
        "ratio-one-in-five",
        "Fewer than one in five households in the valley had flood insurance, a survey found.",
        "one in five",
    ),
    negative(
        "three-times",
        "The number of cholera cases is three times higher than at the same point last year.",
        "three times",
    ),
    negative(
        "magnitude",
        "A 6.8-magnitude quake struck off the coast early on Saturday, the geological survey said.",
        "6.8-magnitude",
    ),
    negative(
        "calibre",
        "The artillery units fired 155mm shells at the bridge throughout the night, witnesses said.",
        "155mm",
    ),
    negative(
        "distance",
        "The shelter lies 30 km from the border, beyond the range of most rockets, officials said.",
        "30 km",
    ),
    negative(
        "temperature",
        "Temperatures dropped to minus 12 degrees overnight, adding to the misery of families in tents.",
        "minus 12 degrees",
    ),
    negative(
        "clock-time",
        "The curfew will begin at 9pm on Friday and last until further notice, police said.",
        "9pm",
    ),
    negative(
        "sports-score",
        "The capital's football club won 3-1 on Saturday, their first victory since the earthquake.",
        "3-1",
    ),
    negative(
        "treaty-article",
        "Under Article 5 of the treaty, members must help an ally that comes under attack.",
        "Article 5",
    ),
    negative(
        "read-time",
        "By Anna Ruiz\n2 min read\n\nThe rains have eased across the valley, and river levels began to fall "
        "on Tuesday afternoon.",
        "2 min read",
    ),
    negative(
        "comment-count",
        "Floodwaters have begun to recede in the capital, allowing residents to return to their homes.\n\n"
        "0 comments",
        "0 comments",
    ),
    negative(
        "video-length",
        "Watch: Inside the relief camps on the border\n46:47 Min\n\nThe camps now host families from across "
        "the region, aid workers said on Tuesday.",
        "46:47",
    ),
    negative(
        "phone-number",
        "Relatives seeking news of the missing can call the emergency hotline on +44 20 7946 0958 at any "
        "time.",
        "+44 20 7946 0958",
    ),
    negative(
        "related-articles-budget",
        "Cholera cases rose again in the northern camps on Monday, health workers said.\n\n"
        "Clinics in the camps have run short of rehydration salts and clean water since the rains.\n\n"
        "Related Articles\n"
        "• Government unveils US$22.4 billion budget for next year\n"
        "• Inflation slows to 3.1% in June as food prices ease\n"
        "• Champions beat league leaders 2-0 in front of a record crowd",
        "US$22.4 billion",
    ),
    negative(
        "donation-appeal",
        "Aid convoys reached the besieged town for the first time in weeks on Thursday.\n\n"
        "Residents queued through the night for bread, fuel and medicine at the town's main square.\n\n"
        "Our journalism is funded by readers. Join more than 60,000 supporters from just €5 a month.",
        "60,000 supporters",
    ),
    negative(
        "vague-without-magnitude-several",
        "Several soldiers were lightly injured when a drone struck their position near the bridge.",
        "Several soldiers",
    ),
    negative(
        "vague-without-magnitude-few",
        "The militants fired a few rockets towards the town overnight, but caused no casualties.",
        "a few rockets",
    ),
    negative(
        "one-of-the-allies",
        "The country has become one of the main allies of the junta during the long civil war.",
        "one of the main allies",
    ),
]


def names_match(expected: Names, actual: str | None) -> bool:
    """Lenient like the scorer: the words of one name contain the words of the other."""
    if expected is None:
        return not actual
    if not actual or not name_words(actual):
        return False
    got = name_words(actual)
    options = (expected,) if isinstance(expected, str) else expected
    return any(got <= name_words(o) or name_words(o) <= got for o in options if name_words(o))


def numbers_equal(expected: float | None, actual: float | None) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return math.isclose(expected, actual, rel_tol=1e-9)


def find_claim(doc: Any, text: str) -> Any:
    found = [c for c in doc.claims if c.text == text]
    assert found, f"no claim with text {text!r}; claims: {[c.text for c in doc.claims]}"
    return found[0]


def check_claim(claim: Any, want: Want) -> None:
    if not isinstance(want.low, _Unset):
        assert numbers_equal(want.low, claim.value.low), f"low {claim.value.low!r}"
    if not isinstance(want.high, _Unset):
        assert numbers_equal(want.high, claim.value.high), f"high {claim.value.high!r}"
    if not isinstance(want.qualifier, _Unset):
        assert claim.qualifier == want.qualifier
    if not isinstance(want.measure, _Unset):
        measures = (want.measure,) if isinstance(want.measure, str) else want.measure
        assert claim.measure in measures
    if not isinstance(want.stated_by, _Unset):
        assert names_match(want.stated_by, claim.stated_by), f"stated_by {claim.stated_by!r}"
    if not isinstance(want.source, _Unset):
        assert names_match(want.source, claim.source), f"source {claim.source!r}"
    if not isinstance(want.hedged, _Unset):
        assert claim.hedged is want.hedged
    if not isinstance(want.stated_on, _Unset):
        assert claim.stated_on == want.stated_on
    if not isinstance(want.when, _Unset):
        got = None if claim.when is None else (claim.when.start, claim.when.end)
        assert got == want.when, f"when {claim.when!r}"


def extract(text: str, published: dt.date | None) -> Any:
    # Imported here so that the table checks below still run while the package
    # itself fails to import.
    import claimtrail

    return claimtrail.extract_text(text, published=published)


def assert_spans_reproduce_text(text: str, doc: Any) -> None:
    for claim in doc.claims:
        start, end = claim.span
        assert text[start:end] == claim.text, f"span {claim.span} does not reproduce {claim.text!r}"


def assert_yields(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    """``text`` yields a claim for each of ``wants``, with the fields it sets (the phrasing files' check)."""
    doc = extract(text, published)
    assert_spans_reproduce_text(text, doc)
    for want in wants:
        check_claim(find_claim(doc, want.text), want)


def assert_no_claim_over(text: str, published: dt.date | None, forbidden: str) -> None:
    """No claim of ``text`` overlaps the substring ``forbidden``."""
    doc = extract(text, published)
    assert_spans_reproduce_text(text, doc)
    start = text.index(forbidden)
    end = start + len(forbidden)
    overlapping = [c.text for c in doc.claims if c.span[0] < end and start < c.span[1]]
    assert not overlapping, f"{forbidden!r} is not a claim, got {overlapping}"


@pytest.mark.parametrize(("text", "published", "wants"), POSITIVE_CASES)
def test_phrasing_yields_claim(text: str, published: dt.date | None, wants: tuple[Want, ...]) -> None:
    assert_yields(text, published, wants)


@pytest.mark.parametrize(("text", "published", "forbidden"), NEGATIVE_CASES)
def test_phrasing_yields_no_claim(text: str, published: dt.date | None, forbidden: str) -> None:
    assert_no_claim_over(text, published, forbidden)


def test_sentence_printed_twice_is_one_claim() -> None:
    caption = (
        "Rescuers carry a survivor from a collapsed building. At least 90 people died in the quake, "
        "officials in the province said."
    )
    text = (
        f"{caption}\n{caption}\n\nThe government declared three days of national mourning on Friday "
        "as aftershocks continued to shake the region."
    )
    doc = extract(text, None)
    assert_spans_reproduce_text(text, doc)
    assert [c.text for c in doc.claims] == ["At least 90 people"]


@pytest.mark.parametrize(
    "values", [pytest.param(case.values, id=case.id) for case in POSITIVE_CASES + NEGATIVE_CASES]
)
def test_case_is_well_formed(values: tuple[Any, ...]) -> None:
    assert_well_formed(values)


def assert_well_formed(values: tuple[Any, ...]) -> None:
    """Guards a table of cases itself: every expected phrase occurs in its text exactly once."""
    text, _, expected = values
    phrases = [w.text for w in expected] if isinstance(expected, tuple) else [expected]
    for phrase in phrases:
        assert text.count(phrase) == 1, f"{phrase!r} must occur once in {text!r}"
