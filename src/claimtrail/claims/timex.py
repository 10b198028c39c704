"""Time expressions in a claim's sentence, resolved to inclusive periods of calendar days.

    >>> import datetime as dt
    >>> [m.period for m in find_time_mentions("sent in October last year", dt.date(2025, 6, 26))]
    [Period(start=datetime.date(2024, 10, 1), end=datetime.date(2024, 10, 31), text='in October last year')]

Contract: every time expression of ``text`` becomes one :class:`TimeMention` with offsets into
``text``. Relative expressions resolve against ``anchor`` (the statement date, else the
publication date); with no anchor they keep ``period=None`` while expressions that carry their
own year still resolve. Durations ("six months", "for two weeks"), ages and ordinals are not
time expressions.

How it works: each rule of :data:`_RULES` is a pattern built from the word tables below and a
builder that turns a match into a small description of the period (:class:`_Yearly`,
:class:`_Weekday`, ...). Overlapping matches are settled longest first, and only then are the
descriptions resolved against the anchor. Our own rules cover every form the spec names, so
dateparser (slow, and wrong on most compound forms) is not needed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..calendar import (
    DAY_PATTERN,
    LEAP_YEAR,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_PATTERN,
    SEASON_LENGTH_MONTHS,
    SEASON_START_MONTHS,
    WEEKDAY_FULL_PATTERN,
    WEEKDAY_NAMES,
    WEEKDAY_PATTERN,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_PATTERN,
    alternation,
    iso_week_period,
    latest_weekday_on_or_before,
    latest_year_starting_by,
    month_day_pattern,
    month_end,
    month_number,
    month_period,
    parse_numeric_date,
    read_month_day,
    safe_date,
    shift_month,
    weekday_number,
    year_period,
)
from ..models import Period
from .lexicon import load_time_words

__all__ = ["TimeMention", "find_time_mentions"]

# --- word tables (data) ----------------------------------------------------------------------------

# Words that may open a time expression; they become part of the mention's text.
PREPOSITIONS: tuple[str, ...] = (
    "as early as",
    "as late as",
    "as of",
    "since",
    "at",
    "in",
    "on",
    "during",
    "from",
    "between",
    "until",
    "till",
    "through",
    "throughout",
    "by",
    "before",
    "after",
    "over",
)
# A bare four-digit number is a year after these; after others ("over 2000", "of 2000") it may be a count.
YEAR_CUES: frozenset[str] = frozenset(
    {
        "as early as",
        "as late as",
        "as of",
        "since",
        "in",
        "during",
        "until",
        "till",
        "throughout",
        "before",
        "after",
    }
)
# Bare month names that are also ordinary words or names ("Theresa May", "the Long March"):
# accepted only with a preposition, a day, a year or a range around them.
AMBIGUOUS_BARE_MONTHS: frozenset[str] = frozenset({"May", "March", "MAY", "MARCH"})
# Words right before or after a weekday or "today" that make it a name, not a date.
NAME_PREFIXES: frozenset[str] = frozenset(
    {"Black", "Good", "Super", "Holy", "Ash", "Palm", "Easter", "Maundy", "Cyber", "Bloody", "Giving"}
)
NAME_SUFFIXES: frozenset[str] = frozenset(
    {"Times", "Telegraph", "Mail", "Express", "Post", "Mirror", "Herald", "Observer", "Independent", "Star"}
)
# Words after a four-digit number that make it a count ("2000 troops"): units and nouns whose
# plural has no final "s"; any other lower-case word ending in "s" counts as a plural noun too.
COUNT_FOLLOWERS: frozenset[str] = frozenset(
    {
        "people",
        "men",
        "women",
        "children",
        "personnel",
        "staff",
        "police",
        "infantry",
        "militia",
        "cattle",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "tonnes",
        "tons",
        "metres",
        "meters",
        "hectares",
        "dollars",
        "euros",
    }
)
# Words before a four-digit number that mark a count rather than a year.
COUNT_QUALIFIERS: frozenset[str] = frozenset(
    {
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "than",
        "least",
        "some",
        "approximately",
        "roughly",
        "estimated",
    }
)
DETERMINERS: frozenset[str] = frozenset({"the", "its", "their", "his", "her", "this", "that", "a"})
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# Parts of a month, as inclusive day ranges: "early/mid/late February" as thirds (1-10, 11-20,
# 21-end), halves, weeks; its start and end as its first and last week (a figure "at the end of
# May" holds in the last days). A first day below 1 counts back from the month's end.
MONTH_PART_DAYS: dict[str, tuple[int, int]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "start": (1, 7),
    "end": (-6, 31),
    "first half": (1, 15),
    "second half": (16, 31),
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
    "fourth week": (22, 28),
    "last week": (-6, 31),
}
# Parts of a year, as inclusive month ranges: thirds (early = Jan-Apr, mid = May-Aug,
# late = Sep-Dec), halves and quarters; its start and end as January and December.
YEAR_PART_MONTHS: dict[str, tuple[int, int]] = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "start": (1, 1),
    "end": (12, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "first quarter": (1, 3),
    "second quarter": (4, 6),
    "third quarter": (7, 9),
    "fourth quarter": (10, 12),
}
# "early summer" is the season's first month, "late summer" its last.
SEASON_PART_OFFSETS: dict[str, int] = {"early": 0, "mid": 1, "late": 2}
# How a written part maps to the keys above ("middle of" = mid, "Q1" = first quarter).
PART_WORDS: dict[str, str] = {
    "early": "early",
    "beginning of": "start",
    "start of": "start",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "end",
    "first half of": "first half",
    "second half of": "second half",
    "h1": "first half",
    "h2": "second half",
    "first quarter of": "first quarter",
    "second quarter of": "second quarter",
    "third quarter of": "third quarter",
    "fourth quarter of": "fourth quarter",
    "final quarter of": "fourth quarter",
    "last quarter of": "fourth quarter",
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
    "first week of": "first week",
    "second week of": "second week",
    "third week of": "third week",
    "fourth week of": "fourth week",
    "last week of": "last week",
    "final week of": "last week",
}
_TIME_WORDS = load_time_words()
# "the first three months of", "the final two months of": which end of the year a run of months starts at.
YEAR_MONTH_EDGES: dict[str, str] = {
    **{word: "start" for word in _TIME_WORDS.months_from_start},
    **{word: "end" for word in _TIME_WORDS.months_from_end},
}
MONTHS_PER_YEAR = 12
_DAY_WORD_OFFSETS: dict[str, int] = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# "last year", "this month", "next week": calendar units counted from the anchor's.
_REL_OFFSETS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
UNIT_DAYS: dict[str, int] = {"hour": 1, "day": 1, "week": 7}
UNIT_MONTHS: dict[str, int] = {"month": 1, "year": 12, "decade": 120}

# --- thresholds -------------------------------------------------------------------------------------

# A day written without its year ("on March 3") may lie this far after the anchor: statements
# announce events of the coming days, while a date a few days ahead almost never means last year.
DAY_FUTURE_TOLERANCE_DAYS = 7
# "2024-2030" is a period; wider spans are more likely numbers than years.
MAX_YEAR_RANGE_YEARS = 30
HOURS_PER_DAY = 24
# How far back to look for the word before a match (longer words are no date context anyway).
MAX_WORD_CHARS = 20

# --- regex fragments built from the tables ------------------------------------------------------------


_PREFIX = rf"(?:(?P<prep>(?i:{alternation(PREPOSITIONS)}))\s+)?(?:(?P<the>(?i:the))\s+)?"
_PART = rf"(?i:{alternation(PART_WORDS)})(?![a-zA-Z])"
_REL = r"(?i:last|this|next)"
_NUMBER = rf"(?:\d{{1,3}}|(?i:{alternation(NUMBER_WORDS)}))"
_SEASON = rf"(?i:{alternation(SEASON_START_MONTHS)})"
_CONNECTOR = r"(?P<conn>-|–|—|(?i:to|through|until|till|and))"
_NEXT_WORD_RE = re.compile(r"[\s(]*([A-Za-z]+)")
_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z]+)[\s,]*$")


def _month_element(p: str) -> str:
    return (
        rf"(?:(?P<{p}which>{_REL})\s+)?(?:(?P<{p}part>{_PART})[\s-]+)?(?P<{p}month>{MONTH_PATTERN})"
        rf"(?:,?\s+(?:of\s+)?(?P<{p}year>{YEAR_PATTERN})|\s+(?:of\s+)?(?P<{p}rel>{_REL})\s+(?i:year))?"
    )


def _day_element(p: str) -> str:
    weekday = rf"(?:(?P<{p}wd>{WEEKDAY_PATTERN})\s*,?\s*(?P<{p}par>\()?\s*)?"
    year = rf"(?:,?\s+(?P<{p}year>{YEAR_PATTERN}))?"
    return rf"{weekday}{month_day_pattern(p)}{year}(?({p}par)\s*\))"


_SEASON_ELEMENT = (
    rf"(?:(?P<which>{_REL}|(?i:past))\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<season>{_SEASON})"
    rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_PATTERN})|\s+(?:of\s+)?(?P<rel>{_REL})\s+(?i:year))?(?![a-zA-Z])"
)
_NUMERIC_ELEMENT = (
    rf"(?<![\d/.-])(?:(?P<iy>{YEAR_PATTERN})(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)"
    rf"(?P<id>0?[1-9]|[12]\d|3[01])|(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)"
    rf"(?P<ny>{YEAR_PATTERN}))(?![\d])"
)

# --- descriptions of periods, resolved once the overlaps are settled ------------------------------------


@dataclass(frozen=True)
class _Yearly:
    """A period that recurs every year (a day, part of a month, month, season) or a year itself.

    ``month`` None means the year itself (or a part of it). The year is given (``year``),
    relative to the anchor's (``year_offset``), chosen by ``which`` ("last"/"this"/"next"),
    or else the latest one that has started by the anchor.
    """

    month: int | None
    day: int | None = None
    day_end: int | None = None
    part: str | None = None
    months: int = 1
    year: int | None = None
    year_offset: int | None = None
    which: str | None = None
    month_run: tuple[int, int] | None = None  # with month None: "the first three months" = (1, 3)


@dataclass(frozen=True)
class _Weekday:
    weekday: int
    which: str | None = None


@dataclass(frozen=True)
class _Relative:
    """A period computed from the anchor alone ("last week", "yesterday", "the past 24 hours")."""

    resolve: Callable[[dt.date], tuple[dt.date, dt.date]]
    is_point: bool = False


@dataclass(frozen=True)
class _Fixed:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class _Range:
    first: _When
    last: _When


@dataclass(frozen=True)
class _Since:
    inner: _When


_When = _Yearly | _Weekday | _Relative | _Fixed | _Range | _Since
_Dates = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class TimeMention:
    """A time expression: ``text == sentence[start:end]``; ``period`` None where it cannot be resolved."""

    start: int
    end: int
    text: str
    period: Period | None
    is_point: bool


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], _When | None]
    first: frozenset[str]  # the kinds of word a match may begin with, besides a preposition


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    when: _When
    rank: int


# --- helpers for builders --------------------------------------------------------------------------------


def _group(match: re.Match[str], name: str) -> str | None:
    value = match.group(name)
    return value.lower() if value is not None else None


def _part(match: re.Match[str], name: str) -> str | None:
    value = _group(match, name)
    return PART_WORDS[" ".join(value.split())] if value else None


def _previous_word(match: re.Match[str]) -> str:
    window_start = max(0, match.start() - MAX_WORD_CHARS)
    found = _PREVIOUS_WORD_RE.search(match.string, window_start, match.start())
    return found.group(1) if found else ""


def _next_word(match: re.Match[str]) -> str:
    found = _NEXT_WORD_RE.match(match.string, match.end())
    return found.group(1) if found else ""


def _is_name_context(match: re.Match[str]) -> bool:
    """ "Good Friday", "the Sunday Times": a weekday that names something."""
    return _previous_word(match) in NAME_PREFIXES or _next_word(match) in NAME_SUFFIXES


def _count_number(n: str | None) -> int | None:
    if n is None:
        return None
    return int(n) if n.isdigit() else NUMBER_WORDS.get(n.lower())


def _with_prep(match: re.Match[str], when: _When | None) -> _When | None:
    """Apply the opening preposition: "since X" runs from X's start to the anchor.

    So does an open "from X" with X a calendar period ("involved from November 2024");
    "from X to Y" is a range of its own rule.
    """
    prep = _group(match, "prep")
    if when is not None and prep == "since":
        return _Since(when)
    if isinstance(when, _Yearly) and when.day_end is None and prep in _TIME_WORDS.open_start:
        return _Since(when)
    return when


# --- builders: a match -> a description, or None to reject it -----------------------------------------------


def _month_spec(match: re.Match[str], p: str, *, cued: bool) -> _Yearly | None:
    name = match.group(f"{p}month")
    month = month_number(name)
    year, rel, which = match.group(f"{p}year"), _group(match, f"{p}rel"), _group(match, f"{p}which")
    part = _part(match, f"{p}part")
    if month is None:
        return None
    if part is not None and part not in MONTH_PART_DAYS:  # "Q1 March"
        return None
    bare = not (cued or part or year or rel or which)
    # A bare month: only a full name that is no ordinary word ("July", not "May" or "Jan").
    if bare and (name.rstrip(".").title() not in MONTH_NAMES or name in AMBIGUOUS_BARE_MONTHS):
        return None
    return _Yearly(
        month,
        part=part,
        year=int(year) if year else None,
        year_offset=_REL_OFFSETS[rel] if rel else None,
        which=which,
    )


def _build_month(match: re.Match[str]) -> _When | None:
    cued = match.group("prep") is not None
    return _with_prep(match, _month_spec(match, "", cued=cued))


def _day_spec(match: re.Match[str], p: str) -> _Yearly | None:
    month_day = read_month_day(match, p)
    if month_day is None:
        return None
    month, day = month_day
    year = match.group(f"{p}year")
    return _Yearly(month, day=day, year=int(year) if year else None)


def _build_year_months(match: re.Match[str]) -> _When | None:
    """ "the first three months of 2024", "the last two months of last year"."""
    count = _count_number(match.group("n"))
    if count is None or not 0 < count < MONTHS_PER_YEAR:
        return None
    if YEAR_MONTH_EDGES[match.group("edge").lower()] == "start":
        run = (1, count)
    else:
        run = (MONTHS_PER_YEAR - count + 1, MONTHS_PER_YEAR)
    year, rel = match.group("year"), _group(match, "rel")
    return _with_prep(
        match,
        _Yearly(
            None,
            year=int(year) if year else None,
            year_offset=_REL_OFFSETS[rel] if rel else None,
            month_run=run,
        ),
    )


def _build_day(match: re.Match[str]) -> _When | None:
    return _with_prep(match, _day_spec(match, ""))


def _build_numeric(match: re.Match[str]) -> _When | None:
    if match.group("iy"):
        date = safe_date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    else:
        date = parse_numeric_date(int(match.group("a")), int(match.group("b")), int(match.group("ny")))
    if date is None:
        return None
    return _with_prep(match, _Yearly(date.month, day=date.day, year=date.year))


def _build_day_range(match: re.Match[str]) -> _When | None:
    first, last = int(match.group("d1") or match.group("d3")), int(match.group("d2") or match.group("d4"))
    month = month_number(match.group("m1") or match.group("m2"))
    connector = _group(match, "conn") or _group(match, "conn2")
    and_without_between = connector == "and" and _group(match, "prep") != "between"
    if month is None or first >= last or and_without_between or safe_date(LEAP_YEAR, month, last) is None:
        return None
    year = match.group("year")
    return _with_prep(match, _Yearly(month, day=first, day_end=last, year=int(year) if year else None))


def _build_season(match: re.Match[str]) -> _When | None:
    year, rel, which = match.group("year"), _group(match, "rel"), _group(match, "which")
    cued = match.group("prep") is not None and _next_word(match) != "of"  # "after the fall of Kabul"
    if not (year or rel or which or cued):
        return None
    season = _group(match, "season") or ""
    spec = _Yearly(
        SEASON_START_MONTHS[season],
        part=_part(match, "part"),
        months=SEASON_LENGTH_MONTHS,
        year=int(year) if year else None,
        year_offset=_REL_OFFSETS[rel] if rel else None,
        which="last" if which == "past" else which,
    )
    return _with_prep(match, spec)


def _looks_like_count(match: re.Match[str], year: int) -> bool:
    """ "over 2000 troops", "2000 people": a bare four-digit number that counts something."""
    before = _group(match, "prep") or _group(match, "the") or _previous_word(match).lower()
    if before in COUNT_QUALIFIERS:
        return True
    follower = _next_word(match)
    plural_noun = follower.islower() and (follower in COUNT_FOLLOWERS or follower.endswith("s"))
    round_number = year % 100 == 0
    return plural_noun and (before not in DETERMINERS or round_number)


def _build_year(match: re.Match[str]) -> _When | None:
    year = int(match.group("year"))
    part = _part(match, "part")
    if part is not None and part not in YEAR_PART_MONTHS:  # "the first week of 2024"
        return None
    if not (part or _group(match, "prep") in YEAR_CUES) and _looks_like_count(match, year):
        return None
    return _with_prep(match, _Yearly(None, part=part, year=year))


def _build_year_range(match: re.Match[str]) -> _When | None:
    first = int(match.group("y1"))
    last_text = match.group("y2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    and_without_between = _group(match, "conn") == "and" and _group(match, "prep") != "between"
    if not 0 < last - first <= MAX_YEAR_RANGE_YEARS or and_without_between:
        return None
    return _with_prep(match, _Range(_Yearly(None, year=first), _Yearly(None, year=last)))


def _build_relative_year(match: re.Match[str]) -> _When | None:
    part = _part(match, "part")
    if match.group("the") and not part:  # "the last year" is a window, not a calendar year
        return None
    if part is not None and part not in YEAR_PART_MONTHS:
        return None
    offset = _REL_OFFSETS[_group(match, "rel") or "this"]
    return _with_prep(match, _Yearly(None, part=part, year_offset=offset))


def _build_decade(match: re.Match[str]) -> _When | None:
    first = int(match.group("decade"))
    return _with_prep(match, _Fixed(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)))


# --- relative periods: computed from the anchor alone ------------------------------------------------------


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _shift(anchor: dt.date, unit: str, amount: int) -> dt.date:
    """The anchor moved by ``amount`` units (negative: back), months clamped to the month's end."""
    if unit == "hour":
        days = -(-abs(amount) // HOURS_PER_DAY)  # 36 hours back reach two calendar days back
        return anchor + dt.timedelta(days=days if amount > 0 else -days)
    if unit in UNIT_DAYS:
        return anchor + dt.timedelta(days=UNIT_DAYS[unit] * amount)
    year, month = shift_month(anchor.year, anchor.month, UNIT_MONTHS[unit] * amount)
    return dt.date(year, month, min(anchor.day, month_end(year, month).day))


def _calendar_unit(unit: str, offset: int, anchor: dt.date) -> _Dates:
    """The calendar year/month/ISO week/day ``offset`` units from the one holding the anchor."""
    if unit == "year":
        return year_period(anchor.year + offset)
    if unit == "month":
        return month_period(*shift_month(anchor.year, anchor.month, offset))
    if unit == "week":
        return iso_week_period(anchor, -offset)
    day = anchor + dt.timedelta(days=offset)
    return day, day


def _window(unit: str, amount: int, anchor: dt.date) -> _Dates:
    """ "the past 24 hours" (amount < 0) or "the next two weeks" (amount > 0), anchor included."""
    other = _shift(anchor, unit, amount)
    return (other, anchor) if amount < 0 else (anchor, other)


def _to_date(unit: str, earlier: bool, anchor: dt.date) -> _Dates:
    """ "earlier this month": the month's first day to the anchor; "later this year": to its end."""
    start, end = _calendar_unit(unit, 0, anchor)
    return (start, anchor) if earlier else (anchor, end)


def _month_part(part: str, year: int, month: int) -> _Dates:
    """Days ``MONTH_PART_DAYS[part]`` of the month, clipped to its length."""
    first_day, last_day = MONTH_PART_DAYS[part]
    end = month_end(year, month)
    first = first_day if first_day > 0 else end.day + first_day
    return dt.date(year, month, first), end.replace(day=min(last_day, end.day))


def _month_part_now(part: str, anchor: dt.date) -> _Dates:
    return _month_part(part, anchor.year, anchor.month)


def _build_calendar_unit(match: re.Match[str]) -> _When | None:
    if match.group("the"):  # "the next month" counts from the story's events, not the anchor
        return None
    offset = _REL_OFFSETS[_group(match, "rel") or "this"]
    return _with_prep(match, _Relative(partial(_calendar_unit, _unit(match.group("unit")), offset)))


def _build_window(match: re.Match[str]) -> _When | None:
    unit, word = _unit(match.group("unit")), _group(match, "w")
    amount = _count_number(match.group("n"))
    plural = match.group("unit").lower().endswith("s")
    if amount is None and plural:  # "in recent weeks", "the coming months": no length given
        return None
    backward = word in ("past", "last", "previous")
    if backward and not (match.group("the") or amount or word == "past"):
        return None  # "last month" is a calendar month (see _build_calendar_unit)
    if not backward and amount is None:  # "the next day" follows the story, not the anchor
        return None
    signed = -(amount or 1) if backward else (amount or 1)
    return _with_prep(match, _Relative(partial(_window, unit, signed)))


def _build_ago(match: re.Match[str]) -> _When | None:
    amount = _count_number(match.group("n"))
    unit = _unit(match.group("unit"))
    if amount is None:
        return None
    # "three days ago" is a day; "two weeks ago" that ISO week; "a year ago" that calendar year.
    return _with_prep(match, _Relative(partial(_calendar_unit, unit, -amount), is_point=unit == "day"))


def _build_day_word(match: re.Match[str]) -> _When | None:
    word = match.group("word")
    previous_char = match.string[max(0, match.start("word") - MAX_WORD_CHARS) : match.start("word")].rstrip()[
        -1:
    ]
    if word[0].isupper() and previous_char.isalnum():  # "USA Today", "Russia Today": a name
        return None
    offset = _DAY_WORD_OFFSETS[word.lower()]
    return _with_prep(match, _Relative(partial(_calendar_unit, "day", offset), is_point=True))


def _build_to_date(match: re.Match[str]) -> _When | None:
    earlier = _group(match, "mod") != "later"
    return _with_prep(match, _Relative(partial(_to_date, _unit(match.group("unit")), earlier)))


def _build_part_of_current(match: re.Match[str]) -> _When | None:
    part = _part(match, "part") or "start"
    if _unit(match.group("unit")) == "year":
        return _with_prep(match, _Yearly(None, part=part, year_offset=0))
    return _with_prep(match, _Relative(partial(_month_part_now, part)))


def _build_weekday(match: re.Match[str]) -> _When | None:
    weekday = weekday_number(match.group("wd"))
    if weekday is None or _is_name_context(match):
        return None
    which = _group(match, "which")
    return _with_prep(match, _Weekday(weekday, "last" if which == "past" else which))


# --- ranges: two elements joined by "to", "and", "-" --------------------------------------------------------


def _build_month_range(match: re.Match[str]) -> _When | None:
    first = _month_spec(match, "a_", cued=True)
    last = _month_spec(match, "b_", cued=True)
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(first, last))


