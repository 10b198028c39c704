"""Input the API and pages refuse plainly: numbers past what a ledger holds, control characters,
invalid filters in a page's address; and answers that never show where the server keeps files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimtrail.serve import AppConfig, create_app

LIST_ENDPOINTS = (
    "/api/claims",
    "/api/facts",
    "/api/timeline",
    "/api/timeline/series",
    "/api/conflicts",
    "/api/citations",
    "/api/documents",
)


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
@pytest.mark.parametrize("offset", [str(2**63), str(2**64 + 5), str(2**53)])
def test_an_offset_past_what_a_ledger_holds_is_a_plain_422(
    client: TestClient, path: str, offset: str
) -> None:
    response = client.get(path, params={"offset": offset})

    assert response.status_code == 422, response.text
    assert "offset: Input should be less than or equal to 9007199254740991" in response.json()["error"]


def test_the_largest_offset_allowed_is_an_empty_page(client: TestClient) -> None:
    response = client.get("/api/claims", params={"offset": str(2**53 - 1)})

    assert response.status_code == 200
    assert response.json()["rows"] == []


@pytest.mark.parametrize("claim_id", [str(2**63), str(2**70), "0", "-1"])
def test_a_claim_id_no_ledger_can_hold_is_a_plain_422(client: TestClient, claim_id: str) -> None:
    response = client.get(f"/api/claims/{claim_id}")

    assert response.status_code == 422, response.text
    assert response.json()["error"].startswith("invalid request: claim_id: Input should be")


def test_the_largest_claim_id_is_simply_not_found(client: TestClient) -> None:
    response = client.get(f"/api/claims/{2**63 - 1}")

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["text", "actor", "source", "outlet", "document"])
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_a_control_character_in_a_filter_is_a_plain_400(
    client: TestClient, ledger: str, name: str, char: str
) -> None:
    response = client.get("/api/claims", params={name: f"kill{char}ed"})

    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error == (
        f"{name} holds a control character (U+{ord(char):04X}); filters are plain text: remove it"
    )
    assert Path(ledger).parent.name not in response.text


@pytest.mark.parametrize("path", ["/api/documents/a%00.txt", "/api/facts/f%00/claims"])
def test_a_control_character_in_a_path_is_a_plain_400(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 400
    assert "holds a control character (U+0000)" in response.json()["error"]


def test_a_failing_ledger_answers_503_without_its_path_or_error(tmp_path: Path, ledger: str) -> None:
    db = tmp_path / "hidden-folder" / "ledger.db"
    db.parent.mkdir()
    shutil.copy(ledger, db)
    client = TestClient(create_app(AppConfig(database=str(db), upload_dir=tmp_path / "up")))
    db.write_bytes(b"this is not a SQLite database at all " * 200)

    response = client.get("/api/claims")

    assert response.status_code == 503
    assert response.json()["error"] == (
        "the ledger cannot be read or written right now; the server log has the details"
    )
    assert "hidden-folder" not in response.text and "sqlite" not in response.text.lower()


@pytest.mark.parametrize(
    ("origin", "shown"),
    [
        ("/srv/claimtrail/uploads/0123/article.txt", "article.txt"),
        ("/data/crawl/CC-NEWS.warc.gz@1234", "CC-NEWS.warc.gz@1234"),
        ("../../home/me/feed.jsonl:3", "feed.jsonl:3"),
        ("seeds/a.txt", "seeds/a.txt"),
    ],
)
def test_origins_are_shown_without_the_servers_folders(origin: str, shown: str) -> None:
    from claimtrail.serve.jsonify import shown_origin

    assert shown_origin(origin) == shown


def test_no_document_answer_holds_a_server_path(client: TestClient, ledger_docs: list) -> None:
    folders = {str(Path(d.origin).parent) for d in ledger_docs if Path(d.origin).is_absolute()}
    listing = client.get("/api/documents").text
    one = client.get("/api/documents/a.txt").text

    for folder in folders:
        assert folder not in listing and folder not in one


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/claims", {"measure": "bogus"}, "unknown measure &#x27;bogus&#x27;; valid measures: "),
        ("/claims", {"since": "notadate"}, "since must be a date like 2025-03-14, not &#x27;notadate&#x27;"),
        ("/claims", {"hedged": "maybe"}, "hedged must be true or false"),
        ("/claims", {"sort": "nonsense"}, "sort"),
        ("/claims", {"language": "French"}, "language must be a code of two or three lowercase letters"),
        ("/sources", {"language": "e"}, "language must be a code"),
        ("/claims", {"offset": "-3"}, "offset must be a whole number from 0"),
        ("/claims", {"since": "2025-02-01", "until": "2025-01-01"}, "is after until"),
        ("/", {"since": "notadate"}, "since must be a date"),
        ("/", {"measure": "bogus"}, "unknown measure"),
        ("/conflicts", {"until": "13/13/2025"}, "until must be a date"),
        ("/sources", {"measure": "bogus"}, "unknown measure"),
    ],
)
def test_a_page_whose_address_has_an_invalid_filter_shows_the_error(
    client: TestClient, path: str, params: dict[str, str], message: str
) -> None:
    response = client.get(path, params=params)

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "This address&#x27;s filters are invalid: " in response.text
    assert message in response.text
    assert f'<a href="{path}">Show this page without filters</a>' in response.text
    assert "/static/claims.js" not in response.text  # no script fetches rows behind the error


def test_a_page_with_valid_filters_is_the_page(client: TestClient) -> None:
    response = client.get(
        "/claims", params={"measure": "killed", "since": "2025-01-01", "language": "fr", "scale": "log"}
    )

    assert response.status_code == 200
    assert "/static/claims.js" in response.text


def test_a_filter_value_in_an_error_page_is_text_not_markup(client: TestClient) -> None:
    response = client.get("/claims", params={"measure": "<script>alert(1)</script>"})

    assert response.status_code == 400
    assert "<script>alert(1)" not in response.text
