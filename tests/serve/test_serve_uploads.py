"""Uploads: names that cannot escape the upload folder, size limits, and a real ingest in the background."""

from __future__ import annotations

import gzip
import io
import select
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
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


MULTIPART = {"Content-Type": "multipart/form-data; boundary=xyzzy"}


def counted_body(total: int, chunk: int, pulled: list[int]) -> Iterator[bytes]:
    """A multipart upload of ``total`` bytes, sent ``chunk`` at a time; ``pulled`` counts what was sent."""
    head = b'--xyzzy\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    pulled.append(len(head))
    yield head
    for _ in range(total // chunk):
        pulled.append(chunk)
        yield b"x" * chunk


def read_answer(conn: socket.socket) -> bytes:
    """The whole HTTP answer: head and body may come in separate packets, so read to its length."""
    answer = b""
    while True:
        head, sep, body = answer.partition(b"\r\n\r\n")
        if sep:
            lengths = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
            if lengths and len(body) >= int(lengths[0].split(b":", 1)[1]):
                return answer
        try:
            more = conn.recv(65_536)
        except OSError:
            return answer
        if not more:
            return answer
        answer += more


def test_an_upload_is_refused_while_it_streams_once_past_the_bound(
    tmp_path: Path, ledger: str, serve_app: Callable[[FastAPI], Any]
) -> None:
    # A real server: the test client reads a streamed body whole before the app sees it.
    settings = Settings(serve=ServeSettings(max_upload_bytes=2_000))
    served = serve_app(create_app(AppConfig(database=ledger, settings=settings, upload_dir=tmp_path / "up")))
    host, port = served.url.removeprefix("http://").split(":")
    chunk = b"x" * 65_536
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(
            b"POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: multipart/form-data; boundary=xyzzy\r\n\r\n"
        )
        head = b'--xyzzy\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
        conn.sendall(b"%x\r\n%s\r\n" % (len(head), head))
        # Send up to 50 MB until the server answers (or stops reading).
        while sent < 50_000_000 and not select.select([conn], [], [], 0)[0]:
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break
            sent += len(chunk)
        answer = read_answer(conn)

    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"the upload is larger than 67,536 bytes" in answer
    # What the kernel's socket buffers hold besides; far from the 50 MB.
    assert sent < 16_000_000
    assert not (tmp_path / "up").exists() or not any((tmp_path / "up").rglob("*.txt"))


def test_an_upload_declaring_a_length_over_the_bound_is_refused_unread(
    upload_client: tuple[TestClient, Path],
) -> None:
    client, _ = upload_client
    pulled: list[int] = []
    headers = {**MULTIPART, "Content-Length": "200000000"}

    response = client.post("/api/uploads", content=counted_body(200_000_000, 65_536, pulled), headers=headers)

    assert response.status_code == 413
    assert sum(pulled) == 0


def warc_header_bomb(line_bytes: int) -> bytes:
    """One gzip member holding a WARC record whose header has a ``line_bytes``-byte line."""
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nX-Padding: "
        + b"a" * line_bytes
        + b"\r\nContent-Length: 0\r\n\r\n"
    )
    return gzip.compress(record + b"\r\n\r\n")


@pytest.mark.slow
def test_an_upload_whose_records_fail_reports_the_failures_without_server_paths(
    upload_client: tuple[TestClient, Path],
) -> None:
    client, uploads = upload_client
    bomb = warc_header_bomb(1_000_000)
    assert len(bomb) < 2_000
    files = [
        ("files", ("bomb.warc.gz", bomb, "application/gzip")),
        ("files", ("empty.txt", b"  \n", "text/plain")),
    ]

    response = client.post("/api/uploads", files=files)
    job = response.json()
    deadline = time.monotonic() + INGEST_TIMEOUT_S
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/uploads/{job['id']}").json()

    assert job["added"] == 0
    errors = {f["doc"]: f["error"] for f in job["failures"]}
    assert errors["bomb.warc.gz"].startswith(
        "bomb.warc.gz@0: a header line is longer than ingest.max_warc_line_bytes = 65,536 bytes"
    )
    assert errors["empty.txt"].startswith("empty.txt: the document is empty")
    assert str(uploads) not in str(job)
