"""Updates and contradictions among the estimates of one story, measure, actor and population.

    >>> for conflict in find_conflicts(store.timeline(filters)):
    ...     print(conflict.kind, conflict.reason, conflict.why)

Two estimates (facts as one source gave them) are compared only when they count
the same thing: the same **story** (rows with no story only with each other),
measure and actor, and the same **counted population** (:func:`population`): a
part -- a batch ("another 1,000", "3,000 additional troops"), a subgroup ("of
whom", "including 51 children", "of the dead"), one region of several -- is
never set against its whole; a counted noun other than a general one ("people",
"deaths", "troops") is a population of its own (men, women, Egyptians), and
``other`` figures compare only when their counted nouns match. Then two of them
whose figures differ are:

1. an **update** when one counting body gave both (sources compare by
   :func:`claimtrail.names.name_key`, a short form such as "the ministry" or an
   acronym read as the one full name of the story it stands for,
   :func:`source_aliases`) and the later statement revises the earlier one: a
   strictly later statement date, the same period start (or both unknown): a
   toll is a figure *as of* its statement date. Only consecutive revisions are
   listed (27 -> 41 -> 45 gives two);
2. a **contradiction** when different sources give figures for the same period
   (both unknown, or the same days within PERIOD_SLACK_DAYS), stated within
   CONTEMPORARY_DAYS of each other, whose value intervals do not overlap. Bounds
   are the spec's: an open side is infinite, so "at least 300" agrees with
   "600". Each pair of disagreeing figures is listed once, the first time two
   different sources gave them.

Each conflict carries a :class:`~claimtrail.models.ConflictWhy`: each test it passed, in words.

Pure functions over :class:`TimelineRow`; the store finds the rows. The cost
is a numpy mask over the pairs of a group (capped at MAX_ROWS_PER_GROUP) plus
a few microseconds per listed conflict.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..models import Conflict, ConflictWhy, TimelineRow
from ..names import name_key

__all__ = [
    "ANCHOR_ROWS",
    "CONTEMPORARY_DAYS",
    "MAX_ROWS_PER_GROUP",
    "PERIOD_SLACK_DAYS",
    "REVISION_LOOKBACK_ROWS",
    "RIVAL_RATIO",
    "find_conflicts",
    "intervals_overlap",
    "periods_overlap",
    "population",
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
# this many times the smaller: a figure under a third of another of the same story
# is, in the dev corpus, a part of it (one state's toll against the storm's, one
# raid's dead against the war's, a batch against the force) far more often than a
# rival count; the rival counts a reader judged true differ by up to 3x (4,000
# against 12,000 troops deployed; 3,000 against 4,700 casualties).
RIVAL_RATIO = 3.0

# Two given periods are the same period when their starts and ends differ by at
# most this many days: "since 1 August" and "since early August" are one count,
# "in October" and "since the war began" are not.
PERIOD_SLACK_DAYS = 3

# Counted nouns that name a whole toll rather than a contingent of it: a figure
# counting these is the whole ("600 people", "the death toll", "3,000 troops").
# Any other counted noun ("children", "women", "Egyptians", "officers") is a
# contingent compared only with figures of the same noun.
GENERAL_COUNTED = frozenset(
    {
        "people", "person", "persons", "individual", "individuals", "death", "deaths", "dead",
        "death toll", "toll", "fatality", "fatalities", "casualty", "casualties", "victim", "victims",
        "body", "bodies", "life", "lives", "number", "total", "soldier", "soldiers", "troop", "troops",
        "personnel", "servicemen", "serviceman", "military personnel", "forces", "killing", "killings",
        "injury", "injuries", "injured", "wounded", "pilgrims", "pilgrim", "migrants", "migrant",
    }
)  # fmt: skip

# Words right before a figure (within PART_CONTEXT_CHARS of its sentence, no
# sentence break between) that make it a part of a larger figure: a batch added
# to earlier ones ("another batch of around 1,500", "an additional 15,384"), a
# subgroup of a total ("including 500 officers", "of whom 22", "Of those, 22").
_PART_BEFORE = re.compile(
    r"\b(includ\w*|another|additional|further|of whom|of them|of those|of which|among them|among whom"
    r"|among the dead|among the victims)\b[^.;:!?]*$",
    re.IGNORECASE,
)
# ... and words in or right after it: "At least 323 of the dead", "1,000 of them", "were among".
_PART_AFTER = re.compile(
    r"^\s*(of (whom|them|those|the (dead|deaths|victims|killed|injured|wounded|missing))\b|were among\b"
    r"|are among\b|among (the|them)\b)",
    re.IGNORECASE,
)
_PART_WORDS = re.compile(
    r"\b(another|additional|further|more)\b|\bof (whom|them|those|the (dead|deaths|victims|killed|injured|wounded|missing))\b",
    re.IGNORECASE,
)
PART_CONTEXT_CHARS = 40

# The forms whose figure has an open side, whichever way the fact stores its bounds:
# "at least 300" is a point fact of 300, but as an estimate it is [300, inf).
_OPEN_HIGH = frozenset({"at_least", "more_than"})
_OPEN_LOW = frozenset({"up_to", "at_most"})
# Words that do not make up an acronym's letters ("Directorate General of Health Services": DGHS).
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "to", "&"})
_UNATTRIBUTED = "unattributed"
# Words of a source name that do not tell one body from another ("DGHS officials" is DGHS).
_GENERIC_NAME_WORDS = frozenset(
    {"officials", "official", "spokesman", "spokesperson", "country", "report", "reports"}
)
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
    """Whether the row's evidence counts a part of a larger figure: a batch or a subgroup."""
    text = row.text or ""
    if text and _PART_WORDS.search(text):
        return True
    at = row.quote.find(text) if text else -1
    if at < 0:
        return False
    before = row.quote[max(0, at - PART_CONTEXT_CHARS) : at]
    return bool(_PART_BEFORE.search(before) or _PART_AFTER.match(row.quote[at + len(text) :]))


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


