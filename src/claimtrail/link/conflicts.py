"""Updates and contradictions among the estimates of one story, measure, actor and population.

    >>> for conflict in find_conflicts(store.timeline(filters)):
    ...     print(conflict.kind, conflict.reason, conflict.why)

Two estimates (facts as one source gave them) are compared only when they count
the same thing: the same **story** (rows with no story only with each other),
measure and actor (a row with no actor counts its story's one named actor of
that measure), and the same **counted population** (:func:`population`): a
part -- a batch ("another 1,000", "a second deployment of 4,000", one day's
deaths), a subgroup ("of whom", "including 51 children", "remain critically
wounded"), one place of several ("Ohio alone", "3 deaths each") -- and a plan
("would send 6,000") are never set against a whole; a counted noun other than a
general one ("people", "deaths", "troops") is a population of its own (men,
women, Egyptians), and ``other`` figures compare only when their counted nouns
match. A figure holds as of its statement day, else its document's publication
day (:func:`said_on`); figures of one document are of one day. Then two of them
whose figures differ are:

1. an **update** when one counting body gave both (sources compare by
   :func:`claimtrail.names.name_key`, a short form, an acronym, a name's head or
   another spelling read as the one full name of the story it stands for,
   :func:`source_aliases`), over one period (or one with none and one up to its
   own day), and the later revises the earlier: a later day (a toll is a figure
   *as of* its day), or, undated, the figure its sentence says it changed from
   ("from 79 to 78") or, for tolls that only grow (ACCUMULATING_MEASURES), the
   figures' order; never a later figure that still holds the earlier ("over
   700" after 711). Only consecutive revisions are listed (27 -> 41 -> 45 gives two);
2. a **contradiction** when two named sources (not "reports", "the
   authorities": GENERIC_SOURCE_WORDS) give figures for the same period (both
   unknown, or the same days within PERIOD_SLACK_DAYS) as of days within
   CONTEMPORARY_DAYS -- an undated one only in its own document or in a story
   whose figures of that measure and actor span one news cycle -- whose value
   intervals do not overlap and whose figures are rivals (less than RIVAL_RATIO
   apart). Bounds are the spec's: an open side is infinite, so "at least 300"
   agrees with "600"; a count "so far" is open above; an approximate figure
   widens by APPROX_TOLERANCE; a word magnitude ("hundreds") contradicts nothing.
   Each pair of disagreeing figures is listed once, the first time two different
   sources gave them.

Each conflict carries a :class:`~claimtrail.models.ConflictWhy`: each test it passed, in words.

Pure functions over :class:`TimelineRow`; the store finds the rows. The cost
is a numpy mask over the pairs of a group (capped at MAX_ROWS_PER_GROUP) plus
a few microseconds per listed conflict.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt

from ..models import Conflict, ConflictWhy, TimelineRow
from ..names import name_key


@dataclass(frozen=True)
class _Words:
    """One language's table of ``link/data/conflicts.toml``."""

    table: dict[str, Any]

    def words(self, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.table[key])

    def pattern(self, key: str) -> re.Pattern[str]:
        return re.compile(self.table[key], re.IGNORECASE)


def _load_words(language: str) -> _Words:
    """The link stage's words of ``language`` (a table of ``data/conflicts.toml``)."""
    tables = tomllib.loads(files(__package__).joinpath("data", "conflicts.toml").read_text("utf-8"))
    return _Words(tables[language])


__all__ = [
    "ACCUMULATING_MEASURES",
    "ANCHOR_ROWS",
    "APPROX_TOLERANCE",
    "CONTEMPORARY_DAYS",
    "GENERIC_SOURCE_WORDS",
    "MAX_ROWS_PER_GROUP",
    "PERIOD_SLACK_DAYS",
    "REVISION_LOOKBACK_ROWS",
    "RIVAL_RATIO",
    "document_bodies",
    "find_conflicts",
    "intervals_overlap",
    "is_named",
    "periods_overlap",
    "population",
    "said_on",
    "source_aliases",
    "source_key",
]

# Every pair of a group's estimates is compared up to this many estimates
# (4 million pairs, tens of milliseconds as numpy masks). A measure and actor
# of a real story have hundreds of estimates; beyond this the group is a
# synthetic or mislabelled pile where all pairs would be slow and unreadable.
MAX_ROWS_PER_GROUP = 2_000

# A group larger than MAX_ROWS_PER_GROUP is compared only against the estimates
# of its most-claimed facts, at most this many: the figures that many reports
# repeat are the ones whose disagreement a reader needs to see.
ANCHOR_ROWS = 500

# A source's figure revises the latest of its earlier figures for an overlapping
# period, searched among at most this many: a source that reports each day's
# figure for that day (disjoint periods) would otherwise make every figure
# search all the earlier ones.
REVISION_LOOKBACK_ROWS = 100

# Measures whose counts only grow as reports come in (a toll is a figure as of a day):
# of one body's two figures of such a measure, one of them undated (no statement or
# publication day), the larger is the later. Missing, displaced and other counts also
# fall (the missing are found), so their undated figures are ordered by nothing.
ACCUMULATING_MEASURES = frozenset({"killed", "wounded", "casualties"})

# The pair masks of one chunk of rows against the anchors hold at most this many cells.
_CHUNK_CELLS = 4_000_000

