"""Conflicts a user dismissed: schema v6's ``conflict_dismissals``, on both backends, and the v5 -> v6 migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

import psycopg
from test_store_open import BACK_TO_V5

from claimtrail.link import fact_form
from claimtrail.models import Filters, Run, StoredDocument
from claimtrail.store import Store, is_postgres_url, open_store
from claimtrail.store.schema import LATEST_VERSION

MakeStored = Callable[..., StoredDocument]

RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")


def test_a_dismissal_is_kept_with_its_reason_time_and_author(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)

    made = store.dismiss_conflict("c-0123456789", reason="two different towns", by="ana")

    assert (made.conflict, made.reason, made.dismissed_by) == ("c-0123456789", "two different towns", "ana")
    assert before - dt.timedelta(seconds=1) <= made.dismissed_at.astimezone(dt.UTC) <= dt.datetime.now(dt.UTC)
    assert store.conflict_dismissals() == {"c-0123456789": made}


def test_dismissing_again_replaces_the_reason(store: Store) -> None:
    store.dismiss_conflict("c-0123456789", reason="first thought", by=None)
    again = store.dismiss_conflict("c-0123456789", reason=None, by="web")

    assert list(store.conflict_dismissals().values()) == [again]
    assert (again.reason, again.dismissed_by) == (None, "web")


def test_undismissing_forgets_only_that_conflict(store: Store) -> None:
    store.dismiss_conflict("c-aaaaaaaaaa", reason=None, by=None)
    store.dismiss_conflict("c-bbbbbbbbbb", reason=None, by=None)

    assert store.undismiss_conflict("c-aaaaaaaaaa") is True
    assert store.undismiss_conflict("c-aaaaaaaaaa") is False
    assert list(store.conflict_dismissals()) == ["c-bbbbbbbbbb"]


def test_dismissals_survive_reopening(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        store.dismiss_conflict("c-0123456789", reason="same figure, other town", by="ana")
    with open_store(store_url, create=False) as store:
        assert store.conflict_dismissals()["c-0123456789"].reason == "same figure, other town"


def _back_to_version_5(url: str) -> None:
    """Undo schema v6 behind the store's back: the ledger a claimtrail before dismissals left."""
    if is_postgres_url(url):
        with psycopg.connect(url) as conn:
            for sql in BACK_TO_V5:
                conn.execute(sql)
        return
    lite = sqlite3.connect(url)
    try:
        for sql in BACK_TO_V5:
            lite.execute(sql)
        lite.commit()
    finally:
        lite.close()


def test_a_version_5_ledger_is_migrated_to_version_6(store_url: str, make_stored: MakeStored) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        doc = make_stored(
            "old.txt", "Officials said 600 people died.\n", [{"phrase": "600 people", "low": 600}]
        )
        store.add_document(doc, store.ensure_run(RUN))
    _back_to_version_5(store_url)

    with open_store(store_url, create=False) as store:
        assert store.conflict_dismissals() == {}
        store.dismiss_conflict("c-0123456789", reason=None, by=None)
        assert list(store.conflict_dismissals()) == ["c-0123456789"]
        # What was there before reads as before.
        assert [d.doc for d in store.documents(Filters())] == ["old.txt"]
    versions = _versions(store_url)
    assert versions == list(range(1, LATEST_VERSION + 1)) and LATEST_VERSION >= 6


def _versions(url: str) -> list[int]:
    sql = "SELECT version FROM schema_version ORDER BY version"
    if is_postgres_url(url):
        with psycopg.connect(url) as conn:
            return [int(r[0]) for r in conn.execute(sql).fetchall()]
    lite = sqlite3.connect(url)
    try:
        return [int(r[0]) for r in lite.execute(sql).fetchall()]
    finally:
        lite.close()
