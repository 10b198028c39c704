"""The PostgreSQL backend (psycopg 3): the same ledger on a server, with native types.

    >>> store = open_postgres("postgresql://user@host/dbname", create=True)

Writers take a transaction-scoped advisory lock, so concurrent ingests queue
like SQLite's writers; claims are loaded with COPY.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from ..errors import (
    LedgerNotFoundError,
    NotALedgerError,
    StoreConnectionError,
    StoreError,
    UnstorableDocumentError,
)
from .columns import CLAIMS, Row
from .reads import Where, text_params
from .schema import LATEST_VERSION, pending_migrations
from .sql import FactForm, SqlStore

__all__ = ["PostgresStore", "open_postgres", "redact_url"]

# Advisory lock keys (any fixed 64-bit numbers): one serializes writers, one migrations.
WRITE_LOCK_KEY = 0x636C61696D01
MIGRATION_LOCK_KEY = 0x636C61696D02
# Rows fetched per round trip when streaming a whole table (exports).
STREAM_ROWS = 2000
# libpq waits at least 2 s whatever is asked.
MIN_CONNECT_TIMEOUT_S = 2


@lru_cache(maxsize=1024)
def _pg(sql: str) -> str:
    """``sql`` with psycopg's placeholders (the shared SQL is written with ``?``)."""
    return sql.replace("?", "%s")


def _as_date(value: Any) -> dt.date | None:
    """psycopg already returns DATE columns as dates."""
    return cast("dt.date | None", value)


class PostgresStore(SqlStore):
    """A ledger in a PostgreSQL database."""

    like = "ILIKE"
    read_date = staticmethod(_as_date)

    def __init__(self, url: str, conn: psycopg.Connection[Any], *, fact_form: FactForm | None = None) -> None:
        self.url = redact_url(url)
        self._conn = conn
        self.fact_form = fact_form
        self._cursor_ids = itertools.count()

    def __repr__(self) -> str:
        return f"PostgresStore({self.url!r})"

    def _fail(self, exc: psycopg.Error) -> StoreError:
        # A DataError is about the values sent (one document's), not the ledger or the connection.
        kind = UnstorableDocumentError if isinstance(exc, psycopg.DataError) else StoreError
        return kind(f"PostgreSQL ledger {self.url}: {_reason(exc)}")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            with self._conn.cursor() as cur:
                cur.execute(_pg(sql), params or None)
                return cur.rowcount
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self._conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            with self._conn.cursor() as cur:
                cur.execute(_pg(sql), params or None)
                return cur.fetchall()
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Generator[Row, None, None]:
        try:
            with self._conn.cursor(name=f"claimtrail_{next(self._cursor_ids)}") as cur:
                cur.itersize = STREAM_ROWS
                cur.execute(_pg(sql), params or None)
                yield from cur
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                self._execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
                yield
        except psycopg.Error as exc:  # the commit itself failed
            raise self._fail(exc) from exc

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                self._execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [list(values)]

    def _in_pairs(self, first: str, second: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        sql = f"({first}, {second}) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
        return sql, [[p[0] for p in pairs], [p[1] for p in pairs]]

    def _add_text_index_term(self, where: Where, text: str) -> bool:
        # claim_search holds the current claims' text and counted noun, trigram-indexed
        # (schema v4): the same ILIKE, read off a narrow table.
        where.add(
            f"c.id IN (SELECT s.id FROM claim_search s WHERE {self._text_match('s')})", *text_params(text)
        )
        return True

    def _count_text_matches(self, text: str) -> int | None:
        rows = self._query(
            f"SELECT COUNT(*) FROM claim_search s WHERE {self._text_match('s')}", text_params(text)
        )
        return int(rows[0][0])

    def _search_agg(self, entry: str) -> str:
        return f"string_agg(DISTINCT {entry}, '')"

    def _sources_agg(self, a: str) -> str:
        return (
            f"COALESCE(array_to_json(array_agg(DISTINCT {a}.source) "
            f"FILTER (WHERE {a}.source IS NOT NULL))::text, '[]')"
        )

    def _insert_claims(self, rows: Sequence[Sequence[Any]]) -> None:
        try:
            with (
                self._conn.cursor() as cur,
                cur.copy(f"COPY claims ({CLAIMS.insert_sql()}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise self._fail(exc) from exc

    def _param_date(self, value: dt.date | None) -> Any:
        return value

    def _param_now(self) -> Any:
        return dt.datetime.now(dt.UTC)

    def _param_time(self, value: dt.datetime | None) -> Any:
        return value

    def close(self) -> None:
        self._conn.close()


def open_postgres(
    url: str, *, create: bool, connect_timeout_s: float, fact_form: FactForm | None = None
) -> PostgresStore:
    """The ledger in the PostgreSQL database at ``url``; with ``create``, its tables made if missing.

    ``fact_form``: the link stage's fact rule, which writing claims needs (see :mod:`.facts`).
    """
    shown = redact_url(url)
    try:
        conn = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=max(MIN_CONNECT_TIMEOUT_S, round(connect_timeout_s)),
            application_name="claimtrail",
        )
    except psycopg.Error as exc:
        # libpq may quote the URL it could not parse, password and all.
        reason = _reason(exc).replace(url, shown)
        raise StoreConnectionError(f"cannot connect to PostgreSQL at {shown}: {reason}") from exc
    store = PostgresStore(url, conn, fact_form=fact_form)
    try:
        applied = _applied_version(store)
        if applied is None and not create:
            raise LedgerNotFoundError(
                f"no ledger in the PostgreSQL database at {shown}; "
                f"create one with `claimtrail ingest ARTICLES --db {shown}`"
            )
        if (applied or 0) > LATEST_VERSION:
            raise NotALedgerError(
                f"the ledger at {shown} has schema version {applied}, newer than this claimtrail reads "
                f"({LATEST_VERSION}); upgrade claimtrail"
            )
        if (applied or 0) < LATEST_VERSION:
            _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _applied_version(store: PostgresStore) -> int | None:
    """The ledger's schema version, or None when the database holds no ledger."""
    if not store._query("SELECT to_regclass('schema_version') IS NOT NULL")[0][0]:
        return None
    return int(store._query("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])


def _migrate(store: PostgresStore) -> None:
    with store._write():
        # Two ingests creating one ledger at once: the second waits, then finds it made.
        store._execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
        store._execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
        )
        applied = int(store._query("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])
        for version, statements in pending_migrations("postgres", applied):
            for statement in statements:
                store._execute(statement)
            store._execute("INSERT INTO schema_version VALUES (?, ?)", (version, store._param_now()))


def redact_url(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            netloc = netloc.replace(f":{parts.password}@", ":***@")
        query = urlencode([(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query)], safe="/")
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    except ValueError:
        return "<unparseable URL>"


def _reason(exc: psycopg.Error) -> str:
    """The server's or libpq's reason on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__