# Up to this many pairs of facts (2,000 facts; 32 MB), the first contradiction of
# each pair is kept in a table instead of sorting every contradicting pair.
_DENSE_FACT_PAIRS = 4_000_000

# Two sources' figures contradict only when stated within this many days of each
# other: a toll is a figure as of its statement date, and tolls of a disaster or a
# war climb daily, so 300 on Monday and 650 a fortnight later from another body
# is the toll rising. A week covers the same news cycle (a ministry's and a
# rights group's counts of one crackdown, published days apart).
CONTEMPORARY_DAYS = 7

# Two sources' figures are rival counts of one whole only when the larger is at most
# this many times the smaller: a figure under half another of the same story is, in
# the dev corpus, a part of it (one state's toll against the storm's, one county's
# against the nation's, a strike's dead against the war's, one fire's against all
# fires: 2.2x to 3x) far more often than a rival count; the rival counts a reader
# judged true differ by at most 1.85x (41 against at least 76 killed; 400 against 600).
RIVAL_RATIO = 2.0

# "around", "nearly", "some" figures are roundings: two figures within this share of
# the larger, one of them approximate, are one estimate rounded two ways ("11,000"
# and "nearly 12,000" troops), not rival counts (3,000 and 4,000 differ by a quarter).
APPROX_TOLERANCE = 0.1
_APPROXIMATE = frozenset({"approx", "nearly"})

# Two given periods are the same period when their starts and ends differ by at
# most this many days: "since 1 August" and "since early August" are one count,
# "in October" and "since the war began" are not.
PERIOD_SLACK_DAYS = 3


# How far before a figure its sentence is read for the words of a part (conflicts.toml).
PART_CONTEXT_CHARS = 40
# How far before a figure its sentence is read for the words of a plan (conflicts.toml).
PLAN_CONTEXT_CHARS = 60

# The forms whose figure has an open side, whichever way the fact stores its bounds:
# "at least 300" is a point fact of 300, but as an estimate it is [300, inf).
_OPEN_HIGH = frozenset({"at_least", "more_than"})
_OPEN_LOW = frozenset({"up_to", "at_most"})
_UNATTRIBUTED = "unattributed"
# The words the rules read in a claim's text and sentence (parts, plans, counts under
# way, generic sources, acronyms): data, one table per language (link/data/conflicts.toml).
_WORDS = _load_words("en")
_FROM_FIGURE = _WORDS.pattern("from_figure")
GENERAL_COUNTED = _WORDS.words("general_counted")
_PART_BEFORE = _WORDS.pattern("part_before")
_PARTITIVE_BEFORE = _WORDS.pattern("partitive_before")
_PART_AFTER = _WORDS.pattern("part_after")
_PART_WORDS = _WORDS.pattern("part_words")
_PLANNED_BEFORE = _WORDS.pattern("planned_before")
_SO_FAR = _WORDS.pattern("so_far")
_ACRONYM_SKIP = _WORDS.words("acronym_skip")
_GENERIC_NAME_WORDS = _WORDS.words("generic_name_words")
GENERIC_SOURCE_WORDS = _WORDS.words("generic_source_words")
# Two words of one name are one when one is the other with at most this many letters
# added and both have at least NAME_STEM_LETTERS: transliterations of one name
# ("Syrsky" and "Syrskyi", "Zelensky" and "Zelenskyy"), never two names ("Iran", "Iraq").
NAME_ENDING_LETTERS = 2
NAME_STEM_LETTERS = 5
_ASIDE = re.compile(r"\([^)]*\)")
_NAME_WORDS = re.compile(r"[\w&-]+")


def source_key(name: str | None) -> str | None:
    """A source name compared by :func:`claimtrail.names.name_key` (the store's key), ``None`` for none.

    >>> source_key("the U.S. Defense Department") == source_key("US defense department")
    True
    """
    return name_key(name) or None


def _lemma(noun: str) -> str:
    """A counted noun compared without case, determiner or plural s: "Buildings" and "building"."""
    key = name_key(noun)
    return key[:-1] if key.endswith("s") and not key.endswith("ss") and len(key) > 3 else key


def is_part(row: TimelineRow) -> bool:
    """Whether the row's evidence counts a part of a larger figure (a batch, a subgroup, one
    place of several) or a plan rather than a count."""
    return _is_part(row.text or "", row.quote)


@lru_cache(maxsize=65_536)
def _is_part(text: str, quote: str) -> bool:
    # Cached: a ledger repeats a sentence for each of its figures and across runs.
    if text and _PART_WORDS.search(text):
        return True
    at = quote.find(text) if text else -1
    if at < 0:
        return False
    before = quote[max(0, at - PART_CONTEXT_CHARS) : at]
    return bool(
        _PART_BEFORE.search(before)
        or _PARTITIVE_BEFORE.search(quote[:at])
        or _PLANNED_BEFORE.search(quote[max(0, at - PLAN_CONTEXT_CHARS) : at])
        or _PART_AFTER.match(quote[at + len(text) :])
    )


