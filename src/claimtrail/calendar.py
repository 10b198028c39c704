"""Calendar helpers shared by the stages that read dates (metadata, claims).

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    >>> season_period("autumn", 2024)
    (datetime.date(2024, 9, 1), datetime.date(2024, 11, 30))

Name tables and regex fragments live here once, so that every stage spells
"Sept." and "Thurs" the same way; this module imports no stage package.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "DAY_PATTERN",
    "LEAP_YEAR",
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "MONTH_PATTERN",
    "SEASON_LENGTH_MONTHS",
    "SEASON_START_MONTHS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_FULL_PATTERN",
    "WEEKDAY_NAMES",
    "WEEKDAY_PATTERN",
    "YEAR_MAX",
    "YEAR_MIN",
    "YEAR_PATTERN",
    "YearToken",
    "alternation",
    "day_number",
    "iso_week_period",
    "iter_year_tokens",
    "latest_weekday_on_or_before",
    "latest_year_starting_by",
    "month_day_pattern",
    "month_end",
    "month_number",
    "month_period",
    "nearest_year_with_weekday",
    "parse_date_text",
    "parse_iso_date",
    "parse_numeric_date",
    "parse_numeric_date_text",
    "read_month_day",
    "safe_date",
    "season_period",
    "shift_month",
    "weekday_number",
    "year_period",
    "years_with_weekday",
]

# --- name tables (data) --------------------------------------------------------------------------

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Abbreviations as news outlets print them, with or without a full stop ("Feb", "Sept.").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "Mon": 0,
    "Tue": 1,
    "Tues": 1,
    "Wed": 2,
    "Thu": 3,
    "Thur": 3,
    "Thurs": 3,
    "Fri": 4,
    "Sat": 5,
    "Sun": 6,
}

# Meteorological seasons: the first month of each; every season lasts three months, so
# winter Y runs from December Y to the end of February Y+1.
SEASON_START_MONTHS: dict[str, int] = {
    "spring": 3,
    "summer": 6,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
}
SEASON_LENGTH_MONTHS = 3

# A leap year, to check that a day exists in some year (February 29 does).
LEAP_YEAR = 2000
# How far back year inference looks: two leap cycles, so that "February 29" always finds a year.
LOOKBACK_YEARS = 8

# Plausible years of news events; four-digit numbers outside are counts, laws, resolutions.
YEAR_MIN = 1900
YEAR_MAX = 2099

# --- regex fragments built from the tables ----------------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first ("Sept" before "Sep"), spaces as ``\\s+``."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# Month names are matched case-sensitively (Title or UPPER case): lower-case "may", "march"
# and "august" are ordinary words.
MONTH_FULL_PATTERN = alternation([*MONTH_NAMES, *(m.upper() for m in MONTH_NAMES)])
MONTH_ABBR_PATTERN = (
    rf"(?:{alternation([*MONTH_ABBREVIATIONS, *(a.upper() for a in MONTH_ABBREVIATIONS)])})\.?"
)
MONTH_PATTERN = rf"(?:{MONTH_FULL_PATTERN}|{MONTH_ABBR_PATTERN})(?![a-zA-Z])"
WEEKDAY_FULL_PATTERN = rf"(?:{alternation(list(WEEKDAY_NAMES))})(?![a-zA-Z])"
WEEKDAY_PATTERN = rf"(?:{alternation([*WEEKDAY_NAMES, *WEEKDAY_ABBREVIATIONS])})\.?(?![a-zA-Z])"
DAY_PATTERN = r"(?<![\d,.])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d]|,\d)"
YEAR_PATTERN = r"(?<![\d,.$£€])(?:19|20)\d\d(?![\d]|[.,]\d|%)"


def month_day_pattern(prefix: str = "") -> str:
    """A regex for "Feb 27", "27 February", "the 27th of February"; read it with :func:`read_month_day`.

    ``prefix`` keeps the group names apart where one pattern holds two days.
    """
    p = prefix
    return (
        rf"(?:(?P<{p}m1>{MONTH_PATTERN})\s+(?P<{p}d1>{DAY_PATTERN})"
        rf"|(?:the\s+)?(?P<{p}d2>{DAY_PATTERN})\s+(?:of\s+)?(?P<{p}m2>{MONTH_PATTERN}))"
    )


_YEAR_RE = re.compile(YEAR_PATTERN)
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)$")

# --- lookups --------------------------------------------------------------------------------------


def month_number(name: str) -> int | None:
    """Return 1..12 for a month name or abbreviation ("Sept.", "FEB"), else None."""
    word = name.strip().rstrip(".").title()
    if word in MONTH_NAMES:
        return MONTH_NAMES.index(word) + 1
    return MONTH_ABBREVIATIONS.get(word)


def weekday_number(name: str) -> int | None:
    """Return 0 (Monday) .. 6 (Sunday) for a weekday name or abbreviation, else None."""
    word = name.strip().rstrip(".").title()
    if word in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(word)
    return WEEKDAY_ABBREVIATIONS.get(word)


def day_number(text: str) -> int:
    """Return the day of "27", "27th", "3rd"."""
    return int(_ORDINAL_SUFFIX_RE.sub("", text.strip()))


def read_month_day(match: re.Match[str], prefix: str = "") -> tuple[int, int] | None:
    """Return (month, day) of a :func:`month_day_pattern` match, None for a day no month has."""
    month_text = match.group(f"{prefix}m1") or match.group(f"{prefix}m2")
    day_text = match.group(f"{prefix}d1") or match.group(f"{prefix}d2")
    month = month_number(month_text) if month_text else None
    if month is None or day_text is None:
        return None
    day = day_number(day_text)
    if safe_date(LEAP_YEAR, month, day) is None:
        return None
    return month, day


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None where it does not exist (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- periods --------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of the month: ``month_end(2024, 2) == date(2024, 2, 29)``."""
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return (year, month) ``delta`` months after (negative: before) the given month."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    return dt.date(year, month, 1), month_end(year, month)


