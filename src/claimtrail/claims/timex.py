"""Time expressions in a claim's sentence, resolved to inclusive periods of calendar days.

    >>> import datetime as dt
    >>> [m.period for m in find_time_mentions("sent in October last year", dt.date(2025, 6, 26))]
    [Period(start=datetime.date(2024, 10, 1), end=datetime.date(2024, 10, 31), text='in October last year')]

Contract: every time expression of ``text`` becomes one :class:`TimeMention` with offsets into
``text``. Relative expressions resolve against ``anchor`` (the statement date, else the
publication date); with no anchor they keep ``period=None`` while expressions that carry their
own year still resolve. Durations ("six months", "for two weeks"), ages and ordinals are not
time expressions.

How it works: each rule of a :class:`TimeGrammar` is a pattern and a builder that turns a match
into a small description of the period (:class:`_Yearly`, :class:`_Weekday`, ...). The rules'
shapes are written here; every word in them (month and weekday names, prepositions, parts,
units, ...) comes from the language pack's ``timex.toml`` (and ``time.toml``), and the rules are
compiled once per pack (:func:`load_time_grammar`). Overlapping matches are settled longest
first, and only then are the descriptions resolved against the anchor. Our own rules cover every
form the spec names, so dateparser (slow, and wrong on most compound forms) is not needed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, auto
from functools import lru_cache, partial
from typing import Any

from ..calendar import (
    LEAP_YEAR,
    SEASON_LENGTH_MONTHS,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_PATTERN,
    alternation,
    iso_week_period,
    latest_weekday_on_or_before,
    latest_year_starting_by,
    month_end,
    month_period,
    parse_numeric_date,
    safe_date,
    shift_month,
    year_period,
)
from ..models import Period
from .lang import Language, active, load_language, read_table
from .lexicon import TimeWords

__all__ = ["TimeGrammar", "TimeMention", "find_time_mentions", "load_time_grammar"]

# --- thresholds -------------------------------------------------------------------------------------

# A day written without its year ("on March 3") may lie this far after the anchor: statements
# announce events of the coming days, while a date a few days ahead almost never means last year.
DAY_FUTURE_TOLERANCE_DAYS = 7
# "2024-2030" is a period; wider spans are more likely numbers than years.
MAX_YEAR_RANGE_YEARS = 30
HOURS_PER_DAY = 24
DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12
# How far back to look for the word before a match (longer words are no date context anyway).
MAX_WORD_CHARS = 20
# A rule's match starts at most this many words before its trigger:
# "since the start of the year", "on the 27th of February" (27, th).
MAX_WORDS_BEFORE_TRIGGER = 5
# How many packs' grammars stay compiled (one per language in use).
GRAMMAR_CACHE_SIZE = 8

# --- calendar units: the stage's own names, which timex.toml's [units] spells per language ---------------

_HOUR, _DAY, _WEEK, _MONTH_UNIT, _YEAR, _DECADE = "hour", "day", "week", "month", "year", "decade"
UNIT_DAYS: dict[str, int] = {_HOUR: 1, _DAY: 1, _WEEK: 7}
UNIT_MONTHS: dict[str, int] = {_MONTH_UNIT: 1, _YEAR: 12, _DECADE: 120}

# --- language-neutral regex pieces -----------------------------------------------------------------------

_DASHES = "-|–|—"
_NUMERIC_ELEMENT = (
    rf"(?<![\d/.-])(?:(?P<iy>{YEAR_PATTERN})(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)"
    rf"(?P<id>0?[1-9]|[12]\d|3[01])|(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)"
    rf"(?P<ny>{YEAR_PATTERN}))(?![\d])"
)
# A letter of any script ("März", "октября"): a word character that is neither a digit nor "_".
_LETTER = r"[^\W\d_]"
_NOT_LETTER_NEXT = rf"(?!{_LETTER})"
_NEVER = r"(?!)"  # a pattern that matches nothing: a word class a language lacks
_NEXT_WORD_RE = re.compile(rf"[\s(]*({_LETTER}+)")
_PREVIOUS_WORD_RE = re.compile(rf"({_LETTER}+)[\s,]*$")
_TOKEN_RE = re.compile(rf"{_LETTER}+\d*|\d+")  # "Q1" is one word, "27th" two
_NUMERIC_DATE_START_RE = re.compile(r"\d{1,2}[/.-]\d")
_LEADING_DIGITS_RE = re.compile(r"\d+")


class _Start(Enum):
    """The kinds of word a rule's match may begin with (a word before a trigger, or the trigger)."""

    DIGIT = auto()
    MONTH = auto()
    WEEKDAY = auto()
    WORD = auto()  # a part, a count, "last", "earlier", a trigger word ...
    PREFIX = auto()  # an opening preposition or the article: may open any rule


_DIGIT, _MONTH, _WEEKDAY, _WORD, _PREFIX_WORD = (
    _Start.DIGIT,
    _Start.MONTH,
    _Start.WEEKDAY,
    _Start.WORD,
    _Start.PREFIX,
)
_ANY_FIRST = frozenset({_DIGIT, _MONTH, _WEEKDAY, _WORD})

# --- descriptions of periods, resolved once the overlaps are settled ------------------------------------


@dataclass(frozen=True)
class _Yearly:
    """A period that recurs every year (a day, part of a month, month, season) or a year itself.

    ``month`` None means the year itself, or the months ``month_run`` of it ("the first three
    months" = (1, 3), "the second half" = (7, 12)). The year is given (``year``), relative to the
    anchor's (``year_offset``), chosen by ``which`` (-1 the latest one over, 0 the one under way,
    1 the next one), or else the latest one that has started by the anchor.
    """

    month: int | None
    day: int | None = None
    day_end: int | None = None
    days: tuple[int, int] | None = None  # part of the month: "late May" = (21, 31)
    months: int = 1
    season_part: int | None = None  # with months > 1: the one month of the season meant
    year: int | None = None
    year_offset: int | None = None
    which: int | None = None
    month_run: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Weekday:
    weekday: int
    which: int | None = None


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


