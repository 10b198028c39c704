"""Query-planner tuning, in one place: which index a query is steered to, and when a page walks its order.

    >>> walks_claims(Filters(text="troops", limit=50))
    True
    >>> claim_order("-value")
    'COALESCE(c.value_low, c.value_high, -1e300) DESC, c.id DESC'

The queries (:mod:`.reads`) mean the same whatever is chosen here; only their
speed depends on it. The indexes these choices count on are created by the
schema scripts (``data/*_v3.sql``, ``data/*_v4.sql``), which name the very
expressions below (``dated_first``, ``SORT_KEYS``), and SQLite's page cache is
set here (``SQLITE_PRAGMAS``). PostgreSQL runs with its server's own planner
settings; the queries steer it only through ``materialized``. Neither backend
runs ``ANALYZE``: the steering below does not depend on statistics.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..models import Filters, check_claim_sort

__all__ = [
    "CACHE_KIB",
    "CURRENT_INDEXED",
    "SORT_KEYS",
    "SQLITE_PRAGMAS",
    "UNDATED",
    "WALK_ROWS",
    "claim_order",
    "counts_through_current_index",
    "date_sort_key",
    "dated_first",
    "materialized",
    "pages_through_current_index",
    "story_order",
    "unfiltered",
    "walk_rows",
    "walks_claims",
]

# A page of claims or of the timeline whose filter the order's index does not hold
# (a text search; a measure, source or date range with a figure or date sort) is
# first looked for by walking the order itself, at most this many rows: that answers
# at once when matches are common, since a page of 50 needs only one row in 100 to
# match. Finding less than a page, the query reads the (then rare) matches through
# the filter's own index and sorts them. On the 1,000,000-claim benchmark ledger a
# walk of 5,000 rows takes about 15 ms, and a filter it fails matches under 1% of
# the rows walked, which the filter's index reads and sorts in tens of ms, where
# walking the whole order for a rare match took up to 0.4 s and sorting a common
# one's matches up to 0.9 s (bench/serve.py, claims page).
WALK_ROWS = 5000

# Page cache per SQLite connection (SQLite's default is 2 MiB): refreshing the facts
# of a large ledger reads claims all over the file, and 128 MiB holds a million
# claims' index pages; memory is only taken as pages are read.
CACHE_KIB = 131_072
SQLITE_PRAGMAS = (f"PRAGMA cache_size = -{CACHE_KIB}",)

# Where undated estimates and claims sort: after every real date.
UNDATED = "9999-12-31"

# The expression each claims order sorts on, ascending and descending: the missing
# values of both directions sort last through a sentinel, and the schema indexes
# these very expressions (data/*_v3.sql). Ties keep the order claims were stored in.
SORT_KEYS = {
    "stated_on": (f"COALESCE(c.stated_on, '{UNDATED}')", "COALESCE(c.stated_on, '0001-01-01')"),
    "value": ("COALESCE(c.value_low, c.value_high, 1e300)", "COALESCE(c.value_low, c.value_high, -1e300)"),
}

# The current-claims condition written as an equality: SQLite then reads matching
# claims from the (current, measure, actor) or (source, current) index instead of
# the whole table (1.2 s -> 14 ms to count a measure of the 1,000,000-claim
# benchmark ledger). A date range or a text search is read off its own index,
# which that equality would steer the planner away from; row queries keep the bare
# ``c.current`` unless a measure is asked for, which leaves SQLite free to walk the
# sort order.
CURRENT_INDEXED = "c.current = TRUE"

_NO_FILTER = Filters(limit=0)


def dated_first(a: str) -> str:
    """Statement dates in order, undated last, alike in SQLite (NULL first) and PostgreSQL (NULL last).

    The estimates indexes are built on this very expression, so ordering by it
    reads an index instead of sorting.
    """
    return f"COALESCE({a}.stated_on, '{UNDATED}')"


def story_order(a: str) -> str:
    """The stories' order, the latest last published first, undated last: the stories_last index (data/*_v5.sql)."""
    return f"COALESCE({a}.last_published, '0001-01-01') DESC, {a}.id"


def claim_order(sort: str) -> str:
    """The ORDER BY of a claims query for ``sort`` (``-`` in front: descending); missing values last."""
    name = check_claim_sort(sort)
    descending = sort.startswith("-")
    direction = "DESC" if descending else "ASC"
    if name == "stored":
        return f"c.id {direction}"
    ascending_key, descending_key = SORT_KEYS[name]
    return f"{descending_key if descending else ascending_key} {direction}, c.id {direction}"


def date_sort_key(sort: str) -> str | None:
    """The expression a date-sorted claims query orders by, so a date range can be put on it too; else None.

    Its index then reads the range in order (the same claims: a claim in range has a date).
    """
    if check_claim_sort(sort) != "stated_on":
        return None
    return SORT_KEYS["stated_on"][sort.startswith("-")]


def pages_through_current_index(filters: Filters) -> bool:
    """Whether a page of claims writes the current condition as CURRENT_INDEXED: when a measure is asked for."""
    return filters.measure is not None


def counts_through_current_index(filters: Filters) -> bool:
    """Whether counting claims writes the current condition as CURRENT_INDEXED (see there).

    Not for an outlet or a language alone: their documents are read off their own
    index (documents_outlet, documents_language) and then their claims, where the
    equality made SQLite walk every current claim and look up its document (on the
    1,000,000-claim benchmark ledger: the top outlet 4.6 s -> 0.12 s, a language of
    1 % of documents 5.3 s -> 8 ms, one of 89 % 3.6 s -> 0.34 s).
    """
    by_document = filters.outlet or filters.language
    return bool(
        filters.measure
        or filters.source
        or not (filters.since or filters.until or filters.text or by_document)
    )


def walks_claims(filters: Filters) -> bool:
    """Whether a claims page first walks its order (see WALK_ROWS): a filter no index holds in that order."""
    if filters.offset + filters.limit > WALK_ROWS:
        return False
    if filters.text is not None:
        return True
    sort = check_claim_sort(filters.sort)
    if filters.since is not None or filters.until is not None:
        # A date range sorted by date is read off the sort's index (see date_sort_key).
        return sort != "stated_on" or not unfiltered(filters, since=None, until=None)
    if sort == "value" and filters.measure is not None:
        return False  # a measure's claims by figure (data/*_v4.sql)
    if sort == "stored" and filters.measure is not None and filters.actor is not None:
        return False  # a measure and actor's claims in stored order (claims_measure)
    return not unfiltered(filters)


def walk_rows(filters: Filters) -> int:
    """How many rows a walk reads (WALK_ROWS), at least a page's worth for large pages (chart, conflicts)."""
    return max(WALK_ROWS, filters.offset + filters.limit)


def unfiltered(filters: Filters, **ignored: Any) -> bool:
    """Whether ``filters`` filter nothing but pages and sorts (nor the ``ignored`` fields set to None)."""
    return replace(filters, limit=0, offset=0, sort="stored", **ignored) == _NO_FILTER


def materialized(name: str, query: str) -> str:
    """``WITH name AS MATERIALIZED (query)``: its rows found first, so that no planner walks an order instead.

    Used where the matches are rare in the order asked for; PostgreSQL's planner
    would otherwise walk that order, counting on matches spread evenly.
    """
    return f"WITH {name} AS MATERIALIZED ({query}) "
