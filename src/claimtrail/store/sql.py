"""The SQL both backends share: writes, materialized facts and the queries, written once.

A backend (:mod:`.sqlite`, :mod:`.postgres`) supplies the connection, the
transaction, the placeholder style and a few dialect fragments; everything a
query means is here, so both backends answer every query alike.

Facts and estimates are materialized: each write recomputes the estimates
(fact, source) its old and new claims belong to from the current claims, then
their facts from the estimates, with the same SQL that
:meth:`SqlStore.rebuild_facts` runs over the whole ledger, so a query reads one
small indexed table instead of grouping claims.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from itertools import islice
from types import TracebackType
from typing import Any, Self, TypeGuard

from ..errors import FilterError, UnstorableDocumentError
from ..models import (
    TIMELINE_COLUMNS,
    Block,
    BlockKind,
    CitationRow,
    Claim,
    ClaimRecord,
    Document,
    FactRow,
    Filters,
    Period,
    Run,
    StoredDocument,
    TimelineRow,
    Value,
    check_claim_sort,
)
from ..names import name_key
from .base import DocumentInfo, DocumentView
from .quotes import quote_around

__all__ = ["POINT_QUALIFIERS", "SqlStore", "name_key"]

Row = tuple[Any, ...]
DateReader = Callable[[Any], "dt.date | None"]

# The forms of one point figure that assert the same thing (the spec's fact rule):
# their fact's qualifier is "point"; every other qualifier is a form of its own.
POINT_QUALIFIERS = ("exact", "approx", "nearly", "at_least")

DEFAULT_BATCH_DOCUMENTS = 1000
_DATE_COLUMNS = frozenset({"stated_on", "period_start", "period_end"})
# Where undated estimates sort: after every real date.
UNDATED = "9999-12-31"
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
# An estimate's ``search`` column holds each distinct text and counted noun of its
# claims between these characters, so that a text search reads one column per
# estimate instead of its claims. A search holding it is answered through the claims.
SEARCH_SEPARATOR = "\x1f"


# --- aggregate expressions over claims aliased ``a``, shared by facts and estimates ---


def _form(a: str) -> str:
    points = ", ".join(f"'{q}'" for q in POINT_QUALIFIERS)
    return f"CASE WHEN {a}.qualifier IN ({points}) THEN 'point' ELSE {a}.qualifier END"


def _low(a: str) -> str:
    # A point fact's figure is its bound whichever side the claim gave ("at least
    # 3,000" has no high); other forms are the union of their claims' intervals.
    return (
        f"CASE WHEN MIN({_form(a)}) = 'point' THEN MIN(COALESCE({a}.value_low, {a}.value_high)) "
        f"WHEN COUNT({a}.value_low) < COUNT(*) THEN NULL ELSE MIN({a}.value_low) END"
    )


def _high(a: str) -> str:
    return (
        f"CASE WHEN MIN({_form(a)}) = 'point' THEN MAX(COALESCE({a}.value_high, {a}.value_low)) "
        f"WHEN COUNT({a}.value_high) < COUNT(*) THEN NULL ELSE MAX({a}.value_high) END"
    )


def _dated_first(a: str) -> str:
    """Statement dates in order, undated last, alike in SQLite (NULL first) and PostgreSQL (NULL last).

    The estimates indexes are built on this very expression, so ordering by it
    reads an index instead of sorting.
    """
    return f"COALESCE({a}.stated_on, '{UNDATED}')"


# The citations table from the current claims (the v4 migration runs the same).
_CITATIONS_INSERT = (
    "INSERT INTO citations (outlet, stated_by, source, claims, documents) "
    "SELECT COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, ''), COUNT(*), "
    "COUNT(DISTINCT c.document_id) FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.current "
    "GROUP BY COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, '')"
)


def _citation_changes(
    outlets: dict[str, str | None], old: Iterable[Row], fresh: Sequence[StoredDocument]
) -> list[tuple[str, str, str, int, int]]:
    """What replacing the claims ``old`` ((document, stated_by, source) rows) by ``fresh``'s does to citations.

    (outlet, stated_by, source, claims, documents) deltas, '' for none, of every
    group that changes; ``outlets`` holds the stored outlet of each document.
    """
    claims: Counter[tuple[str, str, str]] = Counter()
    documents: Counter[tuple[str, str, str]] = Counter()
    before: set[tuple[tuple[str, str, str], str]] = set()
    after: set[tuple[tuple[str, str, str], str]] = set()
    for document_id, stated_by, source in old:
        group = (outlets[str(document_id)] or "", stated_by or "", source or "")
        claims[group] -= 1
        before.add((group, str(document_id)))
    for s in fresh:
        for c in s.document.claims:
            group = (outlets[s.id] or "", c.stated_by or "", c.source or "")
            claims[group] += 1
            after.add((group, s.id))
    for group, _ in before:
        documents[group] -= 1
    for group, _ in after:
        documents[group] += 1
    groups = sorted(set(claims) | set(documents))
    return [(*g, claims[g], documents[g]) for g in groups if claims[g] or documents[g]]


def _search_entry(a: str) -> str:
    """One claim's part of its estimate's ``search`` column: its text and counted noun, each fenced."""
    fence = f"'{SEARCH_SEPARATOR}'"
    return f"{fence} || COALESCE({a}.text, '') || {fence} || COALESCE({a}.counted, '') || {fence}"


def _earliest_claim(column: str) -> str:
    """``column`` of the earliest current claim (undated last) of the estimate of claim ``c``."""
    return (
        f"(SELECT {column} FROM claims q WHERE q.fact = c.fact AND q.source_key = c.source_key AND q.current "
        f"ORDER BY {_dated_first('q')}, q.id LIMIT 1)"
    )


def _all_hedged(a: str) -> str:
    return f"MIN(CASE WHEN {a}.hedged THEN 1 ELSE 0 END) = 1"


_FACT_COLUMNS = (
    "fact, measure, actor, actor_key, qualifier, low, high, period_start, period_end, claims, "
    "sources, independent_outlets, first_stated, last_stated, hedged"
)
_ESTIMATE_COLUMNS = (
    "fact, source_key, source, measure, actor, actor_key, qualifier, low, high, "
    "period_start, period_end, stated_on, last_stated, hedged, outlets, claims, quote, claim_id, search"
)
_CLAIM_INSERT_COLUMNS = (
    "document_id, original_id, run_id, current, span_start, span_end, text, quote, value_low, value_high, "
    "qualifier, measure, counted, actor, actor_key, location, when_start, when_end, when_text, "
    "stated_by, source, source_key, stated_on, hedged, fact"
)
_CLAIM_SELECT = (
    "c.id, c.document_id, d.doc, d.title, d.outlet, d.published, d.copy_of, c.run_id, c.quote, "
    "c.span_start, c.span_end, c.text, c.value_low, c.value_high, c.qualifier, c.measure, c.counted, "
    "c.actor, c.location, c.when_start, c.when_end, c.when_text, c.stated_by, c.source, c.stated_on, "
    "c.hedged, c.fact"
)
_DOCUMENT_SELECT = (
    "d.id, d.doc, d.title, d.outlet, d.published, d.language, d.url, d.origin, d.copy_of, "
    "d.ingested_at, d.claims_count"
)
_DOCUMENT_INSERT_COLUMNS = (
    "id, doc, title, outlet, outlet_key, published, language, url, origin, text, copy_of, "
    "signature, ingested_at, claims_count"
)


# What no ledger can store: NUL (PostgreSQL text refuses it; SQLite stores it, but
# its json_each cuts a string at it, so facts and timelines would lose the claim)
# and lone UTF-16 surrogates (no UTF-8 encoding exists for them). Ingest replaces
# both; a document made another way fails alone here instead of aborting the run.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The integers both backends hold (SQLite INTEGER, PostgreSQL BIGINT): 64-bit signed.
_INT64 = range(-(2**63), 2**63)


def check_storable(s: StoredDocument, row: Sequence[Any], columns: str) -> None:
    """Raise :class:`UnstorableDocumentError` when a value of ``row`` (of ``columns``) cannot be stored."""
    for column, value in zip(columns.split(", "), row, strict=True):
        problem = _unstorable(value)
        if problem is not None:
            raise UnstorableDocumentError(
                f"{s.origin}: document {s.document.doc!r} cannot be stored: its {column} {problem}"
            )


def _unstorable(value: Any) -> str | None:
    """Why ``value`` cannot be stored, or None when it can."""
    if isinstance(value, str):
        found = _UNSTORABLE.search(value)
        if found is None:
            return None
        what = "a NUL character" if found.group() == "\x00" else "a lone surrogate"
        return f"holds {what} at index {found.start()}; expected text without them (ingest writes U+FFFD)"
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return f"is {value}, outside the 64-bit integers a ledger holds (-2**63 to 2**63 - 1)"
    return None


@dataclass
class _Where:
    """AND-ed SQL conditions and their parameters, built up from filters."""

    terms: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, term: str, *params: Any) -> None:
        self.terms.append(term)
        self.params.extend(params)

    def sql(self, keyword: str = "WHERE") -> str:
        return f" {keyword} " + " AND ".join(self.terms) if self.terms else ""


class _AlreadyStored(Exception):
    """Raised inside a write transaction to roll it back: nothing new to store."""


class SqlStore(ABC):
    """A :class:`~claimtrail.store.base.Store` over a DB-API connection; backends fill in the dialect."""

    # Case-insensitive LIKE: SQLite's LIKE already is for ASCII; PostgreSQL needs ILIKE.
    like = "LIKE"
    # A stored date as a date, for the hot row loops (a backend knows its own type).
    read_date: DateReader = staticmethod(lambda value: _date(value))

    # --- what a backend supplies ---

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement with ``?`` placeholders; the number of rows it changed."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""

    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query; all its rows."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Generator[Row, None, None]:
        """Run one query inside :meth:`_snapshot`; its rows as they come, without holding them all."""

    @abstractmethod
    def _write(self) -> AbstractContextManager[None]:
        """A write transaction, one writer at a time; rolled back when its block raises."""

    @abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every query in it sees the same state of the ledger."""

    @abstractmethod
    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column IN values`` as SQL and its parameters, for any number of values."""

    @abstractmethod
    def _in_pairs(self, first: str, second: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        """``(first, second) IN pairs`` as SQL and its parameters, for any number of pairs."""

    @abstractmethod
    def _sources_agg(self, a: str) -> str:
        """The distinct non-null ``a.source`` of a group as a JSON array (text)."""

    @abstractmethod
    def _search_agg(self, entry: str) -> str:
        """An aggregate joining the distinct values of ``entry`` (see SEARCH_SEPARATOR)."""

    @abstractmethod
    def _insert_claims(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert claim rows (``_CLAIM_INSERT_COLUMNS``) in bulk."""

    @abstractmethod
    def _param_date(self, value: dt.date | None) -> Any:
        """A date as this backend stores it."""

    @abstractmethod
    def _param_now(self) -> Any:
        """The current time as this backend stores it."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writes ---

    def ensure_run(self, run: Run) -> int:
        with self._write():
            self._execute(
                "INSERT INTO runs (version, settings_hash, settings_json, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (version, settings_hash) DO NOTHING",
                (run.version, run.settings_hash, run.settings_json, self._param_now()),
            )
            rows = self._query(
                "SELECT id FROM runs WHERE version = ? AND settings_hash = ?",
                (run.version, run.settings_hash),
            )
        return int(rows[0][0])

    def has_document(self, document_id: str, run_id: int) -> bool:
        rows = self._query(
            "SELECT 1 FROM extractions WHERE document_id = ? AND run_id = ?", (document_id, run_id)
        )
        return bool(rows)

    def find_copies(self, bands: Sequence[str]) -> list[tuple[str, bytes]]:
        if not bands:
            return []
        in_bands, params = self._in("b.band", list(bands))
        rows = self._query(
            "SELECT COALESCE(d.copy_of, d.id), d.signature FROM documents d WHERE d.id IN "
            f"(SELECT b.document_id FROM bands b WHERE {in_bands}) ORDER BY d.ingested_at, d.id",
            params,
        )
        return [(str(r[0]), bytes(r[1])) for r in rows]

    def add_document(self, stored: StoredDocument, run_id: int) -> bool:
        return self.add_documents([stored], run_id) == 1

    def add_documents(
        self,
        stored: Iterable[StoredDocument],
        run_id: int,
        *,
        batch_documents: int = DEFAULT_BATCH_DOCUMENTS,
    ) -> int:
        added = 0
        items = iter(stored)
        while batch := list(islice(items, max(1, batch_documents))):
            try:
                with self._write():
                    added += self._add_batch(batch, run_id)
            except _AlreadyStored:
                pass
        return added

    def _add_batch(self, batch: list[StoredDocument], run_id: int) -> int:
        """Store the documents of ``batch`` not yet extracted with ``run_id``, inside one transaction."""
        # 1. Keep the documents new to this run (and each once).
        in_ids, params = self._in("document_id", [s.id for s in batch])
        seen = {
            r[0]
            for r in self._query(
                f"SELECT document_id FROM extractions WHERE run_id = ? AND {in_ids}", [run_id, *params]
            )
        }
        fresh: list[StoredDocument] = []
        for s in batch:
            if s.id not in seen:
                seen.add(s.id)
                fresh.append(s)
        if not fresh:
            raise _AlreadyStored
        ids = [s.id for s in fresh]
        # 2. The document rows (the first ingest's metadata wins) and this extraction.
        now = self._param_now()
        document_rows = [self._document_row(s, now) for s in fresh]
        for s, row in zip(fresh, document_rows, strict=True):
            check_storable(s, row, _DOCUMENT_INSERT_COLUMNS)
            for claim_row in self._claim_rows(s, s.id, run_id):
                check_storable(s, claim_row, _CLAIM_INSERT_COLUMNS)
        self._executemany(
            f"INSERT INTO documents ({_DOCUMENT_INSERT_COLUMNS}) VALUES ({_marks(_count_columns(_DOCUMENT_INSERT_COLUMNS))}) "
            "ON CONFLICT (id) DO NOTHING",
            document_rows,
        )
        self._executemany(
            "INSERT INTO extractions (document_id, run_id, extracted_at) VALUES (?, ?, ?)",
            [(i, run_id, now) for i in ids],
        )
        # 3. Earlier extractions' claims become history; this run's claims are current.
        in_ids, id_params = self._in("id", ids)
        rows = self._query(
            f"SELECT id, COALESCE(copy_of, id), outlet FROM documents WHERE {in_ids}", id_params
        )
        originals = {str(r[0]): str(r[1]) for r in rows}
        outlets = {str(r[0]): r[2] for r in rows}
        in_docs, doc_params = self._in("document_id", ids)
        old_claims = self._query(
            f"SELECT document_id, stated_by, source, fact, source_key FROM claims WHERE {in_docs} AND current",
            doc_params,
        )
        self._execute(f"UPDATE claims SET current = FALSE WHERE {in_docs} AND current", doc_params)
        self._insert_claims([row for s in fresh for row in self._claim_rows(s, originals[s.id], run_id)])
        self._executemany(
            "UPDATE documents SET claims_count = ? WHERE id = ?",
            [(len(s.document.claims), s.id) for s in fresh],
        )
        # 4. Blocks follow the current extraction; band keys are the text's, kept once.
        self._execute(f"DELETE FROM blocks WHERE {in_docs}", doc_params)
        self._executemany(
            'INSERT INTO blocks (document_id, start, "end", kind, reason) VALUES (?, ?, ?, ?, ?)',
            [(s.id, b.start, b.end, b.kind.value, b.reason) for s in fresh for b in _unique_blocks(s)],
        )
        self._executemany(
            "INSERT INTO bands (band, document_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(band, s.id) for s in fresh for band in dict.fromkeys(s.bands)],
        )
        # 5. The estimates (fact and source) and facts the old and new claims belong to.
        touched = {(str(r[3]), str(r[4])) for r in old_claims if r[3] is not None}
        touched.update(
            (c.fact, name_key(c.source)) for s in fresh for c in s.document.claims if c.fact is not None
        )
        self._refresh_facts(sorted(touched))
        # 6. Who cites whom: the old claims' counts out, the new ones' in.
        self._change_citations(_citation_changes(outlets, [r[:3] for r in old_claims], fresh))
        return len(fresh)

    def _change_citations(self, changes: list[tuple[str, str, str, int, int]]) -> None:
        """Add (outlet, stated_by, source, claims, documents) deltas to the citations table."""
        self._executemany(
            "INSERT INTO citations (outlet, stated_by, source, claims, documents) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (outlet, stated_by, source) DO UPDATE SET "
            "claims = citations.claims + excluded.claims, documents = citations.documents + excluded.documents",
            changes,
        )
        self._executemany(
            "DELETE FROM citations WHERE outlet = ? AND stated_by = ? AND source = ? AND claims <= 0",
            [change[:3] for change in changes if change[3] < 0],
        )

    def _document_row(self, s: StoredDocument, now: Any) -> tuple[Any, ...]:
        d = s.document
        return (
            s.id, d.doc, d.title, d.outlet, name_key(d.outlet), self._param_date(d.published), d.language,
            s.url, s.origin, s.text, s.copy_of, s.signature, now, len(d.claims),
        )  # fmt: skip

    def _claim_rows(self, s: StoredDocument, original: str, run_id: int) -> Iterator[tuple[Any, ...]]:
        for c in s.document.claims:
            when = c.when
            yield (
                s.id, original, run_id, True, c.span[0], c.span[1], c.text, quote_around(s.text, *c.span),
                c.value.low, c.value.high, c.qualifier, c.measure, c.counted, c.actor, name_key(c.actor),
                c.location, self._param_date(when.start if when else None),
                self._param_date(when.end if when else None), when.text if when else None,
                c.stated_by, c.source, name_key(c.source), self._param_date(c.stated_on), c.hedged, c.fact,
            )  # fmt: skip

    # --- materialized facts and estimates ---

    def rebuild_facts(self) -> None:
        with self._write():
            self._execute("DELETE FROM facts")
            self._execute("DELETE FROM estimates")
            self._execute(self._estimates_insert(""))
            self._execute(self._facts_insert(""))
            self._execute("DELETE FROM citations")
            self._execute(_CITATIONS_INSERT)

    def _refresh_facts(self, estimates: Sequence[tuple[str, str]]) -> None:
        """Recompute the estimates ``(fact, source_key)`` from the claims, then their facts from those.

        An estimate depends only on the claims of its fact and source, and a fact
        on its estimates (and its claims' documents, counted through an index), so
        a document touching a much-repeated fact rereads only its own sources' claims.
        """
        if not estimates:
            return
        pairs, pair_params = self._in_pairs("fact", "source_key", estimates)
        claim_pairs, _ = self._in_pairs("c.fact", "c.source_key", estimates)
        facts = sorted({fact for fact, _ in estimates})
        in_facts, fact_params = self._in("fact", facts)
        in_estimate_facts, _ = self._in("e.fact", facts)
        self._execute(f"DELETE FROM estimates WHERE {pairs}", pair_params)
        self._execute(self._estimates_insert(f"AND {claim_pairs}"), pair_params)
        self._execute(f"DELETE FROM facts WHERE {in_facts}", fact_params)
        self._execute(self._facts_insert(f"AND {in_estimate_facts}"), fact_params)

    def _estimates_insert(self, condition: str) -> str:
        # The quote of an estimate is its earliest claim's (undated claims last), found
        # through the claims_fact index: cheaper than ranking every claim of the facts.
        return (
            f"INSERT INTO estimates ({_ESTIMATE_COLUMNS}) "
            f"SELECT c.fact, c.source_key, MIN(c.source), MIN(c.measure), MIN(c.actor), MIN(c.actor_key), "
            f"MIN({_form('c')}), {_low('c')}, {_high('c')}, MIN(c.when_start), MAX(c.when_end), "
            f"MIN(c.stated_on), MAX(c.stated_on), {_all_hedged('c')}, COUNT(DISTINCT c.original_id), COUNT(*), "
            f"{_earliest_claim('q.quote')}, {_earliest_claim('q.id')}, {self._search_agg(_search_entry('c'))} "
            f"FROM claims c WHERE c.current AND c.fact IS NOT NULL {condition} GROUP BY c.fact, c.source_key"
        )

    def _facts_insert(self, condition: str) -> str:
        # A fact's figures are its estimates' (a point estimate's bounds are already its
        # figure; any open side of another form leaves the fact open there). Independent
        # outlets cannot be summed over sources: they are counted on the claims_fact index.
        return (
            f"INSERT INTO facts ({_FACT_COLUMNS}) "
            "SELECT e.fact, MIN(e.measure), MIN(e.actor), MIN(e.actor_key), MIN(e.qualifier), "
            "CASE WHEN MIN(e.qualifier) = 'point' THEN MIN(e.low) "
            "WHEN COUNT(e.low) < COUNT(*) THEN NULL ELSE MIN(e.low) END, "
            "CASE WHEN MIN(e.qualifier) = 'point' THEN MAX(e.high) "
            "WHEN COUNT(e.high) < COUNT(*) THEN NULL ELSE MAX(e.high) END, "
            f"MIN(e.period_start), MAX(e.period_end), SUM(e.claims), {self._sources_agg('e')}, "
            "(SELECT COUNT(DISTINCT c.original_id) FROM claims c WHERE c.fact = e.fact AND c.current), "
            f"MIN(e.stated_on), MAX(e.last_stated), {_all_hedged('e')} "
            f"FROM estimates e WHERE TRUE {condition} GROUP BY e.fact"
        )

    # --- queries ---

    def claims(self, filters: Filters) -> list[ClaimRecord]:
        order = _claim_order(filters.sort)
        where = self._claim_where(filters)
        if filters.measure is not None:
            where.terms[0] = "c.current = TRUE"  # SQLite then reads the (current, measure, actor) index
        found = f"claims c{_documents_join(filters)}{where.sql()}"
        if _walks_claims(filters):
            rows = self._claims_walking(filters, order)
            if len(rows) == filters.limit:
                return [_claim_record(r) for r in rows]
            # Rare in that order: every match is found first, through the filters'
            # indexes, then sorted. Materialized, so that no planner walks the order
            # again (PostgreSQL's would, counting on matches spread evenly).
            found = (
                f"(WITH matches AS MATERIALIZED (SELECT c.id, c.stated_on, c.value_low, c.value_high FROM {found}) "
                "SELECT * FROM matches) c"
            )
        # The page's claims are found and sorted first, then only they are read whole.
        rows = self._query(
            f"SELECT {_CLAIM_SELECT} FROM (SELECT c.id FROM {found} ORDER BY {order} LIMIT ? OFFSET ?) p "
            f"JOIN claims c ON c.id = p.id JOIN documents d ON d.id = c.document_id ORDER BY {order}",
            [*where.params, filters.limit, filters.offset],
        )
        return [_claim_record(r) for r in rows]

    def _claims_walking(self, filters: Filters, order: str) -> list[Row]:
        """The page of claims among the first WALK_ROWS claims in ``order``; a short page if too few match."""
        where = self._claim_where(filters, text_index=False)
        return self._query(
            f"SELECT {_CLAIM_SELECT} FROM (SELECT c.id FROM claims c ORDER BY {order} LIMIT ?) w "
            f"JOIN claims c ON c.id = w.id JOIN documents d ON d.id = c.document_id{where.sql()} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [WALK_ROWS, *where.params, filters.limit, filters.offset],
        )

    def claim(self, claim_id: int) -> ClaimRecord | None:
        rows = self._query(
            f"SELECT {_CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
            (claim_id,),
        )
        return _claim_record(rows[0]) if rows else None

    def citations(self, filters: Filters) -> list[CitationRow]:
        if _unfiltered(filters):
            # The whole ledger's, kept as documents are written ('' stands for none there).
            key = "NULLIF(outlet, ''), NULLIF(stated_by, ''), NULLIF(source, '')"
            rows = self._query(
                f"SELECT {key}, claims, documents FROM citations ORDER BY claims DESC, {key} LIMIT ? OFFSET ?",
                [filters.limit, filters.offset],
            )
            return [CitationRow(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
        where = self._claim_where(filters)
        rows = self._query(
            "SELECT d.outlet, c.stated_by, c.source, COUNT(*), COUNT(DISTINCT c.document_id) "
            f"FROM claims c JOIN documents d ON d.id = c.document_id{where.sql()} "
            "GROUP BY d.outlet, c.stated_by, c.source "
            "ORDER BY COUNT(*) DESC, d.outlet, c.stated_by, c.source LIMIT ? OFFSET ?",
            [*where.params, filters.limit, filters.offset],
        )
        return [CitationRow(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]

    def count_claims(self, filters: Filters) -> int:
        if filters.text is not None and _unfiltered(filters, text=None):
            matches = self._count_text_matches(filters.text)
            if matches is not None:
                return matches
        where = self._claim_where(filters)
        # Counting reads every matching claim: "current = TRUE" lets SQLite read them
        # from the (current, measure, actor) or (source, current) index instead of the
        # whole table (1.2 s -> 14 ms for a measure of the 1,000,000-claim benchmark
        # ledger); a date range or a text search is read off its own index, which that
        # equality would steer the planner away from. Row queries keep the bare
        # "c.current", which leaves SQLite free to walk the sort order.
        if filters.measure or filters.source or not (filters.since or filters.until or filters.text):
            where.terms[0] = "c.current = TRUE"
        rows = self._query(
            f"SELECT COUNT(*) FROM claims c{_documents_join(filters)}{where.sql()}", where.params
        )
        return int(rows[0][0])

    def fact_claims(self, fact: str) -> list[ClaimRecord]:
        rows = self._query(
            f"SELECT {_CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.document_id "
            f"WHERE c.fact = ? AND c.current ORDER BY {_dated_first('c')}, c.id",
            (fact,),
        )
        return [_claim_record(r) for r in rows]

    def facts(self, filters: Filters) -> list[FactRow]:
        where = _Where()
        self._add_row_terms(where, "f", filters)
        if filters.since is not None:  # the fact was stated within the range: its dates overlap it
            where.add("f.last_stated >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("f.first_stated <= ?", self._param_date(filters.until))
        if filters.source is not None and not (filters.outlet or filters.text or filters.document):
            # The estimates table holds one row per fact and source: a far smaller set
            # than the claims of a much-cited source.
            where.add(
                "f.fact IN (SELECT e.fact FROM estimates e WHERE e.source_key = ?)", name_key(filters.source)
            )
            filters = replace(filters, source=None)
        date = self.read_date
        order = "f.claims DESC, f.fact"
        page = [filters.limit, filters.offset]
        text = filters.text
        if _searches_estimates(text) and not (filters.outlet or filters.document):
            # The first facts in order (see WALK_ROWS), kept when an estimate of theirs (of
            # the source, if one is asked for) holds the search in its claims' texts.
            kept = _Where(["e.fact = f.fact"])
            self._add_search_term(kept, text)
            if filters.source is not None:
                kept.add("e.source_key = ?", name_key(filters.source))
            rows = self._query(
                f"SELECT {_FACT_COLUMNS} FROM (SELECT * FROM facts f{where.sql()} ORDER BY {order} LIMIT ?) f "
                f"WHERE EXISTS (SELECT 1 FROM estimates e{kept.sql()}) ORDER BY {order} LIMIT ? OFFSET ?",
                [*where.params, _walk_rows(filters), *kept.params, *page],
            )
            if len(rows) == filters.limit:
                return [_fact_row(r, date) for r in rows]
        claim_where = self._claim_level_where(filters, include_source=True)
        if len(claim_where.terms) > 1:
            where.add(
                f"f.fact IN (SELECT c.fact FROM claims c{_documents_join(filters)}{claim_where.sql()})",
                *claim_where.params,
            )
        rows = self._query(
            f"SELECT {_FACT_COLUMNS} FROM facts f{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.params, *page],
        )
        return [_fact_row(r, date) for r in rows]

    def timeline(self, filters: Filters) -> list[TimelineRow]:
        date = self.read_date
        rows = [_timeline_row(r, date) for r in self._timeline_rows(filters, TIMELINE_COLUMNS)]
        return self._with_evidence(rows)

    def _with_evidence(self, rows: list[TimelineRow]) -> list[TimelineRow]:
        """``rows`` with their evidence claim's words, qualifier, counted noun and location (the
        link stage reads them to tell a part from its whole), in one query by claim id."""
        ids = sorted({r.claim_id for r in rows if r.claim_id is not None})
        if not ids:
            return rows
        in_ids, params = self._in("id", ids)
        query = f"SELECT id, text, qualifier, counted, location FROM claims WHERE {in_ids}"
        found = {int(r[0]): r for r in self._query(query, params)}
        return [
            replace(r, text=e[1], stated_as=e[2], counted=e[3], location=e[4])
            if r.claim_id is not None and (e := found.get(r.claim_id)) is not None
            else r
            for r in rows
        ]

    def timeline_series(self, filters: Filters, columns: Sequence[str]) -> dict[str, list[Any]]:
        unknown = [c for c in columns if c not in TIMELINE_COLUMNS]
        if unknown or not columns:
            raise FilterError(
                f"unknown timeline column(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                f"valid: {', '.join(TIMELINE_COLUMNS)}"
            )
        rows = self._timeline_rows(filters, columns)
        series: dict[str, list[Any]] = {}
        for i, column in enumerate(columns):
            values = [r[i] for r in rows]
            if column in _DATE_COLUMNS:
                values = [None if v is None else str(v) for v in values]  # ISO text in both backends
            elif column == "hedged":
                values = [bool(v) for v in values]
            series[column] = values
        return series

    def _timeline_rows(self, filters: Filters, columns: Sequence[str]) -> list[Row]:
        """The estimates matching ``filters``, by statement date then fact: only ``columns``, in that order."""
        selected = ", ".join("e." + c for c in columns)
        order = f"{_dated_first('e')}, e.fact, e.source_key"
        page = [filters.limit, filters.offset]
        where = self._timeline_where(filters)
        text = filters.text
        if _searches_estimates(text):
            # The first estimates in order (see _walk_rows), kept when their claims' texts hold the search.
            kept = _Where()
            self._add_search_term(kept, text)
            self._add_stating_claims(kept, replace(filters, text=None))
            rows = self._query(
                f"SELECT {selected} FROM (SELECT * FROM estimates e{where.sql()} ORDER BY {order} LIMIT ?) e"
                f"{kept.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                [*where.params, _walk_rows(filters), *kept.params, *page],
            )
            if len(rows) == filters.limit:
                return rows
        if text is not None:
            # Rare in that order: the estimates of every matching claim, found first
            # (materialized, so that no planner walks the order again), then sorted.
            claim_where = self._claim_level_where(filters, include_source=False)
            return self._query(
                "WITH stating AS MATERIALIZED (SELECT DISTINCT c.fact, c.source_key FROM claims c"
                f"{_documents_join(filters)}{claim_where.sql()}) "
                f"SELECT {selected} FROM stating s JOIN estimates e ON e.fact = s.fact AND e.source_key = s.source_key"
                f"{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                [*claim_where.params, *where.params, *page],
            )
        self._add_stating_claims(where, filters)
        return self._query(
            f"SELECT {selected} FROM estimates e{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.params, *page],
        )

    def _add_stating_claims(self, where: _Where, filters: Filters) -> None:
        """Keep the estimates some claim matching the claim-level filters (text, outlet, document) states."""
        claim_where = self._claim_level_where(filters, include_source=False)
        if len(claim_where.terms) > 1:
            where.add(
                "(e.fact, e.source_key) IN (SELECT c.fact, c.source_key FROM claims c"
                f"{_documents_join(filters)}{claim_where.sql()})",
                *claim_where.params,
            )

    def _timeline_where(self, filters: Filters) -> _Where:
        """The estimates' own conditions; the claim-level ones (text, outlet, document) are the caller's."""
        where = _Where()
        self._add_row_terms(where, "e", filters)
        if filters.source is not None:
            where.add("e.source_key = ?", name_key(filters.source))
        # Dates compared through the indexed expression; undated estimates are out of any range.
        if filters.since is not None:
            where.add(
                f"{_dated_first('e')} >= ? AND e.stated_on IS NOT NULL", self._param_date(filters.since)
            )
        if filters.until is not None:
            where.add(
                f"{_dated_first('e')} <= ? AND e.stated_on IS NOT NULL", self._param_date(filters.until)
            )
        return where

    def documents(self, filters: Filters) -> list[DocumentInfo]:
        """Documents matching ``filters``; ``since``/``until`` bound the publication date here."""
        where = _Where()
        if filters.outlet is not None:
            where.add("d.outlet_key = ?", name_key(filters.outlet))
        if filters.document is not None:
            where.add("(d.id = ? OR d.doc = ?)", filters.document, filters.document)
        if filters.since is not None:
            where.add("d.published >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("d.published <= ?", self._param_date(filters.until))
        claim_where = _Where(["c.current"])
        self._add_row_terms(claim_where, "c", filters)
        if filters.source is not None:
            claim_where.add("c.source_key = ?", name_key(filters.source))
        self._add_text_term(claim_where, filters)
        if len(claim_where.terms) > 1:
            where.add(f"d.id IN (SELECT c.document_id FROM claims c{claim_where.sql()})", *claim_where.params)
        rows = self._query(
            f"SELECT {_DOCUMENT_SELECT} FROM documents d{where.sql()} "
            "ORDER BY d.published IS NULL, d.published, d.doc, d.id LIMIT ? OFFSET ?",
            [*where.params, filters.limit, filters.offset],
        )
        return [_document_info(r) for r in rows]

    def document(self, ref: str) -> DocumentView | None:
        with self._snapshot():
            rows = self._query(
                f"SELECT {_DOCUMENT_SELECT}, d.text FROM documents d WHERE d.id = ? OR d.doc = ? "
                "ORDER BY CASE WHEN d.id = ? THEN 0 ELSE 1 END, d.ingested_at, d.id LIMIT 1",
                (ref, ref, ref),
            )
            if not rows:
                return None
            info = _document_info(rows[0][:-1])
            blocks = self._query(
                'SELECT start, "end", kind, reason FROM blocks WHERE document_id = ? ORDER BY start',
                (info.id,),
            )
            claims = self._query(
                f"SELECT {_CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.document_id "
                "WHERE c.document_id = ? AND c.current ORDER BY c.id",
                (info.id,),
            )
        return DocumentView(
            info=info,
            text=str(rows[0][-1]),
            blocks=tuple(Block(int(b[0]), int(b[1]), BlockKind(b[2]), str(b[3])) for b in blocks),
            claims=tuple(_claim_record(r) for r in claims),
        )

    def iter_documents(self) -> Iterator[tuple[DocumentInfo, Document]]:
        # Two ordered streams merged (documents, and current claims in the same
        # document order) rather than one claims query per document.
        with self._snapshot():
            documents = self._stream(
                f"SELECT {_DOCUMENT_SELECT} FROM documents d ORDER BY d.ingested_at, d.id"
            )
            claims = self._stream(
                f"SELECT {_CLAIM_SELECT} FROM claims c JOIN documents d ON d.id = c.document_id "
                "WHERE c.current ORDER BY d.ingested_at, d.id, c.id"
            )
            try:
                yield from _merge_claims(documents, claims)
            finally:  # close the cursors inside the snapshot, even when the reader stops early
                documents.close()
                claims.close()

    # --- filters ---

    def _claim_where(self, filters: Filters, *, text_index: bool = True) -> _Where:
        where = self._claim_level_where(filters, include_source=True, text_index=text_index)
        self._add_row_terms(where, "c", filters)
        # Sorted by date, the range is also put on the sort expression, whose index then
        # reads the range in order (the same claims: a claim in range has a date).
        dated_order = check_claim_sort(filters.sort) == "stated_on"
        by_date = _SORT_KEYS["stated_on"][filters.sort.startswith("-")]
        if filters.since is not None:
            where.add("c.stated_on >= ?", self._param_date(filters.since))
            if dated_order:
                where.add(f"{by_date} >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("c.stated_on <= ?", self._param_date(filters.until))
            if dated_order:
                where.add(f"{by_date} <= ?", self._param_date(filters.until))
        return where

    def _add_row_terms(self, where: _Where, a: str, filters: Filters) -> None:
        """Filters on columns that claims, facts and estimates all have (aliased ``a``)."""
        if filters.measure is not None:
            where.add(f"{a}.measure = ?", filters.measure)
        if filters.actor is not None:
            where.add(f"{a}.actor_key = ?", name_key(filters.actor))
        if filters.hedged is not None:
            where.add(f"{a}.hedged = ?", filters.hedged)

    def _claim_level_where(
        self, filters: Filters, *, include_source: bool, text_index: bool = True
    ) -> _Where:
        """``c.current`` and the conditions only a claim and its document answer (source, outlet, text, document).

        ``text_index``: a text search may go through the backend's text index;
        without, it is a condition each claim is checked against (for a walk).
        """
        where = _Where(["c.current"])
        if include_source and filters.source is not None:
            where.add("c.source_key = ?", name_key(filters.source))
        if filters.outlet is not None:
            where.add("d.outlet_key = ?", name_key(filters.outlet))
        if filters.document is not None:
            where.add("(d.id = ? OR d.doc = ?)", filters.document, filters.document)
        self._add_text_term(where, filters, text_index=text_index)
        return where

    def _add_text_term(self, where: _Where, filters: Filters, *, text_index: bool = True) -> None:
        if filters.text is None:
            return
        if not (text_index and self._add_text_index_term(where, filters.text)):
            where.add(self._text_match("c"), *_text_params(filters.text))

    def _add_text_index_term(self, where: _Where, text: str) -> bool:
        """Add the text search through the backend's text index, if it has one that answers it exactly.

        False: the search is left to a LIKE over the claims.
        """
        return False

    def _text_match(self, a: str) -> str:
        """The condition that the text or counted noun of ``a`` holds the search (params: _text_params)."""
        return f"({a}.text {self.like} ? ESCAPE '\\' OR {a}.counted {self.like} ? ESCAPE '\\')"

    def _add_search_term(self, where: _Where, text: str) -> None:
        """Keep the estimates ``e`` whose ``search`` column holds ``text`` (see _searches_estimates)."""
        where.add(f"e.search {self.like} ? ESCAPE '\\'", _like_pattern(text))

    def _count_text_matches(self, text: str) -> int | None:
        """The number of current claims matching the text search ``text``, read off the text index alone.

        None: the backend's index cannot count it alone; the caller counts the claims.
        """
        return None


# --- rows to models ---


def _merge_claims(documents: Iterator[Row], claims: Iterator[Row]) -> Iterator[tuple[DocumentInfo, Document]]:
    """Each document row with the claim rows that follow it in the same order."""
    pending = next(claims, None)
    for row in documents:
        info = _document_info(row)
        found: list[Claim] = []
        while pending is not None and pending[1] == info.id:
            found.append(_claim_record(pending).claim)
            pending = next(claims, None)
        document = Document(
            doc=info.doc,
            title=info.title,
            outlet=info.outlet,
            published=info.published,
            language=info.language,
            claims=tuple(found),
        )
        yield info, document


# The expression each claims order sorts on, ascending and descending: the missing
# values of both directions sort last through a sentinel, and the schema indexes
# these very expressions (data/*_v3.sql). Ties keep the order claims were stored in.
_SORT_KEYS = {
    "stated_on": ("COALESCE(c.stated_on, '9999-12-31')", "COALESCE(c.stated_on, '0001-01-01')"),
    "value": ("COALESCE(c.value_low, c.value_high, 1e300)", "COALESCE(c.value_low, c.value_high, -1e300)"),
}


_NO_FILTER = Filters(limit=0)


def _walks_claims(filters: Filters) -> bool:
    """Whether a claims page first walks its order (see WALK_ROWS): a filter no index holds in that order."""
    if filters.offset + filters.limit > WALK_ROWS:
        return False
    if filters.text is not None:
        return True
    sort = check_claim_sort(filters.sort)
    if filters.since is not None or filters.until is not None:
        # A date range sorted by date is read off the sort's index (see _claim_where).
        return sort != "stated_on" or not _unfiltered(filters, since=None, until=None)
    if sort == "value" and filters.measure is not None:
        return False  # a measure's claims by figure (data/*_v4.sql)
    if sort == "stored" and filters.measure is not None and filters.actor is not None:
        return False  # a measure and actor's claims in stored order (claims_measure)
    return not _unfiltered(filters)


def _unfiltered(filters: Filters, **ignored: Any) -> bool:
    """Whether ``filters`` filter nothing but pages and sorts (nor the ``ignored`` fields set to None)."""
    return replace(filters, limit=0, offset=0, sort="stored", **ignored) == _NO_FILTER


def _searches_estimates(text: str | None) -> TypeGuard[str]:
    """Whether a text search can be read off the estimates' ``search`` column (SEARCH_SEPARATOR)."""
    return text is not None and SEARCH_SEPARATOR not in text