_Builder = Callable[[re.Match[str], "TimeGrammar"], "_When | None"]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    build: _Builder
    first: frozenset[_Start]  # the kinds of word a match may begin with, besides a preposition


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    when: _When
    rank: int


# --- the grammar of one pack ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeGrammar:
    """A pack's time words (``timex.toml``, ``time.toml``) and the rules compiled from them.

    Word keys are lower case, except names matched by case (months, weekdays, name words).
    """

    code: str
    month_numbers: dict[str, int]  # title-case names and abbreviations -> 1..12
    month_names: frozenset[str]  # full names, title case
    ambiguous_bare_months: frozenset[str]  # title and upper case
    weekday_numbers: dict[str, int]  # title-case names and abbreviations -> 0 (Monday) .. 6
    weekday_names: frozenset[str]  # full names, title case
    seasons: dict[str, int]  # -> first month
    year_cues: frozenset[str]
    to_anchor: frozenset[str]
    open_start: frozenset[str]
    range_opening: frozenset[str]
    paired: frozenset[str]
    linking: str
    name_prefixes: frozenset[str]
    name_suffixes: frozenset[str]
    count_followers: frozenset[str]
    plural_endings: tuple[str, ...]
    count_qualifiers: frozenset[str]
    determiners: frozenset[str]
    numbers: dict[str, int]
    part_of_word: dict[str, str]
    month_days: dict[str, tuple[int, int]]
    year_months: dict[str, tuple[int, int]]
    season_months: dict[str, int]
    unit_of_word: dict[str, str]
    plural_units: frozenset[str]
    offsets: dict[str, int]
    latest_over: frozenset[str]
    window_backward: frozenset[str]
    window_alone: frozenset[str]
    from_anchor: frozenset[str]
    day_words: dict[str, int]
    months_from_start: frozenset[str]
    rules: tuple[_Rule, ...]
    rules_by_kind: dict[_Start, tuple[tuple[int, _Rule], ...]]
    trigger_cased: frozenset[str]
    trigger_lower: frozenset[str]
    starters: frozenset[str]
    prefix_words: frozenset[str]


def load_time_grammar(language: Language | None = None) -> TimeGrammar:
    """The time grammar of ``language``, else of the active pack (:func:`claims.lang.speaking`).

    Compiled once per pack (cached by its code and folder), never per call.
    """
    pack = language if language is not None else active()
    return _compiled(pack.code, pack.root)


@lru_cache(maxsize=GRAMMAR_CACHE_SIZE)
def _compiled(code: str, root: str | None) -> TimeGrammar:
    return _build_grammar(code, read_table(code, "timex.toml", root), load_language(code, root).time)


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _by_number(table: dict[str, list[str]]) -> dict[str, int]:
    """``{"-1": ["last"], "0": ["this"]}`` -> ``{"last": -1, "this": 0}`` (toml keys are text)."""
    return {word.lower(): int(number) for number, words in table.items() for word in words}


def _i(words: Iterable[str]) -> str:
    """A case-insensitive alternation of ``words``."""
    return f"(?i:{alternation(words)})"


