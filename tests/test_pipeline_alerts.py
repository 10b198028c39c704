"""Alerts after an ingest: one per new contradiction or update, never twice, never for a dismissed one."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from claimtrail.models import Filters, Run, StoredDocument, StoryTouch
from claimtrail.pipeline import (
    add_to_ledger,
    alert_delays,
    alerts_after_ingest,
    conflicts_page,
    dismiss_conflict,
    open_ledger,
    story_touch,
)
from claimtrail.settings import Settings, load_settings
from claimtrail.store import Store

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")
STORY = "s-flood"


def _killed(phrase: str, low: int, fact: str, source: str, day: str) -> dict[str, object]:
    return {"phrase": phrase, "low": low, "fact": fact, "source": source, "stated_by": source,
            "stated_on": dt.date.fromisoformat(day), "actor": "Moldova"}  # fmt: skip


def _in_story(doc: StoredDocument) -> StoredDocument:
    return replace(doc, story=STORY, document=replace(doc.document, story=STORY))


@pytest.fixture
def docs(make_stored: MakeStored) -> dict[str, StoredDocument]:
    """Invented reports of one flood: the ministry's 600 dead, then the army's 400 (a contradiction)."""
    made = {
        "ministry": make_stored(
            "ministry.txt", "Floods killed 600 people, the Health Ministry said on Friday.\n",
            [_killed("600 people", 600, "f-k600", "Health Ministry", "2025-03-07")],
            title="Floods in the north", outlet="Daily Ledger", url="https://news.example/ministry",
        ),
        "army": make_stored(
            "army.txt", "The Army said 400 people died in the floods.\n",
            [_killed("400 people", 400, "f-k400", "Army", "2025-03-08")],
            outlet="Evening Post", url="https://news.example/army",
        ),
        "army-copy": make_stored(
            "army-copy.txt", "The Army said 400 people died in the floods, officials added.\n",
            [_killed("400 people", 400, "f-k400", "Army", "2025-03-08")],
            outlet="Wire Copy",
        ),
    }  # fmt: skip
    return {name: _in_story(doc) for name, doc in made.items()}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_ledger(str(tmp_path / "ledger.db"), create=True) as opened:
        yield opened


def _ingest(store: Store, doc: StoredDocument, settings: Settings) -> list[str]:
    """Add ``doc`` as ingest does and return the kinds of the alerts raised."""
    started = dt.datetime.now(dt.UTC)
    stored = add_to_ledger(doc, store, store.ensure_run(RUN))
    touch = story_touch(stored, started) if stored is not None else None
    return [a.kind for a in alerts_after_ingest(store, [touch] if touch else [], settings)]


def test_a_contradicting_document_gives_exactly_one_alert(
    store: Store, docs: dict[str, StoredDocument], settings: Settings
) -> None:
    assert _ingest(store, docs["ministry"], settings) == []

    assert _ingest(store, docs["army"], settings) == ["contradiction"]

    (alert,) = store.alerts(story=STORY)
    (conflict,) = conflicts_page(store, Filters(story=STORY)).rows
    assert alert.conflict == conflict.id and alert.document_id == docs["army"].id
    p = alert.payload
    assert (p["earlier"]["source"], p["later"]["source"]) == ("Health Ministry", "Army")
    assert (p["earlier"]["stated_on"], p["later"]["stated_on"]) == ("2025-03-07", "2025-03-08")
    assert p["earlier"]["quote"].startswith("Floods killed 600 people")
    assert p["earlier"]["document"]["url"] == "https://news.example/ministry"
    assert (p["earlier"]["new"], p["later"]["new"]) == (False, True)
    assert p["story"] == {"id": STORY, "title": "Floods in the north", "url": f"/stories/{STORY}"}
    (delay,) = alert_delays(store)
    assert 0 <= delay < 60


def test_re_ingesting_the_same_document_or_a_copy_gives_none(
    store: Store, docs: dict[str, StoredDocument], settings: Settings
) -> None:
    _ingest(store, docs["ministry"], settings)
    assert _ingest(store, docs["army"], settings) == ["contradiction"]

    assert _ingest(store, docs["army"], settings) == []  # already stored: nothing touched
    assert _ingest(store, docs["army-copy"], settings) == []  # the same estimate again
    assert len(store.alerts()) == 1


def test_a_dismissed_conflict_never_alerts(
    store: Store, docs: dict[str, StoredDocument], settings: Settings
) -> None:
    run_id = store.ensure_run(RUN)
    add_to_ledger(docs["ministry"], store, run_id)
    army = add_to_ledger(docs["army"], store, run_id)
    assert army is not None
    (conflict,) = conflicts_page(store, Filters(story=STORY)).rows
    dismiss_conflict(store, conflict.id, reason="the Army counts soldiers only")

    touch = story_touch(army, dt.datetime.now(dt.UTC))
    assert touch is not None
    assert alerts_after_ingest(store, [touch], settings) == []
    assert store.alerts() == []


def test_an_update_alerts_too(store: Store, make_stored: MakeStored, settings: Settings) -> None:
    first = make_stored("a.txt", "The Health Ministry said 27 people died.\n",
                        [_killed("27 people", 27, "f-k27", "Health Ministry", "2025-03-07")])  # fmt: skip
    later = make_stored("b.txt", "The toll rose to 41 people, the Health Ministry said.\n",
                        [_killed("41 people", 41, "f-k41", "Health Ministry", "2025-03-09")])  # fmt: skip
    assert _ingest(store, _in_story(first), settings) == []
    assert _ingest(store, _in_story(later), settings) == ["update"]


def _alert_in_process(path: str, touch: StoryTouch, start: object) -> int:
    start.wait()  # type: ignore[attr-defined]
    with open_ledger(path, create=False) as store:
        return len(alerts_after_ingest(store, [touch], load_settings()))


def test_two_processes_raising_the_same_alert_store_it_once(
    tmp_path: Path, docs: dict[str, StoredDocument], settings: Settings
) -> None:
    path = str(tmp_path / "ledger.db")
    with open_ledger(path, create=True) as store:
        run_id = store.ensure_run(RUN)
        add_to_ledger(docs["ministry"], store, run_id)
        army = add_to_ledger(docs["army"], store, run_id)
    assert army is not None
    touch = story_touch(army, dt.datetime.now(dt.UTC))
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            created = pool.starmap(_alert_in_process, [(path, touch, start)] * 2)

    assert sorted(created) == [0, 1]
    with open_ledger(path, create=False) as store:
        assert len(store.alerts()) == 1
