"""Fixtures of the web view's suite: a small hand-built ledger and the app over it.

``served`` runs the real app with uvicorn on a free loopback port in a thread,
for the browser tests; ``client`` drives the same app in-process over HTTP.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from claimtrail.models import Run, StoredDocument
from claimtrail.pipeline import open_ledger
from claimtrail.serve import AppConfig, create_app

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="test", settings_hash="serve", settings_json="{}")
# An article whose text tries every way of running script in a page that
# would insert it as markup; each payload sets window.__xss if it ever runs.
XSS_TEXT = (
    'Shelling killed 70 people <script>window.__xss = "script"</script> in the town, the Army said. '
    "<img src=x onerror=\"window.__xss='img'\"> Rescuers said 12 people were missing. "
    "<a href=\"javascript:window.__xss='link'\">read more</a>\n"
)
XSS_PAYLOADS = ('<script>window.__xss = "script"</script>', "<img src=x onerror=", 'href="javascript:')
# Seconds to wait for a server thread to accept connections.
START_TIMEOUT_S = 10.0


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ledger_documents(make_stored: MakeStored) -> list[StoredDocument]:
    """Four invented articles: a contradiction, an update, a hedged claim, and the XSS article."""
    ukraine = {"actor": "Ukraine"}
    a = make_stored(
        "a.txt",
        "Shelling killed 600 people in the city, the Health Ministry said on Friday.\n"
        "About 2,000 troops were deployed, the Defence Ministry said.\n",
        [
            {
                "phrase": "600 people",
                "low": 600,
                "fact": "f-k600",
                "source": "Health Ministry",
                "stated_by": "Health Ministry",
                "stated_on": D("2025-01-03"),
                **ukraine,
            },
            {
                "phrase": "About 2,000 troops",
                "low": 2000,
                "qualifier": "approx",
                "measure": "deployed",
                "counted": "troops",
                "actor": "Russia",
                "fact": "f-d2000",
                "source": "Defence Ministry",
                "stated_by": "Defence Ministry",
                "stated_on": D("2025-01-03"),
            },
        ],
        title="Shelling kills 600",
        outlet="Kyiv Post",
        published="2025-01-03",
    )
    b = make_stored(
        "b.txt",
        "The army said 400 people died in the attack.\n"
        "More than 600 people were killed, the Health Ministry said later.\n",
        [
            {
                "phrase": "400 people",
                "low": 400,
                "fact": "f-k400",
                "source": "Army",
                "stated_by": "Army",
                "stated_on": D("2025-01-06"),
                **ukraine,
            },
            {
                "phrase": "600 people",
                "low": 600,
                "high": None,
                "qualifier": "more_than",
                "fact": "f-k600plus",
                "source": "Health Ministry",
                "stated_by": "Health Ministry",
                "stated_on": D("2025-01-10"),
                **ukraine,
            },
        ],
        title="Army disputes toll",
        outlet="Global News",
        published="2025-01-06",
    )
    c = make_stored(
        "c.txt",
        "At least 600 people were reportedly killed, the UN said on Sunday.\n",
        [
            {
                "phrase": "600 people",
                "low": 600,
                "high": None,
                "qualifier": "at_least",
                "fact": "f-k600",
                "source": "United Nations",
                "stated_by": "UN",
                "stated_on": D("2025-01-05"),
                "hedged": True,
                **ukraine,
            }
        ],
        title="UN toll",
        outlet="Global News",
        published="2025-01-05",
        language="fr",
    )
    xss = make_stored(
        "xss.txt",
        XSS_TEXT,
        [
            {
                "phrase": "70 people",
                "low": 70,
                "fact": "f-k70",
                "source": "Army",
                "stated_by": "Army",
                "stated_on": D("2025-01-07"),
                **ukraine,
            },
            {
                "phrase": "12 people",
                "low": 12,
                "measure": "missing",
                "fact": "f-m12",
                "source": "Rescuers",
                "stated_by": "Rescuers",
                "stated_on": D("2025-01-07"),
                **ukraine,
            },
        ],
        title="<img src=x onerror=\"window.__xss='title'\">Toll",
        outlet="<b>Bold Outlet</b>",
        published="2025-01-07",
    )
    return [a, b, c, xss]  # fmt: skip


def build_ledger(path: Path | str, documents: list[StoredDocument]) -> str:
    """A ledger of ``documents`` at a SQLite path or a PostgreSQL URL."""
    with open_ledger(str(path), create=True) as store:
        run_id = store.ensure_run(RUN)
        for document in documents:
            store.add_document(document, run_id)
    return str(path)


@pytest.fixture(scope="session")
def xss_payloads() -> tuple[str, ...]:
    return XSS_PAYLOADS


@pytest.fixture(scope="session")
def ledger_docs(make_stored: MakeStored) -> list[StoredDocument]:
    """The documents of the ``ledger`` fixture."""
    return ledger_documents(make_stored)


@pytest.fixture(scope="session")
def ledger_builder() -> Callable[[Path | str, list[StoredDocument]], str]:
    """``ledger_builder(path, documents)``: a SQLite ledger of hand-built documents."""
    return build_ledger


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, make_stored: MakeStored) -> str:
    """A SQLite ledger of :func:`ledger_documents`, shared by a module's read-only tests."""
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db", ledger_documents(make_stored))


@pytest.fixture(scope="module")
def app(ledger: str, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(AppConfig(database=ledger, upload_dir=tmp_path_factory.mktemp("uploads")))


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@dataclass(frozen=True)
class Served:
    """A real server on loopback: its base URL and the app it serves."""

    url: str
    app: FastAPI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def serve_app() -> Iterator[Callable[[FastAPI], Served]]:
    """``serve_app(app)`` runs ``app`` with uvicorn on a free loopback port until the test ends."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: FastAPI) -> Served:
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"the test server on port {port} did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return Served(f"http://127.0.0.1:{port}", app)

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_S)
