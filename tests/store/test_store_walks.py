"""Pages of claims, facts and the timeline, and counts, answer alike however the store finds them.

A page whose filter no index holds in its order first walks that order for
``store.planner.WALK_ROWS`` rows, and falls back to the filter's own index when the
walk finds less than a page (see ``LedgerReads.claims``). Every filter, sort and
page below is checked with no walk (0; a timeline page still walks its own
length), walks that fill some pages and not
others (8, 20 of about 80 claims) and a walk over the whole ledger (5,000),
against answers worked out in Python from the ledger's current claims. Some documents are re-extracted by a
second run, so superseded claims are there to be left out.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

import claimtrail.store.planner as store_planner
from claimtrail.models import ClaimRecord, FactRow, Filters, Run, StoredDocument, TimelineRow
from claimtrail.store import Store

MakeStored = Callable[..., StoredDocument]

RUN_1 = Run(version="1.0.0", settings_hash="aaaa", settings_json='{"run": 1}')
RUN_2 = Run(version="1.1.0", settings_hash="bbbb", settings_json='{"run": 2}')

WALKS = (0, 8, 20, 5000)
SORTS = ("stored", "-stored", "stated_on", "-stated_on", "value", "-value")
PAGES = ((5, 0), (5, 5), (3, 10), (50, 0))

MEASURES = ("killed", "wounded", "deployed")
ACTORS = ("Ukraine", "Russia")
SOURCES = ("Health Ministry", "United Nations", "Army", "Red Cross")
NOUNS = ("people", "troops", "residents")
FIRST_DAY = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class Spec:
    phrase: str
    low: float | None
    high: float | None
    qualifier: str
    measure: str
    counted: str
    actor: str
    source: str
    stated_on: dt.date | None
    hedged: bool

    def fields(self) -> dict[str, Any]:
        fact = f"{self.measure}-{self.actor}-{self.low}-{self.high}-{self.qualifier}".lower()
        return {"phrase": self.phrase, "low": self.low, "high": self.high, "qualifier": self.qualifier,
                "measure": self.measure, "counted": self.counted, "actor": self.actor, "fact": fact,
                "source": self.source, "stated_on": self.stated_on, "hedged": self.hedged}  # fmt: skip


def random_spec(rng: random.Random, noun: str | None = None) -> Spec:
    figure = rng.choice((400, 600, 1200, 2000, 15000))
    form = rng.choice(("exact", "approx", "more_than", "up_to"))
    words = {"exact": "", "approx": "about ", "more_than": "more than ", "up_to": "up to "}[form]
    low = None if form == "up_to" else float(figure)
    high = None if form == "more_than" else float(figure)
    counted = noun or rng.choice(NOUNS)
    dated = rng.random() < 0.85
    return Spec(
        phrase=f"{words}{figure:,} {counted}",
        low=low,
        high=high,
        qualifier=form,
        measure=rng.choice(MEASURES),
        counted=counted,
        actor=rng.choice(ACTORS),
        source=rng.choice(SOURCES),
        stated_on=FIRST_DAY + dt.timedelta(days=rng.randrange(40)) if dated else None,
        hedged=rng.random() < 0.3,
    )


def document(make_stored: MakeStored, number: int, specs: list[Spec]) -> StoredDocument:
    text = f"Report {number}. " + " ".join(f"{s.source} said {s.phrase} were counted." for s in specs) + "\n"
    return make_stored(
        f"{number:02d}.txt",
        text,
        [s.fields() for s in specs],
        outlet=f"Outlet {number % 3}",
        language="fr" if number % 4 == 0 else "en",  # a quarter of the reports in French
    )


@pytest.fixture
def ledger(store: Store, make_stored: MakeStored) -> Store:
    rng = random.Random(11)
    first = store.ensure_run(RUN_1)
    for number in range(30):
        store.add_document(
            document(make_stored, number, [random_spec(rng) for _ in range(rng.randint(1, 4))]), first
        )
    # A second run re-extracts three documents: their first claims (counted as "sailors")
    # are superseded by claims counted as "marines".
    second = store.ensure_run(RUN_2)
    for number in (30, 31, 32):
        specs = [random_spec(rng, "sailors") for _ in range(2)]
        store.add_document(document(make_stored, number, specs), first)
        again = [Spec(**{**vars(s), "phrase": s.phrase, "counted": "marines"}) for s in specs]
        redone = document(make_stored, number, specs)
        stored = make_stored(
            redone.document.doc, redone.text, [s.fields() for s in again], language=redone.document.language
        )
        assert stored.id == redone.id
        store.add_document(stored, second)
    return store


FILTERS = (
    Filters(),
    Filters(measure="killed"),
    Filters(measure="wounded", actor="russia"),
    Filters(source="Red Cross"),
    Filters(since=dt.date(2025, 1, 10), until=dt.date(2025, 1, 25)),
    Filters(since=dt.date(2025, 1, 30)),
    Filters(measure="deployed", until=dt.date(2025, 1, 20)),
    Filters(hedged=True),
    Filters(text="about"),
    Filters(text="000"),
    Filters(text="TROOPS"),
    Filters(text="sailors"),
    Filters(text="marines"),
    Filters(text="up to", measure="killed"),
    Filters(text="people", source="Army"),
    Filters(text="zz"),
    Filters(language="fr"),
    Filters(language="en", measure="killed"),
    Filters(language="fr", source="Army"),
    Filters(language="fr", text="about"),
    Filters(language="en", since=dt.date(2025, 1, 10)),
    Filters(language="de"),
)


def matches(record: ClaimRecord, f: Filters) -> bool:
    claim = record.claim
    checks = (
        f.measure is None or claim.measure == f.measure,
        f.actor is None or (claim.actor or "").casefold() == f.actor.casefold(),
        f.source is None or (claim.source or "").casefold() == f.source.casefold(),
        f.language is None or record.language == f.language,
        f.since is None or (claim.stated_on is not None and claim.stated_on >= f.since),
        f.until is None or (claim.stated_on is not None and claim.stated_on <= f.until),
        f.hedged is None or claim.hedged == f.hedged,
        f.text is None or any(f.text.casefold() in (t or "").casefold() for t in (claim.text, claim.counted)),
    )
    return all(checks)


def in_order(records: list[ClaimRecord], sort: str) -> list[ClaimRecord]:
    """``records`` as the claims page sorts them: missing values last either way, ties by id."""
    name, descending = sort.removeprefix("-"), sort.startswith("-")
    sign = -1 if descending else 1

    def key(r: ClaimRecord) -> tuple[Any, ...]:
        if name == "stored":
            return (sign * r.id,)
        if name == "stated_on":
            value = r.claim.stated_on.toordinal() if r.claim.stated_on else None
        else:
            low, high = r.claim.value.low, r.claim.value.high
            value = low if low is not None else high
        return (value is None, sign * (value or 0), sign * r.id)

    return sorted(records, key=key)


@pytest.mark.parametrize("walk", WALKS)
def test_claims_pages_and_counts_answer_alike_walked_or_not(
    ledger: Store, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = ledger.claims(Filters(limit=10_000))
    counted = {r.claim.counted for r in every}
    assert "marines" in counted and "sailors" not in counted
    monkeypatch.setattr(store_planner, "WALK_ROWS", walk)
    checked = 0
    for base in FILTERS:
        wanted = [r for r in every if matches(r, base)]
        assert ledger.count_claims(base) == len(wanted), base
        for sort in SORTS:
            ordered = [r.id for r in in_order(wanted, sort)]
            for limit, offset in PAGES:
                page = Filters(**{**vars(base), "sort": sort, "limit": limit, "offset": offset})
                assert [r.id for r in ledger.claims(page)] == ordered[offset : offset + limit], page
                checked += 1
    assert checked == len(FILTERS) * len(SORTS) * len(PAGES)


@pytest.mark.parametrize("walk", WALKS)
def test_timeline_pages_answer_alike_walked_or_not(
    ledger: Store, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = ledger.claims(Filters(limit=10_000))
    timeline = ledger.timeline(Filters(limit=10_000))
    monkeypatch.setattr(store_planner, "WALK_ROWS", walk)

    def stated(row: TimelineRow, f: Filters) -> bool:
        """Whether a current claim of the estimate's fact and source matches the claim-level filters."""
        return any(
            r.claim.fact == row.fact
            and (r.claim.source or "").casefold() == (row.source or "").casefold()
            and matches(r, Filters(text=f.text, language=f.language))
            for r in every
        )

    def wanted(base: Filters) -> list[TimelineRow]:
        return [
            row
            for row in timeline
            if (base.measure is None or row.measure == base.measure)
            and (base.source is None or (row.source or "").casefold() == base.source.casefold())
            and stated(row, base)
        ]

    check_pages(ledger.timeline, wanted)