def _build_grammar(code: str, data: dict[str, Any], time: TimeWords) -> TimeGrammar:
    """Every table of a pack's ``timex.toml``, checked, and the rules built from them.

    Raises ``ValueError`` naming the table, for a part or unit the rules cannot read.
    """
    cal, preps, grammar, ranges, counts, parts = (
        data["calendar"],
        data["prepositions"],
        data["grammar"],
        data["ranges"],
        data["counts"],
        data["parts"],
    )
    months: list[str] = cal["months"]
    weekdays: list[str] = cal["weekdays"]
    month_abbreviations: dict[str, int] = cal["month_abbreviations"]
    weekday_abbreviations: dict[str, int] = cal["weekday_abbreviations"]
    if len(months) != MONTHS_PER_YEAR or len(weekdays) != DAYS_PER_WEEK:
        raise ValueError(f"timex.toml of {code!r}: [calendar] needs 12 months and 7 weekdays")
    seasons = _by_number(cal["seasons"])
    units: dict[str, list[str]] = data["units"]
    missing = {*UNIT_DAYS, *UNIT_MONTHS} - set(units)
    if missing:
        raise ValueError(f"timex.toml of {code!r}: [units] lacks {', '.join(sorted(missing))}")
    part_of_word = {w.lower(): part for part, words in parts["words"].items() for w in words}
    month_days = {k: (int(v[0]), int(v[1])) for k, v in parts["month_days"].items()}
    year_months = {k: (int(v[0]), int(v[1])) for k, v in parts["year_months"].items()}
    season_months = {k: int(v) for k, v in parts["season_months"].items()}
    unknown = [
        w
        for w in (*parts["before_season"]["words"], *parts["of_current"]["words"])
        if part_of_word.get(w.lower()) not in {*season_months, *month_days}
    ]
    if unknown:
        raise ValueError(f"timex.toml of {code!r}: [parts] words {unknown} name no part of [parts.words]")
    numbers = _by_number(data["numbers"])
    offsets = _by_number(data["relative"]["offsets"])
    latest_over = _lower(data["relative"]["latest_over"])
    windows, to_date = data["windows"], data["to_date"]
    day_words = _by_number(data["day_words"])
    edges = [*time.months_from_start, *time.months_from_end]
    openers: list[str] = preps["opening"]

    # --- regex pieces --------------------------------------------------------------------------------
    # Case forms of a unit's singular ("году", "року"), in languages that inflect it: [singular_forms].
    singular_forms: dict[str, list[str]] = data.get("singular_forms", {})
    singular_extra = {form.lower() for forms in singular_forms.values() for form in forms}

    def unit(*names: str, singular: bool = True, plural: bool = True) -> str:
        forms = [
            f
            for n in names
            for i, f in enumerate(units[n])
            if ((i == 0 or f.lower() in singular_extra) and singular)
            or (i > 0 and f.lower() not in singular_extra and plural)
        ]
        return _i(forms)

    cased_months = [*months, *(m.upper() for m in months)]
    cased_abbreviations = [*month_abbreviations, *(a.upper() for a in month_abbreviations)]
    month = rf"(?:{alternation(cased_months)}|(?:{alternation(cased_abbreviations)})\.?){_NOT_LETTER_NEXT}"
    weekday_full = rf"(?:{alternation(weekdays)}){_NOT_LETTER_NEXT}"
    weekday = rf"(?:{alternation([*weekdays, *weekday_abbreviations])})\.?{_NOT_LETTER_NEXT}"
    day = rf"(?<![\d,.])(?:[12]\d|3[01]|0?[1-9])(?:{alternation(cal['ordinal_suffixes'])})?(?![\d]|,\d)"
    year = YEAR_PATTERN
    # A language without articles leaves "article" empty: then no rule has one (never matches).
    articles = [grammar["article"]] if grammar["article"] else []
    the = _i(articles) if articles else _NEVER
    of = alternation([grammar["linking"]])
    of_i = _i([grammar["linking"]])
    the_cased = alternation(articles) if articles else _NEVER
    prefix = rf"(?:(?P<opening>{_i(openers)})\s+)?(?:(?P<article>{the})\s+)?"
    part = rf"{_i(part_of_word)}{_NOT_LETTER_NEXT}"
    rel = _i(offsets)
    which = rf"{rel}|{_i(latest_over)}"
    number = rf"(?:\d{{1,3}}|{_i(numbers)})"
    connector = rf"(?P<conn>{_DASHES}|{_i(ranges['connectors'])})"
    rel_year = rf"(?P<rel>{rel})\s+{unit(_YEAR, plural=False)}"
    # Offset words written after the unit ("l'année dernière", "el año pasado"); none in English.
    postposed_words = _lower(data["relative"].get("postposed", []))
    # "il y a trois jours", "hace tres días": the count back written before its units.
    counted_before_words = _lower(data["relative"].get("counted_before", []))
    counted_before = _i(counted_before_words) if counted_before_words else _NEVER
    postposed = _i(postposed_words) if postposed_words else _NEVER

    def month_element(p: str) -> str:
        return (
            rf"(?:(?P<{p}which>{rel})\s+)?(?:(?P<{p}part>{part})[\s-]+)?(?P<{p}month>{month})"
            rf"(?:,?\s+(?:{of}\s+)?(?P<{p}year>{year})|\s+(?:{of}\s+)?(?P<{p}rel>{rel})\s+"
            rf"{unit(_YEAR, plural=False)})?"
        )

    def month_day(p: str) -> str:
        return (
            rf"(?:(?P<{p}m1>{month})\s+(?P<{p}d1>{day})"
            rf"|(?:{the_cased}\s+)?(?P<{p}d2>{day})\s+(?:{of}\s+)?(?P<{p}m2>{month}))"
        )

    def day_element(p: str) -> str:
        before = rf"(?:(?P<{p}wd>{weekday})\s*,?\s*(?P<{p}par>\()?\s*)?"
        after = rf"(?:,?\s+(?:{of}\s+)?(?P<{p}year>{year}))?"  # "15 de diciembre de 2024"
        return rf"{before}{month_day(p)}{after}(?({p}par)\s*\))"

    season = (
        rf"(?:(?P<which>{which})\s+)?(?:(?P<part>{_i(parts['before_season']['words'])})[\s-]+)?"
        rf"(?P<season>{_i(seasons)})(?:\s+(?:{of}\s+)?(?P<year>{year})|\s+(?:{of}\s+)?{rel_year})?"
        rf"{_NOT_LETTER_NEXT}"
    )

    def rule(name: str, pattern: str, build: _Builder, first: frozenset[_Start] = _ANY_FIRST) -> _Rule:
        return _Rule(name, re.compile(prefix + pattern), build, first)

    rules = (
        rule("numeric_date", _NUMERIC_ELEMENT, _build_numeric, frozenset({_DIGIT})),
        rule(
            "day_pair_range",
            rf"{day_element('a_')}\s*{connector}\s*{day_element('b_')}",
            _build_day_pair_range,
        ),
        rule(
            "day_range",
            rf"(?:(?P<m1>{month})\s+(?P<d1>{day})\s*{connector}\s*(?P<d2>{day})"
            rf"|(?P<d3>{day})\s*(?P<conn2>{_DASHES}|{_i(ranges['day_connectors'])})\s*(?:{the_cased}\s+)?"
            rf"(?P<d4>{day})\s+"
            rf"(?:{of}\s+)?(?P<m2>{month}))(?:,?\s+(?P<year>{year}))?",
            _build_day_range,
            frozenset({_MONTH, _DIGIT}),
        ),
        rule("month_day", day_element(""), _build_day),
        rule(
            "month_range",
            rf"{month_element('a_')}\s*{connector}\s*{month_element('b_')}",
            _build_month_range,
            frozenset({_MONTH, _WORD}),
        ),
        rule("named_month", month_element(""), _build_month, frozenset({_MONTH, _WORD})),
        rule("named_season", season, _build_season, frozenset({_WORD})),
        rule(
            "year_range",
            rf"(?P<y1>{year})\s*(?P<conn>{_DASHES}|/|{_i(ranges['connectors'])})\s*"
            r"(?P<y2>(?:19|20)?\d\d)(?![\d%]|[.,]\d)",
            _build_year_range,
            frozenset({_DIGIT}),
        ),
        rule(
            "year_decade",
            rf"(?P<decade>(?:19|20)\d0){alternation(grammar['decade_suffixes'])}{_NOT_LETTER_NEXT}",
            _build_decade,
            frozenset({_DIGIT}),
        ),
        rule(
            "year_months",
            rf"(?P<edge>{_i(edges)})\s+(?P<n>{number})\s+{unit(_MONTH_UNIT, singular=False)}\s+{of_i}\s+"
            rf"(?:(?P<year>{year})|{rel_year})(?![^\W_])",  # no letter nor digit next
            _build_year_months,
            frozenset({_WORD}),
        ),
        rule(
            "relative_window",
            rf"(?P<w>{_i([*windows['backward'], *windows['forward']])})\s+(?:(?P<n>{number})\s+)?"
            rf"(?P<unit>{unit(_HOUR, _DAY, _WEEK, _MONTH_UNIT, _YEAR, _DECADE)}){_NOT_LETTER_NEXT}",
            _build_window,
            frozenset({_WORD}),
        ),
        rule(
            "relative_year",
            rf"(?:(?P<part>{part})[\s-]+)?{rel_year}{_NOT_LETTER_NEXT}",
            _build_relative_year,
            frozenset({_WORD}),
        ),
        rule(
            "plain_year",
            rf"(?:(?P<part>{part})[\s-]+)?(?P<year>{year}){_NOT_LETTER_NEXT}",
            _build_year,
            frozenset({_DIGIT, _WORD}),
        ),
        rule(
            "calendar_unit",
            rf"(?P<rel>{rel})\s+(?P<unit>{unit(_WEEK, _MONTH_UNIT, plural=False)}){_NOT_LETTER_NEXT}",
            _build_calendar_unit,
            frozenset({_WORD}),
        ),
        rule(
            "postposed_unit",
            rf"(?P<unit>{unit(_WEEK, _MONTH_UNIT, _YEAR, plural=False)})\s+(?P<rel>{postposed}){_NOT_LETTER_NEXT}",
            _build_postposed_unit,
            frozenset({_WORD}),
        ),
        rule(
            "units_ago",
            rf"(?P<n>{number})\s+(?P<unit>{unit(_DAY, _WEEK, _MONTH_UNIT, _YEAR)})\s+"
            rf"{_i(data['relative']['counted_back'])}{_NOT_LETTER_NEXT}",
            _build_ago,
            frozenset({_DIGIT, _WORD}),
        ),
        rule(
            "units_ago_before",
            rf"{counted_before}\s+(?P<n>{number})\s+(?P<unit>{unit(_DAY, _WEEK, _MONTH_UNIT, _YEAR)})"
            rf"{_NOT_LETTER_NEXT}",
            _build_ago,
            frozenset({_DIGIT, _WORD}),
        ),
        rule(
            "day_word", rf"(?P<word>{_i(day_words)}){_NOT_LETTER_NEXT}", _build_day_word, frozenset({_WORD})
        ),
        rule(
            "to_date",
            rf"(?P<mod>{_i([*to_date['up_to_anchor'], *to_date['from_anchor']])})\s+{_i(to_date['current'])}\s+"
            rf"(?P<unit>{unit(_WEEK, _MONTH_UNIT, _YEAR, plural=False)}){_NOT_LETTER_NEXT}",
            _build_to_date,
            frozenset({_WORD}),
        ),
        rule(
            "part_of_current",
            rf"(?P<part>{_i(parts['of_current']['words'])})\s+{the}\s+"
            rf"(?P<unit>{unit(_MONTH_UNIT, _YEAR, plural=False)}){_NOT_LETTER_NEXT}",
            _build_part_of_current,
            frozenset({_WORD}),
        ),
        rule(
            "weekday_range",
            rf"(?P<a_wd>{weekday_full})\s*{connector}\s*(?P<b_wd>{weekday_full})",
            _build_weekday_range,
            frozenset({_WEEKDAY}),
        ),
        rule(
            "named_weekday",
            rf"(?:(?P<which>{which})\s+)?(?P<wd>{weekday_full})(?:\s+{_i(data['day_times']['words'])})?",
            _build_weekday,
            frozenset({_WEEKDAY, _WORD}),
        ),
    )
    # Trigger words: every time expression holds one. Sentences without any cost one tokenising
    # pass and a few set look-ups; the rules are tried only at the words just before a trigger.
    trigger_cased = frozenset({*cased_months, *cased_abbreviations, *weekdays})
    trigger_lower = frozenset(
        {
            *(w.lower() for forms in units.values() for w in forms),
            *day_words,
            *seasons,
            *_lower(data["relative"]["counted_back"]),
        }
    )
    # Words a match may begin with, besides triggers, numbers and prepositions: parts, "last", "earlier".
    starters = frozenset(
        {
            *(w for words in part_of_word for w in words.split()),
            *numbers,
            *offsets,
            *_lower(edges),
            *latest_over,
            *_lower([*windows["backward"], *windows["forward"]]),
            *(w.split()[0].lower() for w in [*to_date["up_to_anchor"], *to_date["from_anchor"]]),
            *(w.split()[0] for w in counted_before_words),
        }
    )
    return TimeGrammar(
        code=code,
        month_numbers={
            **{m.title(): i for i, m in enumerate(months, 1)},
            **{a.title(): int(n) for a, n in month_abbreviations.items()},
        },
        month_names=frozenset(m.title() for m in months),
        ambiguous_bare_months=frozenset(
            {*cal["ambiguous_bare_months"], *(m.upper() for m in cal["ambiguous_bare_months"])}
        ),
        weekday_numbers={
            **{w.title(): i for i, w in enumerate(weekdays)},
            **{a.title(): int(n) for a, n in weekday_abbreviations.items()},
        },
        weekday_names=frozenset(weekdays),
        seasons=seasons,
        year_cues=_lower(preps["year_cues"]),
        to_anchor=_lower(preps["to_anchor"]),
        open_start=time.open_start,
        range_opening=_lower(preps["range_opening"]),
        paired=_lower(ranges["paired"]),
        linking=grammar["linking"],
        name_prefixes=frozenset(data["names"]["prefixes"]),
        name_suffixes=frozenset(data["names"]["suffixes"]),
        count_followers=_lower(counts["followers"]),
        plural_endings=tuple(counts["plural_endings"]),
        count_qualifiers=_lower(counts["qualifiers"]),
        determiners=_lower(counts["determiners"]),
        numbers=numbers,
        part_of_word=part_of_word,
        month_days=month_days,
        year_months=year_months,
        season_months=season_months,
        unit_of_word={w.lower(): name for name, forms in units.items() for w in forms},
        plural_units=_lower(w for forms in units.values() for w in forms[1:]),
        offsets=offsets,
        latest_over=latest_over,
        window_backward=_lower(windows["backward"]),
        window_alone=_lower(windows["alone"]),
        from_anchor=_lower(to_date["from_anchor"]),
        day_words=day_words,
        months_from_start=time.months_from_start,
        rules=rules,
        # The rules worth trying at a word of each kind, in rank order; a preposition may open any rule.
        rules_by_kind={
            kind: tuple((rank, r) for rank, r in enumerate(rules) if kind == _PREFIX_WORD or kind in r.first)
            for kind in (*_ANY_FIRST, _PREFIX_WORD)
        },
        trigger_cased=trigger_cased,
        trigger_lower=trigger_lower,
        starters=starters,
        prefix_words=frozenset({*(p.split()[0].lower() for p in openers), *_lower(articles)}),
    )


