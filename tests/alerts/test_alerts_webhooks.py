"""Webhooks against a local receiver that checks the signature and refuses for a while.

The receiver is a threaded ``http.server`` on 127.0.0.1: no network, the real httpx client.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimtrail.alerts import SIGNATURE_HEADER, TIMESTAMP_HEADER, next_try, sign, webhook_config
from claimtrail.errors import AlertError, SettingsError
from claimtrail.models import Run, StoredDocument
from claimtrail.pipeline import add_to_ledger, alerts_after_ingest, deliver_alerts, open_ledger, story_touch
from claimtrail.settings import AlertSettings, Settings
from claimtrail.store import Store

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="test", settings_hash="hooks", settings_json="{}")
SECRET = "s3cret-shared-with-the-receiver"
STORY = "s-dam"


@dataclass
class Receiver:
    """Refuses (500) the first ``refuse`` requests, then accepts; records each request and its signature check."""

    refuse: int
    requests: list[dict[str, object]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[Receiver]:
    state = Receiver(refuse=request.param)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            timestamp = self.headers[TIMESTAMP_HEADER]
            expected = sign(SECRET.encode(), timestamp, body)
            valid = hmac.compare_digest(expected, self.headers[SIGNATURE_HEADER])
            state.requests.append(
                {"valid": valid, "key": self.headers["Idempotency-Key"], "body": json.loads(body)}
            )
            refused = not valid or len(state.requests) <= state.refuse
            self.send_response(500 if refused else 204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook/T0KEN"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """Back-off in hundredths of a second, four tries."""
    quick = replace(settings.alerts, backoff_first_s=0.02, backoff_factor=2.0, max_attempts=4, timeout_s=5.0)
    return replace(settings, alerts=quick)


def _doc(make_stored: MakeStored, name: str, text: str, figure: int, source: str, day: str) -> StoredDocument:
    claim = {"phrase": f"{figure} people", "low": figure, "fact": f"f-{figure}", "source": source,
             "stated_by": source, "stated_on": dt.date.fromisoformat(day), "actor": "Laos"}  # fmt: skip
    doc = make_stored(name, text, [claim])
    return replace(doc, story=STORY, document=replace(doc.document, story=STORY))


def _alerted_ledger(path: Path, make_stored: MakeStored, settings: Settings, url: str) -> Store:
    store = open_ledger(str(path), create=True)
    run_id = store.ensure_run(RUN)
    for doc in (
        _doc(make_stored, "a.txt", "The dam burst killed 90 people, the Red Cross said.\n", 90, "Red Cross", "2025-05-01"),
        _doc(make_stored, "b.txt", "The Dam Authority said 60 people died when it burst.\n", 60, "Dam Authority", "2025-05-02"),
    ):  # fmt: skip
        stored = add_to_ledger(doc, store, run_id)
        assert stored is not None
        touch = story_touch(stored, dt.datetime.now(dt.UTC))
        alerts_after_ingest(store, [touch] if touch else [], settings, webhooks=[url])
    assert len(store.alerts()) == 1
    return store


@pytest.mark.parametrize("receiver", [2], indirect=True)
def test_a_refused_delivery_is_retried_until_it_succeeds(
    tmp_path: Path,
    make_stored: MakeStored,
    fast: Settings,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRAIL_WEBHOOK_SECRET", SECRET)
    with _alerted_ledger(tmp_path / "l.db", make_stored, fast, receiver.url) as store:
        report = deliver_alerts(store, fast, webhook_config(fast.alerts), wait_s=10)

        (delivery,) = store.alert_deliveries()
        (alert,) = store.alerts()
    assert (report.delivered, report.failed, report.dead, report.pending) == (1, 2, 0, 0)
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 3, 204)
    assert [r["valid"] for r in receiver.requests] == [True, True, True]
    assert {r["key"] for r in receiver.requests} == {alert.conflict}  # the receiver can dedupe on it
    body = receiver.requests[-1]["body"]
    assert isinstance(body, dict) and body["alert"] == alert.conflict
    assert (body["earlier"]["source"], body["later"]["source"]) == ("Red Cross", "Dam Authority")


@pytest.mark.parametrize("receiver", [1_000], indirect=True)
def test_a_receiver_that_always_refuses_gets_a_dead_letter(
    tmp_path: Path,
    make_stored: MakeStored,
    fast: Settings,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRAIL_WEBHOOK_SECRET", SECRET)
    with _alerted_ledger(tmp_path / "l.db", make_stored, fast, receiver.url) as store:
        report = deliver_alerts(store, fast, webhook_config(fast.alerts), wait_s=10)
        (delivery,) = store.alert_deliveries()
        # Nothing is due any more: another pass sends nothing.
        again = deliver_alerts(store, fast, webhook_config(fast.alerts))
    assert (report.failed, report.dead, report.pending) == (3, 1, 0)
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("dead", 4, 500)
    assert delivery.dead_lettered_at is not None and "HTTP 500" in (delivery.last_error or "")
    assert len(receiver.requests) == 4 and again.delivered + again.failed + again.dead == 0


@pytest.mark.parametrize("receiver", [0], indirect=True)
def test_a_wrong_secret_is_refused_by_the_receiver(
    tmp_path: Path,
    make_stored: MakeStored,
    fast: Settings,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMTRAIL_WEBHOOK_SECRET", "not-the-receivers-secret")
    with _alerted_ledger(tmp_path / "l.db", make_stored, fast, receiver.url) as store:
        report = deliver_alerts(store, fast, webhook_config(fast.alerts))
    assert report.delivered == 0 and [r["valid"] for r in receiver.requests] == [False]


def test_webhooks_without_a_secret_stop_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMTRAIL_WEBHOOK_SECRET", raising=False)
    with pytest.raises(AlertError, match="set the environment variable CLAIMTRAIL_WEBHOOK_SECRET"):
        webhook_config(AlertSettings(), extra_urls=["https://hooks.example/x"])
    with pytest.raises(SettingsError, match="--webhook must be an http:// or https:// address"):
        webhook_config(AlertSettings(), extra_urls=["hooks.example/x"])
    assert webhook_config(AlertSettings()).urls == ()  # no webhooks: no secret needed


def test_a_bad_webhook_in_the_settings_file_stops_loading(tmp_path: Path) -> None:
    from claimtrail.settings import load_settings

    path = tmp_path / "s.toml"
    path.write_text('[alerts]\nwebhooks = ["ftp://hooks.example/x"]\n')
    with pytest.raises(SettingsError, match="alerts.webhooks must be an http"):
        load_settings(path)


def test_the_back_off_grows_then_gives_up() -> None:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    waits = [next_try(n, AlertSettings(), now) for n in range(1, 7)]
    assert [(w - now).total_seconds() for w in waits if w is not None] == [2, 6, 18, 54, 162]
    assert waits[-1] is None  # the sixth failed try is the last