def population(row: TimelineRow) -> str | None:
    """What a row counts, as a key two rows share when they count the same thing; ``None`` for a part.

    A whole figure of a general noun is "" (or "@place" for one place's); a
    contingent is its noun ("children", "egyptian@gaza"). ``other`` figures
    are always their noun, and one without a counted noun compares with nothing.
    """
    if is_part(row):
        return None
    counted = _lemma(row.counted) if row.counted else ""
    if row.measure == "other":
        if not counted:
            return None
    elif counted in GENERAL_COUNTED or (row.counted and name_key(row.counted) in GENERAL_COUNTED):
        counted = ""
    place = name_key(row.location)
    return f"{counted}@{place}" if place else counted


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _ACRONYM_SKIP)


def _core(name: str) -> list[str]:
    """A source name's words that tell one body from another: its key without a bracketed
    aside ("Iran Human Rights (IHR) NGO") or generic words ("officials", "country", "NGO")."""
    return [w for w in name_key(_ASIDE.sub(" ", name)).split() if w not in _GENERIC_NAME_WORDS]


def _head(words: Sequence[str]) -> Sequence[str]:
    """A name's words before its first "of": "general staff" of "general staff of the armed forces"."""
    return words[: words.index("of")] if "of" in words[1:] else words


def _one_spelling(names: dict[str, list[str]]) -> dict[str, list[str]]:
    """``names`` with the spellings of one word made one: a word that is another plus at most
    NAME_ENDING_LETTERS letters (NAME_STEM_LETTERS shared) is that other ("syrskyi" -> "syrsky")."""
    words = sorted({w for ws in names.values() for w in ws}, key=lambda w: (len(w), w))
    stem: dict[str, str] = {}
    for n, word in enumerate(words):
        for shorter in words[:n]:
            if (
                len(shorter) >= NAME_STEM_LETTERS
                and 0 < len(word) - len(shorter) <= NAME_ENDING_LETTERS
                and word.startswith(shorter)
            ):
                stem[word] = stem.get(shorter, shorter)
                break
    return {key: [stem.get(w, w) for w in ws] for key, ws in names.items()}


def _stands_for(own: Sequence[str], other: Sequence[str], own_key: str, other_key: str) -> bool:
    """Whether the name of words ``own`` is a short form of the name of words ``other``: all
    its words in it and the same last word as it or as its head, or its initials."""
    if own == other:  # two spellings of one name: the longer key stands for both
        return (len(other_key), other_key) > (len(own_key), own_key)
    if len(own) == 1 and len(own[0]) >= 2 and _acronym(other) == own[0]:
        return True
    return (
        len(other) >= len(own)
        and own[-1] in (other[-1], _head(other)[-1])
        and set(own) <= set(other)
        and (len(other), other_key) > (len(own), own_key)
    )


def source_aliases(names: Sequence[str | None]) -> dict[str, str]:
    """The full name key each short form among ``names`` (one story's sources) stands for.

    A key stands for another when the other holds all its words and ends in the
    same word, or its head does ("ministry", "health ministry" -> "bangladesh
    health ministry"; "staff" -> "general staff of the armed forces"; words such
    as "officials", "country" and a bracketed aside left out), when it is one word
    made of the other's initials ("dghs" -> "directorate general of health
    services"), or when it is another spelling of it ("oleksandr syrsky" ->
    "oleksandr syrskyi"); only when every candidate is a longer form of one name
    (never "ministry" for both a health and an interior ministry).
    """
    raw: dict[str, str] = {}
    for name in names:
        if name and (key := name_key(name)):
            raw.setdefault(key, name)
    keys = sorted(raw)
    words = _one_spelling({k: _core(raw[k]) for k in keys})
    aliases: dict[str, str] = {}
    for key in keys:
        own = words[key]
        if not own:
            continue
        candidates = [o for o in keys if o != key and words[o] and _stands_for(own, words[o], key, o)]
        if not candidates:
            continue
        longest = max(candidates, key=lambda k: (len(words[k]), k))
        if all(
            set(words[c]) <= set(words[longest]) or _acronym(words[longest]) == own[0] for c in candidates
        ):
            aliases[key] = longest
    return aliases


def intervals_overlap(
    a_low: float | None, a_high: float | None, b_low: float | None, b_high: float | None
) -> bool:
    """Whether two closed value intervals share a point; a ``None`` bound is infinite."""
    return (a_low is None or b_high is None or a_low <= b_high) and (
        b_low is None or a_high is None or b_low <= a_high
    )


