"""``claimtrail watch`` raises alerts: a feed's two pages of one story that contradict each other.

The feed server (tests/feedserver.py) carries two invented reports of one dam burst
(``RED_CROSS``, ``DAM_AUTHORITY``: 90 dead, then 60, a contradiction). A local
receiver checks each POST's signature. Both runs are the real CLI.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_process import run_cli
from feedserver import DAM_AUTHORITY, RED_CROSS, FeedServer, rss_feed

from claimtrail.alerts import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from claimtrail.models import Filters
from claimtrail.pipeline import open_ledger
from claimtrail.store.watch import watch_ledger

SECRET = "watch-test-secret"
RSS = "application/rss+xml"
# The local server answers at once: no pause between requests, short timeouts.
QUICK_WATCH = "[watch]\nhost_interval_s = 0.0\nfetch_timeout_s = 5.0\nfetch_retries = 0\n"


@dataclass
class Receiver:
    """Every POST it got: whether its signature was valid, and its JSON body."""

    posts: list[tuple[bool, dict[str, object]]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            expected = sign(SECRET.encode(), self.headers[TIMESTAMP_HEADER], body)
            state.posts.append(
                (hmac.compare_digest(expected, self.headers[SIGNATURE_HEADER]), json.loads(body))
            )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.mark.slow  # each run loads the spaCy model
def test_a_contradiction_in_a_watched_story_sends_exactly_one_signed_webhook(
    tmp_path: Path, feed_server: FeedServer, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.route("/red-cross", RED_CROSS)
    feed_server.route("/dam-authority", DAM_AUTHORITY)
    links = [feed_server.url("/red-cross"), feed_server.url("/dam-authority")]
    feed_server.route("/world.rss", rss_feed("Invented Gazette", links), content_type=RSS)
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(QUICK_WATCH, "utf-8")
    db = tmp_path / "ledger.db"
    monkeypatch.setenv("CLAIMTRAIL_WEBHOOK_SECRET", SECRET)
    watch = ("watch", "--once", "--db", db, "--settings", settings_file)

    first = run_cli(*watch, feed_server.url("/world.rss"), "--webhook", receiver.url)

    assert first.code == 0, first.stderr
    assert "2 ingested" in first.stderr and "1 new alert(s)" in first.stderr, first.stderr
    ((valid, body),) = receiver.posts
    assert valid and body["kind"] == "contradiction"
    figures = {body[side]["figure"]["low"] for side in ("earlier", "later")}  # type: ignore[index]
    assert figures == {60, 90}, body
    with open_ledger(str(db), create=False) as store:
        (story,) = {r.id for r in store.stories(Filters())}
        assert {doc.story for _, doc in store.iter_documents()} == {story}
        assert [a.story for a in store.alerts()] == [story]
        assert [s for _, _, s, _ in watch_ledger(store).entry_states()] == ["ingested", "ingested"]

    # The second run finds nothing new (the stored webhook is the only one): no POST.
    second = run_cli(*watch)

    assert second.code == 0, second.stderr
    assert "0 ingested" in second.stderr and "0 new alert(s)" in second.stderr, second.stderr
    assert len(receiver.posts) == 1


def test_watch_with_a_webhook_and_no_secret_stops_before_any_request(
    tmp_path: Path, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.route("/world.rss", rss_feed("Invented Gazette", []), content_type=RSS)
    monkeypatch.delenv("CLAIMTRAIL_WEBHOOK_SECRET", raising=False)
    db = tmp_path / "ledger.db"

    done = run_cli(
        "watch", "--once", "--db", db, feed_server.url("/world.rss"), "--webhook", "http://127.0.0.1:9/h"
    )

    assert done.code == 2
    assert "CLAIMTRAIL_WEBHOOK_SECRET" in done.stderr and "alerts.secret_env" in done.stderr, done.stderr
    assert feed_server.count("/world.rss") == 0 and not db.exists()


def test_a_webhook_stored_by_an_earlier_run_needs_the_secret_too(
    tmp_path: Path, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_server.route("/world.rss", rss_feed("Invented Gazette", []), content_type=RSS)
    db = tmp_path / "ledger.db"
    with open_ledger(str(db), create=True) as store:
        watch_ledger(store).add_webhooks(["http://127.0.0.1:9/h"])
    monkeypatch.delenv("CLAIMTRAIL_WEBHOOK_SECRET", raising=False)

    done = run_cli("watch", "--once", "--db", db, feed_server.url("/world.rss"))

    assert done.code == 2 and "CLAIMTRAIL_WEBHOOK_SECRET" in done.stderr, done.stderr
    assert feed_server.count("/world.rss") == 0
    with open_ledger(str(db), create=False) as store:
        assert watch_ledger(store).feed_urls() == []
