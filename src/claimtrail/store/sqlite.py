"""The SQLite backend: the default ledger, one file, readable with the ``sqlite3`` shell.

    >>> store = open_sqlite("ledger.db", create=True)

An existing file is first inspected read-only: a file that is not a SQLite
database, or a database that is not a claimtrail ledger, is refused untouched.
The ledger runs in WAL mode, so readers never wait for a writer, and a process
killed mid-write leaves the last committed state.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import LedgerNotFoundError, NotALedgerError, StoreError
from .columns import CLAIMS, Row
from .planner import SQLITE_PRAGMAS
from .reads import Where
from .schema import LATEST_VERSION, LEDGER_TABLES, pending_migrations
from .sql import FactForm, SqlStore

__all__ = ["SQLiteStore", "open_sqlite"]

# How long a writer waits for another writer (a concurrent ingest) to commit.
BUSY_TIMEOUT_S = 30.0
# The shortest text the FTS5 trigram tokenizer indexes.
TRIGRAM_CHARS = 3


def _iso_date(value: Any) -> dt.date | None:
    return None if value is None else _FROM_ISO(value)


_FROM_ISO = dt.date.fromisoformat


class SQLiteStore(SqlStore):
    """A ledger in one SQLite file."""

    read_date = staticmethod(_iso_date)

    def __init__(self, path: Path, conn: sqlite3.Connection, *, fact_form: FactForm | None = None) -> None:
        self.path = path
        self._conn = conn
        self.fact_form = fact_form

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"

    def _fail(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"SQLite ledger {self.path}: {exc}")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return self._conn.execute(sql, params).rowcount
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Generator[Row, None, None]:
        try:
            yield from self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    @contextmanager
    def _write(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock now, so two ingests queue instead of
        # failing halfway through a document.
        with self._transaction("BEGIN IMMEDIATE"):
            yield

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        with self._transaction("BEGIN"):
            yield

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        self._execute(begin)
        try:
            yield
            self._execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # also when COMMIT itself failed
                self._conn.rollback()
            raise

    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        # One JSON parameter, whatever the count: SQLite limits bound parameters.
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]

    def _in_pairs(self, first: str, second: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        pair = "json_extract(value, '$[0]'), json_extract(value, '$[1]')"
        sql = f"({first}, {second}) IN (SELECT {pair} FROM json_each(?))"
        return sql, [json.dumps([list(p) for p in pairs])]

    def _add_text_index_term(self, where: Where, text: str) -> bool:
        phrase = _index_phrase(text)
        if phrase is None:
            return False
        where.add("c.id IN (SELECT rowid FROM claims_search WHERE claims_search MATCH ?)", phrase)
        return True

    def _count_text_matches(self, text: str) -> int | None:
        # The index holds current claims only (schema v4), so its matches are the count.
        phrase = _index_phrase(text)
        if phrase is None:
            return None
        rows = self._query("SELECT COUNT(*) FROM claims_search WHERE claims_search MATCH ?", (phrase,))
        return int(rows[0][0])

    def _search_agg(self, entry: str) -> str:
        return f"group_concat(DISTINCT {entry})"

    def _sources_agg(self, a: str) -> str:
        return f"json_group_array(DISTINCT {a}.source) FILTER (WHERE {a}.source IS NOT NULL)"

    def _insert_claims(self, rows: Sequence[Sequence[Any]]) -> None:
        self._executemany(f"INSERT INTO claims ({CLAIMS.insert_sql()}) VALUES ({CLAIMS.marks()})", rows)

    def _param_date(self, value: dt.date | None) -> Any:
        return value.isoformat() if value is not None else None

    def _param_now(self) -> Any:
        return self._param_time(dt.datetime.now(dt.UTC))

    def _param_time(self, value: dt.datetime | None) -> Any:
        # Fixed width, UTC: ISO texts compare in time order (due deliveries are found so).
        return None if value is None else value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def close(self) -> None:
        self._conn.close()


def _index_phrase(text: str) -> str | None:
    """``text`` as one FTS5 phrase (a substring search), or None where the text index cannot answer it alone.

    The trigram index finds substrings of three characters or more in the text or
    the counted noun. For ASCII it folds case as LIKE does, so it answers alone;
    other letters fold more widely there, and shorter searches are not indexed.
    """
    if len(text) < TRIGRAM_CHARS or not text.isascii():
        return None
    return '"' + text.replace('"', '""') + '"'


def open_sqlite(path: str | Path, *, create: bool, fact_form: FactForm | None = None) -> SQLiteStore:
    """The SQLite ledger at ``path``; with ``create``, a new one when there is none.

    ``fact_form``: the link stage's fact rule, which writing claims needs (see :mod:`.facts`).
    """
    p = Path(path)
    applied = _inspect(p) if p.exists() else None
    if applied is None and not create:
        raise LedgerNotFoundError(f"no ledger at {p}; create one with `claimtrail ingest ARTICLES --db {p}`")
    if not p.parent.is_dir():
        raise StoreError(f"cannot create a ledger at {p}: folder {p.parent} does not exist")
    try:
        # One thread at a time uses a store, but not always the one that opened it:
        # the web app keeps a store per worker thread and closes them all at shutdown.
        conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        if applied is None:
            _set_wal(conn)
        # NORMAL in WAL mode survives a killed process; only a power cut may lose
        # the last commits, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        for pragma in SQLITE_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the ledger at {p}: {exc}") from exc
    store = SQLiteStore(p, conn, fact_form=fact_form)
    if (applied or 0) < LATEST_VERSION:
        _migrate(store)
    return store


# A new ledger's switch to WAL needs the file to itself; another process creating
# the same ledger at that moment makes SQLite answer "database is locked" at
# once, without its busy handler. The switch is tried again this often, for up
# to BUSY_TIMEOUT_S: creating a ledger takes well under a second.
WAL_RETRY_S = 0.05


def _set_wal(conn: sqlite3.Connection) -> None:
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def _inspect(path: Path) -> int | None:
    """The schema version of the ledger at ``path``, None for an empty file; read-only."""
    if path.is_dir():
        raise NotALedgerError(f"{path} is a folder, not a ledger file")
    if path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:  # a new database whose creation was interrupted
                return None
            if not LEDGER_TABLES <= tables:
                missing = ", ".join(sorted(LEDGER_TABLES - tables))
                raise NotALedgerError(
                    f"{path} is a SQLite database but not a claimtrail ledger (no table {missing}); "
                    "it was left untouched"
                )
            version = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotALedgerError(f"{path} is not a claimtrail ledger ({exc}); it was left untouched") from exc
    if version > LATEST_VERSION:
        raise NotALedgerError(
            f"{path} has ledger schema version {version}, newer than this claimtrail reads "
            f"({LATEST_VERSION}); upgrade claimtrail"
        )
    return version


def _migrate(store: SQLiteStore) -> None:
    with store._write():
        # The version is read again under the write lock: another process creating
        # or upgrading the same ledger at the same moment may have done it meanwhile.
        store._execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied = int(store._query("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])
        for version, statements in pending_migrations("sqlite", applied):
            for statement in statements:
                store._execute(statement)
            store._execute("INSERT INTO schema_version VALUES (?, ?)", (version, store._param_now()))
