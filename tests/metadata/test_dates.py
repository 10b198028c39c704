"""The publication date of a page, from its whole original text (spec: ``published``).

The five real seeds, then invented snippets from other stories, one rule of the cascade
each: labelled dates, date lines, datelines of a statement, weekday-fixed years, and the
dates that must not be taken (captions, sentences, weekdays alone, no year anywhere).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimtrail.metadata.dates import find_published_date, mentioned_years

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.json"

SEED_DATES: list[tuple[str, dt.date | None]] = [
    ("000_7edcfdb596ca73d0.txt", None),  # "said Tuesday" only: a weekday gives no date
    ("001_33aced630bfce5d4.txt", dt.date(2025, 6, 26)),  # "said on Thursday (Jun 26)"
    ("002_65d262ecc33a98ac.txt", dt.date(2025, 2, 27)),  # "told AFP on Feb 27", not the caption's 2023
    ("003_b4cc277280d0d5c6.txt", dt.date(2025, 2, 27)),  # "date 2025-02-27", "27/02/2025"
    ("004_f518fdf54261334a.txt", None),  # "said on Thursday", "in the autumn of 2024"
]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")
@pytest.mark.parametrize(("name", "expected"), SEED_DATES)
def test_seed_publication_dates(name: str, expected: dt.date | None) -> None:
    assert find_published_date((SEEDS / name).read_text(encoding="utf-8")) == expected


@pytest.mark.skipif(not GOLD.is_file(), reason=f"no gold file at {GOLD}")
def test_seed_expectations_match_the_gold_file() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    published = {doc["doc"]: doc["published"] for doc in gold["docs"]}
    assert {name: date.isoformat() if date else None for name, date in SEED_DATES} == published


SNIPPETS: list[tuple[str, str, dt.date | None]] = [
    (
        "labelled date line",
        "Quake toll passes 50,000\nPublished: 12 March 2024\nRescuers said 300 people were pulled out alive.",
        dt.date(2024, 3, 12),
    ),
    (
        "updated label with a time before the date",
        "Floods in Libya\nUpdated 3:45 PM, March 12, 2024\nThe Red Crescent said 11,300 died in Derna.",
        dt.date(2024, 3, 12),
    ),
    (
        "published beats updated, whatever the order",
        "Updated: 14 March 2024\nPublished: 12 March 2024\nThe UN said 25 million need aid in Sudan.",
        dt.date(2024, 3, 12),
    ),
    (
        "labelled date with weekday abbreviation and time",
        "Gaza aid\nPosted on Sat 1 Mar 2025 09.15 GMT\nSome 600 trucks entered the Strip, the UN said.",
        dt.date(2025, 3, 1),
    ),
    (
        "label after a byline separator",
        "By Jane Doe, published 12 March 2024\nThe army said 1,000 soldiers were redeployed to the border.",
        dt.date(2024, 3, 12),
    ),
    (
        "wire dateline without a year",
        (
            "KYIV, Ukraine, Feb 27 (Reuters) - Russia launched 400 drones overnight, officials said. "
            "The war entered its fourth year in 2025."
        ),
        dt.date(2025, 2, 27),
    ),
    (
        "labelled day without a year",
        "Top story\nPublished Feb 27\nThe UN said 2,000 people were killed in Darfur fighting in 2025.",
        dt.date(2025, 2, 27),
    ),
    (
        "a line that is just a date",
        "Menu\nWorld\nMar 12, 2024\nElection officials said 32 million ballots were cast on Sunday.",
        dt.date(2024, 3, 12),
    ),
    (
        "byline with an ambiguous numeric date: day first",
        "By Jane Doe | 05/03/2024 | 3 min read\nAt least 2,000 homes were destroyed, officials said.",
        dt.date(2024, 3, 5),
    ),
    (
        "numeric date whose second part cannot be a month: month first",
        "03/27/2024\nThe ministry said 1,500 people had been evacuated from the flooded districts.",
        dt.date(2024, 3, 27),
    ),
    (
        "ISO timestamp line",
        "2024-06-05T10:00:00Z\nThe agency counted 4,000 cholera cases across the three provinces.",
        dt.date(2024, 6, 5),
    ),
    (
        "statement dateline, year from the latest year mentioned",
        (
            "KHARTOUM: At least 300 people were killed in El Fasher, the health ministry said on March 4.\n"
            "Fighting that erupted in April 2023 has displaced millions; in 2024 famine was declared."
        ),
        dt.date(2024, 3, 4),
    ),
    (
        "sentence-initial dateline with a reporting verb after it",
        (
            "Election results\nOn 4 March, the electoral commission announced that 2,000 polling stations "
            "had reported. Turnout in 2019 was 67 per cent and in 2024 it was lower."
        ),
        dt.date(2024, 3, 4),
    ),
    (
        "weekday fixes the year near the latest year mentioned",
        (
            "Insight 2026 - the World Cup\nThursday, June 26\n"
            "The agency said more than 1,000 people had been rescued from the floodwaters by the army."
        ),
        dt.date(2025, 6, 26),
    ),
    (
        "a caption's full date does not win over the statement dateline",
        (
            "FILE PHOTO: Rescuers search the rubble of a building in Kyiv, Ukraine, March 3, 2022. "
            "REUTERS/Gleb Garanich\nKYIV - Ukraine's military told reporters on Feb 27 that 400 drones "
            "were launched overnight. The war entered its fourth year in 2025."
        ),
        dt.date(2025, 2, 27),
    ),
    (
        "a forward-looking year does not set the year of a dateline",
        (
            "Elections are due by 2027. The commission said on March 4 that 2,000 polling stations "
            "would open, up from 1,500 in 2024."
        ),
        dt.date(2024, 3, 4),
    ),
    (
        "a date inside a long sentence is the story's, not the page's",
        (
            "The earthquake on February 6, 2023 killed more than 50,000 people in Turkey and Syria, "
            "officials said in their latest tally of the disaster."
        ),
        None,
    ),
    (
        "a label word inside a sentence is no label",
        "Hamas said the warning issued 12 March 2024 was ignored by the army when it struck the camp.",
        None,
    ),
    (
        "a weekday alone gives nothing",
        "The ministry said on Thursday that 40 people died. In 2024 the toll was 300.",
        None,
    ),
    (
        "a day without a year, and no year anywhere, gives nothing",
        "Officials said on March 4 that 300 people died in the floods across the north of the country.",
        None,
    ),
    (
        "relative page furniture is no date",
        "CNA\n2 hours ago\nEU leaders gathered in Brussels for a one-day summit on security and trade.",
        None,
    ),
    (
        "a French date line, read through dateparser",
        "Séisme au Maroc\nPublié le 27 février 2025\nLes autorités ont recensé 2 900 morts.",
        dt.date(2025, 2, 27),
    ),
    (
        "a Korean date line, read through dateparser",
        "북한군 추가 파병\n2025년 2월 27일\n국정원은 북한군이 추가로 파병됐다고 밝혔다.",
        dt.date(2025, 2, 27),
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), SNIPPETS, ids=[c[0] for c in SNIPPETS])
def test_published_date_cascade(case: str, text: str, expected: dt.date | None) -> None:
    assert find_published_date(text) == expected, case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2023 and 2024", [2023, 2024]),
        ("elections due by 2027, held in 2024", [2024]),
        ("Insight 2025/2026", [2025]),
        ("US$2024 and 2,024 people and 20245", []),
    ],
)
def test_mentioned_years(text: str, expected: list[int]) -> None:
    assert mentioned_years(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Séisme au Maroc\n64 mars 2025\nLes autorités ont recensé 2 900 morts.", None),
        ("Séisme au Maroc\n0 mars 2025\nLes autorités ont recensé 2 900 morts.", None),
        ("Séisme au Maroc\n31 mars 2025\nLes autorités ont recensé 2 900 morts.", dt.date(2025, 3, 31)),
    ],
)
def test_a_foreign_date_line_without_a_day_number_is_not_handed_to_dateparser(
    text: str, expected: dt.date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtrail.metadata import dates

    asked: list[str] = []
    parse = dates._parse_with_dateparser

    def recording(candidate: str) -> dt.date | None:
        asked.append(candidate)
        return parse(candidate)

    monkeypatch.setattr(dates, "_parse_with_dateparser", recording)
    assert find_published_date(text) == expected
    assert asked == ([] if expected is None else ["31 mars 2025"])
