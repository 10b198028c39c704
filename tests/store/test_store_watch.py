"""The watch tables (schema v8) in SQLite and PostgreSQL: feeds, entries seen, failures, webhooks.

An entry is marked ingested in the same transaction as its document, so a watcher
killed between the two leaves neither; the same page listed twice stores once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from claimtrail.errors import StoreError
from claimtrail.link import fact_form
from claimtrail.models import FeedEntry, Run, StoredDocument
from claimtrail.store import Store, open_store
from claimtrail.store.watch import WatchTables, watch_ledger

MakeStored = Callable[..., StoredDocument]

RUN = Run(version="1.0.0", settings_hash="watch", settings_json="{}")
FEED = "http://127.0.0.1:9/world.rss"
OTHER_FEED = "http://127.0.0.1:9/other.rss"
NOW = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)


def _entry(n: int) -> FeedEntry:
    return FeedEntry(
        key=f"guid-{n}",
        url=f"http://127.0.0.1:9/a/{n}",
        title=f"Entry {n}",
        published=dt.date(2025, 3, n),
        outlet="G",
    )


@pytest.fixture
def ledger(store: Store) -> WatchTables:
    watched = watch_ledger(store)
    watched.add_feeds([FEED, OTHER_FEED], interval_s=600)
    return watched


def test_a_new_feed_is_due_at_once_and_keeps_its_interval(ledger: WatchTables) -> None:
    assert ledger.feed_urls() == [FEED, OTHER_FEED]
    assert set(ledger.due_feeds(dt.datetime.now(dt.UTC))) == {FEED, OTHER_FEED}
    assert ledger.poll_state(FEED).interval_s == 600

    ledger.add_feeds([FEED], interval_s=60)

    assert ledger.poll_state(FEED).interval_s == 60 and ledger.feed_urls() == [FEED, OTHER_FEED]


def test_a_poll_keeps_new_entries_once_and_the_validators(ledger: WatchTables) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)

    first = ledger.record_poll(
        FEED, [_entry(1), _entry(2)], etag='"v1"', last_modified="yesterday", next_poll=later
    )
    again = ledger.record_poll(
        FEED, [_entry(2), _entry(3), _entry(1)], etag='"v2"', last_modified=None, next_poll=later
    )

    assert (first, again) == (2, 1)
    assert [p.entry for p in ledger.pending_entries(limit=10)] == [_entry(1), _entry(2), _entry(3)]
    state = ledger.poll_state(FEED)
    assert (state.etag, state.last_modified) == ('"v2"', None)
    assert ledger.due_feeds(dt.datetime.now(dt.UTC)) == [OTHER_FEED]
    assert ledger.next_poll() is not None


def test_pending_entries_page_through_by_id(ledger: WatchTables) -> None:
    ledger.record_poll(FEED, [_entry(n) for n in range(1, 6)], etag=None, last_modified=None, next_poll=NOW)

    first = ledger.pending_entries(limit=2)
    rest = ledger.pending_entries(limit=10, after=first[-1].id)

    assert [p.entry.key for p in first + rest] == [f"guid-{n}" for n in range(1, 6)]


def test_an_entry_and_its_document_are_stored_together_once(
    ledger: WatchTables, store: Store, make_stored: MakeStored
) -> None:
    run_id = store.ensure_run(RUN)
    ledger.record_poll(FEED, [_entry(1)], etag=None, last_modified=None, next_poll=NOW)
    ledger.record_poll(OTHER_FEED, [_entry(1)], etag=None, last_modified=None, next_poll=NOW)
    stored = make_stored("a1", "Officials said 27 people were killed.\n", url=_entry(1).url)
    one, other = ledger.pending_entries(limit=10)

    assert ledger.ingest_entry(one, stored, run_id, content_hash="h1") is True
    assert ledger.ingest_entry(one, stored, run_id, content_hash="h1") is False  # already done
    assert ledger.ingest_entry(other, stored, run_id, content_hash="h1") is False  # same page, other feed

    assert ledger.entry_states() == [
        (FEED, "guid-1", "ingested", stored.id),
        (OTHER_FEED, "guid-1", "ingested", stored.id),
    ]
    assert len(list(store.iter_documents())) == 1
    assert ledger.pending_entries(limit=10) == []


def test_an_entry_is_not_marked_when_its_document_fails_to_store(
    ledger: WatchTables, store: Store, make_stored: MakeStored
) -> None:
    run_id = store.ensure_run(RUN)
    ledger.record_poll(FEED, [_entry(1)], etag=None, last_modified=None, next_poll=NOW)
    (pending,) = ledger.pending_entries(limit=1)
    broken = make_stored("a1", "Officials said 27 people were killed.\n", title="bad \x00 title")

    with pytest.raises(StoreError):
        ledger.ingest_entry(pending, broken, run_id, content_hash="h")

    assert ledger.entry_states() == [(FEED, "guid-1", "pending", None)]
    assert list(store.iter_documents()) == []


def test_failures_are_counted_kept_and_given_up_after_the_last_attempt(ledger: WatchTables) -> None:
    ledger.record_poll(FEED, [_entry(1), _entry(2)], etag=None, last_modified=None, next_poll=NOW)
    first, second = ledger.pending_entries(limit=10)

    ledger.record_entry_failure(first, "HTTP 500 (tried 3 times)", give_up=False)
    ledger.record_entry_failure(second, "robots.txt disallows it", give_up=True)
    ledger.record_poll_failure(FEED, "the feed is not well-formed XML", next_poll=NOW)

    (retry,) = ledger.pending_entries(limit=10)
    assert retry.entry == _entry(1) and retry.attempts == 1
    status = {s.url: s for s in ledger.feed_status()}[FEED]
    assert (status.entries, status.pending, status.failed, status.ingested) == (2, 1, 1, 0)
    assert (status.failures, status.failed_total, status.last_status) == (1, 3, "failed")
    assert status.last_error == "the feed is not well-formed XML"
    assert [f.error for f in status.recent_failures] == [
        "the feed is not well-formed XML",
        "robots.txt disallows it",
        "HTTP 500 (tried 3 times)",
    ]


def test_a_good_poll_clears_the_feed_s_failures(ledger: WatchTables) -> None:
    ledger.record_poll_failure(FEED, "HTTP 500", next_poll=NOW)
    ledger.record_poll(FEED, None, etag=None, last_modified=None, next_poll=NOW)

    status = {s.url: s for s in ledger.feed_status()}[FEED]
    assert (status.failures, status.last_error, status.last_status, status.polls) == (
        0,
        None,
        "not modified",
        2,
    )
    assert status.failed_total == 1  # the log keeps it


def test_webhooks_are_kept_once(ledger: WatchTables) -> None:
    ledger.add_webhooks(["http://127.0.0.1:9/hook", "http://127.0.0.1:9/hook"])
    ledger.add_webhooks(["http://127.0.0.1:9/other"])

    assert ledger.webhooks() == ["http://127.0.0.1:9/hook", "http://127.0.0.1:9/other"]


def test_a_polled_feed_is_unknown_until_added(store: Store) -> None:
    with pytest.raises(StoreError, match="is not watched in this ledger"):
        watch_ledger(store).poll_state("http://127.0.0.1:9/never.rss")


def test_the_state_survives_reopening(store_url: str) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        ledger = watch_ledger(store)
        ledger.add_feeds([FEED], interval_s=60)
        ledger.record_poll(FEED, [_entry(1)], etag='"v1"', last_modified=None, next_poll=NOW)

    with open_store(store_url, create=False) as store:
        ledger = watch_ledger(store)
        assert ledger.poll_state(FEED).etag == '"v1"'
        assert [p.entry for p in ledger.pending_entries(limit=5)] == [_entry(1)]
