"""Conflicts in the API: each with its id and why; dismissing one (POST) and undoing it (DELETE), same-origin only.

Also the pages of issue 11: the home page is the stories index, each story has its page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimtrail.models import StoredDocument
from claimtrail.serve import AppConfig, create_app

LedgerBuilder = Callable[[Path | str, list[StoredDocument]], str]
WHY_FIELDS = {"story", "measure", "population", "periods", "sources", "bounds"}


@pytest.fixture
def client(
    tmp_path: Path, ledger_docs: list[StoredDocument], ledger_builder: LedgerBuilder
) -> Iterator[TestClient]:
    """A ledger of its own per test: dismissals change it."""
    ledger = ledger_builder(tmp_path / "ledger.db", ledger_docs)
    with TestClient(create_app(AppConfig(database=ledger, upload_dir=tmp_path / "uploads"))) as c:
        yield c


def listed(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/conflicts", params={"measure": "killed", **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_each_conflict_has_its_id_and_why(client: TestClient) -> None:
    page = listed(client)

    assert page["rows"] and page["dismissed_hidden"] == 0
    for conflict in page["rows"]:
        assert conflict["id"].startswith("c-") and len(conflict["id"]) == 12
        assert set(conflict["why"]) == WHY_FIELDS and all(conflict["why"].values())
        assert conflict["dismissed"] is False and conflict["dismissed_reason"] is None
    assert len({c["id"] for c in page["rows"]}) == len(page["rows"])


def test_a_dismissed_conflict_is_left_out_until_the_dismissal_is_deleted(client: TestClient) -> None:
    before = listed(client)["rows"]
    target = before[0]["id"]

    made = client.post(f"/api/conflicts/{target}/dismiss", json={"reason": "different towns"})

    assert made.status_code == 200, made.text
    assert made.json()["id"] == target and made.json()["reason"] == "different towns"
    assert made.json()["dismissed_by"].startswith("web view")
    after = listed(client)
    assert [c["id"] for c in after["rows"]] == [c["id"] for c in before[1:]]
    assert after["dismissed_hidden"] == 1
    shown = {c["id"]: c for c in listed(client, dismissed="true")["rows"]}
    assert (shown[target]["dismissed"], shown[target]["dismissed_reason"]) == (True, "different towns")

    assert client.delete(f"/api/conflicts/{target}/dismiss").status_code == 200
    assert listed(client)["rows"] == before
    again = client.delete(f"/api/conflicts/{target}/dismiss")
    assert again.status_code == 404 and "is not dismissed" in again.json()["error"]


def test_a_dismissal_needs_no_body(client: TestClient) -> None:
    target = listed(client)["rows"][0]["id"]

    made = client.post(f"/api/conflicts/{target}/dismiss")

    assert made.status_code == 200 and made.json()["reason"] is None
    assert listed(client)["dismissed_hidden"] == 1


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}, {"Origin": "http://evil.example"}],
)
@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_another_sites_page_cannot_dismiss_or_undismiss(
    client: TestClient, headers: dict[str, str], method: str
) -> None:
    target = listed(client)["rows"][0]["id"]
    if method == "DELETE":
        assert client.post(f"/api/conflicts/{target}/dismiss").status_code == 200
    hidden_before = listed(client)["dismissed_hidden"]

    refused = client.request(method, f"/api/conflicts/{target}/dismiss", headers=headers)

    assert refused.status_code == 403 and "another site's page" in refused.json()["error"]
    assert listed(client)["dismissed_hidden"] == hidden_before  # nothing changed


def test_this_servers_own_page_may_dismiss(client: TestClient) -> None:
    target = listed(client)["rows"][0]["id"]
    own = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}

    assert client.post(f"/api/conflicts/{target}/dismiss", headers=own, json={}).status_code == 200


@pytest.mark.parametrize(
    ("conflict", "body", "status", "said"),
    [
        ("600-vs-400", None, 400, "is not a conflict id: ids are 'c-' and 10 hex digits"),
        ("c-0123456789", {"reason": "x" * 1001}, 422, "reason"),
        ("c-0123456789", {"reason": "bad\x00reason"}, 400, "reason holds a control character"),
    ],
)
def test_a_bad_dismissal_is_refused_and_says_why(
    client: TestClient, conflict: str, body: dict[str, str] | None, status: int, said: str
) -> None:
    refused = client.post(f"/api/conflicts/{conflict}/dismiss", json=body)

    assert refused.status_code == status and said in refused.json()["error"]


def test_the_home_page_is_the_stories_index_and_each_story_has_its_page(client: TestClient) -> None:
    home = client.get("/")
    story = client.get("/stories/story-1")
    timeline = client.get("/timeline")

    assert home.status_code == story.status_code == timeline.status_code == 200
    assert "<title>Stories · claimtrail</title>" in home.text and "/static/stories.js" in home.text
    assert "bokeh" not in home.text  # the index draws no chart: its first paint needs no chart library
    assert "/static/story.js" in story.text and "/vendor/bokeh/bokeh.min.js" in timeline.text
    for page in ("/timeline", "/claims", "/conflicts", "/sources"):
        assert '<input type="hidden" name="story">' in client.get(page).text, page