def _build_day_pair_range(match: re.Match[str]) -> _When | None:
    if _group(match, "conn") == "and" and _group(match, "prep") != "between":
        return None  # "on Feb 24 and Feb 27" are two days, not the days between
    first, last = _day_spec(match, "a_"), _day_spec(match, "b_")
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(first, last))


def _build_weekday_range(match: re.Match[str]) -> _When | None:
    first, last = weekday_number(match.group("a_wd")), weekday_number(match.group("b_wd"))
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(_Weekday(first), _Weekday(last)))


# --- the rules (order breaks ties between matches of equal length) ---------------------------------------------


_DIGIT, _MONTH, _WEEKDAY, _WORD, _PREFIX_WORD = "digit", "month", "weekday", "word", "prefix"
_ANY_FIRST = frozenset({_DIGIT, _MONTH, _WEEKDAY, _WORD})


def _rule(
    name: str,
    pattern: str,
    build: Callable[[re.Match[str]], _When | None],
    first: frozenset[str] = _ANY_FIRST,
) -> _Rule:
    return _Rule(name, re.compile(_PREFIX + pattern), build, first)


_RULES: tuple[_Rule, ...] = (
    _rule("numeric_date", _NUMERIC_ELEMENT, _build_numeric, frozenset({_DIGIT})),
    _rule(
        "day_pair_range",
        rf"{_day_element('a_')}\s*{_CONNECTOR}\s*{_day_element('b_')}",
        _build_day_pair_range,
    ),
    _rule(
        "day_range",
        rf"(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>{DAY_PATTERN})\s*{_CONNECTOR}\s*(?P<d2>{DAY_PATTERN})"
        rf"|(?P<d3>{DAY_PATTERN})\s*(?P<conn2>-|–|—|(?i:to|and))\s*(?P<d4>{DAY_PATTERN})\s+(?:of\s+)?"
        rf"(?P<m2>{MONTH_PATTERN}))(?:,?\s+(?P<year>{YEAR_PATTERN}))?",
        _build_day_range,
        frozenset({_MONTH, _DIGIT}),
    ),
    _rule("day", _day_element(""), _build_day),
    _rule(
        "month_range",
        rf"{_month_element('a_')}\s*{_CONNECTOR}\s*{_month_element('b_')}",
        _build_month_range,
        frozenset({_MONTH, _WORD}),
    ),
    _rule("month", _month_element(""), _build_month, frozenset({_MONTH, _WORD})),
    _rule("season", _SEASON_ELEMENT, _build_season, frozenset({_WORD})),
    _rule(
        "year_range",
        rf"(?P<y1>{YEAR_PATTERN})\s*(?P<conn>-|–|—|/|(?i:to|through|until|till|and))\s*"
        r"(?P<y2>(?:19|20)?\d\d)(?![\d%]|[.,]\d)",
        _build_year_range,
        frozenset({_DIGIT}),
    ),
    _rule("decade", r"(?P<decade>(?:19|20)\d0)s(?![a-zA-Z])", _build_decade, frozenset({_DIGIT})),
    _rule(
        "year_months",
        rf"(?P<edge>(?i:{alternation(YEAR_MONTH_EDGES)}))\s+(?P<n>{_NUMBER})\s+(?i:months)\s+(?i:of)\s+"
        rf"(?:(?P<year>{YEAR_PATTERN})|(?P<rel>{_REL})\s+(?i:year))(?![a-zA-Z\d])",
        _build_year_months,
        frozenset({_WORD}),
    ),
    _rule(
        "window",
        rf"(?P<w>(?i:past|last|previous|next|coming))\s+(?:(?P<n>{_NUMBER})\s+)?"
        r"(?P<unit>(?i:hours?|days?|weeks?|months?|years?|decades?))(?![a-zA-Z])",
        _build_window,
        frozenset({_WORD}),
    ),
    _rule(
        "relative_year",
        rf"(?:(?P<part>{_PART})[\s-]+)?(?P<rel>{_REL})\s+(?i:year)(?![a-zA-Z])",
        _build_relative_year,
        frozenset({_WORD}),
    ),
    _rule(
        "year",
        rf"(?:(?P<part>{_PART})[\s-]+)?(?P<year>{YEAR_PATTERN})(?![a-zA-Z])",
        _build_year,
        frozenset({_DIGIT, _WORD}),
    ),
    _rule(
        "calendar_unit",
        rf"(?P<rel>{_REL})\s+(?P<unit>(?i:week|month))(?![a-zA-Z])",
        _build_calendar_unit,
        frozenset({_WORD}),
    ),
    _rule(
        "ago",
        rf"(?P<n>{_NUMBER})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)(?![a-zA-Z])",
        _build_ago,
        frozenset({_DIGIT, _WORD}),
    ),
    _rule(
        "day_word",
        r"(?P<word>(?i:yesterday|today|tonight|tomorrow))(?![a-zA-Z])",
        _build_day_word,
        frozenset({_WORD}),
    ),
    _rule(
        "to_date",
        r"(?P<mod>(?i:earlier|later|so\s+far))\s+(?i:this|in\s+the)\s+(?P<unit>(?i:week|month|year))(?![a-zA-Z])",
        _build_to_date,
        frozenset({_WORD}),
    ),
    _rule(
        "part_of_current",
        r"(?P<part>(?i:(?:beginning|start|middle|end)\s+of))\s+(?i:the)\s+(?P<unit>(?i:month|year))(?![a-zA-Z])",
        _build_part_of_current,
        frozenset({_WORD}),
    ),
    _rule(
        "weekday_range",
        rf"(?P<a_wd>{WEEKDAY_FULL_PATTERN})\s*{_CONNECTOR}\s*(?P<b_wd>{WEEKDAY_FULL_PATTERN})",
        _build_weekday_range,
        frozenset({_WEEKDAY}),
    ),
    _rule(
        "weekday",
        rf"(?:(?P<which>{_REL}|(?i:past))\s+)?(?P<wd>{WEEKDAY_FULL_PATTERN})"
        r"(?:\s+(?i:morning|afternoon|evening|night))?",
        _build_weekday,
        frozenset({_WEEKDAY, _WORD}),
    ),
)