def _core(key: str) -> list[str]:
    """A name key's words that tell one body from another: without a bracketed aside
    ("main directorate of intelligence (ukraine)") or generic words ("officials", "country")."""
    return [w for w in _NAME_WORDS.findall(_ASIDE.sub(" ", key)) if w not in _GENERIC_NAME_WORDS]


def source_aliases(names: Sequence[str | None]) -> dict[str, str]:
    """The full name key each short form among ``names`` (one story's sources) stands for.

    A key stands for another when the other holds all its words and ends in the
    same word ("ministry", "health ministry" -> "bangladesh health ministry";
    words such as "officials", "country" and a bracketed aside left out), or
    when it is one word made of the other's initials ("dghs" -> "directorate
    general of health services"); only when every candidate is a longer form of
    one name (never "ministry" for both a health and an interior ministry).
    """
    keys = sorted({k for k in map(name_key, names) if k})
    words = {k: _core(k) for k in keys}
    aliases: dict[str, str] = {}
    for key in keys:
        own = words[key]
        if not own:
            continue
        candidates = [
            other
            for other in keys
            if other != key
            and words[other]
            and (
                (
                    len(words[other]) >= len(own)
                    and words[other][-1] == own[-1]
                    and set(own) <= set(words[other])
                    and (len(words[other]), other) > (len(own), key)
                )
                or (len(own) == 1 and len(own[0]) >= 2 and _acronym(words[other]) == own[0])
            )
        ]
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
    aliases = {
        story: source_aliases([r.source for r in story_rows]) for story, story_rows in _stories(rows).items()
    }
    found: list[Conflict] = []
    for key, group in sorted(_groups(rows).items(), key=lambda item: _group_order(item[0])):
        found.extend(_group_conflicts(group, aliases[key[0]]))
    return found


def _group_conflicts(group: Sequence[TimelineRow], aliases: dict[str, str]) -> list[Conflict]:
    """The conflicts of one story, measure, actor and population, by earlier statement, contradictions first."""
    # 1. Estimates in statement order: an index pair (x < y) is (earlier, later).
    keyed = sorted(((_body(r.source, aliases), r) for r in group), key=lambda kr: _row_order(*kr))
    keys = [k for k, _ in keyed]
    ordered = [r for _, r in keyed]
    # 2. The pairs, as indexes.
    pairs = [(x, 0, y) for x, y in _contradiction_pairs(ordered, keys)]
    pairs += [(x, 1, y) for x, y in _update_pairs(ordered, keys)]
    pairs.sort()
    # 3. Conflicts, each estimate's figure written once.
    figures = [_figure(r) for r in ordered]
    return [
        _update(ordered[x], ordered[y], figures[x], figures[y], keys[y])
        if kind
        else _contradiction(ordered[x], ordered[y], figures[x], figures[y])
        for x, kind, y in pairs
    ]


def _body(source: str | None, aliases: dict[str, str]) -> str | None:
    """The counting body a source name stands for: its key, a short form read as its story's full name."""
    key = source_key(source)
    return None if key is None else aliases.get(key, key)