# --- helpers for builders --------------------------------------------------------------------------------


def _group(match: re.Match[str], name: str) -> str | None:
    value = match.group(name)
    return value.lower() if value is not None else None


def _part(match: re.Match[str], name: str, g: TimeGrammar) -> str | None:
    value = _group(match, name)
    return g.part_of_word[" ".join(value.split())] if value else None


def _which(match: re.Match[str], name: str, g: TimeGrammar) -> int | None:
    """ "last"/"past" -1, "this" 0, "next" 1; None where no such word was written."""
    word = _group(match, name)
    if word is None:
        return None
    return -1 if word in g.latest_over else g.offsets[word]


def _offset(match: re.Match[str], g: TimeGrammar) -> int | None:
    rel = _group(match, "rel")
    return g.offsets[rel] if rel else None


def _previous_word(match: re.Match[str]) -> str:
    window_start = max(0, match.start() - MAX_WORD_CHARS)
    found = _PREVIOUS_WORD_RE.search(match.string, window_start, match.start())
    return found.group(1) if found else ""


def _next_word(match: re.Match[str]) -> str:
    found = _NEXT_WORD_RE.match(match.string, match.end())
    return found.group(1) if found else ""


def _is_name_context(match: re.Match[str], g: TimeGrammar) -> bool:
    """ "Good Friday", "the Sunday Times": a weekday that names something."""
    return _previous_word(match) in g.name_prefixes or _next_word(match) in g.name_suffixes