def periods_overlap(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    """Whether two inclusive periods share a day; an unknown period (or side) overlaps everything."""
    return (a_start is None or b_end is None or a_start <= b_end) and (
        b_start is None or a_end is None or b_start <= a_end
    )


def find_conflicts(rows: Sequence[TimelineRow]) -> list[Conflict]:
    """Updates and contradictions among ``rows``, by measure, actor, story and earlier statement date.

    ``rows`` may mix stories, measures, actors and populations; only estimates
    of the same story, measure, actor (``None`` is an actor of its own, actors
    compare case-insensitively) and counted population are compared, and parts
    of a larger figure with nothing. Each pair of disagreeing figures is listed
    once as a contradiction: the first time two different sources gave them.
    """
    aliases: dict[str | None, _Aliases] = {}
    for story, story_rows in _stories(rows).items():
        by_name = source_aliases([r.source for r in story_rows])
        aliases[story] = _Aliases(by_name, document_bodies(story_rows, by_name))
    groups = _groups(rows)
    days: dict[tuple[str | None, str, str | None], list[dt.date]] = defaultdict(list)
    for key, group in groups.items():
        days[key[:3]].extend(day for r in group if (day := said_on(r)) is not None)
    found: list[Conflict] = []
    for key, group in sorted(groups.items(), key=lambda item: _group_order(item[0])):
        found.extend(_group_conflicts(group, aliases[key[0]], one_cycle=_one_cycle(days[key[:3]])))
    return found


def _group_conflicts(group: Sequence[TimelineRow], aliases: _Aliases, *, one_cycle: bool) -> list[Conflict]:
    """The conflicts of one story, measure, actor and population, by earlier day, contradictions first;
    ``one_cycle``: the known days of the story's figures of that measure and actor lie within
    CONTEMPORARY_DAYS (see :func:`_contemporary`)."""
    # 1. Estimates in the order of their days: an index pair (x < y) is (earlier, later).
    keyed = sorted(((_body(r, aliases), r) for r in group), key=lambda kr: _row_order(*kr))
    keys = [k for k, _ in keyed]
    ordered = [r for _, r in keyed]
    # 2. The pairs, as indexes.
    pairs: list[tuple[int, int, int, str]] = [
        (x, 0, y, "") for x, y in _contradiction_pairs(ordered, keys, one_cycle=one_cycle)
    ]
    pairs += [(r.earlier, 1, r.later, r.order) for r in _update_pairs(ordered, keys)]
    pairs.sort()
    # 3. Conflicts, each estimate's figure written once.
    figures = [_figure(r) for r in ordered]
    return [
        _update(ordered[x], ordered[y], figures[x], figures[y], keys[y], order)
        if kind
        else _contradiction(ordered[x], ordered[y], figures[x], figures[y])
        for x, kind, y, order in pairs
    ]


def _body(row: TimelineRow, aliases: _Aliases) -> str | None:
    """The counting body a row's source stands for: a short form read as its story's full name,
    else a name of no one ("the authorities") read as its document's one named body, else its key."""
    key = source_key(row.source)
    if key is None:
        return None
    return aliases.by_name.get(key) or aliases.by_document.get((row.document, key)) or key


@dataclass(frozen=True)
class _Aliases:
    """One story's name readings: short forms (:func:`source_aliases`) and, per document, its
    unnamed sources' one named body (:func:`document_bodies`)."""

    by_name: dict[str, str]
    by_document: dict[tuple[str | None, str], str]


def document_bodies(
    rows: Sequence[TimelineRow], by_name: dict[str, str]
) -> dict[tuple[str | None, str], str]:
    """(document, source key) -> body for each source that names no one ("the authorities",
    "officials": not :func:`is_named`) in a document whose figures name exactly one body
    ("The Interior Ministry stated ... the toll announced by the authorities")."""
    named: dict[str, set[str]] = defaultdict(set)
    unnamed: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = source_key(row.source)
        if row.document is None or key is None:
            continue
        if is_named(key):
            named[row.document].add(by_name.get(key, key))
        else:
            unnamed[row.document].add(key)
    return {
        (document, key): next(iter(named[document]))
        for document, keys in unnamed.items()
        if len(named[document]) == 1
        for key in keys
    }


# --- grouping and order ---

# Story, measure, actor (casefolded) and counted population.
_GroupKey = tuple[str | None, str, str | None, str]


def _stories(rows: Sequence[TimelineRow]) -> dict[str | None, list[TimelineRow]]:
    stories: dict[str | None, list[TimelineRow]] = defaultdict(list)
    for row in rows:
        stories[row.story].append(row)
    return stories


def _groups(rows: Sequence[TimelineRow]) -> dict[_GroupKey, list[TimelineRow]]:
    """Rows by story, measure, actor (compared case-insensitively) and population; parts left out.

    A row with no actor counts the story's one actor of that measure when its story names
    just one ("the toll rose to 12" in a story whose every named toll is Lebanon's); with
    none or several named, it stays a group of its own.
    """
    actors: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.actor:
            actors[(row.story, row.measure)].add(row.actor.casefold())
    groups: dict[_GroupKey, list[TimelineRow]] = defaultdict(list)
    for row in rows:
        counted = population(row)
        if counted is None:
            continue
        named = actors.get((row.story, row.measure), set())
        if row.actor:
            actor: str | None = row.actor.casefold()
        elif row.story is not None and len(named) == 1:
            actor = next(iter(named))
        else:
            actor = None
        groups[(row.story, row.measure, actor, counted)].append(row)
    return groups


def _group_order(key: _GroupKey) -> tuple[str, bool, str, bool, str, str]:
    """Groups by measure, then actor (the unknown actor last), story (none last) and population."""
    return (key[1], key[2] is None, key[2] or "", key[0] is None, key[0] or "", key[3])


def _row_order(key: str | None, row: TimelineRow) -> tuple[bool, dt.date, str, str, str]:
    """Estimates by the day they hold as of (unknown last), then source, fact and quote."""
    day = said_on(row)
    return (day is None, day or dt.date.min, key or "", row.fact, row.quote)


def said_on(row: TimelineRow) -> dt.date | None:
    """The day an estimate's figure holds as of: its statement date, else (an undated
    statement) its document's publication date, else ``None``."""
    return row.stated_on or row.published


# --- figures as a reader reads them ---


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def bounds(row: TimelineRow) -> tuple[float | None, float | None]:
    """An estimate's value interval, ``None`` an open side: its evidence's form opens a point fact's
    bound ("at least 300" is [300, open), though its fact is the point 300)."""
    form = row.stated_as or row.qualifier
    low, high = row.low, row.high
    if form in _OPEN_HIGH or (form not in _OPEN_LOW and counted_so_far(row)):
        high = None
    elif form in _OPEN_LOW:
        low = None
    return low, high


def counted_so_far(row: TimelineRow) -> bool:
    """Whether the figure's sentence calls it a count still under way ("so far they could list
    524 dead"): its body has not said the toll is that, only that it is at least that."""
    return _so_far(row.text or "", row.quote)


@lru_cache(maxsize=65_536)
def _so_far(text: str, quote: str) -> bool:
    at = quote.find(text) if text else -1
    if at < 0:
        return False
    start = max(quote.rfind(end, 0, at) for end in ".!?") + 1
    stops = [i for i in (quote.find(end, at + len(text)) for end in ".!?") if i >= 0]
    return bool(_SO_FAR.search(quote[start : min(stops, default=len(quote))]))


def _figure(row: TimelineRow) -> str:
    """An estimate's bounds as words: "600", "more than 10,000", "up to 4,000", "1,000-3,000"."""
    low, high = bounds(row)
    form = row.stated_as or row.qualifier
    if low is None:
        if high is None:
            return "an unknown figure"
        return f"{'at most' if form == 'at_most' else 'up to'} {_number(high)}"
    if high is None:
        if form not in _OPEN_HIGH:
            return f"{_number(low)} so far"
        return f"{'more than' if form == 'more_than' else 'at least'} {_number(low)}"
    if low == high:
        return _number(low)
    return f"{_number(low)}-{_number(high)}"


# --- updates: one source's consecutive revisions ---


@dataclass(frozen=True)
class _Revision:
    """An index pair (earlier, later) of one body's estimates, and how their order is known."""

    earlier: int
    later: int
    order: str  # "dated", "stated" (the later sentence says "from X to Y") or "grows"


def _update_pairs(ordered: Sequence[TimelineRow], keys: Sequence[str | None]) -> list[_Revision]:
    """Each estimate against its body's latest earlier estimates for an overlapping period;
    an undated one (no statement or publication day) where its sentence or its measure orders it."""
    by_body: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if key is not None:
            by_body[key].append(index)
    found: dict[tuple[int, int], _Revision] = {}
    for indexes in by_body.values():
        dated = [i for i in indexes if said_on(ordered[i]) is not None]
        for position, later in enumerate(dated):
            lookback = dated[max(0, position - REVISION_LOOKBACK_ROWS) : position]
            for earlier in _predecessors(ordered, lookback, later):
                if ordered[earlier].fact != ordered[later].fact:
                    found.setdefault((earlier, later), _Revision(earlier, later, "dated"))
        undated = [i for i in indexes if said_on(ordered[i]) is None]
        if undated:
            body = indexes[-REVISION_LOOKBACK_ROWS:]
            by_figure = sorted((v, i) for i in body if (v := _point(ordered[i])) is not None)
            for index in undated:
                for revision in _undated_revisions(ordered, body, by_figure, index):
                    found.setdefault((revision.earlier, revision.later), revision)
    kept = (r for r in found.values() if not _restates(ordered[r.earlier], ordered[r.later]))
    return sorted(kept, key=lambda r: (r.earlier, r.later))


def _restates(earlier: TimelineRow, later: TimelineRow) -> bool:
    """Whether the later figure, as given, holds the earlier one ("over 700" after 711
    captured says the count is still about that, not that it changed), or, in one document,
    either holds the other ("passes 1,000" in its headline, 1,033 in its text: one count)."""
    return _holds(later, earlier) or (
        earlier.document is not None and earlier.document == later.document and _holds(earlier, later)
    )


def _holds(row: TimelineRow, other: TimelineRow) -> bool:
    """Whether ``row``'s interval, as given, holds ``other``'s figure."""
    value = _point(other)
    low, high = bounds(row)
    return value is not None and (low is None or low <= value) and (high is None or value <= high)


def _undated_revisions(
    ordered: Sequence[TimelineRow], body: Sequence[int], by_figure: Sequence[tuple[float, int]], undated: int
) -> list[_Revision]:
    """An undated estimate's place among its body's other estimates of its period: after the
    figure its sentence says it changed from ("revised the toll from 79 to 78"), else, in a
    measure whose counts only grow (ACCUMULATING_MEASURES), between the nearest smaller and
    larger figures (``by_figure``: the body's (figure, index) pairs in figure order)."""
    this = ordered[undated]

    def counts_alike(i: int) -> bool:
        return i != undated and ordered[i].fact != this.fact and same_count(ordered[i], this, same_end=False)

    was = _changed_from(this)
    if was is not None:
        return [
            _Revision(i, undated, "stated") for i in body if _point(ordered[i]) == was and counts_alike(i)
        ]
    value = _point(this)
    if this.measure not in ACCUMULATING_MEASURES or value is None:
        return []
    at = bisect.bisect_left(by_figure, (value, -1))
    smaller = next((i for v, i in reversed(by_figure[:at]) if v < value and counts_alike(i)), None)
    larger = next((i for v, i in by_figure[at:] if v > value and counts_alike(i)), None)
    found = []
    if smaller is not None:
        found.append(_Revision(smaller, undated, "grows"))
    if larger is not None:
        found.append(_Revision(undated, larger, "grows"))
    return found


def _point(row: TimelineRow) -> float | None:
    """One figure for an estimate: its low bound, else its high one."""
    return row.low if row.low is not None else row.high


def _changed_from(row: TimelineRow) -> float | None:
    """The figure a row's sentence says its figure changed from: 79 in "from 79 to 78"."""
    text = row.text or ""
    at = row.quote.find(text) if text else -1
    found = _FROM_FIGURE.search(row.quote[max(0, at - PART_CONTEXT_CHARS) : at]) if at >= 0 else None
    return float(found.group(1).replace(",", "")) if found else None


def same_count(a: TimelineRow, b: TimelineRow, *, same_end: bool) -> bool:
    """Whether two estimates count over one period: both unknown, both given with starts
    (and, ``same_end``, ends) within PERIOD_SLACK_DAYS (a toll "since August" as of March
    and as of April is one count), or one unknown and the other a count up to its own day
    ("since the operation began", as of that day): a toll with no period is one to date."""
    a_none = a.period_start is None and a.period_end is None
    b_none = b.period_start is None and b.period_end is None
    if a_none and b_none:
        return True
    if a_none or b_none:
        return _to_date(b if a_none else a)
    return _near(a.period_start, b.period_start) and (not same_end or _near(a.period_end, b.period_end))


def _to_date(row: TimelineRow) -> bool:
    """Whether a row's period ends (within PERIOD_SLACK_DAYS) on the day it holds as of."""
    day = said_on(row)
    return day is not None and _near(row.period_end, day)


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and abs((a - b).days) <= PERIOD_SLACK_DAYS
    )