# Trigger words: every time expression holds one. Sentences without any cost one tokenising
# pass and a few set look-ups; the rules are tried only at the words just before a trigger.
_TRIGGER_CASED: frozenset[str] = frozenset(
    {
        *MONTH_NAMES,
        *(m.upper() for m in MONTH_NAMES),
        *MONTH_ABBREVIATIONS,
        *(a.upper() for a in MONTH_ABBREVIATIONS),
        *WEEKDAY_NAMES,
    }
)
_TRIGGER_LOWER: frozenset[str] = frozenset(
    {
        *(
            f"{unit}{plural}"
            for unit in ("year", "month", "week", "day", "hour", "decade")
            for plural in ("", "s")
        ),
        *_DAY_WORD_OFFSETS,
        *SEASON_START_MONTHS,
        "ago",
    }
)
# Words a match may begin with, besides triggers, numbers and prepositions: parts, "last", "earlier".
_STARTERS: frozenset[str] = frozenset(
    {
        *(w for words in PART_WORDS for w in words.split()),
        *NUMBER_WORDS,
        *_REL_OFFSETS,
        *YEAR_MONTH_EDGES,
        "past",
        "previous",
        "coming",
        "earlier",
        "later",
        "so",
    }
)
_TOKEN_RE = re.compile(r"[A-Za-z]+\d*|\d+")  # "Q1" is one word, "27th" two
_NUMERIC_DATE_START_RE = re.compile(r"\d{1,2}[/.-]\d")
# A rule's match starts at most this many words before its trigger:
# "since the start of the year", "on the 27th of February" (27, th).
MAX_WORDS_BEFORE_TRIGGER = 5


