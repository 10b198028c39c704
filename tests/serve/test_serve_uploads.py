"""Uploads: names that cannot escape the upload folder, size limits, and a real ingest in the background."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimtrail.errors import UploadError
from claimtrail.serve import AppConfig, create_app
from claimtrail.serve.uploads import safe_file_name
from claimtrail.settings import ServeSettings, Settings

ACCEPTED = (".txt", ".html", ".htm", ".jsonl")
# Seconds an ingest of one short article may take (the spaCy model loads first).
INGEST_TIMEOUT_S = 120.0

ARTICLE = (
    "Floods force thousands from their homes\n\n"
    "RIVERTON, March 12, 2025 — Floods in the northern valley have killed 27 people, "
    "the regional emergency agency said on Wednesday. "
    "About 4,000 residents were moved to shelters, officials said.\n"
)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("article.txt", "article.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.html", "evil.html"),
        ("/abs/path/page.jsonl", "page.jsonl"),
        ("C:\\Users\\me\\a.TXT", "a.TXT"),
    ],
)
def test_only_the_last_component_of_a_name_is_kept(name: str, safe: str) -> None:
    assert safe_file_name(name, ACCEPTED) == safe


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty or hidden"),
        ("..", "empty or hidden"),
        ("../", "empty or hidden"),
        (".bashrc.txt", "empty or hidden"),
        ("evil.exe", "not an article file; accepted: .txt"),
        ("a.txt\x00.exe", "control characters"),
        ("a\nb.txt", "control characters"),
        ("x" * 300 + ".txt", "over 200 characters"),
    ],
)
def test_bad_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        safe_file_name(name, ACCEPTED)


@pytest.fixture
def upload_client(tmp_path: Path, ledger: str) -> tuple[TestClient, Path]:
    import shutil

    (tmp_path / "db").mkdir()
    db = tmp_path / "db" / "ledger.db"
    shutil.copy(ledger, db)
    uploads = tmp_path / "area" / "uploads"  # the tests watch everything under "area"
    settings = Settings(serve=ServeSettings(max_upload_bytes=2_000))
    return TestClient(create_app(AppConfig(database=str(db), settings=settings, upload_dir=uploads))), uploads


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_an_uploaded_path_cannot_escape_the_upload_folder(upload_client: tuple[TestClient, Path]) -> None:
    client, uploads = upload_client
    before = files_under(uploads.parent)

    response = client.post("/api/uploads", files=[("files", ("../../escape.txt", b"text", "text/plain"))])

    assert response.status_code == 202, response.text
    job = response.json()
    assert job["files"] == ["escape.txt"]
    added = files_under(uploads.parent) - before
    assert added == {f"uploads/{job['id']}/escape.txt"}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("files", ("big.txt", b"x" * 2_001, "text/plain"))], "larger than 2,000 bytes"),
        ([("files", ("ok.txt", b"fine", "text/plain")), ("files", ("run.sh", b"rm -rf /", "text/x-sh"))],
         "'run.sh' is not an article file"),
    ],
)  # fmt: skip
def test_a_refused_upload_leaves_nothing_behind(
    upload_client: tuple[TestClient, Path], files: list[Any], message: str
) -> None:
    client, uploads = upload_client

    response = client.post("/api/uploads", files=files)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert files_under(uploads.parent) == set()


def test_an_upload_without_files_is_a_json_error(upload_client: tuple[TestClient, Path]) -> None:
    client, _ = upload_client

    response = client.post("/api/uploads", data={"nothing": "here"})

    assert response.status_code == 422
    assert "files" in response.json()["error"]


@pytest.mark.slow
def test_an_uploaded_article_is_ingested_and_appears_without_a_restart(
    upload_client: tuple[TestClient, Path],
) -> None:
    client, _ = upload_client
    before = client.get("/api/claims/count").json()["total"]

    response = client.post(
        "/api/uploads", files=[("files", ("riverton.txt", io.BytesIO(ARTICLE.encode()), "text/plain"))]
    )
    job = response.json()
    deadline = time.monotonic() + INGEST_TIMEOUT_S
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/uploads/{job['id']}").json()

    assert job["state"] == "done", job
    assert (job["added"], job["done"], job["total"], job["failures"]) == (1, 1, 1, [])
    document = client.get("/api/documents/riverton.txt").json()
    assert {c["text"] for c in document["claims"]} >= {"27 people", "About 4,000 residents"}
    assert client.get("/api/claims/count").json()["total"] == before + len(document["claims"])
