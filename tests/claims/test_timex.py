"""Time expressions in claim sentences and the periods they resolve to (spec: ``when``, ``stated_on``).

Each case is a sentence, the anchor it is read against (the statement or publication date;
None when unknown), and every mention expected, in order, as (text, start, end) with ISO
dates, or None dates where the mention cannot be resolved. Most sentences come from stories
other than the seeds' (earthquakes, floods, Gaza, Sudan, elections); the seeds' own phrasings
are at the end.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from claimtrail.calendar import (
    latest_weekday_on_or_before,
    month_end,
    nearest_year_with_weekday,
    parse_numeric_date,
    season_period,
)
from claimtrail.claims.timex import TimeMention, find_time_mentions

Expected = list[tuple[str, str | None, str | None]]

JUN_26_2025 = dt.date(2025, 6, 26)  # a Thursday
FEB_27_2025 = dt.date(2025, 2, 27)  # a Thursday

CASES: list[tuple[str, dt.date | None, Expected]] = [
    # relative months and years
    (
        "After dispatching 11,000 personnel in October last year, Russia announced more.",
        JUN_26_2025,
        [("in October last year", "2024-10-01", "2024-10-31")],
    ),
    ("Aid reached 2 million people last year.", JUN_26_2025, [("last year", "2024-01-01", "2024-12-31")]),
    (
        "The UN says 25 million people will need aid this year.",
        dt.date(2024, 4, 18),
        [("this year", "2024-01-01", "2024-12-31")],
    ),
    (
        "Cholera cases doubled to 12,000 last month, the ministry said.",
        dt.date(2024, 3, 5),
        [("last month", "2024-02-01", "2024-02-29")],
    ),
    (
        "Rescuers pulled 300 survivors from the rubble last week.",
        JUN_26_2025,
        [("last week", "2025-06-16", "2025-06-22")],
    ),
    (
        "About 8,000 people fled Rafah late last year.",
        JUN_26_2025,
        [("late last year", "2024-09-01", "2024-12-31")],
    ),
    (
        "The army recruited 20,000 men earlier this year.",
        JUN_26_2025,
        [("earlier this year", "2025-01-01", "2025-06-26")],
    ),
    # since
    (
        "About 5,000 soldiers have been deployed to Russia since September, a lawmaker said.",
        FEB_27_2025,
        [("since September", "2024-09-01", "2025-02-27")],
    ),
    (
        "Floods since mid-June have displaced 1.2 million people across Sudan.",
        dt.date(2024, 8, 14),
        [("since mid-June", "2024-06-11", "2024-08-14")],
    ),
    (
        "More than 40,000 Palestinians have been killed in Gaza since October 2023.",
        dt.date(2024, 8, 15),
        [("since October 2023", "2023-10-01", "2024-08-15")],
    ),
    (
        "Some 150,000 people have fled El Fasher since the start of the year.",
        dt.date(2024, 7, 1),
        [("since the start of the year", "2024-01-01", "2024-07-01")],
    ),
    (
        "Nearly 6 million Ukrainians have left since Feb 24, 2022.",
        dt.date(2023, 2, 24),
        [("since Feb 24, 2022", "2022-02-24", "2023-02-24")],
    ),
    # month ranges
    (
        "Over 1,000 troops were sent by ship between January and February.",
        FEB_27_2025,
        [("between January and February", "2025-01-01", "2025-02-28")],
    ),
    (
        "The 3,000 additional troops were deployed in January and February.",
        dt.date(2024, 3, 7),
        [("in January and February", "2024-01-01", "2024-02-29")],
    ),
    (
        "From January to March, 4,500 cholera cases were recorded in Khartoum.",
        dt.date(2024, 4, 2),
        [("From January to March", "2024-01-01", "2024-03-31")],
    ),
    (
        "Between November and January, 2,000 migrants crossed the Channel.",
        dt.date(2024, 2, 10),
        [("Between November and January", "2023-11-01", "2024-01-31")],
    ),
    (
        "Some 30,000 people were displaced between January and March 2024.",
        None,
        [("between January and March 2024", "2024-01-01", "2024-03-31")],
    ),
    # parts of years and months
    (
        "In early 2024, aid convoys carried 500 tonnes a week.",
        None,
        [("In early 2024", "2024-01-01", "2024-04-30")],
    ),
    ("Mid-2023 estimates put the toll at 20,000.", None, [("Mid-2023", "2023-05-01", "2023-08-31")]),
    ("Violence in late 2022 displaced 90,000.", None, [("in late 2022", "2022-09-01", "2022-12-31")]),
    (
        "Fighting resumed in mid-January, killing 200.",
        FEB_27_2025,
        [("in mid-January", "2025-01-11", "2025-01-20")],
    ),
    (
        "Reinforcements entered combat in early February.",
        FEB_27_2025,
        [("in early February", "2025-02-01", "2025-02-10")],
    ),
    (
        "In the first half of 2024, agencies delivered 3,000 tonnes of food.",
        None,
        [("In the first half of 2024", "2024-01-01", "2024-06-30")],
    ),
    (
        "The camp held 500,000 refugees at the end of 2023.",
        None,
        [("at the end of 2023", "2023-12-01", "2023-12-31")],
    ),
    (
        "Hostilities from Feb 24-27, 2022 killed 300.",
        None,
        [("from Feb 24-27, 2022", "2022-02-24", "2022-02-27")],
    ),
    (
        "Shelling between 24 and 27 February displaced 9,000.",
        FEB_27_2025,
        [("between 24 and 27 February", "2025-02-24", "2025-02-27")],
    ),
    ("Arrests in Q1 2024 reached 1,500.", None, [("in Q1 2024", "2024-01-01", "2024-03-31")]),
    (
        "Russia launched 3,000 drones in the first week of July.",
        dt.date(2025, 7, 20),
        [("in the first week of July", "2025-07-01", "2025-07-07")],
    ),
    # years and year ranges
    (
        "More than 10,000 soldiers were sent to Russia in 2024.",
        None,
        [("in 2024", "2024-01-01", "2024-12-31")],
    ),
    (
        "Pyongyang supported Russia during the 2024–2025 fighting in Kursk.",
        None,
        [("during the 2024–2025", "2024-01-01", "2025-12-31")],
    ),
    (
        "Between 2014 and 2022, some 14,000 people died in eastern Ukraine.",
        None,
        [("Between 2014 and 2022", "2014-01-01", "2022-12-31")],
    ),
    (
        "In 2022-23 the agency counted 6.8 million displaced.",
        None,
        [("In 2022-23", "2022-01-01", "2023-12-31")],
    ),
    ("Arrivals rose from 2015 to 2016.", None, [("from 2015 to 2016", "2015-01-01", "2016-12-31")]),
    ("The 1990s saw 20,000 deaths in the conflict.", None, [("The 1990s", "1990-01-01", "1999-12-31")]),
    # seasons
    (
        "North Korea sent 11,000 troops to Russia in the autumn of 2024.",
        None,
        [("in the autumn of 2024", "2024-09-01", "2024-11-30")],
    ),
    (
        "They were sent to Russia in autumn last year.",
        dt.date(2025, 3, 6),
        [("in autumn last year", "2024-09-01", "2024-11-30")],
    ),
    ("Floods last summer killed 1,700 people.", JUN_26_2025, [("last summer", "2024-06-01", "2024-08-31")]),
    (
        "Some 700 people died of cold in winter.",
        dt.date(2025, 1, 10),
        [("in winter", "2024-12-01", "2025-02-28")],
    ),
    ("The offensive in autumn cost 3,000 lives.", JUN_26_2025, [("in autumn", "2024-09-01", "2024-11-30")]),
    # single days
    (
        "The quake that struck on Feb. 6 killed more than 50,000 people.",
        dt.date(2023, 3, 1),
        [("on Feb. 6", "2023-02-06", "2023-02-06")],
    ),
    ("Seoul's spy agency told AFP on Feb 27.", FEB_27_2025, [("on Feb 27", "2025-02-27", "2025-02-27")]),
    ("The NIS reported on 27 February.", FEB_27_2025, [("on 27 February", "2025-02-27", "2025-02-27")]),
    (
        "The election held on 12 December 2019 drew 32 million voters.",
        None,
        [("on 12 December 2019", "2019-12-12", "2019-12-12")],
    ),
    ("Polls closed February 27, 2025.", None, [("February 27, 2025", "2025-02-27", "2025-02-27")]),
    ("date 2025-02-27", None, [("2025-02-27", "2025-02-27", "2025-02-27")]),
    ("27/02/2025", None, [("27/02/2025", "2025-02-27", "2025-02-27")]),
    (
        "At least 1,200 people were killed in the October 7 attack.",
        dt.date(2023, 10, 12),
        [("in the October 7", "2023-10-07", "2023-10-07")],
    ),
    (
        "Talks on March 3 will cover 2,000 prisoners.",
        FEB_27_2025,
        [("on March 3", "2025-03-03", "2025-03-03")],
    ),
    # weekdays
    (
        "South Korean lawmaker Lee Seong-kweun said Tuesday.",
        FEB_27_2025,
        [("Tuesday", "2025-02-25", "2025-02-25")],
    ),
    ("The ministry said on Thursday.", JUN_26_2025, [("on Thursday", "2025-06-26", "2025-06-26")]),
    (
        "A lawmaker said on Thursday (Jun 26), citing the spy agency.",
        JUN_26_2025,
        [("on Thursday (Jun 26)", "2025-06-26", "2025-06-26")],
    ),
    (
        "Police said 2000 protesters gathered on Saturday night.",
        dt.date(2024, 7, 5),
        [("on Saturday night", "2024-06-29", "2024-06-29")],
    ),
    (
        "Shelling from Monday through Wednesday left 30 dead.",
        dt.date(2024, 5, 2),
        [("from Monday through Wednesday", "2024-04-29", "2024-05-01")],
    ),
    # windows and days counted from the anchor
    (
        "The toll rose to 2,000 in the past 24 hours.",
        JUN_26_2025,
        [("in the past 24 hours", "2025-06-25", "2025-06-26")],
    ),
    (
        "Cases rose to 12,000 over the last two weeks, up from 4,000 a month ago.",
        dt.date(2024, 9, 30),
        [
            ("over the last two weeks", "2024-09-16", "2024-09-30"),
            ("a month ago", "2024-08-01", "2024-08-31"),
        ],
    ),
    ("Yesterday 300 delegates met.", JUN_26_2025, [("Yesterday", "2025-06-25", "2025-06-25")]),
    ("Three days ago 40 people drowned.", JUN_26_2025, [("Three days ago", "2025-06-23", "2025-06-23")]),
    # several mentions in one sentence
    (
        "Since the war began in February 2022, 6 million have fled, the UNHCR said on Monday.",
        dt.date(2023, 3, 1),
        [("in February 2022", "2022-02-01", "2022-02-28"), ("on Monday", "2023-02-27", "2023-02-27")],
    ),
    # no anchor: relative expressions stay unresolved, absolute ones resolve
    ("since September", None, [("since September", None, None)]),
    ("Lee said Tuesday.", None, [("Tuesday", None, None)]),
    ("in January and February", None, [("in January and February", None, None)]),
    ("in autumn last year", None, [("in autumn last year", None, None)]),
    # the seed phrasings (not keyed to them: the rules are general)
    (
        "North Korean troops in Kursk Oblast in November 2024.",
        None,
        [("in November 2024", "2024-11-01", "2024-11-30")],
    ),
    (
        "Ukraine launched its incursion into Kursk Oblast last August.",
        FEB_27_2025,
        [("last August", "2024-08-01", "2024-08-31")],
    ),
    (
        "The forces returned to combat this month.",
        FEB_27_2025,
        [("this month", "2025-02-01", "2025-02-28")],
    ),
    (
        "In November, the troops were deployed to fight in Kursk.",
        FEB_27_2025,
        [("In November", "2024-11-01", "2024-11-30")],
    ),
]

NO_MENTIONS: list[str] = [
    "After six months of fighting, Russian forces failed to dislodge them.",
    "during its more than three-year-long Ukraine offensive",
    "The troops trained for two weeks before deployment.",
    "the headquarters of the 11th Corps of the Korean People's Army",
    "a 25-year-old soldier and two children aged 3 and 5",
    "Over 2000 troops and 1,000-3,000 soldiers crossed; between 1,000 and 3,000 more followed.",
    "Theresa May said the Great March of Return drew 50,000.",
    "Jan Egeland said the Sunday Times and USA Today were wrong about the Good Friday figures.",
    "Prices may fall after the fall of Kabul, officials said.",
    "A magnitude 7.8 quake struck at a depth of 17.9 km, damaging 2 000 buildings.",
]


def _as_tuples(mentions: list[TimeMention]) -> Expected:
    return [
        (
            m.text,
            m.period.start.isoformat() if m.period else None,
            m.period.end.isoformat() if m.period else None,
        )
        for m in mentions
    ]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES)
def test_time_mentions_resolve(text: str, anchor: dt.date | None, expected: Expected) -> None:
    assert _as_tuples(find_time_mentions(text, anchor)) == expected


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES)
def test_offsets_reproduce_the_text(text: str, anchor: dt.date | None, expected: Expected) -> None:
    for mention in find_time_mentions(text, anchor):
        assert text[mention.start : mention.end] == mention.text
        if mention.period is not None:
            assert mention.period.text == mention.text
            assert mention.period.start <= mention.period.end


@pytest.mark.parametrize("text", NO_MENTIONS)
def test_durations_ages_ordinals_and_names_are_not_time(text: str) -> None:
    assert find_time_mentions(text, JUN_26_2025) == []


@pytest.mark.parametrize(
    ("text", "is_point"),
    [
        ("said on Feb 27", True),
        ("said Tuesday", True),
        ("on Thursday (Jun 26)", True),
        ("yesterday", True),
        ("in February", False),
        ("since September", False),
        ("between January and February", False),
        ("last week", False),
    ],
)
def test_single_days_are_points(text: str, is_point: bool) -> None:
    mentions = find_time_mentions(text, FEB_27_2025)
    assert len(mentions) == 1
    assert mentions[0].is_point is is_point


def test_mentions_keep_offsets_into_a_paragraph() -> None:
    text = "Seoul said on Feb 27 that 1,000 troops left.\nThey had arrived in early 2024."
    mentions = find_time_mentions(text, FEB_27_2025)
    assert [(m.start, m.end) for m in mentions] == [(11, 20), (62, 75)]
    assert [text[m.start : m.end] for m in mentions] == ["on Feb 27", "in early 2024"]


def test_sentences_without_dates_are_cheap() -> None:
    sentence = (
        "Around 600 North Korean soldiers have been killed and thousands more wounded fighting "
        "for Russia, according to Lee, citing the South Korean intelligence service."
    )
    rounds = 500
    began = time.perf_counter()
    for _ in range(rounds):
        find_time_mentions(sentence, JUN_26_2025)
    per_call_s = (time.perf_counter() - began) / rounds
    # Measured at about 15 µs; 1 ms leaves room for slow CI machines.
    assert per_call_s < 0.001


def test_calendar_helpers_that_timex_relies_on() -> None:
    assert month_end(2024, 2) == dt.date(2024, 2, 29)
    assert month_end(2023, 12) == dt.date(2023, 12, 31)
    assert season_period("winter", 2023) == (dt.date(2023, 12, 1), dt.date(2024, 2, 29))
    assert season_period("fall", 2024) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    assert latest_weekday_on_or_before(FEB_27_2025, 1) == dt.date(2025, 2, 25)  # Tuesday
    assert latest_weekday_on_or_before(FEB_27_2025, 3) == FEB_27_2025  # Thursday itself
    assert parse_numeric_date(5, 3, 2024) == dt.date(2024, 3, 5)  # day first when ambiguous
    assert parse_numeric_date(3, 27, 2024) == dt.date(2024, 3, 27)  # 27 cannot be a month
    assert nearest_year_with_weekday(6, 26, 3, target_year=2026, window_years=6) == 2025