def _predecessors(ordered: Sequence[TimelineRow], earlier: Sequence[int], later: int) -> list[int]:
    """Of the ``earlier`` estimates (in order of their days), those of the latest day before
    ``later``'s that count over its period (see :func:`same_count`)."""
    this = ordered[later]
    found: list[int] = []
    latest: dt.date | None = None
    for index in reversed(earlier):
        row = ordered[index]
        day = said_on(row)
        if day is None or day == said_on(this):
            continue
        if latest is not None and day < latest:
            break
        if same_count(row, this, same_end=False):
            found.append(index)
            latest = day
    return found[::-1]


def _update(
    earlier: TimelineRow, later: TimelineRow, old: str, new: str, body: str | None, order: str
) -> Conflict:
    first, second = said_on(earlier), said_on(later)
    reason = f"{later.source} revised {old} to {new} ({first or 'undated'} -> {second or 'undated'})"
    names = sorted({n for n in (earlier.source, later.source) if n})
    sources = f"one counting body ({body}): " + " = ".join(f"{n!r}" for n in names)
    if order == "dated":
        assert first is not None and second is not None
        figures = f"{old} as of {first}, {new} as of {second} ({(second - first).days} days later)"
    elif order == "stated":
        figures = f"{old}, then {new}: the later sentence says the figure changed from {old}"
    else:
        figures = (
            f"{old}, then {new}: one undated, ordered by the figures, as a {later.measure} toll only grows"
        )
    why = _why(earlier, later, sources, figures)
    return Conflict("update", later.measure, later.actor, earlier, later, reason, why, later.story)


