"""Stories in the ledger: schema v5's columns and tables, the story filter, the index state, corrections."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import psycopg
import pytest
from test_store_open import BACK_TO_V4

from claimtrail.link import fact_form
from claimtrail.models import (
    Filters,
    Run,
    StoredDocument,
    StoryCorrection,
    StoryDelta,
    StoryIndexDelta,
    StoryInput,
    StoryMove,
)
from claimtrail.store import Store, is_postgres_url, open_store
from claimtrail.story import StoryIndex

MakeStored = Callable[..., StoredDocument]

RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")
QUAKE = "Officials said 600 people died in the quake.\n"
FLOOD = "Officials said 600 people died in the flood. Medics said 20 were missing.\n"
LATER = "Rescuers said 600 people died in the quake, and 12 remain missing.\n"


def _claim(phrase: str, low: int, fact: str, measure: str = "killed", **more: Any) -> dict[str, Any]:
    return {"phrase": phrase, "low": low, "high": low, "fact": fact, "measure": measure, **more}


def _in_story(stored: StoredDocument, story: str) -> StoredDocument:
    return replace(stored, story=story, document=replace(stored.document, story=story))


@pytest.fixture
def two_stories(store: Store, make_stored: MakeStored) -> Store:
    """A quake story of two documents and a flood story of one, each with a 600-killed fact of its own."""
    run_id = store.ensure_run(RUN)
    quake = make_stored("quake.txt", QUAKE, [_claim("600 people", 600, "f-q600", source="Officials")],
                        title="Quake kills 600", published="2025-03-01")  # fmt: skip
    flood = make_stored("flood.txt", FLOOD, [_claim("600 people", 600, "f-f600", source="Officials"),
                        _claim("20", 20, "f-f20", "missing", source="Medics")],
                        title="Flood", published="2025-04-02")  # fmt: skip
    later = make_stored("later.txt", LATER, [_claim("600 people", 600, "f-q600", source="Rescuers")],
                        title="Rescue goes on", published="2025-03-04")  # fmt: skip
    store.add_document(_in_story(quake, "story-quake"), run_id)
    store.add_document(_in_story(flood, "story-flood"), run_id)
    store.add_document(_in_story(later, "story-quake"), run_id)
    return store


def test_stories_list_their_title_dates_counts_and_top_facts(two_stories: Store) -> None:
    rows = two_stories.stories(Filters())

    assert [(r.id, r.title, str(r.first_published), str(r.last_published), r.documents, r.claims)
            for r in rows] == [
        ("story-flood", "Flood", "2025-04-02", "2025-04-02", 1, 2),
        ("story-quake", "Quake kills 600", "2025-03-01", "2025-03-04", 2, 2),
    ]  # fmt: skip
    quake = rows[1]
    assert [(f.fact, f.claims, f.story) for f in quake.top_facts] == [("f-q600", 2, "story-quake")]
    assert [r.id for r in two_stories.stories(Filters(story="story-quake"))] == ["story-quake"]


def test_the_story_filter_keeps_one_storys_claims_facts_estimates_and_documents(two_stories: Store) -> None:
    quake = Filters(story="story-quake")

    assert {r.doc for r in two_stories.claims(quake)} == {"quake.txt", "later.txt"}
    assert two_stories.count_claims(quake) == 2
    assert [f.fact for f in two_stories.facts(quake)] == ["f-q600"]
    assert {(r.fact, r.story) for r in two_stories.timeline(quake)} == {("f-q600", "story-quake")}
    assert {d.doc for d in two_stories.documents(quake)} == {"quake.txt", "later.txt"}
    assert [d.story for d in two_stories.documents(Filters(document="flood.txt"))] == ["story-flood"]
    # Every timeline row names its story (conflicts are found within one).
    assert {r.story for r in two_stories.timeline(Filters(measure="killed"))} == {
        "story-quake",
        "story-flood",
    }
    assert two_stories.count_claims(Filters(story="story-none")) == 0


def test_the_export_gives_each_document_its_story(two_stories: Store) -> None:
    assert {d.doc: d.story for _, d in two_stories.iter_documents()} == {
        "quake.txt": "story-quake", "flood.txt": "story-flood", "later.txt": "story-quake",
    }  # fmt: skip


def _delta(
    story: str, position: int, member: str, day: str, *counts: tuple[str, str, float]
) -> StoryIndexDelta:
    """What one document added to the story index (as StoryIndex.take_changes gives it)."""
    names = [(key, 1, position) for kind, key, _ in counts if kind in ("place", "actor")]
    terms = [(key, 1) for kind, key, _ in counts if kind == "term"]
    date = dt.date.fromisoformat(day)
    return StoryIndexDelta(
        (StoryDelta(story, position, date, date, (member,), counts),), tuple(names), tuple(terms)
    )


def test_the_story_index_is_saved_by_parts_with_the_documents(store: Store, make_stored: MakeStored) -> None:
    run_id = store.ensure_run(RUN)
    assert store.story_state() is None and store.story_index_documents() == 0
    quake = _in_story(make_stored("quake.txt", QUAKE, []), "story-quake")
    later = _in_story(make_stored("later.txt", LATER, []), "story-quake")
    first = _delta("story-quake", 0, "k1", "2031-03-03", ("place", "velmora", 1.0), ("term", "quake", 1.5))
    second = _delta("story-quake", 0, "k2", "2031-03-01", ("place", "velmora", 1.0), ("term", "quake", 2.25),
                    ("term", "rubble", 1.0), ("event", "earthquake", 3.0))  # fmt: skip
    second = replace(second, stories=(replace(second.stories[0], last=dt.date(2031, 3, 3)),))

    assert store.add_document(quake, run_id, story_changes=first)
    assert store.add_document(later, run_id, story_changes=second)
    # A document already stored writes nothing, not even the changes it came with.
    assert not store.add_document(quake, run_id, story_changes=_delta("story-x", 1, "k3", "2031-01-01"))

    assert store.story_index_documents() == 2
    assert store.story_state() == {
        "version": 1,
        "stored_as": "rows",
        "stories": [{
            "id": "story-quake", "members": ["k1", "k2"], "first": "2031-03-01", "last": "2031-03-03",
            "places": {"velmora": 2}, "actors": {}, "events": {"earthquake": 3},
            "terms": {"quake": 3.75, "rubble": 1.0},
        }],
        "name_df": {"velmora": 2},
        "term_df": {"quake": 2, "rubble": 1},
    }  # fmt: skip


def test_a_story_index_saved_whole_is_read_then_replaced_by_its_parts(
    store_url: str, make_stored: MakeStored
) -> None:
    """A ledger of schema 5 to 8 kept the index as one JSON value: read as it is, replaced on the next save."""
    whole = {"version": 1, "stories": [], "name_df": {}, "term_df": {}}
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        run_id = store.ensure_run(RUN)
    _behind_the_store(
        store_url,
        "INSERT INTO story_index (id, state, updated_at) VALUES (1, %s, %s)",
        json.dumps(whole),
        "2025-01-01T00:00:00+00:00",
    )
    with open_store(store_url, create=False, fact_form=fact_form) as store:
        assert store.story_state() == whole
        changes = replace(_delta("story-quake", 0, "k1", "2031-03-03", ("term", "quake", 1.0)), whole=True)
        assert store.add_document(_in_story(make_stored("quake.txt", QUAKE, []), "story-quake"), run_id,
                                  story_changes=changes)  # fmt: skip
        state = store.story_state()
    assert state is not None and state["stored_as"] == "rows" and state["term_df"] == {"quake": 1}
    assert _behind_the_store(store_url, "SELECT COUNT(*) FROM story_index") == 0


def _behind_the_store(url: str, sql: str, *params: Any) -> Any:
    """Run one statement on the ledger without the store (``%s`` marks a parameter); its first value."""
    if is_postgres_url(url):
        with psycopg.connect(url) as conn:
            cursor = conn.execute(sql, params)  # type: ignore[arg-type]
            row = cursor.fetchone() if cursor.description else None
    else:
        with sqlite3.connect(url) as lite:
            row = lite.execute(sql.replace("%s", "?"), params).fetchone()
        lite.close()
    return row[0] if row else None


def test_a_correction_moves_documents_with_their_facts_and_is_recorded(two_stories: Store) -> None:
    flood_claims = two_stories.document("flood.txt")
    assert flood_claims is not None
    ids = [r.id for r in flood_claims.claims]
    merge = StoryCorrection("merge", "story-flood", "story-quake")
    move = StoryMove(flood_claims.info.id, "story-quake", ((ids[0], "f-q600"), (ids[1], "f-q20")))

    two_stories.correct_stories(merge, [move])

    assert two_stories.story_corrections() == [merge]
    assert [(r.id, r.documents, r.claims) for r in two_stories.stories(Filters())] == [("story-quake", 3, 4)]
    facts = {f.fact: (f.claims, f.story) for f in two_stories.facts(Filters())}
    assert facts == {"f-q600": (3, "story-quake"), "f-q20": (1, "story-quake")}
    assert {r.story for r in two_stories.timeline(Filters())} == {"story-quake"}


def _back_to_version_4(url: str) -> None:
    """Undo schema v5 behind the store's back: the ledger a claimtrail before stories left."""
    if is_postgres_url(url):
        with psycopg.connect(url) as conn:
            for sql in BACK_TO_V4:
                conn.execute(sql)
        return
    lite = sqlite3.connect(url)
    try:
        for sql in BACK_TO_V4:
            lite.execute(sql)
        lite.commit()
    finally:
        lite.close()


