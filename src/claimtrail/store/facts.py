"""Materialized facts, estimates and citations: claims grouped, kept current as documents are written.

    >>> store.rebuild_facts()        # the whole ledger's, from its current claims (a repair)

Each write recomputes the estimates (fact, source) its old and new claims
belong to from the current claims, then their facts from the estimates, with
the same SQL that :meth:`FactTables.rebuild_facts` runs over the whole ledger,
so a query reads one small indexed table instead of grouping claims.

Which claims are one fact is the link stage's decision: claims share a fact
when they share the ``fact`` id it gave them, and the form of assertion a fact
makes ("point" for the exact, approximate, "nearly" and "at least" forms of one
figure) is computed here from the link stage's own rule (``link.fact_form``),
which the pipeline hands to the store it writes to (:data:`.dialect.FactForm`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..errors import StoreError
from ..models import QUALIFIERS, StoredDocument
from .columns import ESTIMATES, FACTS, Row
from .dialect import FactForm, SqlBackend
from .planner import dated_first

__all__ = ["SEARCH_SEPARATOR", "CitationChange", "FactTables", "citation_changes", "form_sql"]

# An estimate's ``search`` column holds each distinct text and counted noun of its
# claims between these characters, so that a text search reads one column per
# estimate instead of its claims. A search holding it is answered through the claims.
SEARCH_SEPARATOR = "\x1f"

# A form name goes into SQL as a literal: it must be a plain word like the qualifiers.
_FORM_NAME = re.compile(r"[a-z_]+")

# The citations table from the current claims (the v4 migration runs the same).
_CITATIONS_INSERT = (
    "INSERT INTO citations (outlet, stated_by, source, claims, documents) "
    "SELECT COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, ''), COUNT(*), "
    "COUNT(DISTINCT c.document_id) FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.current "
    "GROUP BY COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, '')"
)

# (outlet, stated_by, source, claims, documents): a change to one row of citations.
CitationChange = tuple[str, str, str, int, int]


def _merged_forms(fact_form: FactForm) -> dict[str, list[str]]:
    """The forms that several qualifiers make one assertion of, each with its qualifiers, in QUALIFIERS order."""
    merged: dict[str, list[str]] = {}
    for qualifier in QUALIFIERS:
        form = fact_form(qualifier)
        if not _FORM_NAME.fullmatch(form):
            raise StoreError(
                f"the fact rule gave the form {form!r} for {qualifier!r}; expected a lower-case word"
            )
        if form != qualifier:
            merged.setdefault(form, []).append(qualifier)
    return merged


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def form_sql(fact_form: FactForm, a: str) -> str:
    """The fact form of claim ``a``'s qualifier as SQL, from the link stage's rule over every qualifier.

    >>> form_sql(link.fact_form, "c")
    "CASE WHEN c.qualifier IN ('exact', 'approx', 'nearly', 'at_least') THEN 'point' ELSE c.qualifier END"
    """
    merged = _merged_forms(fact_form)
    if not merged:
        return f"{a}.qualifier"
    whens = " ".join(f"WHEN {a}.qualifier IN ({_quoted(qs)}) THEN '{form}'" for form, qs in merged.items())
    return f"CASE {whens} ELSE {a}.qualifier END"


def _is_one_figure(fact_form: FactForm, form: str) -> str:
    """The condition that ``form`` (SQL) is a form several qualifiers share: one figure, whichever side it was given."""
    merged = list(_merged_forms(fact_form))
    if not merged:
        return "FALSE"
    return f"{form} = '{merged[0]}'" if len(merged) == 1 else f"{form} IN ({_quoted(merged)})"


def _bound(one_figure: str, a: str, side: str, other: str, pick: str) -> str:
    """The fact's ``side`` bound over claims or estimates ``a``.

    A one-figure fact's figure is its bound whichever side the claim gave ("at
    least 3,000" has no high); other forms are the union of their intervals, open
    where any is.
    """
    figure = f"COALESCE({a}.{side}, {a}.{other})" if other else f"{a}.{side}"
    return (
        f"CASE WHEN {one_figure} THEN {pick}({figure}) "
        f"WHEN COUNT({a}.{side}) < COUNT(*) THEN NULL ELSE {pick}({a}.{side}) END"
    )


def _search_entry(a: str) -> str:
    """One claim's part of its estimate's ``search`` column: its text and counted noun, each fenced."""
    fence = f"'{SEARCH_SEPARATOR}'"
    return f"{fence} || COALESCE({a}.text, '') || {fence} || COALESCE({a}.counted, '') || {fence}"


def _earliest_claim(column: str) -> str:
    """``column`` of the earliest current claim (undated last) of the estimate of claim ``c``."""
    return (
        f"(SELECT {column} FROM claims q WHERE q.fact = c.fact AND q.source_key = c.source_key AND q.current "
        f"ORDER BY {dated_first('q')}, q.id LIMIT 1)"
    )


def _all_hedged(a: str) -> str:
    return f"MIN(CASE WHEN {a}.hedged THEN 1 ELSE 0 END) = 1"


def citation_changes(
    outlets: dict[str, str | None], old: Iterable[Row], fresh: Sequence[StoredDocument]
) -> list[CitationChange]:
    """What replacing the claims ``old`` ((document, stated_by, source) rows) by ``fresh``'s does to citations.

    (outlet, stated_by, source, claims, documents) deltas, '' for none, of every
    group that changes; ``outlets`` holds the stored outlet of each document.
    """
    claims: Counter[tuple[str, str, str]] = Counter()
    documents: Counter[tuple[str, str, str]] = Counter()
    before: set[tuple[tuple[str, str, str], str]] = set()
    after: set[tuple[tuple[str, str, str], str]] = set()
    for document_id, stated_by, source in old:
        group = (outlets[str(document_id)] or "", stated_by or "", source or "")
        claims[group] -= 1
        before.add((group, str(document_id)))
    for s in fresh:
        for c in s.document.claims:
            group = (outlets[s.id] or "", c.stated_by or "", c.source or "")
            claims[group] += 1
            after.add((group, s.id))
    for group, _ in before:
        documents[group] -= 1
    for group, _ in after:
        documents[group] += 1
    groups = sorted(set(claims) | set(documents))
    return [(*g, claims[g], documents[g]) for g in groups if claims[g] or documents[g]]


class FactTables(SqlBackend):
    """The facts, estimates and citations tables, kept from the current claims."""

    def rebuild_facts(self) -> None:
        self._check_fact_rule()
        with self._write():
            self._execute("DELETE FROM facts")
            self._execute("DELETE FROM estimates")
            self._execute(self._estimates_insert(""))
            self._execute(self._facts_insert(""))
            self._execute("DELETE FROM citations")
            self._execute(_CITATIONS_INSERT)

    def _check_fact_rule(self) -> FactForm:
        """The fact rule this store writes with; a StoreError, before anything is written, when it has none."""
        if self.fact_form is None:
            raise StoreError(
                f"{self!r} was opened without the link stage's fact rule, so it cannot group claims into "
                "facts; open it for writing with open_store(..., fact_form=link.fact_form), "
                "as pipeline.open_ledger does"
            )
        return self.fact_form

    def _refresh_facts(self, estimates: Sequence[tuple[str, str]]) -> None:
        """Recompute the estimates ``(fact, source_key)`` from the claims, then their facts from those.

        An estimate depends only on the claims of its fact and source, and a fact
        on its estimates (and its claims' documents, counted through an index), so
        a document touching a much-repeated fact rereads only its own sources' claims.
        """
        if not estimates:
            return
        pairs, pair_params = self._in_pairs("fact", "source_key", estimates)
        claim_pairs, _ = self._in_pairs("c.fact", "c.source_key", estimates)
        facts = sorted({fact for fact, _ in estimates})
        in_facts, fact_params = self._in("fact", facts)
        in_estimate_facts, _ = self._in("e.fact", facts)
        self._execute(f"DELETE FROM estimates WHERE {pairs}", pair_params)
        self._execute(self._estimates_insert(f"AND {claim_pairs}"), pair_params)
        self._execute(f"DELETE FROM facts WHERE {in_facts}", fact_params)
        self._execute(self._facts_insert(f"AND {in_estimate_facts}"), fact_params)

    def _estimates_insert(self, condition: str) -> str:
        fact_form = self._check_fact_rule()
        form = form_sql(fact_form, "c")
        one_figure = _is_one_figure(fact_form, f"MIN({form})")
        # The quote of an estimate is its earliest claim's (undated claims last), found
        # through the claims_fact index: cheaper than ranking every claim of the facts.
        values = {
            "fact": "c.fact",
            "source_key": "c.source_key",
            "source": "MIN(c.source)",
            "measure": "MIN(c.measure)",
            "actor": "MIN(c.actor)",
            "actor_key": "MIN(c.actor_key)",
            "qualifier": f"MIN({form})",
            "low": _bound(one_figure, "c", "value_low", "value_high", "MIN"),
            "high": _bound(one_figure, "c", "value_high", "value_low", "MAX"),
            "period_start": "MIN(c.when_start)",
            "period_end": "MAX(c.when_end)",
            "stated_on": "MIN(c.stated_on)",
            "last_stated": "MAX(c.stated_on)",
            "hedged": _all_hedged("c"),
            "outlets": "COUNT(DISTINCT c.original_id)",
            "claims": "COUNT(*)",
            "quote": _earliest_claim("q.quote"),
            "claim_id": _earliest_claim("q.id"),
            "search": self._search_agg(_search_entry("c")),
            "story": "MIN(c.story)",  # one story: it is part of the fact's key
        }
        return (
            f"INSERT INTO estimates ({ESTIMATES.insert_sql()}) SELECT {_in_order(values, ESTIMATES.written)} "
            f"FROM claims c WHERE c.current AND c.fact IS NOT NULL {condition} GROUP BY c.fact, c.source_key"
        )

    def _facts_insert(self, condition: str) -> str:
        one_figure = _is_one_figure(self._check_fact_rule(), "MIN(e.qualifier)")
        # A fact's figures are its estimates' (a one-figure estimate's bounds are already
        # its figure; any open side of another form leaves the fact open there). Independent
        # outlets cannot be summed over sources: they are counted on the claims_fact index.
        values = {
            "fact": "e.fact",
            "measure": "MIN(e.measure)",
            "actor": "MIN(e.actor)",
            "actor_key": "MIN(e.actor_key)",
            "qualifier": "MIN(e.qualifier)",
            "low": _bound(one_figure, "e", "low", "", "MIN"),
            "high": _bound(one_figure, "e", "high", "", "MAX"),
            "period_start": "MIN(e.period_start)",
            "period_end": "MAX(e.period_end)",
            "claims": "SUM(e.claims)",
            "sources": self._sources_agg("e"),
            "independent_outlets": "(SELECT COUNT(DISTINCT c.original_id) FROM claims c WHERE c.fact = e.fact AND c.current)",
            "first_stated": "MIN(e.stated_on)",
            "last_stated": "MAX(e.last_stated)",
            "hedged": _all_hedged("e"),
            "story": "MIN(e.story)",
        }
        return (
            f"INSERT INTO facts ({FACTS.insert_sql()}) SELECT {_in_order(values, FACTS.written)} "
            f"FROM estimates e WHERE TRUE {condition} GROUP BY e.fact"
        )

    def _change_citations(self, changes: list[CitationChange]) -> None:
        """Add (outlet, stated_by, source, claims, documents) deltas to the citations table."""
        self._executemany(
            "INSERT INTO citations (outlet, stated_by, source, claims, documents) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (outlet, stated_by, source) DO UPDATE SET "
            "claims = citations.claims + excluded.claims, documents = citations.documents + excluded.documents",
            changes,
        )
        self._executemany(
            "DELETE FROM citations WHERE outlet = ? AND stated_by = ? AND source = ? AND claims <= 0",
            [change[:3] for change in changes if change[3] < 0],
        )


def _in_order(values: dict[str, str], columns: tuple[str, ...]) -> str:
    """The expressions of ``values`` in the order of ``columns``; every column must have one."""
    if set(values) != set(columns):
        raise AssertionError(f"expressions for {sorted(values)} do not match the columns {sorted(columns)}")
    return ", ".join(values[c] for c in columns)
