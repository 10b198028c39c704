"""Who may ask: loopback by default, a token beyond it, and only the Host names of the bind."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimtrail.cli import main
from claimtrail.errors import ServeError
from claimtrail.serve import TOKEN_ENV, AppConfig, check_bind, create_app, is_loopback
from claimtrail.serve.config import LOOPBACK_NAMES

TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False), ("", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_a_non_loopback_bind_without_a_token_refuses_to_start(host: str) -> None:
    with pytest.raises(ServeError, match=f"refusing to serve on {host}.*pass --token or set {TOKEN_ENV}"):
        check_bind(host, None)
    check_bind(host, TOKEN)  # with a token it may


def test_a_short_token_is_refused() -> None:
    with pytest.raises(ServeError, match="at least 16 characters"):
        check_bind("0.0.0.0", "abc")


def test_the_serve_command_refuses_a_public_bind_without_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)

    code = main(["serve", "--db", str(tmp_path / "l.db"), "--host", "0.0.0.0", "--port", "1"])

    assert code == 2
    assert "refusing to serve on 0.0.0.0" in capsys.readouterr().err
    assert not (tmp_path / "l.db").exists()  # refused before anything was opened


@pytest.fixture(scope="module")
def guarded(ledger: str, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    app = create_app(AppConfig(database=ledger, token=TOKEN, upload_dir=tmp_path_factory.mktemp("up")))
    return TestClient(app)


@pytest.mark.parametrize(
    "path", ["/api/claims", "/api/measures", "/", "/claims", "/openapi.json", "/static/app.css"]
)
def test_with_a_token_set_every_request_needs_it(guarded: TestClient, path: str) -> None:
    refused = guarded.get(path)
    wrong = guarded.get(path, headers={"Authorization": "Bearer not-the-token-at-all-000"})
    allowed = guarded.get(path, headers={"Authorization": f"Bearer {TOKEN}"})

    assert refused.status_code == 401 and wrong.status_code == 401
    assert refused.json()["error"].startswith("this server needs a token")
    assert refused.headers["www-authenticate"] == "Bearer"
    assert allowed.status_code == 200


def test_a_page_link_with_the_token_sets_a_strict_cookie(ledger: str, tmp_path: Path) -> None:
    client = TestClient(create_app(AppConfig(database=ledger, token=TOKEN, upload_dir=tmp_path)))

    first = client.get("/", params={"token": TOKEN})

    assert first.status_code == 200
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/api/measures").status_code == 200  # the cookie now carries the token


def test_a_loopback_server_answers_only_to_loopback_host_names(ledger: str, tmp_path: Path) -> None:
    config = AppConfig(database=ledger, upload_dir=tmp_path, allowed_hosts=LOOPBACK_NAMES)
    client = TestClient(create_app(config), base_url="http://127.0.0.1:8000")

    assert client.get("/api/measures").status_code == 200
    assert client.get("/api/measures", headers={"Host": "localhost:8000"}).status_code == 200
    # A page elsewhere whose name was rebound to 127.0.0.1 must not read the ledger.
    assert client.get("/api/measures", headers={"Host": "attacker.example"}).status_code == 400


FOREIGN = [
    {"Origin": "http://evil.example"},
    {"Origin": "http://127.0.0.1:9999"},  # another local server: another origin
    {"Origin": "null"},  # a sandboxed frame or a file:// page
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"},
]


@pytest.mark.parametrize("headers", FOREIGN, ids=repr)
@pytest.mark.parametrize("token", [None, TOKEN], ids=["loopback", "token"])
def test_an_upload_from_another_sites_page_is_refused(
    ledger: str, tmp_path: Path, headers: dict[str, str], token: str | None
) -> None:
    uploads = tmp_path / "uploads"
    client = TestClient(create_app(AppConfig(database=ledger, token=token, upload_dir=uploads)))
    if token is not None:
        headers = {**headers, "Authorization": f"Bearer {TOKEN}"}
    planted = ("files", ("planted.txt", b"4242 people were killed, officials said.", "text/plain"))

    response = client.post("/api/uploads", files=[planted], headers=headers)

    assert response.status_code == 403, response.text
    assert response.json()["error"].startswith("refused a POST from another site's page (")
    assert response.headers["x-frame-options"] == "DENY"
    assert not uploads.exists() or not any(uploads.rglob("*.txt"))


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}],
    ids=repr,
)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_unsafe_requests_from_this_server_or_no_browser_pass(
    client: TestClient, headers: dict[str, str], method: str
) -> None:
    response = client.request(method, "/api/measures", headers=headers)

    assert response.status_code == 405  # past the check: the endpoint only reads


def test_reading_from_another_origin_is_not_refused(client: TestClient) -> None:
    # The same-origin policy keeps the answer from the other page; refusing it would break links.
    response = client.get(
        "/api/measures", headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
    )

    assert response.status_code == 200
