"""The ledger's columns, declared once: they drive the INSERT and SELECT lists and reading rows by name.

    >>> CLAIMS.insert_sql()
    'document_id, original_id, run_id, current, span_start, ...'
    >>> record = claim_record(row)      # a row of CLAIM_RECORD.sql, read by column name

The tables themselves are created by the versioned scripts in ``data/``
(a ledger's history cannot be regenerated from today's list); a test checks
that every migrated ledger has exactly the columns declared here. A new column
(such as a claim's story) is one name in a table below, one value in the
row its writer builds, and, if readers need it, one field in the mapping.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..models import TIMELINE_COLUMNS, Claim, ClaimRecord, FactRow, Period, TimelineRow, Value
from .base import DocumentInfo

__all__ = [
    "CLAIMS",
    "CLAIM_RECORD",
    "DOCUMENTS",
    "DOCUMENT_INFO",
    "DOCUMENT_VIEW",
    "ESTIMATES",
    "FACTS",
    "FACT_ROW",
    "STORIES",
    "TIMELINE",
    "Row",
    "Select",
    "Table",
    "claim_record",
    "document_info",
    "fact_row",
    "read_date",
    "read_datetime",
    "timeline_row",
    "timeline_series_value",
]

Row = tuple[Any, ...]
DateReader = Callable[[Any], "dt.date | None"]


@dataclass(frozen=True)
class Table:
    """A ledger table's columns in the schema's order; ``generated`` ones the database fills in."""

    name: str
    columns: tuple[str, ...]
    generated: frozenset[str] = frozenset()

    @property
    def written(self) -> tuple[str, ...]:
        """The columns an INSERT gives, in order."""
        return tuple(c for c in self.columns if c not in self.generated)

    def insert_sql(self) -> str:
        """The INSERT column list: ``a, b, c``."""
        return ", ".join(self.written)

    def marks(self) -> str:
        """One ``?`` placeholder per written column."""
        return ", ".join("?" * len(self.written))

    def select(self, alias: str, names: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """``names`` (by default every column) qualified with ``alias``, for a :class:`Select`."""
        chosen = self.columns if names is None else names
        unknown = [n for n in chosen if n not in self.columns]
        if unknown:
            raise ValueError(
                f"table {self.name} has no column {', '.join(unknown)}; it has {', '.join(self.columns)}"
            )
        return tuple(f"{alias}.{n}" for n in chosen)


@dataclass(frozen=True)
class Select:
    """A SELECT list of qualified columns and the position of each (unqualified) name in its rows."""

    columns: tuple[str, ...]
    at: Mapping[str, int] = field(init=False)

    def __post_init__(self) -> None:
        names = [c.rpartition(".")[2] for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"a select list names a column twice: {', '.join(self.columns)}")
        object.__setattr__(self, "at", {n: i for i, n in enumerate(names)})

    @property
    def sql(self) -> str:
        return ", ".join(self.columns)


# --- the tables ---

DOCUMENTS = Table(
    "documents",
    (
        "id", "doc", "title", "outlet", "outlet_key", "published", "language", "url", "origin", "text",
        "copy_of", "signature", "ingested_at", "claims_count", "story",
    ),
)  # fmt: skip

# *_key columns hold the casefolded name that filters compare; original_id is the
# document's COALESCE(copy_of, id), so that copies count once.
CLAIMS = Table(
    "claims",
    (
        "id", "document_id", "original_id", "run_id", "current", "span_start", "span_end", "text", "quote",
        "value_low", "value_high", "qualifier", "measure", "counted", "actor", "actor_key", "location",
        "when_start", "when_end", "when_text", "stated_by", "source", "source_key", "stated_on", "hedged",
        "fact", "story",
    ),
    generated=frozenset({"id"}),
)  # fmt: skip

FACTS = Table(
    "facts",
    (
        "fact", "measure", "actor", "actor_key", "qualifier", "low", "high", "period_start", "period_end",
        "claims", "sources", "independent_outlets", "first_stated", "last_stated", "hedged", "story",
    ),
)  # fmt: skip

# One row per fact and source: the fact as that source gave it (a timeline row).
ESTIMATES = Table(
    "estimates",
    (
        "fact", "source_key", "source", "measure", "actor", "actor_key", "qualifier", "low", "high",
        "period_start", "period_end", "stated_on", "last_stated", "hedged", "outlets", "claims", "quote",
        "claim_id", "search", "story",
    ),
)  # fmt: skip

STORIES = Table("stories", ("id", "title", "first_published", "last_published", "documents", "claims"))

# --- what readers select, and the models their rows become ---

# A stored claim with its document's metadata (ClaimRecord); the keys only queries compare are left out.
CLAIM_RECORD = Select(
    CLAIMS.select(
        "c",
        (
            "id", "document_id", "run_id", "quote", "span_start", "span_end", "text", "value_low", "value_high",
            "qualifier", "measure", "counted", "actor", "location", "when_start", "when_end", "when_text",
            "stated_by", "source", "stated_on", "hedged", "fact",
        ),
    )
    + DOCUMENTS.select("d", ("doc", "title", "outlet", "published", "language", "copy_of"))
)  # fmt: skip
DOCUMENT_INFO = Select(DOCUMENTS.select("d", tuple(f.name for f in fields(DocumentInfo))))
DOCUMENT_VIEW = Select(DOCUMENT_INFO.columns + DOCUMENTS.select("d", ("text",)))
FACT_ROW = Select(FACTS.select("f"))
TIMELINE = Select(ESTIMATES.select("e", TIMELINE_COLUMNS))

_DATE_FIELDS = frozenset({"stated_on", "period_start", "period_end"})


def read_date(value: Any) -> dt.date | None:
    """A stored date: SQLite keeps ISO text, PostgreSQL returns a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def read_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _read_number(value: Any) -> int | float | None:
    """A stored bound: whole numbers come back as ints, as the extractor wrote them."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


_C = CLAIM_RECORD.at


def claim_record(r: Row) -> ClaimRecord:
    """A row of ``CLAIM_RECORD`` as the stored claim it is."""
    start, end = read_date(r[_C["when_start"]]), read_date(r[_C["when_end"]])
    when = Period(start=start, end=end, text=r[_C["when_text"]] or "") if start and end else None
    claim = Claim(
        span=(int(r[_C["span_start"]]), int(r[_C["span_end"]])),
        text=r[_C["text"]],
        value=Value(low=_read_number(r[_C["value_low"]]), high=_read_number(r[_C["value_high"]])),
        qualifier=r[_C["qualifier"]],
        measure=r[_C["measure"]],
        counted=r[_C["counted"]],
        actor=r[_C["actor"]],
        location=r[_C["location"]],
        when=when,
        stated_by=r[_C["stated_by"]],
        source=r[_C["source"]],
        stated_on=read_date(r[_C["stated_on"]]),
        hedged=bool(r[_C["hedged"]]),
        fact=r[_C["fact"]],
    )
    return ClaimRecord(
        id=int(r[_C["id"]]),
        claim=claim,
        document_id=r[_C["document_id"]],
        doc=r[_C["doc"]],
        title=r[_C["title"]],
        outlet=r[_C["outlet"]],
        published=read_date(r[_C["published"]]),
        language=r[_C["language"]],
        copy_of=r[_C["copy_of"]],
        run_id=int(r[_C["run_id"]]),
        quote=r[_C["quote"]],
    )


_D = DOCUMENT_INFO.at


def document_info(r: Row) -> DocumentInfo:
    """A row of ``DOCUMENT_INFO`` (and possibly more columns after it) as a document's metadata."""
    return DocumentInfo(
        id=r[_D["id"]],
        doc=r[_D["doc"]],
        title=r[_D["title"]],
        outlet=r[_D["outlet"]],
        published=read_date(r[_D["published"]]),
        language=r[_D["language"]],
        url=r[_D["url"]],
        origin=r[_D["origin"]],
        copy_of=r[_D["copy_of"]],
        ingested_at=read_datetime(r[_D["ingested_at"]]),
        claims_count=int(r[_D["claims_count"]]),
        story=r[_D["story"]],
    )


