"""The store interface: what every ledger backend (SQLite, PostgreSQL) does.

    >>> with open_store("ledger.db", create=True) as store:
    ...     run_id = store.ensure_run(run)
    ...     store.add_document(stored, run_id)
    ...     rows = store.facts(Filters(measure="killed"))

The ledger keeps every document once (content-hash ids), every extraction of
it (one run = one extractor version and settings), and materialized facts and
timeline estimates over the claims of each document's current extraction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self

from ..models import (
    Alert,
    AlertDelivery,
    Block,
    CitationRow,
    ClaimRecord,
    ConflictDismissal,
    Document,
    FactRow,
    Filters,
    Run,
    StoredDocument,
    StoryCorrection,
    StoryIndexDelta,
    StoryMove,
    StoryRow,
    TimelineRow,
)

__all__ = ["DocumentInfo", "DocumentView", "Store"]


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document's metadata, without its text: one row of :meth:`Store.documents`."""

    id: str
    doc: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    url: str | None
    origin: str
    copy_of: str | None
    ingested_at: dt.datetime
    claims_count: int  # claims of the current extraction
    story: str | None = None  # the story it belongs to (None: ingested before stories)


@dataclass(frozen=True)
class DocumentView:
    """One document for a reader: its metadata, text, blocks and current claims."""

    info: DocumentInfo
    text: str
    blocks: tuple[Block, ...]
    claims: tuple[ClaimRecord, ...]


