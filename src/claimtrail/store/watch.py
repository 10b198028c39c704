"""What ``claimtrail watch`` keeps in the ledger: feeds, the entries seen, failures and webhooks (schema v8).

    >>> ledger = watch_ledger(store)
    >>> ledger.add_feeds(["https://news.example/world.rss"], interval_s=600)
    >>> ledger.record_poll(feed_url, parsed_entries, etag='"v2"', last_modified=None, next_poll=when)
    >>> for pending in ledger.pending_entries(limit=100):
    ...     ledger.ingest_entry(pending, stored, run_id, content_hash)   # document and entry: one transaction

Exactly once: a poll's new entries go in as ``pending`` in the same transaction
as the feed's new validators, and an entry turns ``ingested`` in the same
transaction as its document. A watcher killed at any moment leaves each entry
pending (read again on restart) or done, so none is lost and none ingested twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..models import FeedEntry, StoredDocument, StoryIndexDelta
from .writes import LedgerWrites, _AlreadyStored

__all__ = ["FeedPollState", "FeedStatus", "PendingEntry", "WatchFailure", "WatchTables", "watch_ledger"]

# Entry states (feed_entries.state).
PENDING, INGESTED, FAILED = "pending", "ingested", "failed"
# Poll outcomes (feeds.last_status).
POLL_OK, POLL_NOT_MODIFIED, POLL_FAILED = "ok", "not modified", "failed"
# Failures `watch --status` lists per feed: the latest few say what is wrong now.
RECENT_FAILURES = 5


@dataclass(frozen=True)
class FeedPollState:
    """What a poll of one feed needs: its interval and the validators to send."""

    interval_s: float
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class PendingEntry:
    """An entry seen in a feed and not yet ingested or given up."""

    id: int
    feed_url: str
    entry: FeedEntry
    attempts: int
    first_seen: dt.datetime  # when a poll first found it: where its alert's delay starts


@dataclass(frozen=True)
class WatchFailure:
    """One failed poll (``entry_key`` None) or page."""

    feed_url: str
    entry_key: str | None
    url: str
    at: dt.datetime
    error: str


@dataclass(frozen=True)
class FeedStatus:
    """One feed's health, for ``watch --status``."""

    url: str
    interval_s: float
    last_poll: dt.datetime | None
    last_status: str | None
    next_poll: dt.datetime
    polls: int
    failures: int  # consecutive failed polls
    last_error: str | None
    entries: int
    ingested: int
    pending: int
    failed: int
    failed_total: int  # every failure recorded for the feed, polls and pages
    recent_failures: tuple[WatchFailure, ...]