def _walk_rows(filters: Filters) -> int:
    """How many rows a walk reads (WALK_ROWS), at least a page's worth for large pages (chart, conflicts)."""
    return max(WALK_ROWS, filters.offset + filters.limit)


def _documents_join(filters: Filters) -> str:
    """The join to the claims' documents, when a filter reads them (outlet, document)."""
    return " JOIN documents d ON d.id = c.document_id" if filters.outlet or filters.document else ""


def _claim_order(sort: str) -> str:
    """The ORDER BY of a claims query for ``sort`` (``-`` in front: descending); missing values last."""
    name = check_claim_sort(sort)
    descending = sort.startswith("-")
    direction = "DESC" if descending else "ASC"
    if name == "stored":
        return f"c.id {direction}"
    ascending_key, descending_key = _SORT_KEYS[name]
    return f"{descending_key if descending else ascending_key} {direction}, c.id {direction}"


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _count_columns(columns: str) -> int:
    return columns.count(",") + 1


def _text_params(text: str) -> list[str]:
    """The parameters of SqlStore._text_match."""
    return [_like_pattern(text)] * 2


def _like_pattern(text: str) -> str:
    """A LIKE pattern (escape character backslash) finding ``text`` anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _unique_blocks(s: StoredDocument) -> Iterator[Block]:
    """The blocks of a document, one per start offset (the blocks table's key)."""
    starts: set[int] = set()
    for b in s.blocks:
        if b.start not in starts:
            starts.add(b.start)
            yield b


def _date(value: Any) -> dt.date | None:
    """A stored date: SQLite keeps ISO text, PostgreSQL returns a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _number(value: Any) -> int | float | None:
    """A stored bound: whole numbers come back as ints, as the extractor wrote them."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _claim_record(r: Row) -> ClaimRecord:
    start, end = _date(r[19]), _date(r[20])
    when = Period(start=start, end=end, text=r[21] or "") if start and end else None
    claim = Claim(
        span=(int(r[9]), int(r[10])),
        text=r[11],
        value=Value(low=_number(r[12]), high=_number(r[13])),
        qualifier=r[14],
        measure=r[15],
        counted=r[16],
        actor=r[17],
        location=r[18],
        when=when,
        stated_by=r[22],
        source=r[23],
        stated_on=_date(r[24]),
        hedged=bool(r[25]),
        fact=r[26],
    )
    return ClaimRecord(
        id=int(r[0]),
        claim=claim,
        document_id=r[1],
        doc=r[2],
        title=r[3],
        outlet=r[4],
        published=_date(r[5]),
        copy_of=r[6],
        run_id=int(r[7]),
        quote=r[8],
    )


def _fact_row(r: Row, date: DateReader) -> FactRow:
    return FactRow(
        fact=r[0],
        measure=r[1],
        actor=r[2],
        qualifier=r[4],
        low=r[5],
        high=r[6],
        period_start=date(r[7]),
        period_end=date(r[8]),
        claims=r[9],
        sources=tuple(sorted(json.loads(r[10]))),
        independent_outlets=r[11],
        first_stated=date(r[12]),
        last_stated=date(r[13]),
        hedged=bool(r[14]),
    )


def _timeline_row(r: Row, date: DateReader) -> TimelineRow:
    # Positional, in TimelineRow's field order: conflicts read up to tens of
    # thousands of these, and keyword passing is a measurable share of the cost.
    return TimelineRow(
        date(r[0]),
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        date(r[7]),
        date(r[8]),
        r[9],
        bool(r[10]),
        r[11],
        r[12],
        r[13],
        r[14],
    )


def _document_info(r: Row) -> DocumentInfo:
    return DocumentInfo(
        id=r[0],
        doc=r[1],
        title=r[2],
        outlet=r[3],
        published=_date(r[4]),
        language=r[5],
        url=r[6],
        origin=r[7],
        copy_of=r[8],
        ingested_at=_datetime(r[9]),
        claims_count=int(r[10]),
    )