def test_a_version_4_ledger_is_migrated_to_version_5(store_url: str, make_stored: MakeStored) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        old = make_stored("old.txt", QUAKE, [_claim("600 people", 600, "f-600", source="Officials")])
        store.add_document(old, store.ensure_run(RUN))
    _back_to_version_4(store_url)

    with open_store(store_url, create=False, fact_form=fact_form) as store:
        # The old document has no story; its claims and facts read as before.
        assert [(d.doc, d.story) for d in store.documents(Filters())] == [("old.txt", None)]
        assert [(f.fact, f.story) for f in store.facts(Filters())] == [("f-600", None)]
        assert store.stories(Filters()) == []
        # A document written now has its story, listed, and the index state is kept.
        new = _in_story(make_stored("new.txt", LATER, [_claim("600 people", 600, "f-s600")]), "story-quake")
        changes = _delta("story-quake", 0, "k1", "2031-03-03", ("term", "quake", 1.0))
        store.add_document(new, store.ensure_run(RUN), story_changes=changes)
        assert [(r.id, r.documents) for r in store.stories(Filters())] == [("story-quake", 1)]
        assert [f.fact for f in store.facts(Filters(story="story-quake"))] == ["f-s600"]
        assert store.story_index_documents() == 1


def test_a_story_index_read_back_from_its_parts_is_the_index_that_saved_them(
    store: Store, make_stored: MakeStored
) -> None:
    """Each document saves only its share; the ledger's index then equals the one in memory."""
    index = StoryIndex(track_changes=True)
    run_id = store.ensure_run(RUN)
    for n, (text, place, day) in enumerate(_REPORTS):
        page = StoryInput(doc=f"{n}.txt", title=None, url=None, published=dt.date.fromisoformat(day),
                          language="en", text=text, entities=((place, "GPE"),))  # fmt: skip
        story = index.assign(page)
        assert store.add_document(
            _in_story(make_stored(f"{n}.txt", text, []), story), run_id, story_changes=index.take_changes()
        )
        assert store.story_index_documents() == n + 1

    state = store.story_state()
    assert state is not None
    restored = StoryIndex.from_json(state)
    assert restored.to_json() == index.to_json()
    assert len(index.stories) == 2
    later = StoryInput(doc="x.txt", title=None, url=None, published=dt.date(2031, 3, 9), language="en",
                       text="Aftershocks shook Velmora again as the earthquake toll rose.",
                       entities=(("Velmora", "GPE"),))  # fmt: skip
    assert restored.assign(later) == index.assign(later) == index.stories[0].id


_REPORTS = [
    ("A powerful earthquake struck Velmora before dawn, flattening houses.", "Velmora", "2031-03-03"),
    ("Floods swept through Drassel after a week of rain, cutting the coast road.", "Drassel", "2031-03-04"),
    (
        "The toll from the Velmora earthquake climbed as aftershocks rattled the town.",
        "Velmora",
        "2031-03-05",
    ),
    ("Rescuers in Drassel pulled families from flooded homes by boat.", "Drassel", "2031-03-06"),
]