def year_period(year: int) -> tuple[dt.date, dt.date]:
    """Return January 1 and December 31 of a year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def season_period(season: str, year: int) -> tuple[dt.date, dt.date]:
    """Return the meteorological season starting in ``year`` (winter 2024 ends in February 2025)."""
    first_month = SEASON_START_MONTHS[season.lower()]
    last_year, last_month = shift_month(year, first_month, SEASON_LENGTH_MONTHS - 1)
    return dt.date(year, first_month, 1), month_end(last_year, last_month)


def iso_week_period(anchor: dt.date, weeks_back: int = 0) -> tuple[dt.date, dt.date]:
    """Return Monday..Sunday of the ISO week ``weeks_back`` weeks before the one holding ``anchor``."""
    monday = anchor - dt.timedelta(days=anchor.weekday(), weeks=weeks_back)
    return monday, monday + dt.timedelta(days=6)


# --- inference ------------------------------------------------------------------------------------


def latest_weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """Return the latest day on or before ``anchor`` that falls on ``weekday`` (0 = Monday)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def latest_year_starting_by(anchor: dt.date, start_in_year: Callable[[int], dt.date | None]) -> int | None:
    """Return the latest year Y (from ``anchor.year`` back) with ``start_in_year(Y) <= anchor``.

    ``start_in_year`` gives the first day of the period in year Y, or None where the period
    does not exist that year (February 29). "In November" said in March 2025 is November 2024.
    """
    for year in range(anchor.year, anchor.year - LOOKBACK_YEARS - 1, -1):
        start = start_in_year(year)
        if start is not None and start <= anchor:
            return year
    return None


def years_with_weekday(month: int, day: int, weekday: int, first_year: int, last_year: int) -> list[int]:
    """Return the years in ``first_year..last_year`` in which month/day falls on ``weekday``."""
    found: list[int] = []
    for year in range(first_year, last_year + 1):
        day_date = safe_date(year, month, day)
        if day_date is not None and day_date.weekday() == weekday:
            found.append(year)
    return found


def nearest_year_with_weekday(
    month: int, day: int, weekday: int, *, target_year: int, window_years: int
) -> int | None:
    """Return the year within ``target_year ± window_years`` where month/day is ``weekday``.

    The one nearest ``target_year`` wins; on a tie the earlier year, because news reports
    what has happened.
    """
    years = years_with_weekday(month, day, weekday, target_year - window_years, target_year + window_years)
    if not years:
        return None
    return min(years, key=lambda year: (abs(year - target_year), year))


# --- years in running text --------------------------------------------------------------------------


@dataclass(frozen=True)
class YearToken:
    """A four-digit year in a text: ``text[start:end]`` reads ``year``."""

    start: int
    end: int
    year: int


def iter_year_tokens(text: str) -> Iterator[YearToken]:
    """Yield every 19xx/20xx token that is not part of a larger number, amount or percentage."""
    for match in _YEAR_RE.finditer(text):
        year = int(match.group())
        if YEAR_MIN <= year <= YEAR_MAX:
            yield YearToken(match.start(), match.end(), year)


# --- numeric dates --------------------------------------------------------------------------------

_ISO_DATE_RE = re.compile(r"^\s*((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.+Z-]*)?\s*$")
_NUMERIC_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\s*$")

# In "02/03/2025" either part could be the month. Most outlets outside the United States
# (and every international wire feed in our sources) write day first, and US outlets
# mostly spell the month out, so day-first is the safer reading of an ambiguous date.
PREFER_DAY_FIRST = True
MAX_MONTH = 12


def parse_iso_date(text: str) -> dt.date | None:
    """Parse "2025-02-27", "2025/02/27", "2025.02.27" or "2025-02-27T10:00:00Z"."""
    match = _ISO_DATE_RE.match(text)
    if match is None:
        return None
    return safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def parse_numeric_date(first: int, second: int, year: int) -> dt.date | None:
    """Read "first/second/year": day-first unless that cannot be a date (``second`` > 12)."""
    if second > MAX_MONTH or (first <= MAX_MONTH and not PREFER_DAY_FIRST):
        return safe_date(year, first, second)
    return safe_date(year, second, first)


def parse_numeric_date_text(text: str) -> dt.date | None:
    """Parse "27/02/2025", "27.02.2025", "02/27/2025" (see :func:`parse_numeric_date`)."""
    match = _NUMERIC_DATE_RE.match(text)
    if match is None:
        return None
    return parse_numeric_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def parse_date_text(text: str) -> dt.date | None:
    """Parse a whole string that is one numeric date, ISO or day/month/year; else None."""
    return parse_iso_date(text) or parse_numeric_date_text(text)
