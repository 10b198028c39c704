"""Reads: claims, facts, the timeline, documents and citations, filtered and paged.

    >>> store.claims(Filters(measure="killed", sort="-stated_on", limit=50))
    >>> store.timeline(Filters(actor="Ukraine"))

Every query reads only the claims of each document's current extraction, and
facts and estimates from their materialized tables (:mod:`.facts`). Which index
a query is steered to, and when a page first walks its order, is decided in
:mod:`.planner`; the answers do not depend on it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeGuard

from ..errors import FilterError
from ..models import (
    TIMELINE_COLUMNS,
    Block,
    BlockKind,
    CitationRow,
    Claim,
    ClaimRecord,
    Document,
    FactRow,
    Filters,
    TimelineRow,
)
from ..names import name_key
from . import planner
from .base import DocumentInfo, DocumentView
from .columns import (
    CLAIM_RECORD,
    DOCUMENT_INFO,
    DOCUMENT_VIEW,
    FACT_ROW,
    Row,
    claim_record,
    document_info,
    fact_row,
    timeline_row,
    timeline_series_value,
)
from .dialect import SqlBackend
from .facts import SEARCH_SEPARATOR
from .planner import claim_order, dated_first, unfiltered, walk_rows, walks_claims

__all__ = ["LedgerReads", "Where", "like_pattern", "text_params"]


@dataclass
class Where:
    """AND-ed SQL conditions and their parameters, built up from filters."""

    terms: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, term: str, *params: Any) -> None:
        self.terms.append(term)
        self.params.extend(params)

    def sql(self, keyword: str = "WHERE") -> str:
        return f" {keyword} " + " AND ".join(self.terms) if self.terms else ""


class LedgerReads(SqlBackend):
    """The queries of :class:`~claimtrail.store.base.Store`, over the current claims and materialized facts."""

    def claims(self, filters: Filters) -> list[ClaimRecord]:
        order = claim_order(filters.sort)
        where = self._claim_where(filters)
        if planner.pages_through_current_index(filters):
            where.terms[0] = planner.CURRENT_INDEXED
        found = f"claims c{_documents_join(filters)}{where.sql()}"
        if walks_claims(filters):
            rows = self._claims_walking(filters, order)
            if len(rows) == filters.limit:
                return [claim_record(r) for r in rows]
            # Rare in that order: every match is found first, through the filters'
            # indexes, then sorted. Materialized, so that no planner walks the order
            # again (PostgreSQL's would, counting on matches spread evenly).
            matches = f"SELECT c.id, c.stated_on, c.value_low, c.value_high FROM {found}"
            found = f"({planner.materialized('matches', matches)}SELECT * FROM matches) c"
        # The page's claims are found and sorted first, then only they are read whole.
        rows = self._query(
            f"SELECT {CLAIM_RECORD.sql} FROM (SELECT c.id FROM {found} ORDER BY {order} LIMIT ? OFFSET ?) p "
            f"JOIN claims c ON c.id = p.id JOIN documents d ON d.id = c.document_id ORDER BY {order}",
            [*where.params, filters.limit, filters.offset],
        )
        return [claim_record(r) for r in rows]

    def _claims_walking(self, filters: Filters, order: str) -> list[Row]:
        """The page of claims among the first WALK_ROWS claims in ``order``; a short page if too few match."""
        where = self._claim_where(filters, text_index=False)
        return self._query(
            f"SELECT {CLAIM_RECORD.sql} FROM (SELECT c.id FROM claims c ORDER BY {order} LIMIT ?) w "
            f"JOIN claims c ON c.id = w.id JOIN documents d ON d.id = c.document_id{where.sql()} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [planner.WALK_ROWS, *where.params, filters.limit, filters.offset],
        )

    def claim(self, claim_id: int) -> ClaimRecord | None:
        rows = self._query(
            f"SELECT {CLAIM_RECORD.sql} FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
            (claim_id,),
        )
        return claim_record(rows[0]) if rows else None

    def citations(self, filters: Filters) -> list[CitationRow]:
        if unfiltered(filters):
            # The whole ledger's, kept as documents are written ('' stands for none there).
            key = "NULLIF(outlet, ''), NULLIF(stated_by, ''), NULLIF(source, '')"
            rows = self._query(
                f"SELECT {key}, claims, documents FROM citations ORDER BY claims DESC, {key} LIMIT ? OFFSET ?",
                [filters.limit, filters.offset],
            )
            return [CitationRow(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
        where = self._claim_where(filters)
        rows = self._query(
            "SELECT d.outlet, c.stated_by, c.source, COUNT(*), COUNT(DISTINCT c.document_id) "
            f"FROM claims c JOIN documents d ON d.id = c.document_id{where.sql()} "
            "GROUP BY d.outlet, c.stated_by, c.source "
            "ORDER BY COUNT(*) DESC, d.outlet, c.stated_by, c.source LIMIT ? OFFSET ?",
            [*where.params, filters.limit, filters.offset],
        )
        return [CitationRow(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]

    def count_claims(self, filters: Filters) -> int:
        if filters.text is not None and unfiltered(filters, text=None):
            matches = self._count_text_matches(filters.text)
            if matches is not None:
                return matches
        where = self._claim_where(filters)
        if planner.counts_through_current_index(filters):
            where.terms[0] = planner.CURRENT_INDEXED
        rows = self._query(
            f"SELECT COUNT(*) FROM claims c{_documents_join(filters)}{where.sql()}", where.params
        )
        return int(rows[0][0])

    def fact_claims(self, fact: str) -> list[ClaimRecord]:
        rows = self._query(
            f"SELECT {CLAIM_RECORD.sql} FROM claims c JOIN documents d ON d.id = c.document_id "
            f"WHERE c.fact = ? AND c.current ORDER BY {dated_first('c')}, c.id",
            (fact,),
        )
        return [claim_record(r) for r in rows]

    def facts(self, filters: Filters) -> list[FactRow]:
        where = Where()
        self._add_row_terms(where, "f", filters)
        if filters.since is not None:  # the fact was stated within the range: its dates overlap it
            where.add("f.last_stated >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("f.first_stated <= ?", self._param_date(filters.until))
        if filters.source is not None and not (_reads_documents(filters) or filters.text):
            # The estimates table holds one row per fact and source: a far smaller set
            # than the claims of a much-cited source.
            where.add(
                "f.fact IN (SELECT e.fact FROM estimates e WHERE e.source_key = ?)", name_key(filters.source)
            )
            filters = replace(filters, source=None)
        date = self.read_date
        order = "f.claims DESC, f.fact"
        page = [filters.limit, filters.offset]
        text = filters.text
        if _searches_estimates(text) and not _reads_documents(filters):
            # The first facts in order (see WALK_ROWS), kept when an estimate of theirs (of
            # the source, if one is asked for) holds the search in its claims' texts.
            kept = Where(["e.fact = f.fact"])
            self._add_search_term(kept, text)
            if filters.source is not None:
                kept.add("e.source_key = ?", name_key(filters.source))
            rows = self._query(
                f"SELECT {FACT_ROW.sql} FROM (SELECT * FROM facts f{where.sql()} ORDER BY {order} LIMIT ?) f "
                f"WHERE EXISTS (SELECT 1 FROM estimates e{kept.sql()}) ORDER BY {order} LIMIT ? OFFSET ?",
                [*where.params, walk_rows(filters), *kept.params, *page],
            )
            if len(rows) == filters.limit:
                return [fact_row(r, date) for r in rows]
        claim_where = self._claim_level_where(filters, include_source=True)
        if len(claim_where.terms) > 1:
            where.add(
                f"f.fact IN (SELECT c.fact FROM claims c{_documents_join(filters)}{claim_where.sql()})",
                *claim_where.params,
            )
        rows = self._query(
            f"SELECT {FACT_ROW.sql} FROM facts f{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.params, *page],
        )
        return [fact_row(r, date) for r in rows]

    def timeline(self, filters: Filters) -> list[TimelineRow]:
        date = self.read_date
        rows = [timeline_row(r, date) for r in self._timeline_rows(filters, TIMELINE_COLUMNS)]
        return self._with_evidence(rows)

    def _with_evidence(self, rows: list[TimelineRow]) -> list[TimelineRow]:
        """``rows`` with their evidence claim's words, qualifier, counted noun, location (the
        link stage reads them to tell a part from its whole) and story (conflicts are found
        within one), in one query by claim id."""
        ids = sorted({r.claim_id for r in rows if r.claim_id is not None})
        if not ids:
            return rows
        in_ids, params = self._in("c.id", ids)
        query = (  # and its document (id, publication date: the day of an undated statement)
            "SELECT c.id, c.text, c.qualifier, c.counted, c.location, c.story, d.published, d.id"
            f" FROM claims c JOIN documents d ON d.id = c.document_id WHERE {in_ids}"
        )
        found = {int(r[0]): r for r in self._query(query, params)}
        return [
            replace(
                r,
                text=e[1],
                stated_as=e[2],
                counted=e[3],
                location=e[4],
                story=e[5],
                published=self.read_date(e[6]),
                document=e[7],
            )
            if r.claim_id is not None and (e := found.get(r.claim_id)) is not None
            else r
            for r in rows
        ]

    def timeline_series(self, filters: Filters, columns: Sequence[str]) -> dict[str, list[Any]]:
        unknown = [c for c in columns if c not in TIMELINE_COLUMNS]
        if unknown or not columns:
            raise FilterError(
                f"unknown timeline column(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                f"valid: {', '.join(TIMELINE_COLUMNS)}"
            )
        rows = self._timeline_rows(filters, columns)
        series: dict[str, list[Any]] = {}
        for i, column in enumerate(columns):
            values = [r[i] for r in rows]
            shown = timeline_series_value(column)  # dates as ISO text in both backends
            series[column] = values if shown is None else [shown(v) for v in values]
        return series

    def _timeline_rows(self, filters: Filters, columns: Sequence[str]) -> list[Row]:
        """The estimates matching ``filters``, by statement date then fact: only ``columns``, in that order."""
        selected = ", ".join("e." + c for c in columns)
        order = f"{dated_first('e')}, e.fact, e.source_key"
        page = [filters.limit, filters.offset]
        where = self._timeline_where(filters)
        text = filters.text
        if _searches_estimates(text):
            # The first estimates in order (see _walk_rows), kept when their claims' texts hold the search.
            kept = Where()
            self._add_search_term(kept, text)
            self._add_stating_claims(kept, replace(filters, text=None))
            rows = self._query(
                f"SELECT {selected} FROM (SELECT * FROM estimates e{where.sql()} ORDER BY {order} LIMIT ?) e"
                f"{kept.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                [*where.params, walk_rows(filters), *kept.params, *page],
            )
            if len(rows) == filters.limit:
                return rows
        if text is not None:
            # Rare in that order: the estimates of every matching claim, found first
            # (materialized, so that no planner walks the order again), then sorted.
            claim_where = self._claim_level_where(filters, include_source=False)
            stating = f"SELECT DISTINCT c.fact, c.source_key FROM claims c{_documents_join(filters)}{claim_where.sql()}"
            return self._query(
                f"{planner.materialized('stating', stating)}"
                f"SELECT {selected} FROM stating s JOIN estimates e ON e.fact = s.fact AND e.source_key = s.source_key"
                f"{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                [*claim_where.params, *where.params, *page],
            )
        self._add_stating_claims(where, filters)
        return self._query(
            f"SELECT {selected} FROM estimates e{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.params, *page],
        )

    def _add_stating_claims(self, where: Where, filters: Filters) -> None:
        """Keep the estimates some claim matching the claim-level filters (text, outlet, language, document) states."""
        claim_where = self._claim_level_where(filters, include_source=False)
        if len(claim_where.terms) > 1:
            where.add(
                "(e.fact, e.source_key) IN (SELECT c.fact, c.source_key FROM claims c"
                f"{_documents_join(filters)}{claim_where.sql()})",
                *claim_where.params,
            )

    def _timeline_where(self, filters: Filters) -> Where:
        """The estimates' own conditions; the claim-level ones (text, outlet, language, document) are the caller's."""
        where = Where()
        self._add_row_terms(where, "e", filters)
        if filters.source is not None:
            where.add("e.source_key = ?", name_key(filters.source))
        # Dates compared through the indexed expression; undated estimates are out of any range.
        if filters.since is not None:
            where.add(f"{dated_first('e')} >= ? AND e.stated_on IS NOT NULL", self._param_date(filters.since))
        if filters.until is not None:
            where.add(f"{dated_first('e')} <= ? AND e.stated_on IS NOT NULL", self._param_date(filters.until))
        return where

    def documents(self, filters: Filters) -> list[DocumentInfo]:
        """Documents matching ``filters``; ``since``/``until`` bound the publication date here."""
        where = Where()
        _add_document_terms(where, filters)
        if filters.document is not None:
            where.add("(d.id = ? OR d.doc = ?)", filters.document, filters.document)
        if filters.since is not None:
            where.add("d.published >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("d.published <= ?", self._param_date(filters.until))
        if filters.story is not None:
            where.add("d.story = ?", filters.story)
        claim_where = Where(["c.current"])
        self._add_row_terms(claim_where, "c", replace(filters, story=None))
        if filters.source is not None:
            claim_where.add("c.source_key = ?", name_key(filters.source))
        self._add_text_term(claim_where, filters)
        if len(claim_where.terms) > 1:
            where.add(f"d.id IN (SELECT c.document_id FROM claims c{claim_where.sql()})", *claim_where.params)
        rows = self._query(
            f"SELECT {DOCUMENT_INFO.sql} FROM documents d{where.sql()} "
            "ORDER BY d.published IS NULL, d.published, d.doc, d.id LIMIT ? OFFSET ?",
            [*where.params, filters.limit, filters.offset],
        )
        return [document_info(r) for r in rows]

    def document(self, ref: str) -> DocumentView | None:
        with self._snapshot():
            rows = self._query(
                f"SELECT {DOCUMENT_VIEW.sql} FROM documents d WHERE d.id = ? OR d.doc = ? "
                "ORDER BY CASE WHEN d.id = ? THEN 0 ELSE 1 END, d.ingested_at, d.id LIMIT 1",
                (ref, ref, ref),
            )
            if not rows:
                return None
            info = document_info(rows[0])
            blocks = self._query(
                'SELECT start, "end", kind, reason FROM blocks WHERE document_id = ? ORDER BY start',
                (info.id,),
            )
            claims = self._query(
                f"SELECT {CLAIM_RECORD.sql} FROM claims c JOIN documents d ON d.id = c.document_id "
                "WHERE c.document_id = ? AND c.current ORDER BY c.id",
                (info.id,),
            )
        return DocumentView(
            info=info,
            text=str(rows[0][DOCUMENT_VIEW.at["text"]]),
            blocks=tuple(Block(int(b[0]), int(b[1]), BlockKind(b[2]), str(b[3])) for b in blocks),
            claims=tuple(claim_record(r) for r in claims),
        )

    def iter_documents(self) -> Iterator[tuple[DocumentInfo, Document]]:
        # Two ordered streams merged (documents, and current claims in the same
        # document order) rather than one claims query per document.
        with self._snapshot():
            documents = self._stream(
                f"SELECT {DOCUMENT_INFO.sql} FROM documents d ORDER BY d.ingested_at, d.id"
            )
            claims = self._stream(
                f"SELECT {CLAIM_RECORD.sql} FROM claims c JOIN documents d ON d.id = c.document_id "
                "WHERE c.current ORDER BY d.ingested_at, d.id, c.id"
            )
            try:
                yield from _merge_claims(documents, claims)
            finally:  # close the cursors inside the snapshot, even when the reader stops early
                documents.close()
                claims.close()

    # --- filters ---

    def _claim_where(self, filters: Filters, *, text_index: bool = True) -> Where:
        where = self._claim_level_where(filters, include_source=True, text_index=text_index)
        self._add_row_terms(where, "c", filters)
        # Sorted by date, the range is also put on the sort expression (planner.date_sort_key).
        by_date = planner.date_sort_key(filters.sort)
        if filters.since is not None:
            where.add("c.stated_on >= ?", self._param_date(filters.since))
            if by_date is not None:
                where.add(f"{by_date} >= ?", self._param_date(filters.since))
        if filters.until is not None:
            where.add("c.stated_on <= ?", self._param_date(filters.until))
            if by_date is not None:
                where.add(f"{by_date} <= ?", self._param_date(filters.until))
        return where

    def _add_row_terms(self, where: Where, a: str, filters: Filters) -> None:
        """Filters on columns that claims, facts and estimates all have (aliased ``a``).

        The story is one of them: each carries its document's (see data/*_v5.sql).
        """
        if filters.measure is not None:
            where.add(f"{a}.measure = ?", filters.measure)
        if filters.actor is not None:
            where.add(f"{a}.actor_key = ?", name_key(filters.actor))
        if filters.hedged is not None:
            where.add(f"{a}.hedged = ?", filters.hedged)
        if filters.story is not None:
            where.add(f"{a}.story = ?", filters.story)

    def _claim_level_where(self, filters: Filters, *, include_source: bool, text_index: bool = True) -> Where:
        """``c.current`` and the conditions only a claim and its document answer (source, outlet, language, text, document).

        ``text_index``: a text search may go through the backend's text index;
        without, it is a condition each claim is checked against (for a walk).
        """
        where = Where(["c.current"])
        if include_source and filters.source is not None:
            where.add("c.source_key = ?", name_key(filters.source))
        _add_document_terms(where, filters)
        if filters.document is not None:
            where.add("(d.id = ? OR d.doc = ?)", filters.document, filters.document)
        self._add_text_term(where, filters, text_index=text_index)
        return where

    def _add_text_term(self, where: Where, filters: Filters, *, text_index: bool = True) -> None:
        if filters.text is None:
            return
        if not (text_index and self._add_text_index_term(where, filters.text)):
            where.add(self._text_match("c"), *text_params(filters.text))

    def _add_text_index_term(self, where: Where, text: str) -> bool:
        """Add the text search through the backend's text index, if it has one that answers it exactly.

        False: the search is left to a LIKE over the claims.
        """
        return False

    def _text_match(self, a: str) -> str:
        """The condition that the text or counted noun of ``a`` holds the search (params: _text_params)."""
        return f"({a}.text {self.like} ? ESCAPE '\\' OR {a}.counted {self.like} ? ESCAPE '\\')"

    def _add_search_term(self, where: Where, text: str) -> None:
        """Keep the estimates ``e`` whose ``search`` column holds ``text`` (see _searches_estimates)."""
        where.add(f"e.search {self.like} ? ESCAPE '\\'", like_pattern(text))

    def _count_text_matches(self, text: str) -> int | None:
        """The number of current claims matching the text search ``text``, read off the text index alone.

        None: the backend's index cannot count it alone; the caller counts the claims.
        """
        return None


def _merge_claims(documents: Iterator[Row], claims: Iterator[Row]) -> Iterator[tuple[DocumentInfo, Document]]:
    """Each document row with the claim rows that follow it in the same order."""
    document_at = CLAIM_RECORD.at["document_id"]
    pending = next(claims, None)
    for row in documents:
        info = document_info(row)
        found: list[Claim] = []
        while pending is not None and pending[document_at] == info.id:
            found.append(claim_record(pending).claim)
            pending = next(claims, None)
        document = Document(
            doc=info.doc,
            title=info.title,
            outlet=info.outlet,
            published=info.published,
            language=info.language,
            claims=tuple(found),
            story=info.story,
        )
        yield info, document


def _searches_estimates(text: str | None) -> TypeGuard[str]:
    """Whether a text search can be read off the estimates' ``search`` column (SEARCH_SEPARATOR)."""
    return text is not None and SEARCH_SEPARATOR not in text


def _reads_documents(filters: Filters) -> bool:
    """Whether a filter is a condition on the claims' documents (outlet, language, document)."""
    return bool(filters.outlet or filters.language or filters.document)


def _add_document_terms(where: Where, filters: Filters) -> None:
    """The outlet and language conditions on the documents ``d`` (each read off its index, data/*_v1.sql, *_v10.sql)."""
    if filters.outlet is not None:
        where.add("d.outlet_key = ?", name_key(filters.outlet))
    if filters.language is not None:
        where.add("d.language = ?", filters.language)


def _documents_join(filters: Filters) -> str:
    """The join to the claims' documents, when a filter reads them (outlet, language, document)."""
    return " JOIN documents d ON d.id = c.document_id" if _reads_documents(filters) else ""


def text_params(text: str) -> list[str]:
    """The parameters of LedgerReads._text_match."""
    return [like_pattern(text)] * 2


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape character backslash) finding ``text`` anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
