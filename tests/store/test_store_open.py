"""Opening a ledger: missing, corrupt and foreign files, bad PostgreSQL URLs, never a damaged ledger."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from claimtrail.errors import LedgerNotFoundError, NotALedgerError, StoreConnectionError, StoreError
from claimtrail.link import fact_form
from claimtrail.models import CitationRow, Filters, Run
from claimtrail.store import is_postgres_url, open_store
from claimtrail.store.postgres import redact_url
from claimtrail.store.schema import LATEST_VERSION, pending_migrations
from claimtrail.store.tempcluster import Cluster

RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")
# A refused or unknown socket fails at once; only a silent host waits the timeout.
FAST_FAILURE_S = 3.0


def test_a_missing_sqlite_file_says_how_to_create_one(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"

    with pytest.raises(
        LedgerNotFoundError, match=r"no ledger at .*nothing\.db; create one with `claimtrail ingest"
    ):
        open_store(str(path), create=False)
    assert not path.exists()


def test_create_makes_a_wal_ledger_with_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"

    open_store(str(path), create=True, fact_form=fact_form).close()

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()
    with open_store(str(path), create=False) as store:
        assert store.facts(Filters()) == []


@pytest.mark.parametrize("create", [False, True])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"doc,claims\nnot a database at all\n" * 20, "not a claimtrail ledger"),
        (b"SQLite format 3\x00" + b"\xff" * 200, "not a claimtrail ledger"),
    ],
    ids=["text", "truncated-header"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, create: bool, content: bytes, message: str
) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)

    with pytest.raises(NotALedgerError, match=message):
        open_store(str(path), create=create)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


@pytest.mark.parametrize("create", [False, True])
def test_another_applications_database_is_refused_untouched(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = path.read_bytes()

    with pytest.raises(NotALedgerError, match="SQLite database but not a claimtrail ledger"):
        open_store(str(path), create=create)
    assert path.read_bytes() == before


def test_a_ledger_from_a_newer_claimtrail_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(str(path), create=True, fact_form=fact_form).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'later')")
    conn.commit()
    conn.close()

    with pytest.raises(NotALedgerError, match="schema version 999, newer"):
        open_store(str(path), create=True, fact_form=fact_form)


def test_a_folder_is_not_a_ledger(tmp_path: Path) -> None:
    with pytest.raises(NotALedgerError, match="is a folder"):
        open_store(str(tmp_path), create=False)


def test_a_ledger_in_a_missing_folder_cannot_be_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "ledger.db"), create=True, fact_form=fact_form)


def test_an_empty_url_is_an_error() -> None:
    with pytest.raises(StoreError, match="no ledger given"):
        open_store("", create=False)


def test_urls_choose_the_backend() -> None:
    assert is_postgres_url("postgresql://u@h/db") and is_postgres_url("postgres://h/db")
    assert not is_postgres_url("ledger.db") and not is_postgres_url("/data/postgresql.db")


def test_passwords_are_kept_out_of_messages() -> None:
    assert redact_url("postgresql://me:s3cret@db.example.org:5433/ledger") == (
        "postgresql://me:***@db.example.org:5433/ledger"
    )
    assert "s3cret" not in redact_url("postgresql://me@h/db?password=s3cret&sslmode=require")


def test_an_unreachable_postgres_server_is_a_clear_error(pg_cluster: Cluster, tmp_path: Path) -> None:
    url = f"postgresql://postgres:pw@/ledger?host={tmp_path}&port=1"
    started = time.monotonic()

    with pytest.raises(StoreConnectionError, match=r"cannot connect to PostgreSQL at .*: .*\S") as raised:
        open_store(url, create=False)

    assert time.monotonic() - started < FAST_FAILURE_S
    assert "pw" not in str(raised.value)


def test_a_wrong_database_name_is_a_clear_error(pg_cluster: Cluster) -> None:
    with pytest.raises(StoreConnectionError, match='database "no_such_ledger" does not exist'):
        open_store(pg_cluster.url("no_such_ledger"), create=True, fact_form=fact_form)


def test_a_malformed_postgres_url_is_a_clear_error() -> None:
    with pytest.raises(StoreConnectionError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://[broken/x", create=False, connect_timeout_s=2)


def test_a_postgres_database_without_a_ledger_is_not_modified(pg_cluster: Cluster) -> None:
    url = pg_cluster.create_database("empty_for_read")
    try:
        with pytest.raises(LedgerNotFoundError, match="no ledger in the PostgreSQL database"):
            open_store(url, create=False)
        with open_store(url, create=True, fact_form=fact_form) as store:  # only create makes the tables
            assert store.ensure_run(RUN) == store.ensure_run(RUN)
        with open_store(url, create=False) as store:
            assert store.count_claims(Filters()) == 0
    finally:
        pg_cluster.drop_database("empty_for_read")


def test_reopening_a_ledger_keeps_its_data(store_url: str) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        run_id = store.ensure_run(RUN)

    with open_store(store_url, create=True, fact_form=fact_form) as store:
        assert store.ensure_run(RUN) == run_id
    with open_store(store_url, create=False) as store:
        assert store.ensure_run(RUN) == run_id


def test_a_version_1_ledger_is_migrated_and_its_estimates_get_their_evidence(
    tmp_path: Path, make_stored: Any
) -> None:
    path = tmp_path / "old.db"
    text = "Shelling killed 600 people, the Health Ministry said.\n"
    doc = make_stored("a.txt", text, [{"phrase": "600 people", "low": 600, "fact": "f-1", "source": "Army"}])
    with open_store(str(path), create=True, fact_form=fact_form) as store:
        store.add_document(doc, store.ensure_run(RUN))
    # Turn it back into a version 1 ledger: no claim_id on the estimates.
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in BACK_TO_V4:
        conn.execute(statement)
    conn.execute("ALTER TABLE estimates DROP COLUMN claim_id")
    conn.execute("ALTER TABLE estimates DROP COLUMN search")
    conn.execute("DROP TABLE citations")
    conn.execute("DROP INDEX claims_measure_value_asc")
    conn.execute("DROP INDEX claims_measure_value_desc")
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER claims_search_{trigger}")
    conn.execute("DROP TABLE claims_search")
    for index in ("stated_asc", "stated_desc", "value_asc", "value_desc"):
        conn.execute(f"DROP INDEX claims_sort_{index}")
    conn.execute("DELETE FROM schema_version WHERE version >= 2")
    conn.close()

    with open_store(str(path), create=False) as store:
        (row,) = store.timeline(Filters())
        assert row.claim_id is not None
        record = store.claim(row.claim_id)
        assert record is not None and record.claim.fact == "f-1"
        # Version 3: the text index was filled from the claims already there.
        assert [r.id for r in store.claims(Filters(text="people"))] == [record.id]
        assert store.count_claims(Filters(text="PEOPLE")) == 1
        # Version 4: the estimates' search column was filled from their claims.
        assert [r.fact for r in store.timeline(Filters(text="600 Peo"))] == ["f-1"]
        assert store.timeline(Filters(text="Health")) == []


# What schema version 9 added (the story index by parts), taken away again: a version 8 ledger.
BACK_TO_V8 = [
    *(
        f"DROP TABLE {t}"
        for t in ("story_index_df", "story_index_counts", "story_index_members", "story_index_stories")
    ),
    "DELETE FROM schema_version WHERE version >= 9",
]

# What schema version 8 added (claimtrail watch's tables), taken away again: a version 7 ledger.
BACK_TO_V7 = [
    *BACK_TO_V8,
    *(f"DROP TABLE {table}" for table in ("watch_webhooks", "watch_failures", "feed_entries", "feeds")),
    "DELETE FROM schema_version WHERE version >= 8",
]

# What schema version 7 added (alerts), taken away again: a version 6 ledger.
BACK_TO_V6 = [
    *BACK_TO_V7,
    "DROP TABLE alert_deliveries",
    "DROP TABLE alerts",
    "DELETE FROM schema_version WHERE version >= 7",
]

# What schema version 6 added (conflict dismissals), taken away again: a version 5 ledger.
BACK_TO_V5 = [
    *BACK_TO_V6,
    "DROP TABLE conflict_dismissals",
    "DELETE FROM schema_version WHERE version >= 6",
]

# What schema version 5 added (stories), taken away again: a version 4 ledger.
BACK_TO_V4 = [
    *BACK_TO_V5,
    *(f"DROP INDEX {table}_story" for table in ("documents", "claims", "facts", "estimates")),
    *(f"ALTER TABLE {table} DROP COLUMN story" for table in ("documents", "claims", "facts", "estimates")),
    "DROP TABLE stories",
    "DROP TABLE story_index",
    "DROP TABLE story_corrections",
    "DELETE FROM schema_version WHERE version >= 5",
]

# What schema version 4 added, taken away again: a version 3 ledger. SQLite's text
# index held every claim then, superseded ones too.
_BACK_TO_V3 = {
    "sqlite": [
        "DROP TABLE citations",
        *(f"DROP TRIGGER claims_search_{event}" for event in ("insert", "delete", "update")),
        *(s for s in dict(pending_migrations("sqlite", 2))[3] if s.startswith("CREATE TRIGGER")),
        "INSERT INTO claims_search (claims_search) VALUES ('rebuild')",
        "ALTER TABLE estimates DROP COLUMN search",
    ],
    "postgres": [
        "DROP TABLE citations",
        *(f"DROP TRIGGER claim_search_{event} ON claims" for event in ("insert", "delete", "update")),
        *(f"DROP FUNCTION claim_search_{event}()" for event in ("insert", "delete", "update")),
        "DROP TABLE claim_search",
        "ALTER TABLE estimates DROP COLUMN search",
    ],
}


def _back_to_version_3(url: str) -> None:
    statements = [
        *BACK_TO_V4,
        *_BACK_TO_V3["postgres" if is_postgres_url(url) else "sqlite"],
        "DROP INDEX claims_measure_value_asc",
        "DROP INDEX claims_measure_value_desc",
        "DELETE FROM schema_version WHERE version >= 4",
    ]
    if is_postgres_url(url):
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)
        return
    lite = sqlite3.connect(url, isolation_level=None)
    try:
        for statement in statements:
            lite.execute(statement)
    finally:
        lite.close()


def _superseded_ledger(url: str, make_stored: Any) -> None:
    """One document whose first extraction (40 sailors) a second run replaced (12 marines)."""
    text = "The navy said 40 sailors and 12 marines were missing after the strike.\n"
    first = {
        "phrase": "40 sailors",
        "low": 40,
        "fact": "f-40",
        "measure": "missing",
        "counted": "sailors",
        "source": "Navy",
    }
    second = {"phrase": "12 marines", "low": 12, "fact": "f-12", "measure": "missing", "counted": "marines",
              "source": "Army"}  # fmt: skip
    with open_store(url, create=True, fact_form=fact_form) as store:
        store.add_document(make_stored("a.txt", text, [first]), store.ensure_run(RUN))
        run_2 = store.ensure_run(Run(version="2", settings_hash="bbbb", settings_json="{}"))
        store.add_document(make_stored("a.txt", text, [second]), run_2)


def test_a_version_3_ledger_is_migrated_to_version_4(store_url: str, make_stored: Any) -> None:
    _superseded_ledger(store_url, make_stored)
    _back_to_version_3(store_url)

    with open_store(store_url, create=False, fact_form=fact_form) as store:
        # The text search reads current claims only, and the estimates' search column was filled.
        assert store.count_claims(Filters(text="sailors")) == 0
        assert store.count_claims(Filters(text="MARINES")) == 1
        assert [r.claim.counted for r in store.claims(Filters(text="marines"))] == ["marines"]
        assert [r.fact for r in store.timeline(Filters(text="40 sail"))] == []
        assert [r.fact for r in store.timeline(Filters(text="marine"))] == ["f-12"]
        # Who cites whom was counted from the current claims.
        assert store.citations(Filters()) == [CitationRow(None, None, "Army", 1, 1)]
        # Later writes keep the index to the current claims.
        text = "Officials said 12 marines were wounded.\n"
        claim = {
            "phrase": "12 marines",
            "low": 12,
            "fact": "f-12",
            "measure": "wounded",
            "counted": "marines",
        }
        store.add_document(make_stored("b.txt", text, [claim]), store.ensure_run(RUN))
        assert store.count_claims(Filters(text="marines")) == 2
        assert set(store.citations(Filters())) == {  # in the backend's order of none
            CitationRow(None, None, None, 1, 1),
            CitationRow(None, None, "Army", 1, 1),
        }


def test_two_postgres_ledgers_in_one_database_each_get_their_text_index(
    pg_cluster: Cluster, make_stored: Any
) -> None:
    # pg_trgm is installed once per database, in the first ledger's schema.
    database = pg_cluster.create_database("two_ledgers")
    try:
        with psycopg.connect(database, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA first_ledger")
            conn.execute("CREATE SCHEMA second_ledger")
        for schema in ("first_ledger", "second_ledger"):
            url = f"{database}&options=-csearch_path%3D{schema}"
            _superseded_ledger(url, make_stored)
            with open_store(url, create=False) as store:
                assert store.count_claims(Filters(text="marines")) == 1
    finally:
        pg_cluster.drop_database("two_ledgers")


def _create_and_write(path: str, barrier: Any, results: Any, name: str) -> None:
    """In a child process: open (creating) the ledger at the barrier, record a run; report the outcome."""
    barrier.wait()
    try:
        with open_store(path, create=True, fact_form=fact_form) as store:
            store.ensure_run(RUN)
        results.put((name, "ok"))
    except Exception as exc:  # noqa: BLE001 - the outcome is the test's to judge
        results.put((name, repr(exc)))


# Tries of two processes racing to create one ledger: the race lost 3 times in 10 before.
CREATION_RACES = 10


def test_two_processes_creating_one_sqlite_ledger_at_once_both_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for attempt in range(CREATION_RACES):
        path = str(tmp_path / f"race{attempt}.db")
        barrier, results = context.Barrier(2), context.Queue()
        workers = [
            context.Process(target=_create_and_write, args=(path, barrier, results, name)) for name in "ab"
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
        outcomes = sorted(results.get(timeout=10) for _ in workers)

        assert outcomes == [("a", "ok"), ("b", "ok")], f"attempt {attempt}"
        conn = sqlite3.connect(path)
        try:
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        finally:
            conn.close()
        assert versions == list(range(1, LATEST_VERSION + 1))