_F = FACT_ROW.at


def fact_row(r: Row, date: DateReader) -> FactRow:
    """A row of ``FACT_ROW`` as a fact; ``date`` reads the backend's stored dates."""
    return FactRow(
        fact=r[_F["fact"]],
        measure=r[_F["measure"]],
        actor=r[_F["actor"]],
        qualifier=r[_F["qualifier"]],
        low=r[_F["low"]],
        high=r[_F["high"]],
        period_start=date(r[_F["period_start"]]),
        period_end=date(r[_F["period_end"]]),
        claims=r[_F["claims"]],
        sources=tuple(sorted(json.loads(r[_F["sources"]]))),
        independent_outlets=r[_F["independent_outlets"]],
        first_stated=date(r[_F["first_stated"]]),
        last_stated=date(r[_F["last_stated"]]),
        hedged=bool(r[_F["hedged"]]),
        story=r[_F["story"]],
    )


# TIMELINE selects TimelineRow's fields in their order, so a row is built
# positionally: conflicts read up to tens of thousands of these, and keyword
# passing is a measurable share of the cost. Which positions hold dates and the
# flag is found by name.
_TIMELINE_DATES = tuple(TIMELINE.at[n] for n in TIMELINE_COLUMNS if n in _DATE_FIELDS)
_TIMELINE_HEDGED = TIMELINE.at["hedged"]


def timeline_row(r: Row, date: DateReader) -> TimelineRow:
    """A row of ``TIMELINE`` as an estimate on a timeline."""
    values = list(r)
    for i in _TIMELINE_DATES:
        values[i] = date(values[i])
    values[_TIMELINE_HEDGED] = bool(values[_TIMELINE_HEDGED])
    return TimelineRow(*values)


def timeline_series_value(column: str) -> Callable[[Any], Any] | None:
    """How a chart's series shows a stored value of ``column``: dates as ISO text, the flag as a bool."""
    if column in _DATE_FIELDS:
        return lambda v: None if v is None else str(v)
    if column == "hedged":
        return bool
    return None