def _why(earlier: TimelineRow, later: TimelineRow, sources: str, figures: str) -> ConflictWhy:
    counted = ", ".join(sorted({r.counted or "(no noun)" for r in (earlier, later)}))
    place = earlier.location or later.location
    return ConflictWhy(
        story=f"same story: {earlier.story}" if earlier.story else "no story known for either",
        measure=f"{earlier.measure} of {earlier.actor or 'an unnamed actor'}",
        population=f"the whole count of {counted}"
        + (f" in {place}" if place else "")
        + " (neither is a batch or a part)",
        periods=_periods(earlier, later),
        sources=sources,
        bounds=figures,
    )


def _periods(earlier: TimelineRow, later: TimelineRow) -> str:
    if earlier.period_start is None and earlier.period_end is None:
        return "no period given for either: each a figure as of its statement date"
    return f"{earlier.period_start} to {earlier.period_end}; {later.period_start} to {later.period_end}"


# --- contradictions: different sources, overlapping periods, disjoint figures ---


@dataclass(frozen=True)
class _Columns:
    """A group's estimates as numpy columns; unknown bounds and periods are infinite."""

    low: npt.NDArray[np.float64]  # an approximate figure's widened by APPROX_TOLERANCE
    high: npt.NDArray[np.float64]
    given_low: npt.NDArray[np.float64]  # as given, for RIVAL_RATIO
    given_high: npt.NDArray[np.float64]
    start: npt.NDArray[np.float64]
    end: npt.NDArray[np.float64]
    said: npt.NDArray[np.float64]  # statement day; unknown is NaN, contemporary with nothing
    source: npt.NDArray[np.int64]  # unattributed rows get a negative id of their own
    doc: npt.NDArray[np.int64]  # the evidence's document; an unknown one gets a negative id of its own
    fact: npt.NDArray[np.int64]