def _is_trigger(text: str, token: re.Match[str]) -> bool:
    word = token.group()
    if word[0].isdigit():
        if len(word) == 4:
            return YEAR_MIN <= int(word) <= YEAR_MAX
        return len(word) <= 2 and _NUMERIC_DATE_START_RE.match(text, token.start()) is not None
    return word in _TRIGGER_CASED or word.lower() in _TRIGGER_LOWER


_PREFIX_WORDS: frozenset[str] = frozenset({*(p.split()[0] for p in PREPOSITIONS), "the"})


def _start_kind(text: str, token: re.Match[str]) -> str | None:
    """What kind of word a match could begin with here, or None where none can."""
    word = token.group()
    if word[0].isdigit():
        return _DIGIT
    if word.lower() in _PREFIX_WORDS:
        return _PREFIX_WORD
    if word in _TRIGGER_CASED:
        return _WEEKDAY if word in WEEKDAY_NAMES else _MONTH
    return _WORD if word.lower() in _STARTERS or _is_trigger(text, token) else None


def _candidate_starts(text: str) -> dict[int, str]:
    """Offsets where a time expression may start (a trigger word and the few words before it), by kind."""
    tokens = list(_TOKEN_RE.finditer(text))
    starts: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if not _is_trigger(text, token):
            continue
        for before in tokens[max(0, index - MAX_WORDS_BEFORE_TRIGGER) : index + 1]:
            kind = _start_kind(text, before)
            if kind is not None:
                starts[before.start()] = kind
    return starts


