"""Alerts in the web view: Atom 1.0 feeds (all, per story), the story's alerts page and GET /api/alerts."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimtrail.models import Run, StoredDocument
from claimtrail.pipeline import add_to_ledger, alerts_after_ingest, open_ledger, story_touch
from claimtrail.serve import AppConfig, create_app
from claimtrail.settings import Settings

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="test", settings_hash="alerts", settings_json="{}")
STORY = "s-quake"
A = "{http://www.w3.org/2005/Atom}"


def _doc(make_stored: MakeStored, name: str, text: str, figure: int, source: str, day: str) -> StoredDocument:
    phrase = f"{figure} people"
    claim = {"phrase": phrase, "low": figure, "fact": f"f-{figure}", "source": source, "stated_by": source,
             "stated_on": dt.date.fromisoformat(day), "actor": "Nepal"}  # fmt: skip
    doc = make_stored(name, text, [claim], title="Quake <in> the valley", outlet="Valley Times")
    return replace(doc, story=STORY, document=replace(doc.document, story=STORY))


@pytest.fixture
def client(tmp_path: Path, make_stored: MakeStored, settings: Settings) -> Iterator[TestClient]:
    """A ledger with one alert: the Red Cross's 120 dead against Valley Hospital's 80 & more."""
    path = str(tmp_path / "ledger.db")
    with open_ledger(path, create=True) as store:
        run_id = store.ensure_run(RUN)
        for doc in (
            _doc(
                make_stored,
                "a.txt",
                "The quake killed 120 people, the Red Cross said.\n",
                120,
                "Red Cross",
                "2025-04-01",
            ),
            _doc(
                make_stored,
                "b.txt",
                "Valley Hospital said 80 people died & more were hurt.\n",
                80,
                "Valley Hospital",
                "2025-04-02",
            ),
        ):
            stored = add_to_ledger(doc, store, run_id)
            assert stored is not None
            touch = story_touch(stored, dt.datetime.now(dt.UTC))
            alerts_after_ingest(
                store, [touch] if touch else [], settings, webhooks=["https://hooks.example/T0KEN/x"]
            )
        assert len(store.alerts()) == 1
    with TestClient(create_app(AppConfig(database=path, upload_dir=tmp_path / "up"))) as c:
        yield c


def _feed(client: TestClient, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{required}") is not None, required
    return root


@pytest.mark.parametrize("path", ["/alerts.atom", f"/stories/{STORY}/alerts.atom"])
def test_the_feeds_are_atom_with_one_entry_per_alert(client: TestClient, path: str) -> None:
    root = _feed(client, path)

    (entry,) = root.findall(f"{A}entry")
    entry_id = entry.findtext(f"{A}id")
    assert entry_id is not None and entry_id.startswith("urn:claimtrail:alert:c-")
    assert entry.findtext(f"{A}updated", "").endswith("Z")
    link = entry.find(f"{A}link")
    assert link is not None and link.get("href") == f"http://testserver/stories/{STORY}"
    summary = entry.findtext(f"{A}summary", "")
    assert (
        "120 people from Red Cross on 2025-04-01" in summary and "80 people from Valley Hospital" in summary
    )
    assert (
        '"Valley Hospital said 80 people died & more were hurt."' in summary
    )  # escaped in the XML, read back whole
    assert "Contradiction (killed)" in entry.findtext(f"{A}title", "")


def test_a_story_feed_of_an_unknown_story_is_404(client: TestClient) -> None:
    assert client.get("/stories/s-nope/alerts.atom").status_code == 404


def test_the_alerts_page_has_the_layout_and_the_api_lists_the_alert(client: TestClient) -> None:
    page = client.get(f"/stories/{STORY}/alerts")
    assert page.status_code == 200 and "/static/alerts.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text  # no inline script

    body = client.get("/api/alerts", params={"story": STORY}).json()
    (alert,) = body["rows"]
    assert alert["kind"] == "contradiction" and alert["payload"]["later"]["source"] == "Valley Hospital"
    # The webhook's host only: its path holds a token.
    assert alert["deliveries"] == [
        {"webhook": "hooks.example", "state": "pending", "attempts": 0, "last_status": None,
         "last_error": None, "next_try_at": alert["deliveries"][0]["next_try_at"]}
    ]  # fmt: skip
    assert client.get("/api/alerts", params={"story": "s-other"}).json()["rows"] == []
