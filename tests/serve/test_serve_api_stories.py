"""The JSON API's stories: /api/stories, the ``story`` parameter of every list endpoint, each conflict's story."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimtrail.models import StoredDocument
from claimtrail.serve import AppConfig, create_app

LedgerBuilder = Callable[[Path | str, list[StoredDocument]], str]


def _in_story(stored: StoredDocument, story: str) -> StoredDocument:
    return replace(stored, story=story, document=replace(stored.document, story=story))


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, ledger_docs: list[StoredDocument], ledger_builder: LedgerBuilder
) -> Iterator[TestClient]:
    """The serve suite's ledger with its first two documents in one story and the others in another."""
    stories = ["story-one", "story-one", "story-two", "story-two"]
    documents = [_in_story(d, s) for d, s in zip(ledger_docs, stories, strict=True)]
    folder = tmp_path_factory.mktemp("stories")
    ledger = ledger_builder(folder / "ledger.db", documents)
    with TestClient(create_app(AppConfig(database=ledger, upload_dir=folder / "uploads"))) as c:
        yield c


def rows(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()["rows"]
    return body


def test_stories_list_each_story_with_its_counts(
    client: TestClient, ledger_docs: list[StoredDocument]
) -> None:
    found = {s["id"]: s for s in rows(client, "/api/stories")}

    assert set(found) == {"story-one", "story-two"}
    assert found["story-one"]["documents"] == 2
    assert found["story-one"]["claims"] == sum(len(d.document.claims) for d in ledger_docs[:2])
    assert [s["id"] for s in rows(client, "/api/stories", story="story-two")] == ["story-two"]


@pytest.mark.parametrize("path", ["/api/claims", "/api/facts", "/api/timeline", "/api/documents"])
def test_the_story_parameter_keeps_one_storys_rows(
    client: TestClient, path: str, ledger_docs: list[StoredDocument]
) -> None:
    one, two, every = (rows(client, path, story=s, limit=1000) for s in ("story-one", "story-two", None))

    assert one and two and len(one) + len(two) == len(every)
    if path == "/api/documents":
        assert {d["doc"] for d in one} == {d.document.doc for d in ledger_docs[:2]}
        assert {d["story"] for d in one} == {"story-one"}


def test_each_conflict_names_its_story(client: TestClient) -> None:
    found = rows(client, "/api/conflicts", measure="killed")

    assert found and all(c["story"] in ("story-one", "story-two") for c in found)
    assert all(c["earlier"]["story"] == c["later"]["story"] == c["story"] for c in found)


def test_a_story_parameter_with_a_control_character_is_refused(client: TestClient) -> None:
    response = client.get("/api/claims", params={"story": "story-one\x00"})

    assert response.status_code == 400
    assert "story holds a control character" in response.json()["error"]