class Store(Protocol):
    """A ledger of documents, claims and facts; SQLite and PostgreSQL implement it alike.

    Queries return only the claims of each document's current extraction. Every
    failure of the database is raised as :class:`~claimtrail.errors.StoreError`.
    """

    def ensure_run(self, run: Run) -> int:
        """The id of the run row for ``run.version`` and ``run.settings_hash``, created if new."""
        ...

    def has_document(self, document_id: str, run_id: int) -> bool:
        """Whether the document was already extracted into the ledger with this run."""
        ...

    def find_copies(self, bands: Sequence[str]) -> list[tuple[str, bytes]]:
        """(id, MinHash signature) of stored documents sharing an LSH band key with ``bands``.

        The id is the first document of the stored document's near-duplicate
        group (its ``copy_of`` when it is itself a copy), so a new copy always
        points at the group's original; the signature is the matching document's.
        """
        ...

    def add_document(
        self, stored: StoredDocument, run_id: int, *, story_changes: StoryIndexDelta | None = None
    ) -> bool:
        """Store one extracted document in one transaction; False when already stored for this run.

        The document row keeps its first ingest's metadata but takes the story
        given now; the claims of earlier extractions stay as history, no longer
        current; the facts, estimates and stories the document's old and new
        claims touch are refreshed. ``story_changes``, what the story index
        learnt from assigning the document its story, are saved in the same transaction.
        """
        ...

    def add_documents(
        self,
        stored: Iterable[StoredDocument],
        run_id: int,
        *,
        batch_documents: int = 1000,
        story_changes: StoryIndexDelta | None = None,
    ) -> int:
        """Store many documents, ``batch_documents`` per transaction; the number added.

        The result is the same as :meth:`add_document` on each, in order
        (``story_changes`` are saved with the first batch).
        """
        ...

    def story_state(self) -> dict[str, Any] | None:
        """The story index as saved with the documents written (``StoryIndex.to_json()``'s shape), or None.

        Assembled from the changes saved by parts (marked ``"stored_as": "rows"``);
        a ledger of schema 5 to 8 not written since gives the JSON it kept whole.
        """
        ...

    def story_index_documents(self) -> int:
        """How many documents the saved story index holds (a cheap check that it moved on)."""
        ...

    def story_corrections(self) -> list[StoryCorrection]:
        """The user's story corrections, in the order made."""
        ...

    def stories(self, filters: Filters) -> list[StoryRow]:
        """Stories (``filters.story``: one), the latest first, with their counts and most claimed facts."""
        ...

    def story_documents(self, story: str) -> list[str]:
        """The ids of the documents of ``story``, in ingest order."""
        ...

    def correct_stories(self, correction: StoryCorrection, moves: Sequence[StoryMove]) -> None:
        """Record ``correction`` and move the documents of ``moves`` (their claims and facts too), in one transaction."""
        ...

    def dismiss_conflict(self, conflict_id: str, *, reason: str | None, by: str | None) -> ConflictDismissal:
        """Record that conflict ``conflict_id`` is wrong (``models.conflict_id``); again: a new reason."""
        ...

    def undismiss_conflict(self, conflict_id: str) -> bool:
        """Forget the dismissal of ``conflict_id``; False when it was not dismissed."""
        ...

    def conflict_dismissals(self) -> dict[str, ConflictDismissal]:
        """Every dismissal, by conflict id."""
        ...

    def alerted(self, conflicts: Iterable[str]) -> set[str]:
        """Which of ``conflicts`` (ids) already have an alert."""
        ...

    def add_alert(self, alert: Alert, webhooks: Sequence[str]) -> bool:
        """Store ``alert`` and a pending delivery per webhook in one transaction; False when its conflict has one."""
        ...

    def alerts(self, *, story: str | None = None, limit: int = 100, offset: int = 0) -> list[Alert]:
        """Alerts (of ``story``, or all), the newest first."""
        ...

    def alert(self, conflict: str) -> Alert | None:
        """The alert of conflict ``conflict``, or None."""
        ...

    def alert_deliveries(self, alerts: Sequence[str] | None = None) -> list[AlertDelivery]:
        """The deliveries of ``alerts`` (every alert's when None), by alert then URL."""
        ...

    def due_deliveries(self, now: dt.datetime, *, limit: int) -> list[AlertDelivery]:
        """Pending deliveries due at ``now``, the longest due first."""
        ...

    def next_delivery_due(self) -> dt.datetime | None:
        """When the soonest pending delivery is due, or None."""
        ...

    def hold_delivery(self, delivery: AlertDelivery, until: dt.datetime) -> bool:
        """Take ``delivery`` to send it (its next try moves to ``until``); False when another sender took it."""
        ...

    def record_attempt(
        self,
        delivery: AlertDelivery,
        *,
        at: dt.datetime,
        status: int | None,
        error: str | None,
        delivered: bool,
        next_try_at: dt.datetime | None,
    ) -> None:
        """One more try of ``delivery``: delivered, due again at ``next_try_at``, or (None) dead-lettered."""
        ...

    def retry_dead_deliveries(self, now: dt.datetime) -> int:
        """Make every dead-lettered delivery pending again, due at ``now``; how many."""
        ...

    def claims(self, filters: Filters) -> list[ClaimRecord]:
        """Current claims matching ``filters``, in ``filters.sort`` order (by default as stored).

        An unknown sort raises :class:`~claimtrail.errors.FilterError`.
        """
        ...

    def claim(self, claim_id: int) -> ClaimRecord | None:
        """The stored claim with this id (current or not), or None."""
        ...

    def citations(self, filters: Filters) -> list[CitationRow]:
        """Who cites whom: current claims matching ``filters`` grouped by outlet, speaker and source.

        The most claimed first; ``since``/``until`` bound the statement date.
        """
        ...

    def count_claims(self, filters: Filters) -> int:
        """How many current claims match ``filters`` (ignoring ``limit``/``offset``)."""
        ...

    def facts(self, filters: Filters) -> list[FactRow]:
        """Facts with a claim matching ``filters``, the most claimed first.

        ``since``/``until`` keep the facts whose statement dates (first to last
        stated) overlap the range.
        """
        ...

    def fact_claims(self, fact: str) -> list[ClaimRecord]:
        """The current claims of one fact, by statement date."""
        ...

    def timeline(self, filters: Filters) -> list[TimelineRow]:
        """Estimates (one per fact and source) matching ``filters``, by statement date then fact.

        An estimate is dated by its source's first statement of the fact; undated
        estimates come last. ``since``/``until`` bound that date.
        """
        ...

    def timeline_series(self, filters: Filters, columns: Sequence[str]) -> dict[str, list[Any]]:
        """The :meth:`timeline` rows as columns, only those named (TimelineRow's fields), for a chart.

        Dates are ISO text. An unknown column raises :class:`~claimtrail.errors.FilterError`.
        """
        ...

    def documents(self, filters: Filters) -> list[DocumentInfo]:
        """Stored documents with a current claim matching ``filters``, by publication date.

        ``outlet``, ``document`` and ``since``/``until`` (the publication date)
        apply to the document itself; a document without claims matches only those.
        """
        ...

    def document(self, ref: str) -> DocumentView | None:
        """The document with this id or ``doc`` name, or None."""
        ...

    def iter_documents(self) -> Iterator[tuple[DocumentInfo, Document]]:
        """Every document, in ingest order, with the spec's per-document object of its current claims."""
        ...

    def rebuild_facts(self) -> None:
        """Recompute every materialized fact and estimate from the current claims (a repair)."""
        ...

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