# The rules worth trying at a word of each kind, in rank order; a preposition may open any rule.
_RULES_BY_KIND: dict[str, tuple[tuple[int, _Rule], ...]] = {
    kind: tuple(
        (rank, rule) for rank, rule in enumerate(_RULES) if kind == _PREFIX_WORD or kind in rule.first
    )
    for kind in (*_ANY_FIRST, _PREFIX_WORD)
}


# --- resolution against the anchor -------------------------------------------------------------------------------


def _period_in_year(spec: _Yearly, year: int) -> _Dates | None:
    """The dates of ``spec`` in ``year`` (a season or "winter" may run into the next year)."""
    if spec.month is None:
        first, last = spec.month_run or (YEAR_PART_MONTHS[spec.part] if spec.part else (1, 12))
        return dt.date(year, first, 1), month_end(year, last)
    if spec.day is not None:
        start, end = (
            safe_date(year, spec.month, spec.day),
            safe_date(year, spec.month, spec.day_end or spec.day),
        )
        return (start, end) if start is not None and end is not None else None
    if spec.months > 1:
        offset = SEASON_PART_OFFSETS[spec.part] if spec.part else 0
        first_year, first_month = shift_month(year, spec.month, offset)
        last_year, last_month = shift_month(year, spec.month, offset if spec.part else spec.months - 1)
        return dt.date(first_year, first_month, 1), month_end(last_year, last_month)
    if spec.part:
        return _month_part(spec.part, year, spec.month)
    return month_period(year, spec.month)