def _columns(rows: Sequence[TimelineRow], keys: Sequence[str | None]) -> _Columns:
    sources: dict[str, int] = {}
    facts: dict[str, int] = {}
    docs: dict[str, int] = {}

    def bound(value: float | None, default: float) -> float:
        return default if value is None else float(value)

    def day(value: dt.date | None, default: float) -> float:
        return default if value is None else float(value.toordinal())

    def source(index: int, key: str | None) -> int:
        # A row no contradiction can hold gets a negative id of its own: no source, a source
        # that names no one (GENERIC_SOURCE_WORDS), or a word for a magnitude ("hundreds").
        if key is None or not is_named(key) or (rows[index].stated_as or rows[index].qualifier) == "vague":
            return -1 - index
        return sources.setdefault(key, len(sources))

    given = [bounds(r) for r in rows]
    spans = [_approximate(r, span) for r, span in zip(rows, given, strict=True)]
    return _Columns(
        low=np.array([bound(low, -math.inf) for low, _ in spans], dtype=np.float64),
        high=np.array([bound(high, math.inf) for _, high in spans], dtype=np.float64),
        given_low=np.array([bound(low, -math.inf) for low, _ in given], dtype=np.float64),
        given_high=np.array([bound(high, math.inf) for _, high in given], dtype=np.float64),
        start=np.array([day(r.period_start, math.nan) for r in rows], dtype=np.float64),
        end=np.array([day(r.period_end, math.nan) for r in rows], dtype=np.float64),
        said=np.array([day(said_on(r), math.nan) for r in rows], dtype=np.float64),
        source=np.array([source(i, k) for i, k in enumerate(keys)], dtype=np.int64),
        doc=np.array(
            [
                -1 - i if r.document is None else docs.setdefault(r.document, len(docs))
                for i, r in enumerate(rows)
            ],
            dtype=np.int64,
        ),
        fact=np.array([facts.setdefault(r.fact, len(facts)) for r in rows], dtype=np.int64),
    )


def _approximate(
    row: TimelineRow, span: tuple[float | None, float | None]
) -> tuple[float | None, float | None]:
    """An approximate figure's bounds widened by APPROX_TOLERANCE each way ("around 750": 675-825)."""
    low, high = span
    if (row.stated_as or row.qualifier) not in _APPROXIMATE:
        return span
    return (
        None if low is None else low * (1 - APPROX_TOLERANCE),
        None if high is None else high * (1 + APPROX_TOLERANCE),
    )


@lru_cache(maxsize=65_536)
def is_named(key: str) -> bool:
    """Whether a source's name key names a body: a word of it is not in GENERIC_SOURCE_WORDS."""
    return any(word not in GENERIC_SOURCE_WORDS for word in key.split())


def _anchors(ordered: Sequence[TimelineRow]) -> npt.NDArray[np.int64]:
    """The indexes every row is compared with: all of them, or in a large group the most-claimed facts'."""
    if len(ordered) <= MAX_ROWS_PER_GROUP:
        return np.arange(len(ordered), dtype=np.int64)
    claims: dict[str, int] = defaultdict(int)
    for row in ordered:
        claims[row.fact] += row.claims
    rank = {fact: n for n, fact in enumerate(sorted(claims, key=lambda f: (-claims[f], f)))}
    by_rank = sorted(range(len(ordered)), key=lambda i: (rank[ordered[i].fact], i))
    return np.array(sorted(by_rank[:ANCHOR_ROWS]), dtype=np.int64)


def _contradiction_pairs(
    ordered: Sequence[TimelineRow], keys: Sequence[str | None], *, one_cycle: bool
) -> list[tuple[int, int]]:
    """Index pairs (earlier, later) of estimates that contradict each other, the first per pair of facts."""
    cols = _columns(ordered, keys)
    facts = int(cols.fact.max()) + 1 if len(ordered) else 0
    chunks = _contradicting_chunks(cols, _anchors(ordered), one_cycle=one_cycle)
    return _first_per_fact_pair(chunks, facts, len(ordered))


