"""Fixtures of the store suite: one ledger per test, in SQLite and in a real PostgreSQL server.

``store_url`` is parametrized over both backends, so every test using it runs
twice. The PostgreSQL cluster is started once per session (initdb in a
temporary folder, a private Unix socket) and gives each test a fresh schema.
With no PostgreSQL installed the PostgreSQL tests are skipped with one line
naming the package (tests/conftest.py's ``missing_system_program``); under
``CLAIMTRAIL_REQUIRE_SYSTEM=1``, as .ci/run sets, they fail instead.

Stored documents are built by hand from invented text with ``make_stored``,
never by running the extractor, so the suite takes seconds.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from claimtrail.link import fact_form
from claimtrail.store import Store, is_postgres_url, open_store

SqlValue = Callable[[str], Any]

_schema_ids = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty ledger location in each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    # A schema per test in one database: isolated like a database, created in
    # milliseconds instead of the fifth of a second CREATE DATABASE takes.
    database: str = request.getfixturevalue("pg_database")
    schema = f"ledger_{next(_schema_ids)}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{database}&options=-csearch_path%3D{schema}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A new ledger, open for writing."""
    with open_store(store_url, create=True, fact_form=fact_form) as opened:
        yield opened


@pytest.fixture
def sql_value(store_url: str) -> SqlValue:
    """Run one SQL query on the ledger behind the store's back; its first value (for history checks)."""

    def value(sql: str) -> Any:
        if is_postgres_url(store_url):
            with psycopg.connect(store_url) as conn:
                row = conn.execute(sql).fetchone()
        else:
            lite = sqlite3.connect(store_url)
            try:
                row = lite.execute(sql).fetchone()
            finally:
                lite.close()
        return row[0] if row else None

    return value