def test_the_whole_ledgers_citations_are_kept_as_documents_are_written(ledger: Store) -> None:
    every = ledger.claims(Filters(limit=10_000))
    claims: Counter[tuple[str | None, ...]] = Counter()
    documents: dict[tuple[str | None, ...], set[str]] = {}
    for r in every:
        group = (r.outlet, r.claim.stated_by, r.claim.source)
        claims[group] += 1
        documents.setdefault(group, set()).add(r.document_id)

    kept = ledger.citations(Filters(limit=10_000))  # read off the citations table
    # A search for "" matches every claim, and goes through the grouping query instead.
    counted = ledger.citations(Filters(limit=10_000, text=""))

    assert {(r.outlet, r.stated_by, r.source): (r.claims, r.documents) for r in kept} == {
        group: (n, len(documents[group])) for group, n in claims.items()
    }
    assert [r.claims for r in kept] == sorted((r.claims for r in kept), reverse=True)
    assert counted == kept
    assert ledger.citations(Filters(limit=3, offset=2)) == kept[2:5]
    ledger.rebuild_facts()
    assert ledger.citations(Filters(limit=10_000)) == kept


@pytest.mark.parametrize("walk", WALKS)
def test_facts_pages_answer_alike_walked_or_not(
    ledger: Store, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = ledger.claims(Filters(limit=10_000))
    facts = ledger.facts(Filters(limit=10_000))
    monkeypatch.setattr(store_planner, "WALK_ROWS", walk)

    def wanted(base: Filters) -> list[FactRow]:
        stating = {
            r.claim.fact
            for r in every
            if matches(r, Filters(text=base.text, source=base.source, language=base.language))
        }
        return [f for f in facts if (base.measure is None or f.measure == base.measure) and f.fact in stating]

    check_pages(ledger.facts, wanted)


def check_pages(fetch: Callable[[Filters], Sequence[Any]], wanted: Callable[[Filters], list[Any]]) -> None:
    """Every page of every filter that claims, estimates and facts read alike is what ``wanted`` says."""
    for base in FILTERS:
        if base.since or base.until or base.hedged is not None or base.actor:
            continue  # filters with meanings of their own in facts and estimates, tested in test_store.py
        rows = wanted(base)
        for limit, offset in PAGES:
            page = Filters(**{**vars(base), "limit": limit, "offset": offset})
            assert fetch(page) == rows[offset : offset + limit], page