class WatchTables(LedgerWrites):
    """The watch tables of a SQL ledger; SQLite and PostgreSQL alike."""

    # --- feeds and webhooks ---

    def add_feeds(self, urls: Sequence[str], *, interval_s: float) -> None:
        """Watch ``urls`` (polled first at once); a feed already watched takes the new interval."""
        now = self._param_now()
        with self._write():
            self._executemany(
                "INSERT INTO feeds (url, interval_s, added_at, next_poll) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET interval_s = excluded.interval_s",
                [(url, interval_s, now, now) for url in dict.fromkeys(urls)],
            )

    def feed_urls(self) -> list[str]:
        """Every feed watched, in the order added."""
        return [str(r[0]) for r in self._query("SELECT url FROM feeds ORDER BY id")]

    def add_webhooks(self, urls: Sequence[str]) -> None:
        now = self._param_now()
        with self._write():
            self._executemany(
                "INSERT INTO watch_webhooks (url, added_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING",
                [(url, now) for url in dict.fromkeys(urls)],
            )

    def webhooks(self) -> list[str]:
        return [str(r[0]) for r in self._query("SELECT url FROM watch_webhooks ORDER BY added_at, url")]

    def due_feeds(self, now: dt.datetime) -> list[str]:
        """The feeds whose next poll is at or before ``now``, the most overdue first."""
        rows = self._query(
            "SELECT url FROM feeds WHERE next_poll <= ? ORDER BY next_poll, url", (self._param_time(now),)
        )
        return [str(r[0]) for r in rows]

    def next_poll(self) -> dt.datetime | None:
        """When the next feed is due; None when no feed is watched."""
        value = self._query("SELECT MIN(next_poll) FROM feeds")[0][0]
        return None if value is None else _read_time(value)

    def poll_state(self, feed_url: str) -> FeedPollState:
        """The feed's interval and the validators its server last sent."""
        rows = self._query("SELECT interval_s, etag, last_modified FROM feeds WHERE url = ?", (feed_url,))
        if not rows:
            raise StoreError(f"feed {feed_url} is not watched in this ledger; add it with add_feeds first")
        return FeedPollState(interval_s=float(rows[0][0]), etag=rows[0][1], last_modified=rows[0][2])

    # --- polls ---

    def record_poll(
        self,
        feed_url: str,
        entries: Sequence[FeedEntry] | None,
        *,
        etag: str | None,
        last_modified: str | None,
        next_poll: dt.datetime,
        problem: str | None = None,
    ) -> int:
        """A successful poll: its new entries pending and the feed's validators, in one transaction.

        ``entries`` None: the feed was not modified (a 304; pass the validators it was asked with).
        ``problem``: what was wrong with a feed read in part (shown as its last error and
        kept in the failure log; the poll does not count as failed). Returns how many entries were new.
        """
        now = self._param_now()
        status = POLL_NOT_MODIFIED if entries is None else POLL_OK
        with self._write():
            before = self._count_entries(feed_url)
            self._executemany(
                "INSERT INTO feed_entries (feed_url, key, url, title, published, outlet, first_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_url, key) DO NOTHING",
                [
                    (feed_url, e.key, e.url, e.title, self._param_date(e.published), e.outlet, now)
                    for e in entries or ()
                ],
            )
            added = self._count_entries(feed_url) - before
            self._execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, "
                "last_poll = ?, last_status = ?, next_poll = ?, polls = polls + 1, failures = 0, "
                "last_error = ? WHERE url = ?",
                (etag, last_modified, now, status, self._param_time(next_poll), problem, feed_url),
            )
            if problem is not None:
                self._log_failure(feed_url, None, feed_url, problem, now)
        return added

    def record_poll_failure(self, feed_url: str, error: str, *, next_poll: dt.datetime) -> None:
        """A failed poll: counted on the feed, kept in the failure log; the validators stay."""
        now = self._param_now()
        with self._write():
            self._execute(
                "UPDATE feeds SET last_poll = ?, last_status = ?, next_poll = ?, polls = polls + 1, "
                "failures = failures + 1, last_error = ? WHERE url = ?",
                (now, POLL_FAILED, self._param_time(next_poll), error, feed_url),
            )
            self._log_failure(feed_url, None, feed_url, error, now)

    def _count_entries(self, feed_url: str) -> int:
        return int(self._query("SELECT COUNT(*) FROM feed_entries WHERE feed_url = ?", (feed_url,))[0][0])

    # --- entries ---

    def pending_entries(self, *, limit: int, after: int = 0) -> list[PendingEntry]:
        """Entries to fetch and ingest, in the order they were seen (from the one after id ``after``)."""
        rows = self._query(
            "SELECT id, feed_url, key, url, title, published, outlet, attempts, first_seen FROM feed_entries "
            "WHERE state = ? AND id > ? ORDER BY id LIMIT ?",
            (PENDING, after, limit),
        )
        return [
            PendingEntry(
                id=int(r[0]),
                feed_url=str(r[1]),
                entry=FeedEntry(key=r[2], url=r[3], title=r[4], published=self.read_date(r[5]), outlet=r[6]),
                attempts=int(r[7]),
                first_seen=_read_time(r[8]),
            )
            for r in rows
        ]

    def ingest_entry(
        self,
        pending: PendingEntry,
        stored: StoredDocument,
        run_id: int,
        *,
        content_hash: str,
        story_changes: StoryIndexDelta | None = None,
    ) -> bool:
        """Store the entry's document and mark the entry ingested, in one transaction.

        True when the document is new to the ledger for this run; False when it
        was there already (the same page in another feed, or the entry done by
        another watcher meanwhile): the entry is marked all the same.
        ``story_changes``, what the story index learnt from assigning the
        document its story, are saved in the same transaction when the document
        is added (as :meth:`add_document` does).
        """
        self._check_fact_rule()
        with self._write():
            if not self._still_pending(pending):
                return False
            try:
                added = self._add_batch([stored], run_id) == 1
                if story_changes is not None:
                    self._save_story_changes(story_changes)
            except _AlreadyStored:  # nothing was written: the same text is stored for this run
                added = False
            self._execute(
                "UPDATE feed_entries SET state = ?, done_at = ?, document_id = ?, content_hash = ?, "
                "attempts = attempts + 1, last_error = NULL WHERE id = ?",
                (INGESTED, self._param_now(), stored.id, content_hash, pending.id),
            )
        return added

    def record_entry_failure(self, pending: PendingEntry, error: str, *, give_up: bool) -> None:
        """A page that failed: logged; with ``give_up`` the entry is failed for good, else tried next time."""
        now = self._param_now()
        with self._write():
            if not self._still_pending(pending):
                return
            self._execute(
                "UPDATE feed_entries SET state = ?, attempts = attempts + 1, last_error = ?, "
                "done_at = CASE WHEN ? THEN ? ELSE done_at END WHERE id = ?",
                (FAILED if give_up else PENDING, error, give_up, now, pending.id),
            )
            self._log_failure(pending.feed_url, pending.entry.key, pending.entry.url, error, now)

    def _still_pending(self, pending: PendingEntry) -> bool:
        rows = self._query("SELECT state FROM feed_entries WHERE id = ?", (pending.id,))
        return bool(rows) and rows[0][0] == PENDING

    def _log_failure(self, feed_url: str, key: str | None, url: str, error: str, now: Any) -> None:
        self._execute(
            "INSERT INTO watch_failures (feed_url, entry_key, url, at, error) VALUES (?, ?, ?, ?, ?)",
            (feed_url, key, url, now, error),
        )

    # --- status ---

    def feed_status(self) -> list[FeedStatus]:
        """Every feed's polls, entries and failures, in the order added."""
        with self._snapshot():
            feeds = self._query(
                "SELECT url, interval_s, last_poll, last_status, next_poll, polls, failures, last_error "
                "FROM feeds ORDER BY id"
            )
            counts = {
                (str(r[0]), str(r[1])): int(r[2])
                for r in self._query(
                    "SELECT feed_url, state, COUNT(*) FROM feed_entries GROUP BY feed_url, state"
                )
            }
            logged = {
                str(r[0]): int(r[1])
                for r in self._query("SELECT feed_url, COUNT(*) FROM watch_failures GROUP BY feed_url")
            }
            return [self._status(r, counts, logged.get(str(r[0]), 0)) for r in feeds]

    def _status(self, r: Any, counts: dict[tuple[str, str], int], failed_total: int) -> FeedStatus:
        url = str(r[0])
        by_state = {state: counts.get((url, state), 0) for state in (PENDING, INGESTED, FAILED)}
        return FeedStatus(
            url=url,
            interval_s=float(r[1]),
            last_poll=None if r[2] is None else _read_time(r[2]),
            last_status=r[3],
            next_poll=_read_time(r[4]),
            polls=int(r[5]),
            failures=int(r[6]),
            last_error=r[7],
            entries=sum(by_state.values()),
            ingested=by_state[INGESTED],
            pending=by_state[PENDING],
            failed=by_state[FAILED],
            failed_total=failed_total,
            recent_failures=tuple(self.failures(url, limit=RECENT_FAILURES)),
        )

    def failures(self, feed_url: str, *, limit: int) -> list[WatchFailure]:
        """The feed's latest failures, the latest first."""
        rows = self._query(
            "SELECT feed_url, entry_key, url, at, error FROM watch_failures WHERE feed_url = ? "
            "ORDER BY id DESC LIMIT ?",
            (feed_url, limit),
        )
        return [WatchFailure(str(r[0]), r[1], str(r[2]), _read_time(r[3]), str(r[4])) for r in rows]

    def entry_states(self) -> list[tuple[str, str, str, str | None]]:
        """(feed, key, state, document id) of every entry, in the order seen: for checks and tests."""
        rows = self._query("SELECT feed_url, key, state, document_id FROM feed_entries ORDER BY id")
        return [(str(r[0]), str(r[1]), str(r[2]), r[3]) for r in rows]


def _read_time(value: Any) -> dt.datetime:
    """A stored time as an aware datetime (SQLite keeps ISO text, PostgreSQL a timestamptz)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def watch_ledger(store: object) -> WatchTables:
    """``store`` as a ledger with the watch tables; a StoreError for any other object."""
    if not isinstance(store, WatchTables):
        raise StoreError(
            f"{store!r} keeps no watch state; claimtrail watch needs a SQLite or PostgreSQL ledger"
        )
    return store