# --- grouping and order ---

# Story, measure, actor (casefolded) and counted population.
_GroupKey = tuple[str | None, str, str | None, str]


def _stories(rows: Sequence[TimelineRow]) -> dict[str | None, list[TimelineRow]]:
    stories: dict[str | None, list[TimelineRow]] = defaultdict(list)
    for row in rows:
        stories[row.story].append(row)
    return stories


def _groups(rows: Sequence[TimelineRow]) -> dict[_GroupKey, list[TimelineRow]]:
    """Rows by story, measure, actor (compared case-insensitively) and population; parts left out."""
    groups: dict[_GroupKey, list[TimelineRow]] = defaultdict(list)
    for row in rows:
        counted = population(row)
        if counted is not None:
            groups[(row.story, row.measure, row.actor.casefold() if row.actor else None, counted)].append(row)
    return groups


def _group_order(key: _GroupKey) -> tuple[str, bool, str, bool, str, str]:
    """Groups by measure, then actor (the unknown actor last), story (none last) and population."""
    return (key[1], key[2] is None, key[2] or "", key[0] is None, key[0] or "", key[3])


def _row_order(key: str | None, row: TimelineRow) -> tuple[bool, dt.date, str, str, str]:
    """Estimates by statement date (unknown last), then source, fact and quote."""
    return (row.stated_on is None, row.stated_on or dt.date.min, key or "", row.fact, row.quote)


# --- figures as a reader reads them ---


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def bounds(row: TimelineRow) -> tuple[float | None, float | None]:
    """An estimate's value interval, ``None`` an open side: its evidence's form opens a point fact's
    bound ("at least 300" is [300, open), though its fact is the point 300)."""
    form = row.stated_as or row.qualifier
    low, high = row.low, row.high
    if form in _OPEN_HIGH:
        high = None
    elif form in _OPEN_LOW:
        low = None
    return low, high


def _figure(row: TimelineRow) -> str:
    """An estimate's bounds as words: "600", "more than 10,000", "up to 4,000", "1,000-3,000"."""
    low, high = bounds(row)
    form = row.stated_as or row.qualifier
    if low is None:
        if high is None:
            return "an unknown figure"
        return f"{'at most' if form == 'at_most' else 'up to'} {_number(high)}"
    if high is None:
        return f"{'more than' if form == 'more_than' else 'at least'} {_number(low)}"
    if low == high:
        return _number(low)
    return f"{_number(low)}-{_number(high)}"


# --- updates: one source's consecutive revisions ---


def _update_pairs(ordered: Sequence[TimelineRow], keys: Sequence[str | None]) -> list[tuple[int, int]]:
    """Each dated estimate against its source's latest earlier estimates for an overlapping period."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, (key, row) in enumerate(zip(keys, ordered, strict=True)):
        if key is not None and row.stated_on is not None:
            by_source[key].append(index)
    pairs = []
    for indexes in by_source.values():
        for position, later in enumerate(indexes):
            lookback = indexes[max(0, position - REVISION_LOOKBACK_ROWS) : position]
            for earlier in _predecessors(ordered, lookback, later):
                if ordered[earlier].fact != ordered[later].fact:
                    pairs.append((earlier, later))
    return pairs


def same_count(a: TimelineRow, b: TimelineRow, *, same_end: bool) -> bool:
    """Whether two estimates count over one period: both unknown, or both given with starts
    (and, ``same_end``, ends) within PERIOD_SLACK_DAYS; a toll "since August" as of March
    and as of April is one count."""
    if (a.period_start is None and a.period_end is None) or (b.period_start is None and b.period_end is None):
        return (a.period_start, a.period_end, b.period_start, b.period_end) == (None, None, None, None)
    return _near(a.period_start, b.period_start) and (not same_end or _near(a.period_end, b.period_end))


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and abs((a - b).days) <= PERIOD_SLACK_DAYS
    )


def _predecessors(ordered: Sequence[TimelineRow], earlier: Sequence[int], later: int) -> list[int]:
    """Of the ``earlier`` estimates (in statement order), those of the latest date before
    ``later``'s that count over its period (see :func:`same_count`)."""
    this = ordered[later]
    found: list[int] = []
    latest: dt.date | None = None
    for index in reversed(earlier):
        row = ordered[index]
        day = row.stated_on
        if day is None or day == this.stated_on:
            continue
        if latest is not None and day < latest:
            break
        if same_count(row, this, same_end=False):
            found.append(index)
            latest = day
    return found[::-1]