def _count_number(n: str | None, g: TimeGrammar) -> int | None:
    if n is None:
        return None
    return int(n) if n.isdigit() else g.numbers.get(n.lower())


def _month_number(name: str, g: TimeGrammar) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "FEB"), else None."""
    return g.month_numbers.get(name.strip().rstrip(".").title())


def _weekday_number(name: str, g: TimeGrammar) -> int | None:
    """0 (Monday) .. 6 (Sunday) for a weekday name or abbreviation, else None."""
    return g.weekday_numbers.get(name.strip().rstrip(".").title())


def _read_month_day(match: re.Match[str], p: str, g: TimeGrammar) -> tuple[int, int] | None:
    """(month, day) of a day element ("Feb 27", "the 27th of February"); None for a day no month has."""
    month_text = match.group(f"{p}m1") or match.group(f"{p}m2")
    day_text = match.group(f"{p}d1") or match.group(f"{p}d2")
    month = _month_number(month_text, g) if month_text else None
    digits = _LEADING_DIGITS_RE.search(day_text) if day_text else None
    if month is None or digits is None:
        return None
    day = int(digits.group())
    if safe_date(LEAP_YEAR, month, day) is None:
        return None
    return month, day


def _with_prep(match: re.Match[str], when: _When | None, g: TimeGrammar) -> _When | None:
    """Apply the opening preposition: "since X" runs from X's start to the anchor.

    So does an open "from X" with X a calendar period ("involved from November 2024");
    "from X to Y" is a range of its own rule.
    """
    prep = _group(match, "opening")
    if when is not None and prep in g.to_anchor:
        return _Since(when)
    if isinstance(when, _Yearly) and when.day_end is None and prep in g.open_start:
        return _Since(when)
    return when


def _is_paired_without_opening(match: re.Match[str], connector: str | None, g: TimeGrammar) -> bool:
    """ "on Feb 24 and Feb 27": an "and" with no "between" before it joins two dates, not a range."""
    return connector in g.paired and _group(match, "opening") not in g.range_opening


# --- builders: a match -> a description, or None to reject it -----------------------------------------------


def _month_spec(match: re.Match[str], p: str, g: TimeGrammar, *, cued: bool) -> _Yearly | None:
    name = match.group(f"{p}month")
    month = _month_number(name, g)
    year, rel = match.group(f"{p}year"), _group(match, f"{p}rel")
    which = _which(match, f"{p}which", g)
    part = _part(match, f"{p}part", g)
    if month is None:
        return None
    if part is not None and part not in g.month_days:  # "Q1 March"
        return None
    bare = not (cued or part or year or rel or which is not None)
    # A bare month: only a full name that is no ordinary word ("July", not "May" or "Jan").
    if bare and (name.rstrip(".").title() not in g.month_names or name in g.ambiguous_bare_months):
        return None
    return _Yearly(
        month,
        days=g.month_days[part] if part is not None else None,
        year=int(year) if year else None,
        year_offset=g.offsets[rel] if rel else None,
        which=which,
    )


def _build_month(match: re.Match[str], g: TimeGrammar) -> _When | None:
    cued = match.group("opening") is not None
    return _with_prep(match, _month_spec(match, "", g, cued=cued), g)


def _day_spec(match: re.Match[str], p: str, g: TimeGrammar) -> _Yearly | None:
    month_day = _read_month_day(match, p, g)
    if month_day is None:
        return None
    month, day = month_day
    year = match.group(f"{p}year")
    return _Yearly(month, day=day, year=int(year) if year else None)


def _build_year_months(match: re.Match[str], g: TimeGrammar) -> _When | None:
    """ "the first three months of 2024", "the last two months of last year"."""
    count = _count_number(match.group("n"), g)
    if count is None or not 0 < count < MONTHS_PER_YEAR:
        return None
    if match.group("edge").lower() in g.months_from_start:
        run = (1, count)
    else:
        run = (MONTHS_PER_YEAR - count + 1, MONTHS_PER_YEAR)
    year = match.group("year")
    return _with_prep(
        match,
        _Yearly(None, year=int(year) if year else None, year_offset=_offset(match, g), month_run=run),
        g,
    )


def _build_day(match: re.Match[str], g: TimeGrammar) -> _When | None:
    return _with_prep(match, _day_spec(match, "", g), g)


def _build_numeric(match: re.Match[str], g: TimeGrammar) -> _When | None:
    if match.group("iy"):
        date = safe_date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    else:
        date = parse_numeric_date(int(match.group("a")), int(match.group("b")), int(match.group("ny")))
    if date is None:
        return None
    return _with_prep(match, _Yearly(date.month, day=date.day, year=date.year), g)


def _build_day_range(match: re.Match[str], g: TimeGrammar) -> _When | None:
    first, last = int(match.group("d1") or match.group("d3")), int(match.group("d2") or match.group("d4"))
    month = _month_number(match.group("m1") or match.group("m2"), g)
    connector = _group(match, "conn") or _group(match, "conn2")
    paired = _is_paired_without_opening(match, connector, g)
    if month is None or first >= last or paired or safe_date(LEAP_YEAR, month, last) is None:
        return None
    year = match.group("year")
    return _with_prep(match, _Yearly(month, day=first, day_end=last, year=int(year) if year else None), g)


def _build_season(match: re.Match[str], g: TimeGrammar) -> _When | None:
    year, rel, which = match.group("year"), _group(match, "rel"), _which(match, "which", g)
    # "after the fall of Kabul": a season word with "of" and no year after it is no season
    cued = match.group("opening") is not None and _next_word(match) != g.linking
    if not (year or rel or which is not None or cued):
        return None
    part = _part(match, "part", g)
    spec = _Yearly(
        g.seasons[_group(match, "season") or ""],
        months=SEASON_LENGTH_MONTHS,
        season_part=g.season_months[part] if part is not None else None,
        year=int(year) if year else None,
        year_offset=g.offsets[rel] if rel else None,
        which=which,
    )
    return _with_prep(match, spec, g)


def _looks_like_count(match: re.Match[str], year: int, g: TimeGrammar) -> bool:
    """ "over 2000 troops", "2000 people": a bare four-digit number that counts something."""
    before = _group(match, "opening") or _group(match, "article") or _previous_word(match).lower()
    if before in g.count_qualifiers:
        return True
    follower = _next_word(match)
    plural_noun = follower.islower() and (
        follower in g.count_followers or follower.endswith(g.plural_endings)
    )
    round_number = year % 100 == 0
    return plural_noun and (before not in g.determiners or round_number)


def _build_year(match: re.Match[str], g: TimeGrammar) -> _When | None:
    year = int(match.group("year"))
    part = _part(match, "part", g)
    if part is not None and part not in g.year_months:  # "the first week of 2024"
        return None
    if not (part or _group(match, "opening") in g.year_cues) and _looks_like_count(match, year, g):
        return None
    return _with_prep(match, _Yearly(None, year=year, month_run=_year_part(part, g)), g)


def _year_part(part: str | None, g: TimeGrammar) -> tuple[int, int] | None:
    return g.year_months[part] if part is not None else None


def _build_year_range(match: re.Match[str], g: TimeGrammar) -> _When | None:
    first = int(match.group("y1"))
    last_text = match.group("y2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    paired = _is_paired_without_opening(match, _group(match, "conn"), g)
    if not 0 < last - first <= MAX_YEAR_RANGE_YEARS or paired:
        return None
    return _with_prep(match, _Range(_Yearly(None, year=first), _Yearly(None, year=last)), g)


def _build_relative_year(match: re.Match[str], g: TimeGrammar) -> _When | None:
    part = _part(match, "part", g)
    if match.group("article") and not part:  # "the last year" is a window, not a calendar year
        return None
    if part is not None and part not in g.year_months:
        return None
    offset = _offset(match, g) or 0
    return _with_prep(match, _Yearly(None, year_offset=offset, month_run=_year_part(part, g)), g)


def _build_decade(match: re.Match[str], g: TimeGrammar) -> _When | None:
    first = int(match.group("decade"))
    return _with_prep(match, _Fixed(dt.date(first, 1, 1), dt.date(first + 9, 12, 31)), g)


# --- relative periods: computed from the anchor alone ------------------------------------------------------


def _shift(anchor: dt.date, unit: str, amount: int) -> dt.date:
    """The anchor moved by ``amount`` units (negative: back), months clamped to the month's end."""
    if unit == _HOUR:
        days = -(-abs(amount) // HOURS_PER_DAY)  # 36 hours back reach two calendar days back
        return anchor + dt.timedelta(days=days if amount > 0 else -days)
    if unit in UNIT_DAYS:
        return anchor + dt.timedelta(days=UNIT_DAYS[unit] * amount)
    year, month = shift_month(anchor.year, anchor.month, UNIT_MONTHS[unit] * amount)
    return dt.date(year, month, min(anchor.day, month_end(year, month).day))


def _calendar_unit(unit: str, offset: int, anchor: dt.date) -> _Dates:
    """The calendar year/month/ISO week/day ``offset`` units from the one holding the anchor."""
    if unit == _YEAR:
        return year_period(anchor.year + offset)
    if unit == _MONTH_UNIT:
        return month_period(*shift_month(anchor.year, anchor.month, offset))
    if unit == _WEEK:
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


def _month_part(days: tuple[int, int], year: int, month: int) -> _Dates:
    """Days ``days`` of the month, clipped to its length; a first day below 1 counts from its end."""
    first_day, last_day = days
    end = month_end(year, month)
    first = first_day if first_day > 0 else end.day + first_day
    return dt.date(year, month, first), end.replace(day=min(last_day, end.day))


def _month_part_now(days: tuple[int, int], anchor: dt.date) -> _Dates:
    return _month_part(days, anchor.year, anchor.month)


def _build_calendar_unit(match: re.Match[str], g: TimeGrammar) -> _When | None:
    if match.group("article"):  # "the next month" counts from the story's events, not the anchor
        return None
    unit = g.unit_of_word[match.group("unit").lower()]
    return _with_prep(match, _Relative(partial(_calendar_unit, unit, _offset(match, g) or 0)), g)


def _build_postposed_unit(match: re.Match[str], g: TimeGrammar) -> _When | None:
    """ "l'année dernière", "la semaine prochaine": a calendar unit counted from the anchor's."""
    unit = g.unit_of_word[match.group("unit").lower()]
    offset = _offset(match, g) or 0
    if unit == _YEAR:
        return _with_prep(match, _Yearly(None, year_offset=offset), g)
    return _with_prep(match, _Relative(partial(_calendar_unit, unit, offset)), g)


def _build_window(match: re.Match[str], g: TimeGrammar) -> _When | None:
    unit_text, word = match.group("unit").lower(), _group(match, "w")
    unit = g.unit_of_word[unit_text]
    amount = _count_number(match.group("n"), g)
    if amount is None and unit_text in g.plural_units:  # "in recent weeks", "the coming months": no length
        return None
    backward = word in g.window_backward
    if backward and not (match.group("article") or amount or word in g.window_alone):
        return None  # "last month" is a calendar month (see _build_calendar_unit)
    if not backward and amount is None:  # "the next day" follows the story, not the anchor
        return None
    signed = -(amount or 1) if backward else (amount or 1)
    return _with_prep(match, _Relative(partial(_window, unit, signed)), g)


def _build_ago(match: re.Match[str], g: TimeGrammar) -> _When | None:
    amount = _count_number(match.group("n"), g)
    unit = g.unit_of_word[match.group("unit").lower()]
    if amount is None:
        return None
    # "three days ago" is a day; "two weeks ago" that ISO week; "a year ago" that calendar year.
    return _with_prep(match, _Relative(partial(_calendar_unit, unit, -amount), is_point=unit == _DAY), g)


def _build_day_word(match: re.Match[str], g: TimeGrammar) -> _When | None:
    word = match.group("word")
    previous_char = match.string[max(0, match.start("word") - MAX_WORD_CHARS) : match.start("word")].rstrip()[
        -1:
    ]
    if word[0].isupper() and previous_char.isalnum():  # "USA Today", "Russia Today": a name
        return None
    offset = g.day_words[word.lower()]
    return _with_prep(match, _Relative(partial(_calendar_unit, _DAY, offset), is_point=True), g)


def _build_to_date(match: re.Match[str], g: TimeGrammar) -> _When | None:
    earlier = " ".join((_group(match, "mod") or "").split()) not in g.from_anchor
    unit = g.unit_of_word[match.group("unit").lower()]
    return _with_prep(match, _Relative(partial(_to_date, unit, earlier)), g)


def _build_part_of_current(match: re.Match[str], g: TimeGrammar) -> _When | None:
    part = _part(match, "part", g)
    if part is None:
        return None
    if g.unit_of_word[match.group("unit").lower()] == _YEAR:
        return _with_prep(match, _Yearly(None, year_offset=0, month_run=g.year_months[part]), g)
    return _with_prep(match, _Relative(partial(_month_part_now, g.month_days[part])), g)


def _build_weekday(match: re.Match[str], g: TimeGrammar) -> _When | None:
    weekday = _weekday_number(match.group("wd"), g)
    if weekday is None or _is_name_context(match, g):
        return None
    return _with_prep(match, _Weekday(weekday, _which(match, "which", g)), g)


# --- ranges: two elements joined by a connector ----------------------------------------------------------


def _build_month_range(match: re.Match[str], g: TimeGrammar) -> _When | None:
    first = _month_spec(match, "a_", g, cued=True)
    last = _month_spec(match, "b_", g, cued=True)
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(first, last), g)