def _search_years(spec: _Yearly, years: range, accept: Callable[[_Dates], bool]) -> int | None:
    for year in years:
        dates = _period_in_year(spec, year)
        if dates is not None and accept(dates):
            return year
    return None


def _stated_year(spec: _Yearly, anchor: dt.date | None) -> int | None:
    """The year that the words themselves fix: given, relative, or "last/this/next" + name."""
    if spec.year is not None:
        return spec.year
    if anchor is None:
        return None
    if spec.year_offset is not None:
        return anchor.year + spec.year_offset
    back, ahead = range(anchor.year, anchor.year - 3, -1), range(anchor.year - 1, anchor.year + 3)
    if spec.which == "last":  # the latest one already over: "last summer" said in July is a year ago
        return _search_years(spec, back, lambda dates: dates[1] < anchor)
    if spec.which == "next":
        return _search_years(spec, ahead, lambda dates: dates[0] > anchor)
    if spec.which == "this":  # the one under way ("this winter" in January), else this calendar year's
        return _search_years(spec, back, lambda dates: dates[0] <= anchor <= dates[1]) or anchor.year
    return None


def _inferred_year(spec: _Yearly, anchor: dt.date) -> int | None:
    """The latest year in which ``spec`` has started by the anchor ("in November" said in March)."""
    tolerance = DAY_FUTURE_TOLERANCE_DAYS if spec.day is not None else 0

    def start_in(year: int) -> dt.date | None:
        dates = _period_in_year(spec, year)
        return dates[0] if dates else None

    return latest_year_starting_by(anchor + dt.timedelta(days=tolerance), start_in)


