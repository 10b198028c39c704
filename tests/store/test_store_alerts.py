"""The alerts tables (schema v7) in both backends: one alert per conflict id, deliveries and their states."""

from __future__ import annotations

import datetime as dt
import multiprocessing

from claimtrail.link import fact_form
from claimtrail.models import Alert
from claimtrail.store import Store, open_store

NOW = dt.datetime(2025, 7, 1, 12, 0, 0, 123456, tzinfo=dt.UTC)


def _alert(conflict: str = "c-0123456789", story: str = "s-1") -> Alert:
    return Alert(
        conflict=conflict, story=story, kind="contradiction", created_at=NOW,
        payload={"alert": conflict, "title": "Contradiction (killed): 600 vs 400 ü"},
        document_id="d" * 64, document_started_at=NOW - dt.timedelta(seconds=1.5),
    )  # fmt: skip


def test_an_alert_is_stored_once_with_its_deliveries(store: Store) -> None:
    hooks = ["https://a.example/h", "https://b.example/h"]
    assert store.add_alert(_alert(), hooks) is True
    assert store.add_alert(_alert(), hooks) is False  # the same conflict: nothing written

    (alert,) = store.alerts(story="s-1")
    assert alert == _alert() and alert.delay_s == 1.5
    assert store.alerts(story="s-2") == [] and store.alerted(["c-0123456789", "c-9999999999"]) == {
        "c-0123456789"
    }
    deliveries = store.alert_deliveries()
    assert [(d.url, d.state, d.attempts, d.next_try_at) for d in deliveries] == [
        (url, "pending", 0, NOW) for url in hooks
    ]


def test_deliveries_are_held_retried_delivered_and_dead_lettered(store: Store) -> None:
    store.add_alert(_alert(), ["https://a.example/h", "https://b.example/h"])
    a, b = store.due_deliveries(NOW, limit=10)
    assert store.due_deliveries(NOW - dt.timedelta(seconds=1), limit=10) == []

    later = NOW + dt.timedelta(seconds=30)
    assert store.hold_delivery(a, later) is True
    assert store.hold_delivery(a, later) is False  # another sender read it before: it is taken
    store.record_attempt(a, at=NOW, status=204, error=None, delivered=True, next_try_at=None)
    store.record_attempt(b, at=NOW, status=500, error="HTTP 500", delivered=False, next_try_at=later)
    assert store.next_delivery_due() == later
    store.record_attempt(b, at=later, status=500, error="HTTP 500", delivered=False, next_try_at=None)

    done, dead = store.alert_deliveries(["c-0123456789"])
    assert (done.state, done.attempts, done.delivered_at) == ("delivered", 1, NOW)
    assert (dead.state, dead.attempts, dead.last_status, dead.dead_lettered_at) == ("dead", 2, 500, later)
    assert store.next_delivery_due() is None
    assert store.retry_dead_deliveries(later) == 1
    assert [d.url for d in store.due_deliveries(later, limit=10)] == ["https://b.example/h"]


def _add_in_process(url: str, start: object) -> bool:
    start.wait()  # type: ignore[attr-defined]
    with open_store(url, create=False, fact_form=fact_form) as store:
        return store.add_alert(_alert(), ["https://a.example/h"])


def test_two_processes_adding_the_same_alert_store_it_once(store: Store, store_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            added = pool.starmap(_add_in_process, [(store_url, start)] * 2)

    assert sorted(added) == [False, True]
    assert len(store.alerts()) == 1 and len(store.alert_deliveries()) == 1