def _build_day_pair_range(match: re.Match[str], g: TimeGrammar) -> _When | None:
    if _is_paired_without_opening(match, _group(match, "conn"), g):
        return None  # "on Feb 24 and Feb 27" are two days, not the days between
    first, last = _day_spec(match, "a_", g), _day_spec(match, "b_", g)
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(first, last), g)


def _build_weekday_range(match: re.Match[str], g: TimeGrammar) -> _When | None:
    first, last = _weekday_number(match.group("a_wd"), g), _weekday_number(match.group("b_wd"), g)
    if first is None or last is None:
        return None
    return _with_prep(match, _Range(_Weekday(first), _Weekday(last)), g)


# --- candidate starts: the words a rule's match may begin with --------------------------------------------


def _is_trigger(text: str, token: re.Match[str], g: TimeGrammar) -> bool:
    word = token.group()
    if word[0].isdigit():
        if len(word) == 4:
            return YEAR_MIN <= int(word) <= YEAR_MAX
        return len(word) <= 2 and _NUMERIC_DATE_START_RE.match(text, token.start()) is not None
    return word in g.trigger_cased or word.lower() in g.trigger_lower


def _start_kind(text: str, token: re.Match[str], g: TimeGrammar) -> _Start | None:
    """What kind of word a match could begin with here, or None where none can."""
    word = token.group()
    if word[0].isdigit():
        return _DIGIT
    if word.lower() in g.prefix_words:
        return _PREFIX_WORD
    if word in g.trigger_cased:
        return _WEEKDAY if word in g.weekday_names else _MONTH
    return _WORD if word.lower() in g.starters or _is_trigger(text, token, g) else None