def _resolve_yearly(spec: _Yearly, anchor: dt.date | None) -> _Dates | None:
    year = _stated_year(spec, anchor)
    if year is None and anchor is not None:
        year = _inferred_year(spec, anchor)
    return _period_in_year(spec, year) if year is not None else None


def _start_of(spec: _Yearly, year: int) -> dt.date:
    dates = _period_in_year(spec, year)
    return dates[0] if dates else dt.date(year, 12, 31)


def _resolve_yearly_range(first: _Yearly, last: _Yearly, anchor: dt.date | None) -> _Dates | None:
    """Years shared across a range: "between January and March 2024", "from November to January"."""
    first_year, last_year = _stated_year(first, anchor), _stated_year(last, anchor)
    if first_year is None and last_year is not None:
        first_year = last_year - (_start_of(first, last_year) > _start_of(last, last_year))
    if first_year is None and anchor is not None:
        first_year = _inferred_year(first, anchor)
    if first_year is None:
        return None
    if last_year is None:
        last_year = first_year + (_start_of(last, first_year) < _start_of(first, first_year))
    start, end = _period_in_year(first, first_year), _period_in_year(last, last_year)
    if start is None or end is None or start[0] > end[1]:
        return None
    return start[0], end[1]


def _resolve_weekday(spec: _Weekday, anchor: dt.date | None) -> _Dates | None:
    if anchor is None:
        return None
    day = latest_weekday_on_or_before(anchor, spec.weekday)
    if spec.which == "last" and day == anchor:
        day -= dt.timedelta(days=7)
    elif spec.which == "next":
        day += dt.timedelta(days=7)
    return day, day


