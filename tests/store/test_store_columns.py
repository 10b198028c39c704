"""The column lists of ``store.columns`` are the ledger's, and the facts follow the fact rule the store is handed.

The tables are created by versioned scripts (``data/*_v*.sql``); the column
lists that drive every INSERT, SELECT and row mapping must name exactly the
columns those scripts leave a ledger with, in both backends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import psycopg
import pytest

from claimtrail.errors import StoreError
from claimtrail.link import fact_form
from claimtrail.models import Filters, Run, StoredDocument
from claimtrail.store import is_postgres_url, open_store
from claimtrail.store.columns import CLAIMS, DOCUMENTS, ESTIMATES, FACTS, Select, Table
from claimtrail.store.facts import form_sql

MakeStored = Callable[..., StoredDocument]

RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")
TEXT = "Officials said 600 people died. Medics said about 600 people died.\n"
CLAIMS_OF_ONE_FACT = [
    {"phrase": "600 people", "low": 600, "high": 600, "qualifier": "exact", "fact": "f-600", "actor": "Ukraine"},
    {"phrase": "about 600 people", "low": 600, "high": 600, "qualifier": "approx", "fact": "f-600",
     "actor": "Ukraine", "source": "Medics"},
]  # fmt: skip


def _table_columns(url: str, table: str) -> list[str]:
    """The columns of ``table`` in the ledger at ``url``, in the schema's order."""
    if is_postgres_url(url):
        with psycopg.connect(url) as conn:
            rows = conn.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = %s AND table_schema = current_schema() ORDER BY ordinal_position",
                (table,),
            ).fetchall()
        return [str(r[0]) for r in rows]
    lite = sqlite3.connect(url)
    try:
        return [str(r[1]) for r in lite.execute(f"PRAGMA table_info({table})")]
    finally:
        lite.close()


@pytest.mark.parametrize("table", [DOCUMENTS, CLAIMS, FACTS, ESTIMATES], ids=lambda t: t.name)
def test_the_declared_columns_are_the_migrated_ledgers(store_url: str, table: Table) -> None:
    open_store(store_url, create=True).close()

    assert _table_columns(store_url, table.name) == list(table.columns)


def test_a_select_list_reads_each_name_at_its_position() -> None:
    select = Select(CLAIMS.select("c", ("id", "fact")) + DOCUMENTS.select("d", ("doc",)))

    assert select.sql == "c.id, c.fact, d.doc"
    assert dict(select.at) == {"id": 0, "fact": 1, "doc": 2}


def test_a_select_list_refuses_a_name_twice_and_a_table_an_unknown_column() -> None:
    with pytest.raises(ValueError, match="names a column twice"):
        Select(CLAIMS.select("c", ("id",)) + DOCUMENTS.select("d", ("id",)))
    with pytest.raises(ValueError, match="table claims has no column storey"):
        CLAIMS.select("c", ("storey",))


def test_the_fact_form_sql_is_the_link_stages_rule() -> None:
    assert form_sql(fact_form, "c") == (
        "CASE WHEN c.qualifier IN ('exact', 'approx', 'nearly', 'at_least') THEN 'point' ELSE c.qualifier END"
    )
    assert form_sql(lambda q: q, "c") == "c.qualifier"


@pytest.mark.parametrize(
    ("rule", "fact", "estimates"),
    [(fact_form, "point", ["point", "point"]), (lambda q: q, "approx", ["approx", "exact"])],
    ids=["link", "every-qualifier-its-own"],
)
def test_a_facts_form_follows_the_rule_the_store_is_handed(
    store_url: str, make_stored: MakeStored, rule: Callable[[str], str], fact: str, estimates: list[str]
) -> None:
    with open_store(store_url, create=True, fact_form=rule) as store:
        store.add_document(make_stored("a.txt", TEXT, CLAIMS_OF_ONE_FACT), store.ensure_run(RUN))

        assert [f.qualifier for f in store.facts(Filters())] == [fact]
        # One estimate per source: the outlet's own voice and the medics'.
        assert sorted(r.qualifier for r in store.timeline(Filters())) == estimates


def test_a_store_opened_without_the_fact_rule_reads_and_refuses_writes(
    store_url: str, make_stored: MakeStored
) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as store:
        store.add_document(make_stored("a.txt", TEXT, CLAIMS_OF_ONE_FACT), store.ensure_run(RUN))
    later = make_stored("b.txt", "Later, " + TEXT, CLAIMS_OF_ONE_FACT)

    with open_store(store_url, create=False) as store:
        run_id = store.ensure_run(RUN)
        for write in (lambda: store.add_document(later, run_id), store.rebuild_facts):
            with pytest.raises(
                StoreError, match=r"without the link stage's fact rule.*fact_form=link.fact_form"
            ):
                write()
        assert [i.doc for i in store.documents(Filters())] == ["a.txt"]
        assert [f.claims for f in store.facts(Filters())] == [2]
