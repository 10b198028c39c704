"""``claimtrail watch --status``: each feed's polls, entries and failures, as a table or JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from cli_process import run_cli

from claimtrail.models import FeedEntry
from claimtrail.pipeline import open_ledger
from claimtrail.store.watch import watch_ledger

FEED = "http://127.0.0.1:9/world.rss"
DOWN = "http://127.0.0.1:9/down.rss"


def _ledger_with_feeds(path: Path) -> None:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    with open_ledger(str(path), create=True) as store:
        ledger = watch_ledger(store)
        ledger.add_feeds([FEED, DOWN], interval_s=600)
        entries = [FeedEntry(key=f"k{n}", url=f"http://127.0.0.1:9/a/{n}") for n in range(3)]
        ledger.record_poll(FEED, entries, etag='"v1"', last_modified=None, next_poll=soon)
        ledger.record_entry_failure(
            ledger.pending_entries(limit=1)[0], "HTTP 404; expected 200", give_up=True
        )
        ledger.record_poll_failure(DOWN, "HTTP 503 (the server is failing or busy)", next_poll=soon)


def test_status_as_json_gives_each_feed_s_health(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    _ledger_with_feeds(db)

    done = run_cli("watch", "--status", "--json", "--db", db)

    assert done.code == 0, done.stderr
    rows = {row["url"]: row for row in json.loads(done.stdout)}
    assert (rows[FEED]["entries"], rows[FEED]["pending"], rows[FEED]["failed"], rows[FEED]["failures"]) == (
        3,
        2,
        1,
        0,
    )
    assert rows[FEED]["last_status"] == "ok" and rows[FEED]["last_poll"] is not None
    assert rows[FEED]["recent_failures"][0]["error"] == "HTTP 404; expected 200"
    assert (rows[DOWN]["failures"], rows[DOWN]["last_status"]) == (1, "failed")
    assert rows[DOWN]["last_error"] == "HTTP 503 (the server is failing or busy)"
    assert dt.datetime.fromisoformat(rows[DOWN]["next_poll"]) > dt.datetime.now(dt.UTC)


def test_status_as_a_table_shows_the_last_error(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    _ledger_with_feeds(db)

    done = run_cli("watch", "--status", "--db", db)

    assert done.code == 0, done.stderr
    assert "feeds (2 rows)" in done.stdout
    assert "HTTP 503" in done.stdout and "world.rss" in done.stdout


def test_status_of_a_ledger_watching_nothing_says_how_to_start(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    open_ledger(str(db), create=True).close()

    done = run_cli("watch", "--status", "--db", db)

    assert done.code == 2
    assert "watches no feeds yet; start with `claimtrail watch FEED" in done.stderr


def test_a_bad_interval_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("watch", FEED, "--every", "soon", "--db", tmp_path / "l.db")

    assert done.code == 2 and "expected a duration such as 90, 30s, 10m" in done.stderr