def _contradicting_chunks(
    cols: _Columns, anchors: npt.NDArray[np.int64], *, one_cycle: bool
) -> Iterator[_Hits]:
    """The contradicting pairs, a chunk of rows (against every anchor) at a time."""
    rows = len(cols.fact)
    is_anchor = np.zeros(rows, dtype=bool)
    is_anchor[anchors] = True
    j = anchors[None, :]
    step = max(1, _CHUNK_CELLS // max(1, len(anchors)))
    for first in range(0, rows, step):
        i = np.arange(first, min(first + step, rows), dtype=np.int64)[:, None]
        # Each unordered pair once: anchors among themselves by index, other rows against every anchor.
        once = (i < j) | (~is_anchor[i] & (i != j))
        mask = (
            once
            & (cols.fact[i] != cols.fact[j])
            & (cols.source[i] != cols.source[j])
            & (cols.source[i] >= 0)
            & (cols.source[j] >= 0)
            & _rivals(cols, i, j)
            & ((cols.high[i] < cols.low[j]) | (cols.high[j] < cols.low[i]))
            & _same_period(cols, i, j)
            & _contemporary(cols, i, j, one_cycle=one_cycle)
        )
        a, b = np.nonzero(mask)
        x, y = i[a, 0], anchors[b]
        earlier, later = np.minimum(x, y), np.maximum(x, y)
        fact_x, fact_y = cols.fact[earlier], cols.fact[later]
        yield _Hits(
            pair=np.minimum(fact_x, fact_y) * (int(cols.fact.max()) + 1) + np.maximum(fact_x, fact_y),
            order=earlier * rows + later,
        )


def _same_period(cols: _Columns, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Pairs that count over one period: both unknown, both given and the same within
    PERIOD_SLACK_DAYS, or one given that holds the other's statement day (a figure as of
    a day within it; an undated one could be)."""
    known_i, known_j = ~np.isnan(cols.start[i]), ~np.isnan(cols.start[j])
    with np.errstate(invalid="ignore"):
        same = (np.abs(cols.start[i] - cols.start[j]) <= PERIOD_SLACK_DAYS) & (
            np.abs(cols.end[i] - cols.end[j]) <= PERIOD_SLACK_DAYS
        )
        holds_j = np.isnan(cols.said[j]) | ((cols.start[i] <= cols.said[j]) & (cols.said[j] <= cols.end[i]))
        holds_i = np.isnan(cols.said[i]) | ((cols.start[j] <= cols.said[i]) & (cols.said[i] <= cols.end[j]))
    return (
        (~known_i & ~known_j)
        | (known_i & known_j & same)
        | (known_i & ~known_j & holds_j)
        | (~known_i & known_j & holds_i)
    )


def _rivals(cols: _Columns, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Pairs whose larger figure is less than RIVAL_RATIO times the smaller, as given (an open
    side counts as its given one, so "up to 4,000" and "more than 4,500" compare)."""
    low_i = np.where(np.isinf(cols.given_low[i]), cols.given_high[i], cols.given_low[i])
    low_j = np.where(np.isinf(cols.given_low[j]), cols.given_high[j], cols.given_low[j])
    high_i = np.where(np.isinf(cols.given_high[i]), cols.given_low[i], cols.given_high[i])
    high_j = np.where(np.isinf(cols.given_high[j]), cols.given_low[j], cols.given_high[j])
    with np.errstate(invalid="ignore", divide="ignore"):
        close: npt.NDArray[np.bool_] = np.maximum(low_i, low_j) < RIVAL_RATIO * np.minimum(high_i, high_j)
    rivals: npt.NDArray[np.bool_] = close | np.isinf(low_i + low_j)
    return rivals


def _contemporary(
    cols: _Columns, i: npt.NDArray[np.int64], j: npt.NDArray[np.int64], *, one_cycle: bool
) -> npt.NDArray[np.bool_]:
    """Figures of one document, or of days within CONTEMPORARY_DAYS. An unknown day (no
    statement or publication day) could be any day of its group: contemporary with another
    document's only when the group's known days are ``one_cycle`` (all within
    CONTEMPORARY_DAYS); in a group spanning months it cannot be placed."""
    a, b = cols.said[i], cols.said[j]
    with np.errstate(invalid="ignore"):
        near = np.abs(a - b) <= CONTEMPORARY_DAYS
    same: npt.NDArray[np.bool_] = near | (cols.doc[i] == cols.doc[j])
    if one_cycle:
        return same | np.isnan(a) | np.isnan(b)
    return same


def _one_cycle(days: Sequence[dt.date]) -> bool:
    """Whether known days all lie within CONTEMPORARY_DAYS of each other (one news cycle)."""
    return not days or (max(days) - min(days)).days <= CONTEMPORARY_DAYS


@dataclass(frozen=True)
class _Hits:
    """Contradicting index pairs: the unordered pair of facts of each, and its statement order
    (``earlier * rows + later``, from which both indexes come back)."""

    pair: npt.NDArray[np.int64]
    order: npt.NDArray[np.int64]


def _first_per_fact_pair(chunks: Iterator[_Hits], facts: int, rows: int) -> list[tuple[int, int]]:
    """Of the contradicting pairs, the first (in statement order) of each unordered pair of facts."""
    if facts * facts <= _DENSE_FACT_PAIRS:
        # A table of every pair of facts, kept at the minimum order seen: no sort of the hits.
        none = np.iinfo(np.int64).max
        table = np.full(facts * facts, none, dtype=np.int64)
        for hits in chunks:
            np.minimum.at(table, hits.pair, hits.order)
        chosen = table[table != none]
    else:
        collected = list(chunks)
        pair = np.concatenate([h.pair for h in collected])
        order = np.concatenate([h.order for h in collected])
        by_pair = np.lexsort((order, pair))
        pair, order = pair[by_pair], order[by_pair]
        chosen = order[np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])] if len(pair) else order
    chosen.sort()
    return list(zip((chosen // rows).tolist(), (chosen % rows).tolist(), strict=True))


def _contradiction(earlier: TimelineRow, later: TimelineRow, first: str, second: str) -> Conflict:
    reason = f"{first} ({earlier.source or _UNATTRIBUTED}) vs {second} ({later.source or _UNATTRIBUTED})"
    sources = f"different sources: {earlier.source or _UNATTRIBUTED!r}; {later.source or _UNATTRIBUTED!r}"
    a, b = said_on(earlier), said_on(later)
    if a is None or b is None:
        when = "one undated"
    else:
        when = f"stated {(b - a).days} day(s) apart (at most {CONTEMPORARY_DAYS})"
        if earlier.stated_on is None or later.stated_on is None:
            when += ", an undated statement as of its publication day"
    figures = f"{first} and {second} do not overlap, {when}"
    why = _why(earlier, later, sources, figures)
    return Conflict(
        "contradiction", earlier.measure, earlier.actor, earlier, later, reason, why, earlier.story
    )
