"""The API over a PostgreSQL ledger answers exactly as over SQLite (a real server, started for the session)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from claimtrail.models import StoredDocument
from claimtrail.serve import AppConfig, create_app

# Requests whose answers must agree between the backends.
QUERIES = [
    ("/api/measures", {}),
    ("/api/claims", {"sort": "-stated_on"}),
    ("/api/claims", {"measure": "killed", "outlet": "global news"}),
    ("/api/claims/count", {"hedged": "false"}),
    ("/api/timeline", {"measure": "killed"}),
    ("/api/timeline/series", {"fields": "stated_on,qualifier,low,high,source,hedged,outlets,period_end"}),
    ("/api/facts", {}),
    ("/api/conflicts", {}),
    ("/api/citations", {}),
    ("/api/documents", {"text": "people"}),
    ("/api/documents/xss.txt", {}),
    ("/api/claims", {"text": "%'; --"}),
]
# Ids and ingest times are each database's own.
OWN_FIELDS = {"id", "claim_id", "ingested_at"}


def without_own_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_own_fields(v) for k, v in value.items() if k not in OWN_FIELDS}
    if isinstance(value, list):
        return [without_own_fields(v) for v in value]
    return value


@pytest.fixture(scope="module")
def pg_client(
    pg_database: str,
    ledger_docs: list[StoredDocument],
    ledger_builder: Callable[[Path | str, list[StoredDocument]], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    schema = "serve_ledger"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = ledger_builder(f"{pg_database}&options=-csearch_path%3D{schema}", ledger_docs)
    with TestClient(create_app(AppConfig(database=url, upload_dir=tmp_path_factory.mktemp("up")))) as client:
        yield client
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.parametrize(("path", "params"), QUERIES, ids=lambda v: v if isinstance(v, str) else repr(v))
def test_postgresql_and_sqlite_ledgers_answer_alike(
    pg_client: TestClient, client: TestClient, path: str, params: dict[str, str]
) -> None:
    on_postgres = pg_client.get(path, params=params)
    on_sqlite = client.get(path, params=params)

    assert on_postgres.status_code == on_sqlite.status_code == 200
    assert without_own_fields(on_postgres.json()) == without_own_fields(on_sqlite.json())


def test_evidence_links_resolve_on_postgresql(pg_client: TestClient) -> None:
    for row in pg_client.get("/api/timeline").json()["rows"]:
        claim = pg_client.get(f"/api/claims/{row['claim_id']}").json()
        assert (claim["quote"], claim["fact"]) == (row["quote"], row["fact"])