def _candidate_starts(text: str, g: TimeGrammar) -> dict[int, _Start]:
    """Offsets where a time expression may start (a trigger word and the few words before it), by kind."""
    tokens = list(_TOKEN_RE.finditer(text))
    starts: dict[int, _Start] = {}
    for index, token in enumerate(tokens):
        if not _is_trigger(text, token, g):
            continue
        for before in tokens[max(0, index - MAX_WORDS_BEFORE_TRIGGER) : index + 1]:
            kind = _start_kind(text, before, g)
            if kind is not None:
                starts[before.start()] = kind
    return starts


# --- resolution against the anchor -------------------------------------------------------------------------------


def _period_in_year(spec: _Yearly, year: int) -> _Dates | None:
    """The dates of ``spec`` in ``year`` (a season or "winter" may run into the next year)."""
    if spec.month is None:
        first, last = spec.month_run or (1, MONTHS_PER_YEAR)
        return dt.date(year, first, 1), month_end(year, last)
    if spec.day is not None:
        start, end = (
            safe_date(year, spec.month, spec.day),
            safe_date(year, spec.month, spec.day_end or spec.day),
        )
        return (start, end) if start is not None and end is not None else None
    if spec.months > 1:
        offset = spec.season_part or 0
        first_year, first_month = shift_month(year, spec.month, offset)
        last_offset = spec.season_part if spec.season_part is not None else spec.months - 1
        last_year, last_month = shift_month(year, spec.month, last_offset)
        return dt.date(first_year, first_month, 1), month_end(last_year, last_month)
    if spec.days is not None:
        return _month_part(spec.days, year, spec.month)
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
    if spec.which is None:
        return None
    if spec.which < 0:  # the latest one already over: "last summer" said in July is a year ago
        return _search_years(spec, back, lambda dates: dates[1] < anchor)
    if spec.which > 0:
        return _search_years(spec, ahead, lambda dates: dates[0] > anchor)
    if spec.which == 0:  # the one under way ("this winter" in January), else this calendar year's
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
    if spec.which is not None and spec.which < 0 and day == anchor:
        day -= dt.timedelta(days=DAYS_PER_WEEK)
    elif spec.which is not None and spec.which > 0:
        day += dt.timedelta(days=DAYS_PER_WEEK)
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


