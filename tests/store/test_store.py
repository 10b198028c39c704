"""The ledger's store, run alike against SQLite and a real PostgreSQL server.

A small corpus of four invented reports of one attack: ``a.txt`` and its
wire copy ``b.txt`` (one report printed twice), ``c.txt`` from another outlet
(in French, the others in English) with a hedged and a different figure, ``d.txt`` with a "more than" figure and
vague magnitudes. The facts, timeline and filters below are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from claimtrail.errors import FilterError, StoreError
from claimtrail.link import fact_form
from claimtrail.models import FactRow, Filters, Run, StoredDocument, TimelineRow
from claimtrail.store import Store, open_store

MakeStored = Callable[..., StoredDocument]
SqlValue = Callable[[str], Any]

RUN_1 = Run(version="1.0.0", settings_hash="aaaa", settings_json='{"run": 1}')
RUN_2 = Run(version="1.1.0", settings_hash="bbbb", settings_json='{"run": 2}')

D = dt.date.fromisoformat

A_TEXT = (
    "Kyiv Post\n"
    "Shelling killed 600 people in the city, the Health Ministry said on Friday. "
    "Officials said about 2,000 troops were deployed to the region.\n"
    "Read more about the war.\n"
)
B_TEXT = "WIRE: Shelling killed 600 people in the city, the Health Ministry said on Friday.\n"
C_TEXT = (
    "At least 600 people were reportedly killed, the UN said on Sunday. "
    "The army said 400 people died in the attack. As many as 50 people may be missing.\n"
)
D_TEXT = (
    "More than 600 people were killed, the Health Ministry said. "
    "Thousands of residents fled; several thousand more fled later.\n"
)

UKRAINE = {"actor": "Ukraine"}


def corpus(make_stored: MakeStored) -> list[StoredDocument]:
    a = make_stored(
        "a.txt",
        A_TEXT,
        [
            {"phrase": "600 people", "low": 600, "fact": "f-k600", "source": "Health Ministry",
             "stated_by": "Health Ministry", "stated_on": D("2025-01-03"), **UKRAINE},
            {"phrase": "about 2,000 troops", "low": 2000, "qualifier": "approx", "measure": "deployed",
             "counted": "troops", "actor": "Russia", "fact": "f-d2000", "source": "Defence Ministry",
             "stated_on": D("2025-01-03"), "when": ("2025-01-01", "2025-01-31", "in January")},
        ],
        title="Shelling kills 600",
        outlet="Kyiv Post",
        published="2025-01-03",
        url="https://example.org/a",
        bands=("b1", "b2"),
    )  # fmt: skip
    b = make_stored(
        "b.txt",
        B_TEXT,
        [{"phrase": "600 people", "low": 600, "fact": "f-k600", "source": "Health Ministry",
          "stated_on": D("2025-01-03"), **UKRAINE}],
        outlet="Wire Daily",
        published="2025-01-03",
        copy_of=a.id,
        bands=("b1", "b3"),
    )  # fmt: skip
    c = make_stored(
        "c.txt",
        C_TEXT,
        [
            {"phrase": "At least 600 people", "low": 600, "high": None, "qualifier": "at_least",
             "fact": "f-k600", "source": "United Nations", "stated_on": D("2025-01-05"), "hedged": True,
             **UKRAINE},
            {"phrase": "400 people", "low": 400, "fact": "f-k400", "source": "Army",
             "stated_on": D("2025-01-06"), **UKRAINE},
            {"phrase": "As many as 50 people", "low": None, "high": 50, "qualifier": "up_to",
             "measure": "missing", "fact": "f-m50", "source": "United Nations", "stated_on": D("2025-01-06"),
             "hedged": True, **UKRAINE},
        ],
        outlet="Global News",
        published="2025-01-06",
        language="fr",
        bands=("b9",),
    )  # fmt: skip
    d = make_stored(
        "d.txt",
        D_TEXT,
        [
            {"phrase": "More than 600 people", "low": 600, "high": None, "qualifier": "more_than",
             "fact": "f-k600plus", "source": "Health Ministry", "stated_on": D("2025-01-10"), **UKRAINE},
            {"phrase": "Thousands", "low": 2000, "high": None, "qualifier": "vague", "measure": "displaced",
             "counted": "residents", "fact": "f-v3", "stated_on": D("2025-01-10"), **UKRAINE},
            {"phrase": "several thousand", "low": 2000, "high": 9999, "qualifier": "vague",
             "measure": "displaced", "counted": None, "fact": "f-v3", "stated_on": D("2025-01-10"), **UKRAINE},
        ],
        outlet="Kyiv Post",
        published="2025-01-10",
    )  # fmt: skip
    return [a, b, c, d]


EXPECTED_FACTS = {
    "f-k600": FactRow("f-k600", "killed", "Ukraine", "point", 600, 600, None, None, 3,
                      ("Health Ministry", "United Nations"), 2, D("2025-01-03"), D("2025-01-05"), False),
    "f-d2000": FactRow("f-d2000", "deployed", "Russia", "point", 2000, 2000, D("2025-01-01"), D("2025-01-31"), 1,
                       ("Defence Ministry",), 1, D("2025-01-03"), D("2025-01-03"), False),
    "f-k400": FactRow("f-k400", "killed", "Ukraine", "point", 400, 400, None, None, 1, ("Army",), 1,
                      D("2025-01-06"), D("2025-01-06"), False),
    "f-m50": FactRow("f-m50", "missing", "Ukraine", "up_to", None, 50, None, None, 1, ("United Nations",), 1,
                     D("2025-01-06"), D("2025-01-06"), True),
    "f-k600plus": FactRow("f-k600plus", "killed", "Ukraine", "more_than", 600, None, None, None, 1,
                          ("Health Ministry",), 1, D("2025-01-10"), D("2025-01-10"), False),
    "f-v3": FactRow("f-v3", "displaced", "Ukraine", "vague", 2000, None, None, None, 2, (), 1,
                    D("2025-01-10"), D("2025-01-10"), False),
}  # fmt: skip
# Most claimed first, then by fact id.
FACT_ORDER = ["f-k600", "f-v3", "f-d2000", "f-k400", "f-k600plus", "f-m50"]

SAID_600 = "Shelling killed 600 people in the city, the Health Ministry said on Friday."
EXPECTED_KILLED_TIMELINE = [
    TimelineRow(D("2025-01-03"), "f-k600", "killed", "Ukraine", "point", 600, 600, None, None,
                "Health Ministry", False, 1, 2, SAID_600),
    TimelineRow(D("2025-01-05"), "f-k600", "killed", "Ukraine", "point", 600, 600, None, None,
                "United Nations", True, 1, 1, "At least 600 people were reportedly killed, the UN said on Sunday."),
    TimelineRow(D("2025-01-06"), "f-k400", "killed", "Ukraine", "point", 400, 400, None, None,
                "Army", False, 1, 1, "The army said 400 people died in the attack."),
    TimelineRow(D("2025-01-10"), "f-k600plus", "killed", "Ukraine", "more_than", 600, None, None, None,
                "Health Ministry", False, 1, 1, "More than 600 people were killed, the Health Ministry said."),
]  # fmt: skip

ALL = Filters(limit=1000)


@pytest.fixture
def docs(make_stored: MakeStored) -> list[StoredDocument]:
    return corpus(make_stored)


@pytest.fixture
def ledger(store: Store, docs: list[StoredDocument]) -> Store:
    run_id = store.ensure_run(RUN_1)
    for stored in docs:
        assert store.add_document(stored, run_id)
    return store


def without_claim_ids(rows: list[TimelineRow]) -> list[TimelineRow]:
    # The evidence claim's own fields come with its id: left out with it.
    return [
        replace(
            r,
            claim_id=None,
            text=None,
            stated_as=None,
            counted=None,
            location=None,
            published=None,
            document=None,
        )
        for r in rows
    ]


def fact_ids(rows: list[FactRow]) -> set[str]:
    return {r.fact for r in rows}


# --- writes ---


def test_ensure_run_gets_or_creates(store: Store) -> None:
    first = store.ensure_run(RUN_1)

    assert store.ensure_run(RUN_1) == first
    assert store.ensure_run(RUN_2) != first


def test_adding_a_document_again_adds_nothing(ledger: Store, docs: list[StoredDocument]) -> None:
    run_id = ledger.ensure_run(RUN_1)
    before = (ledger.claims(ALL), ledger.facts(ALL), ledger.timeline(ALL))

    assert [ledger.add_document(d, run_id) for d in docs] == [False] * 4
    assert ledger.add_documents(docs, run_id) == 0
    assert (ledger.claims(ALL), ledger.facts(ALL), ledger.timeline(ALL)) == before
    assert all(ledger.has_document(d.id, run_id) for d in docs)


def test_has_document_is_per_run(ledger: Store, docs: list[StoredDocument]) -> None:
    assert not ledger.has_document(docs[0].id, ledger.ensure_run(RUN_2))
    assert not ledger.has_document("0" * 64, ledger.ensure_run(RUN_1))


def test_a_new_run_makes_its_claims_current_and_keeps_history(
    ledger: Store, docs: list[StoredDocument], make_stored: MakeStored, sql_value: SqlValue
) -> None:
    run_2 = ledger.ensure_run(RUN_2)
    again = make_stored(
        "a-renamed.txt",
        A_TEXT,
        [{"phrase": "600 people", "low": 600, "fact": "f-k600-v2", "source": "Health Ministry", **UKRAINE}],
        title="A new title",
        outlet="Another Outlet",
    )
    assert again.id == docs[0].id

    assert ledger.add_document(again, run_2)

    current = ledger.claims(Filters(document=docs[0].id))
    assert [(c.claim.fact, c.run_id) for c in current] == [("f-k600-v2", run_2)]
    assert sql_value(f"SELECT COUNT(*) FROM claims WHERE document_id = '{docs[0].id}'") == 3
    facts = {f.fact: f for f in ledger.facts(ALL)}
    assert "f-d2000" not in facts and "f-k600-v2" in facts
    assert facts["f-k600"].claims == 2 and facts["f-k600"].independent_outlets == 2
    estimates = {(r.fact, r.source): r for r in ledger.timeline(ALL)}
    assert ("f-d2000", "Defence Ministry") not in estimates
    assert estimates[("f-k600", "Health Ministry")].claims == 1
    assert estimates[("f-k600", "Health Ministry")].quote == "WIRE: " + SAID_600
    view = ledger.document(docs[0].id)
    assert view is not None
    assert (view.info.doc, view.info.title, view.info.outlet) == ("a.txt", "Shelling kills 600", "Kyiv Post")
    assert view.info.claims_count == 1
    assert ledger.count_claims(ALL) == 8
    assert not ledger.add_document(again, run_2)


# --- facts ---


def test_facts_aggregate_claims_sources_outlets_and_dates(ledger: Store) -> None:
    rows = ledger.facts(ALL)

    assert [r.fact for r in rows] == FACT_ORDER
    assert {r.fact: r for r in rows} == EXPECTED_FACTS


def test_bulk_loading_gives_the_same_facts_and_timeline(store: Store, docs: list[StoredDocument]) -> None:
    run_id = store.ensure_run(RUN_1)

    assert store.add_documents(docs + docs[:1], run_id, batch_documents=2) == 4

    assert {r.fact: r for r in store.facts(ALL)} == EXPECTED_FACTS
    assert (
        without_claim_ids(store.timeline(Filters(measure="killed", actor="Ukraine")))
        == EXPECTED_KILLED_TIMELINE
    )


def test_rebuilding_facts_changes_nothing(ledger: Store) -> None:
    before = (ledger.facts(ALL), ledger.timeline(ALL))

    ledger.rebuild_facts()

    assert (ledger.facts(ALL), ledger.timeline(ALL)) == before


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(measure="killed"), {"f-k600", "f-k400", "f-k600plus"}),
        (Filters(measure="deployed"), {"f-d2000"}),
        (Filters(measure="wounded"), set()),
        (Filters(actor="ukraine"), {"f-k600", "f-k400", "f-k600plus", "f-v3", "f-m50"}),
        (Filters(measure="killed", actor="Russia"), set()),
        (Filters(actor="Russia"), {"f-d2000"}),
        (Filters(source="United Nations"), {"f-k600", "f-m50"}),
        (Filters(source="health ministry"), {"f-k600", "f-k600plus"}),
        (Filters(outlet="Global News"), {"f-k600", "f-k400", "f-m50"}),
        (Filters(outlet="wire daily"), {"f-k600"}),
        (Filters(language="fr"), {"f-k600", "f-k400", "f-m50"}),
        (Filters(language="en"), {"f-k600", "f-d2000", "f-k600plus", "f-v3"}),
        (Filters(language="de"), set()),
        (Filters(language="fr", source="Army"), {"f-k400"}),
        (Filters(language="en", text="people"), {"f-k600", "f-k600plus"}),
        (Filters(since=D("2025-01-06")), {"f-k400", "f-m50", "f-k600plus", "f-v3"}),
        (Filters(until=D("2025-01-04")), {"f-k600", "f-d2000"}),
        (Filters(since=D("2025-01-04"), until=D("2025-01-05")), {"f-k600"}),
        (Filters(hedged=True), {"f-m50"}),
        (Filters(hedged=False), set(EXPECTED_FACTS) - {"f-m50"}),
        (Filters(text="TROOPS"), {"f-d2000"}),
        (Filters(text="several"), {"f-v3"}),
        (Filters(document="c.txt"), {"f-k600", "f-k400", "f-m50"}),
        (Filters(measure="killed", source="Health Ministry", outlet="Kyiv Post"), {"f-k600", "f-k600plus"}),
    ],
)
def test_facts_filters(ledger: Store, filters: Filters, expected: set[str]) -> None:
    assert fact_ids(ledger.facts(filters)) == expected


def test_facts_pages(ledger: Store) -> None:
    pages = [ledger.facts(Filters(limit=4, offset=offset)) for offset in (0, 4, 8)]

    assert [len(p) for p in pages] == [4, 2, 0]
    assert [r.fact for p in pages for r in p] == FACT_ORDER


def test_fact_claims_have_their_sentences(ledger: Store, docs: list[StoredDocument]) -> None:
    records = ledger.fact_claims("f-k600")

    assert [(r.doc, r.claim.text) for r in records] == [
        ("a.txt", "600 people"),
        ("b.txt", "600 people"),
        ("c.txt", "At least 600 people"),
    ]
    assert records[0].quote == SAID_600
    assert records[1].quote == "WIRE: " + SAID_600
    assert records[1].copy_of == docs[0].id and records[1].outlet == "Wire Daily"
    assert ledger.fact_claims("f-none") == []


# --- timeline ---


def test_timeline_has_one_estimate_per_fact_and_source_by_date(ledger: Store) -> None:
    assert (
        without_claim_ids(ledger.timeline(Filters(measure="killed", actor="Ukraine")))
        == EXPECTED_KILLED_TIMELINE
    )


def test_each_estimate_names_the_claim_its_quote_comes_from(ledger: Store) -> None:
    for row in ledger.timeline(ALL):
        assert row.claim_id is not None
        record = ledger.claim(row.claim_id)
        assert record is not None
        assert (record.quote, record.claim.fact, record.claim.source) == (row.quote, row.fact, row.source)
        assert record.claim.stated_on == row.stated_on  # the source's earliest claim of the fact


def test_timeline_without_filters_orders_by_date_then_fact(ledger: Store) -> None:
    rows = ledger.timeline(ALL)

    assert [(r.stated_on, r.fact, r.source) for r in rows] == [
        (D("2025-01-03"), "f-d2000", "Defence Ministry"),
        (D("2025-01-03"), "f-k600", "Health Ministry"),
        (D("2025-01-05"), "f-k600", "United Nations"),
        (D("2025-01-06"), "f-k400", "Army"),
        (D("2025-01-06"), "f-m50", "United Nations"),
        (D("2025-01-10"), "f-k600plus", "Health Ministry"),
        (D("2025-01-10"), "f-v3", None),
    ]
    deployed = rows[0]
    assert (deployed.period_start, deployed.period_end) == (D("2025-01-01"), D("2025-01-31"))
    assert rows[-1].claims == 2 and (rows[-1].low, rows[-1].high) == (2000, None)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(source="united nations"), [("f-k600", "United Nations"), ("f-m50", "United Nations")]),
        (Filters(outlet="Wire Daily"), [("f-k600", "Health Ministry")]),
        (
            Filters(language="fr"),
            [("f-k600", "United Nations"), ("f-k400", "Army"), ("f-m50", "United Nations")],
        ),
        (
            Filters(language="en", measure="killed"),
            [("f-k600", "Health Ministry"), ("f-k600plus", "Health Ministry")],
        ),
        (Filters(language="fr", text="many"), [("f-m50", "United Nations")]),
        (
            Filters(since=D("2025-01-06"), until=D("2025-01-06")),
            [("f-k400", "Army"), ("f-m50", "United Nations")],
        ),
        (Filters(hedged=True), [("f-k600", "United Nations"), ("f-m50", "United Nations")]),
        (Filters(measure="displaced"), [("f-v3", None)]),
        (Filters(text="many"), [("f-m50", "United Nations")]),
        (Filters(document="b.txt"), [("f-k600", "Health Ministry")]),
        (Filters(limit=2, offset=1), [("f-k600", "Health Ministry"), ("f-k600", "United Nations")]),
    ],
)
def test_timeline_filters(ledger: Store, filters: Filters, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.fact, r.source) for r in ledger.timeline(filters)] == expected


# --- claims and documents ---


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), 9),
        (Filters(measure="killed"), 5),
        (Filters(actor="UKRAINE"), 8),
        (Filters(source="Health Ministry"), 3),
        (Filters(outlet="Kyiv Post"), 5),
        (Filters(language="fr"), 3),
        (Filters(language="en"), 6),
        (Filters(language="de"), 0),
        (Filters(language="en", outlet="Global News"), 0),
        (Filters(language="fr", measure="killed", sort="-value"), 2),
        (Filters(language="en", since=D("2025-01-04"), sort="stated_on"), 3),
        (Filters(since=D("2025-01-06")), 5),
        (Filters(until=D("2025-01-03")), 3),
        (Filters(hedged=True), 2),
        (Filters(hedged=False), 7),
        (Filters(text="troops"), 1),
        (Filters(document="d.txt"), 3),
        (Filters(measure="killed", outlet="Kyiv Post", since=D("2025-01-04")), 1),
    ],
)
def test_claims_filters(ledger: Store, filters: Filters, expected: int) -> None:
    assert ledger.count_claims(filters) == expected
    assert len(ledger.claims(replace(filters, limit=1000))) == expected


def test_claims_page_in_storage_order(ledger: Store) -> None:
    everything = [r.id for r in ledger.claims(ALL)]

    assert [r.id for r in ledger.claims(Filters(limit=4))] + [
        r.id for r in ledger.claims(Filters(limit=10, offset=4))
    ] == everything
    assert everything == sorted(everything)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(actor="x' OR '1'='1"),
        Filters(source="'; DROP TABLE claims; --"),
        Filters(outlet="%"),
        Filters(measure="killed' --"),
        Filters(text="%"),
        Filters(text="_"),
        Filters(text="\\"),
        Filters(document="' OR 1=1 --"),
        Filters(source='" OR ""="'),
    ],
    ids=repr,
)
def test_sql_metacharacters_in_filters_match_nothing(ledger: Store, filters: Filters) -> None:
    assert ledger.claims(filters) == []
    assert ledger.count_claims(filters) == 0
    assert ledger.facts(filters) == []
    assert ledger.timeline(filters) == []
    assert ledger.documents(filters) == []
    assert ledger.citations(filters) == []
    assert ledger.count_claims(ALL) == 9


def test_claim_by_id(ledger: Store) -> None:
    first = ledger.claims(Filters(limit=1))[0]

    assert ledger.claim(first.id) == first
    assert ledger.claim(10**9) is None


@pytest.mark.parametrize("sort", ["stated_on", "-stated_on", "value", "-value", "stored", "-stored"])
def test_claims_sorts(ledger: Store, sort: str) -> None:
    rows = ledger.claims(replace(ALL, sort=sort))
    descending = sort.startswith("-")
    key = {
        "stated_on": lambda r: r.claim.stated_on,
        "value": lambda r: r.claim.value.low if r.claim.value.low is not None else r.claim.value.high,
        "stored": lambda r: r.id,
    }[sort.removeprefix("-")]
    present = [key(r) for r in rows if key(r) is not None]
    missing = [key(r) for r in rows if key(r) is None]

    assert len(rows) == 9
    assert present == sorted(present, reverse=descending)
    assert [key(r) for r in rows] == present + missing  # missing values last either way


def test_unknown_sort_is_refused_with_the_valid_ones(ledger: Store) -> None:
    with pytest.raises(FilterError, match="unknown sort 'id; DROP'.*valid sorts: stored, stated_on, value"):
        ledger.claims(replace(ALL, sort="id; DROP"))
    with pytest.raises(FilterError, match="unknown sort 'outlet'"):
        ledger.claims(replace(ALL, sort="outlet"))


@pytest.mark.parametrize(
    "text", ["people", "PEOPLE", "troops", "00 p", "ab", "%", "_", "\\", "fled;", '"', "trOOps", "ükraine"]
)
def test_text_search_finds_exactly_the_claims_holding_the_text(ledger: Store, text: str) -> None:
    everything = ledger.claims(ALL)
    expected = [
        r.id
        for r in everything
        if text.lower() in r.claim.text.lower() or text.lower() in (r.claim.counted or "").lower()
    ]

    assert [r.id for r in ledger.claims(replace(ALL, text=text))] == expected
    assert ledger.count_claims(replace(ALL, text=text)) == len(expected)


def test_claims_carry_their_documents_language(ledger: Store) -> None:
    records = ledger.claims(Filters(limit=1000))

    assert {(r.doc, r.language) for r in records} == {
        ("a.txt", "en"),
        ("b.txt", "en"),
        ("c.txt", "fr"),
        ("d.txt", "en"),
    }
    assert {r.doc for r in ledger.claims(Filters(language="fr"))} == {"c.txt"}
    assert {r.language for r in ledger.fact_claims("f-k600")} == {"en", "fr"}


def test_citations_by_language(ledger: Store) -> None:
    rows = ledger.citations(Filters(language="fr"))

    assert {(r.outlet, r.stated_by, r.source): r.claims for r in rows} == {
        ("Global News", None, "United Nations"): 2,
        ("Global News", None, "Army"): 1,
    }


def test_citations_count_claims_by_outlet_speaker_and_source(ledger: Store) -> None:
    rows = ledger.citations(ALL)
    everything = ledger.claims(ALL)

    assert sum(r.claims for r in rows) == len(everything)
    for row in rows:
        matching = [
            c
            for c in everything
            if (c.outlet, c.claim.stated_by, c.claim.source) == (row.outlet, row.stated_by, row.source)
        ]
        assert row.claims == len(matching)
        assert row.documents == len({c.document_id for c in matching})
    assert [r.claims for r in rows] == sorted((r.claims for r in rows), reverse=True)
    assert sum(r.claims for r in ledger.citations(Filters(measure="killed", limit=1000))) == len(
        ledger.claims(Filters(measure="killed", limit=1000))
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ALL, ["a.txt", "b.txt", "c.txt", "d.txt"]),
        (Filters(outlet="kyiv post"), ["a.txt", "d.txt"]),
        (Filters(language="en"), ["a.txt", "b.txt", "d.txt"]),
        (Filters(language="fr", hedged=True), ["c.txt"]),
        (Filters(language="fr", measure="deployed"), []),
        (Filters(since=D("2025-01-06")), ["c.txt", "d.txt"]),
        (Filters(measure="deployed"), ["a.txt"]),
        (Filters(source="Health Ministry"), ["a.txt", "b.txt", "d.txt"]),
        (Filters(hedged=True), ["c.txt"]),
        (Filters(document="b.txt"), ["b.txt"]),
        (Filters(limit=1, offset=2), ["c.txt"]),
    ],
)
def test_documents_filters(ledger: Store, filters: Filters, expected: list[str]) -> None:
    assert [d.doc for d in ledger.documents(filters)] == expected


def test_document_by_id_or_name(ledger: Store, docs: list[StoredDocument]) -> None:
    by_name = ledger.document("c.txt")
    by_id = ledger.document(docs[2].id)

    assert by_name is not None and by_name == by_id
    assert by_name.text == C_TEXT and by_name.blocks == docs[2].blocks
    assert [r.claim for r in by_name.claims] == list(docs[2].document.claims)
    assert by_name.info.claims_count == 3 and by_name.info.outlet == "Global News"
    assert ledger.document("nothing.txt") is None


def test_iter_documents_round_trips_the_spec_objects(ledger: Store, docs: list[StoredDocument]) -> None:
    exported = list(ledger.iter_documents())

    assert [document for _, document in exported] == [d.document for d in docs]
    assert [document.to_json() for _, document in exported] == [d.document.to_json() for d in docs]
    info = exported[0][0]
    assert (info.id, info.url, info.origin, info.copy_of) == (
        docs[0].id,
        "https://example.org/a",
        "/corpus/a.txt",
        None,
    )
    assert exported[1][0].copy_of == docs[0].id
    assert isinstance(exported[0][1].claims[0].value.low, int)


def test_find_copies_names_each_group_by_its_original(ledger: Store, docs: list[StoredDocument]) -> None:
    a, b = docs[0], docs[1]

    assert ledger.find_copies(["b3"]) == [(a.id, b.signature)]
    assert ledger.find_copies(["b1", "b2"]) == [(a.id, a.signature), (a.id, b.signature)]
    assert ledger.find_copies(["zz"]) == []
    assert ledger.find_copies([]) == []


def test_a_document_without_claims_is_stored(store: Store, make_stored: MakeStored) -> None:
    run_id = store.ensure_run(RUN_1)
    empty = make_stored("empty.txt", "Nothing counted here.\n")

    assert store.add_document(empty, run_id)
    assert not store.add_document(empty, run_id)
    assert [(i.doc, i.claims_count) for i in store.documents(ALL)] == [("empty.txt", 0)]
    assert store.facts(ALL) == [] and store.timeline(ALL) == []


def test_the_store_is_a_context_manager(store_url: str) -> None:
    with open_store(store_url, create=True, fact_form=fact_form) as opened:
        result: Any = opened.facts(ALL)

    assert result == []


def test_a_failed_write_leaves_the_ledger_as_it_was(ledger: Store, make_stored: MakeStored) -> None:
    orphan = make_stored(
        "orphan.txt",
        "Officials said 70 people died.\n",
        [{"phrase": "70 people", "low": 70, "fact": "f-k600", "source": "Army", **UKRAINE}],
        copy_of="f" * 64,  # no such document: the foreign key refuses the row
    )
    before = (ledger.facts(ALL), ledger.timeline(ALL), ledger.documents(ALL))

    with pytest.raises(StoreError):
        ledger.add_document(orphan, ledger.ensure_run(RUN_1))

    assert (ledger.facts(ALL), ledger.timeline(ALL), ledger.documents(ALL)) == before
    assert ledger.count_claims(ALL) == 9


def test_a_reader_may_stop_iterating_documents_early(ledger: Store, docs: list[StoredDocument]) -> None:
    documents = ledger.iter_documents()
    first = next(documents)
    documents.close()  # type: ignore[attr-defined]

    assert first[0].id == docs[0].id
    assert ledger.count_claims(ALL) == 9
    assert ledger.ensure_run(RUN_2) != ledger.ensure_run(RUN_1)  # writes work after the stopped reader
