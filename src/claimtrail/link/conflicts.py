"""Updates and contradictions among the estimates of one measure and actor.

    >>> for conflict in find_conflicts(store.timeline(filters)):
    ...     print(conflict.kind, conflict.reason)

Two estimates (facts as one source gave them) of the same measure and actor
whose figures differ are:

1. an **update** when one source gave both and the later statement revises the
   earlier one: a strictly later statement date, a period that overlaps (or is
   unknown). Only consecutive revisions are listed (27 -> 41 -> 45 gives two);
2. a **contradiction** when different sources (the outlet's own, unattributed
   voice counts as a source of its own) give figures for overlapping (or unknown)
   periods whose value intervals do not overlap. Bounds are the spec's: an open
   side is infinite, so "more than 10,000" [10000, inf) agrees with "11,000".
   Each pair of disagreeing figures is listed once, the first time two different
   sources gave them: ten outlets repeating 600 against ten repeating 400 is one
   disagreement, not a hundred.

Pure functions over :class:`TimelineRow`; the store finds the rows. The cost
is a numpy mask over the pairs of a group (capped at MAX_ROWS_PER_GROUP) plus
one to two microseconds per listed conflict: 500 estimates of 125 figures take
about 10 ms, 500 estimates of 500 figures (20,000 conflicts) about 30 ms.
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

from ..models import Conflict, TimelineRow

__all__ = [
    "ANCHOR_ROWS",
    "MAX_ROWS_PER_GROUP",
    "REVISION_LOOKBACK_ROWS",
    "find_conflicts",
    "intervals_overlap",
    "periods_overlap",
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

_DETERMINERS = frozenset({"the", "a", "an"})
_NAME_WORD = re.compile(r"[\w&-]+")
_UNATTRIBUTED = "unattributed"


def source_key(name: str | None) -> str | None:
    """A source name compared case-insensitively, without a leading determiner or dots.

    >>> source_key("the U.S. Defense Department") == source_key("US defense department")
    True
    """
    if name is None:
        return None
    words = _NAME_WORD.findall(name.casefold().replace(".", ""))
    if len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words) or None


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
    """Updates and contradictions among ``rows``, by measure, actor and earlier statement date.

    ``rows`` may mix measures and actors; only estimates of the same measure and
    actor (``None`` is an actor of its own, actors compare case-insensitively)
    are compared. Each pair of disagreeing figures is listed once as a
    contradiction: the first time two different sources gave them.
    """
    found: list[Conflict] = []
    for _, group in sorted(_groups(rows).items(), key=lambda item: _group_order(item[0])):
        found.extend(_group_conflicts(group))
    return found


def _group_conflicts(group: Sequence[TimelineRow]) -> list[Conflict]:
    """The conflicts of one measure and actor, by earlier statement, contradictions first."""
    # 1. Estimates in statement order: an index pair (x < y) is (earlier, later).
    keyed = sorted(((source_key(r.source), r) for r in group), key=lambda kr: _row_order(*kr))
    keys = [k for k, _ in keyed]
    ordered = [r for _, r in keyed]
    # 2. The pairs, as indexes.
    pairs = [(x, 0, y) for x, y in _contradiction_pairs(ordered, keys)]
    pairs += [(x, 1, y) for x, y in _update_pairs(ordered, keys)]
    pairs.sort()
    # 3. Conflicts, each estimate's figure written once.
    figures = [_figure(r) for r in ordered]
    return [
        _update(ordered[x], ordered[y], figures[x], figures[y])
        if kind
        else _contradiction(ordered[x], ordered[y], figures[x], figures[y])
        for x, kind, y in pairs
    ]


# --- grouping and order ---

_GroupKey = tuple[str, str | None]


def _groups(rows: Sequence[TimelineRow]) -> dict[_GroupKey, list[TimelineRow]]:
    """Rows by measure and actor (actors compared case-insensitively)."""
    groups: dict[_GroupKey, list[TimelineRow]] = defaultdict(list)
    for row in rows:
        groups[(row.measure, row.actor.casefold() if row.actor else None)].append(row)
    return groups


def _group_order(key: _GroupKey) -> tuple[str, bool, str]:
    """Groups by measure, then actor, the unknown actor last."""
    return (key[0], key[1] is None, key[1] or "")


def _row_order(key: str | None, row: TimelineRow) -> tuple[bool, dt.date, str, str, str]:
    """Estimates by statement date (unknown last), then source, fact and quote."""
    return (row.stated_on is None, row.stated_on or dt.date.min, key or "", row.fact, row.quote)


# --- figures as a reader reads them ---


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _figure(row: TimelineRow) -> str:
    """An estimate's bounds as words: "600", "more than 10,000", "up to 4,000", "1,000-3,000"."""
    low, high = row.low, row.high
    if low is None:
        if high is None:
            return "an unknown figure"
        return f"{'at most' if row.qualifier == 'at_most' else 'up to'} {_number(high)}"
    if high is None:
        return f"{'more than' if row.qualifier == 'more_than' else 'at least'} {_number(low)}"
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


def _predecessors(ordered: Sequence[TimelineRow], earlier: Sequence[int], later: int) -> list[int]:
    """Of the ``earlier`` estimates (in statement order), those of the latest date before
    ``later``'s whose periods overlap it."""
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
        if periods_overlap(row.period_start, row.period_end, this.period_start, this.period_end):
            found.append(index)
            latest = day
    return found[::-1]


def _update(earlier: TimelineRow, later: TimelineRow, old: str, new: str) -> Conflict:
    reason = f"{later.source} revised {old} to {new} ({earlier.stated_on} -> {later.stated_on})"
    return Conflict("update", later.measure, later.actor, earlier, later, reason)


# --- contradictions: different sources, overlapping periods, disjoint figures ---


@dataclass(frozen=True)
class _Columns:
    """A group's estimates as numpy columns; unknown bounds and periods are infinite."""

    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]
    start: npt.NDArray[np.float64]
    end: npt.NDArray[np.float64]
    source: npt.NDArray[np.int64]  # unattributed rows get a negative id of their own
    fact: npt.NDArray[np.int64]


def _columns(rows: Sequence[TimelineRow], keys: Sequence[str | None]) -> _Columns:
    sources: dict[str, int] = {}
    facts: dict[str, int] = {}

    def bound(value: float | None, default: float) -> float:
        return default if value is None else float(value)

    def day(value: dt.date | None, default: float) -> float:
        return default if value is None else float(value.toordinal())

    return _Columns(
        low=np.array([bound(r.low, -math.inf) for r in rows], dtype=np.float64),
        high=np.array([bound(r.high, math.inf) for r in rows], dtype=np.float64),
        start=np.array([day(r.period_start, -math.inf) for r in rows], dtype=np.float64),
        end=np.array([day(r.period_end, math.inf) for r in rows], dtype=np.float64),
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
            & ((cols.high[i] < cols.low[j]) | (cols.high[j] < cols.low[i]))
            & (cols.start[i] <= cols.end[j])
            & (cols.start[j] <= cols.end[i])
        )
        a, b = np.nonzero(mask)
        x, y = i[a, 0], anchors[b]
        earlier, later = np.minimum(x, y), np.maximum(x, y)
        fact_x, fact_y = cols.fact[earlier], cols.fact[later]
        yield _Hits(
            pair=np.minimum(fact_x, fact_y) * (int(cols.fact.max()) + 1) + np.maximum(fact_x, fact_y),
            order=earlier * rows + later,
        )


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
    return Conflict("contradiction", earlier.measure, earlier.actor, earlier, later, reason)