def _find_hits(text: str, g: TimeGrammar) -> list[_Hit]:
    """Every rule's matches at the candidate starts, then the longest of overlapping ones.

    Ties go to the earlier rule of :attr:`TimeGrammar.rules`.
    """
    hits = [
        _Hit(match.start(), match.end(), when, rank)
        for start, kind in _candidate_starts(text, g).items()
        for rank, rule in g.rules_by_kind[kind]
        if (match := rule.pattern.match(text, start)) is not None
        and (when := rule.build(match, g)) is not None
    ]
    hits.sort(key=lambda hit: (hit.start - hit.end, hit.rank, hit.start))
    chosen: list[_Hit] = []
    for hit in hits:
        if all(hit.end <= other.start or other.end <= hit.start for other in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda hit: hit.start)


def find_time_mentions(
    text: str, anchor: dt.date | None, language: Language | None = None
) -> list[TimeMention]:
    """Return every time expression of ``text``, resolved against ``anchor`` where it needs one.

        >>> find_time_mentions("said on Tuesday", dt.date(2025, 2, 27))[0].period.start
        datetime.date(2025, 2, 25)

    The words are those of ``language`` if given, else of the active pack (the one
    :func:`claims.lang.speaking` set; English outside it), read once per call.

    1. a cheap prefilter: no month, weekday, season, year or relative word -> nothing;
    2. every rule's matches near those words, overlaps settled longest first;
    3. each description resolved against the anchor (None where the anchor is needed and unknown).
    """
    mentions: list[TimeMention] = []
    grammar = load_time_grammar(language)
    for hit in _find_hits(text, grammar):
        words = text[hit.start : hit.end]
        dates = _resolve(hit.when, anchor)
        period = Period(dates[0], dates[1], words) if dates is not None else None
        mentions.append(TimeMention(hit.start, hit.end, words, period, _is_point(hit.when)))
    return mentions