def _resolve_range(when: _Range, anchor: dt.date | None) -> _Dates | None:
    if isinstance(when.first, _Yearly) and isinstance(when.last, _Yearly):
        return _resolve_yearly_range(when.first, when.last, anchor)
    first = _resolve(when.first, anchor)
    if first is None:
        return None
    if isinstance(when.first, _Weekday) and isinstance(when.last, _Weekday):
        # "from Monday to Wednesday": the first such Wednesday on or after that Monday
        return first[0], first[0] + dt.timedelta(days=(when.last.weekday - when.first.weekday) % 7)
    last = _resolve(when.last, anchor)
    if last is None or first[0] > last[1]:
        return None
    return first[0], last[1]


def _resolve(when: _When, anchor: dt.date | None) -> _Dates | None:
    if isinstance(when, _Yearly):
        return _resolve_yearly(when, anchor)
    if isinstance(when, _Fixed):
        return when.start, when.end
    if isinstance(when, _Range):
        return _resolve_range(when, anchor)
    if anchor is None:
        return None
    if isinstance(when, _Weekday):
        return _resolve_weekday(when, anchor)
    if isinstance(when, _Relative):
        return when.resolve(anchor)
    inner = _resolve(when.inner, anchor)
    return (inner[0], anchor) if inner is not None and inner[0] <= anchor else None


def _is_point(when: _When) -> bool:
    if isinstance(when, _Yearly):
        return when.day is not None and when.day_end is None
    if isinstance(when, _Relative):
        return when.is_point
    return isinstance(when, _Weekday)


# --- entry point -------------------------------------------------------------------------------------------------


def _find_hits(text: str) -> list[_Hit]:
    """Every rule's matches at the candidate starts, then the longest of overlapping ones.

    Ties go to the earlier rule of :data:`_RULES`.
    """
    hits = [
        _Hit(match.start(), match.end(), when, rank)
        for start, kind in _candidate_starts(text).items()
        for rank, rule in _RULES_BY_KIND[kind]
        if (match := rule.pattern.match(text, start)) is not None and (when := rule.build(match)) is not None
    ]
    hits.sort(key=lambda hit: (hit.start - hit.end, hit.rank, hit.start))
    chosen: list[_Hit] = []
    for hit in hits:
        if all(hit.end <= other.start or other.end <= hit.start for other in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda hit: hit.start)


def find_time_mentions(text: str, anchor: dt.date | None) -> list[TimeMention]:
    """Return every time expression of ``text``, resolved against ``anchor`` where it needs one.

        >>> find_time_mentions("said on Tuesday", dt.date(2025, 2, 27))[0].period.start
        datetime.date(2025, 2, 25)

    1. a cheap prefilter: no month, weekday, season, year or relative word -> nothing;
    2. every rule's matches near those words, overlaps settled longest first;
    3. each description resolved against the anchor (None where the anchor is needed and unknown).
    """
    mentions: list[TimeMention] = []
    for hit in _find_hits(text):
        words = text[hit.start : hit.end]
        dates = _resolve(hit.when, anchor)
        period = Period(dates[0], dates[1], words) if dates is not None else None
        mentions.append(TimeMention(hit.start, hit.end, words, period, _is_point(hit.when)))
    return mentions