def _update(earlier: TimelineRow, later: TimelineRow, old: str, new: str, body: str | None) -> Conflict:
    reason = f"{later.source} revised {old} to {new} ({earlier.stated_on} -> {later.stated_on})"
    names = sorted({n for n in (earlier.source, later.source) if n})
    sources = f"one counting body ({body}): " + " = ".join(f"{n!r}" for n in names)
    assert earlier.stated_on is not None and later.stated_on is not None  # updates are dated
    days = (later.stated_on - earlier.stated_on).days
    why = _why(
        earlier,
        later,
        sources,
        f"{old} as of {earlier.stated_on}, {new} as of {later.stated_on} ({days} days later)",
    )
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

    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]
    start: npt.NDArray[np.float64]
    end: npt.NDArray[np.float64]
    said: npt.NDArray[np.float64]  # statement day; unknown is NaN, contemporary with nothing
    source: npt.NDArray[np.int64]  # unattributed rows get a negative id of their own
    fact: npt.NDArray[np.int64]


def _columns(rows: Sequence[TimelineRow], keys: Sequence[str | None]) -> _Columns:
    sources: dict[str, int] = {}
    facts: dict[str, int] = {}

    def bound(value: float | None, default: float) -> float:
        return default if value is None else float(value)

    def day(value: dt.date | None, default: float) -> float:
        return default if value is None else float(value.toordinal())

    spans = [bounds(r) for r in rows]
    return _Columns(
        low=np.array([bound(low, -math.inf) for low, _ in spans], dtype=np.float64),
        high=np.array([bound(high, math.inf) for _, high in spans], dtype=np.float64),
        start=np.array([day(r.period_start, math.nan) for r in rows], dtype=np.float64),
        end=np.array([day(r.period_end, math.nan) for r in rows], dtype=np.float64),
        said=np.array([day(r.stated_on, math.nan) for r in rows], dtype=np.float64),
        source=np.array(
            [-1 - i if k is None else sources.setdefault(k, len(sources)) for i, k in enumerate(keys)],
            dtype=np.int64,
        ),
        fact=np.array([facts.setdefault(r.fact, len(facts)) for r in rows], dtype=np.int64),
    )


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


def _contradiction_pairs(ordered: Sequence[TimelineRow], keys: Sequence[str | None]) -> list[tuple[int, int]]:
    """Index pairs (earlier, later) of estimates that contradict each other, the first per pair of facts."""
    cols = _columns(ordered, keys)
    facts = int(cols.fact.max()) + 1 if len(ordered) else 0
    return _first_per_fact_pair(_contradicting_chunks(cols, _anchors(ordered)), facts, len(ordered))


def _contradicting_chunks(cols: _Columns, anchors: npt.NDArray[np.int64]) -> Iterator[_Hits]:
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
            & _contemporary(cols.said[i], cols.said[j])
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
    """Pairs whose larger figure is at most RIVAL_RATIO times the smaller (an open side
    counts as its given one, so "up to 4,000" and "more than 4,500" compare)."""
    low_i = np.where(np.isinf(cols.low[i]), cols.high[i], cols.low[i])
    low_j = np.where(np.isinf(cols.low[j]), cols.high[j], cols.low[j])
    high_i = np.where(np.isinf(cols.high[i]), cols.low[i], cols.high[i])
    high_j = np.where(np.isinf(cols.high[j]), cols.low[j], cols.high[j])
    with np.errstate(invalid="ignore", divide="ignore"):
        close: npt.NDArray[np.bool_] = np.maximum(low_i, low_j) <= RIVAL_RATIO * np.minimum(high_i, high_j)
    rivals: npt.NDArray[np.bool_] = close | np.isinf(low_i + low_j)
    return rivals


def _contemporary(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Statement days within CONTEMPORARY_DAYS; an unknown day could be any, so it is."""
    with np.errstate(invalid="ignore"):
        return np.isnan(a) | np.isnan(b) | (np.abs(a - b) <= CONTEMPORARY_DAYS)


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
    if earlier.stated_on is None or later.stated_on is None:
        when = "one statement undated"
    else:
        when = (
            f"stated {(later.stated_on - earlier.stated_on).days} day(s) apart (at most {CONTEMPORARY_DAYS})"
        )
    figures = f"{first} and {second} do not overlap, {when}"
    why = _why(earlier, later, sources, figures)
    return Conflict(
        "contradiction", earlier.measure, earlier.actor, earlier, later, reason, why, earlier.story
    )
