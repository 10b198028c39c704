"""Writes: runs, documents and their claims, blocks and band keys, each batch in one transaction.

    >>> run_id = store.ensure_run(run)
    >>> store.add_documents(stored_documents, run_id)

A document's row keeps its first ingest's metadata; the claims of earlier
extractions stay as history, no longer current. A document no ledger can hold
(:class:`~claimtrail.errors.UnstorableDocumentError`) fails alone, before
anything of its batch is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import Any

from ..errors import UnstorableDocumentError
from ..models import Block, Claim, Run, StoredDocument, StoryIndexDelta
from ..names import name_key
from .columns import CLAIMS, DOCUMENTS
from .facts import citation_changes
from .quotes import quote_around
from .stories import LedgerStories

__all__ = ["DEFAULT_BATCH_DOCUMENTS", "LedgerWrites", "check_storable"]

DEFAULT_BATCH_DOCUMENTS = 1000

# What no ledger can store: NUL (PostgreSQL text refuses it; SQLite stores it, but
# its json_each cuts a string at it, so facts and timelines would lose the claim)
# and lone UTF-16 surrogates (no UTF-8 encoding exists for them). Ingest replaces
# both; a document made another way fails alone here instead of aborting the run.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The integers both backends hold (SQLite INTEGER, PostgreSQL BIGINT): 64-bit signed.
_INT64 = range(-(2**63), 2**63)

# A row's values in the order of its table's written columns (a missing one is a KeyError).
_DOCUMENT_ROW = itemgetter(*DOCUMENTS.written)
_CLAIM_ROW = itemgetter(*CLAIMS.written)


def check_storable(s: StoredDocument, row: Sequence[Any], columns: Sequence[str]) -> None:
    """Raise :class:`UnstorableDocumentError` when a value of ``row`` (of ``columns``) cannot be stored."""
    for column, value in zip(columns, row, strict=True):
        problem = _unstorable(value)
        if problem is not None:
            raise UnstorableDocumentError(
                f"{s.origin}: document {s.document.doc!r} cannot be stored: its {column} {problem}"
            )


def _unstorable(value: Any) -> str | None:
    """Why ``value`` cannot be stored, or None when it can."""
    if isinstance(value, str):
        found = _UNSTORABLE.search(value)
        if found is None:
            return None
        what = "a NUL character" if found.group() == "\x00" else "a lone surrogate"
        return f"holds {what} at index {found.start()}; expected text without them (ingest writes U+FFFD)"
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return f"is {value}, outside the 64-bit integers a ledger holds (-2**63 to 2**63 - 1)"
    return None


def _unique_blocks(s: StoredDocument) -> Iterator[Block]:
    """The blocks of a document, one per start offset (the blocks table's key)."""
    starts: set[int] = set()
    for b in s.blocks:
        if b.start not in starts:
            starts.add(b.start)
            yield b


class _AlreadyStored(Exception):
    """Raised inside a write transaction to roll it back: nothing new to store."""


class LedgerWrites(LedgerStories):
    """Runs, documents and claims written; the facts and stories they touch refreshed in the same transaction."""

    def ensure_run(self, run: Run) -> int:
        with self._write():
            self._execute(
                "INSERT INTO runs (version, settings_hash, settings_json, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (version, settings_hash) DO NOTHING",
                (run.version, run.settings_hash, run.settings_json, self._param_now()),
            )
            rows = self._query(
                "SELECT id FROM runs WHERE version = ? AND settings_hash = ?",
                (run.version, run.settings_hash),
            )
        return int(rows[0][0])

    def has_document(self, document_id: str, run_id: int) -> bool:
        rows = self._query(
            "SELECT 1 FROM extractions WHERE document_id = ? AND run_id = ?", (document_id, run_id)
        )
        return bool(rows)

    def find_copies(self, bands: Sequence[str]) -> list[tuple[str, bytes]]:
        if not bands:
            return []
        in_bands, params = self._in("b.band", list(bands))
        rows = self._query(
            "SELECT COALESCE(d.copy_of, d.id), d.signature FROM documents d WHERE d.id IN "
            f"(SELECT b.document_id FROM bands b WHERE {in_bands}) ORDER BY d.ingested_at, d.id",
            params,
        )
        return [(str(r[0]), bytes(r[1])) for r in rows]

    def add_document(
        self, stored: StoredDocument, run_id: int, *, story_changes: StoryIndexDelta | None = None
    ) -> bool:
        return self.add_documents([stored], run_id, story_changes=story_changes) == 1

    def add_documents(
        self,
        stored: Iterable[StoredDocument],
        run_id: int,
        *,
        batch_documents: int = DEFAULT_BATCH_DOCUMENTS,
        story_changes: StoryIndexDelta | None = None,
    ) -> int:
        self._check_fact_rule()
        added = 0
        items = iter(stored)
        while batch := list(islice(items, max(1, batch_documents))):
            try:
                with self._write():
                    added += self._add_batch(batch, run_id)
                    if story_changes is not None:  # what the index learnt assigning these stories
                        self._save_story_changes(story_changes)
                        story_changes = None
            except _AlreadyStored:
                pass
        return added

    def _add_batch(self, batch: list[StoredDocument], run_id: int) -> int:
        """Store the documents of ``batch`` not yet extracted with ``run_id``, inside one transaction."""
        # 1. Keep the documents new to this run (and each once).
        fresh = self._new_documents(batch, run_id)
        ids = [s.id for s in fresh]
        # 2. The document rows (the first ingest's metadata wins) and this extraction.
        now = self._param_now()
        document_rows = [_DOCUMENT_ROW(self._document_values(s, now)) for s in fresh]
        for s, row in zip(fresh, document_rows, strict=True):
            check_storable(s, row, DOCUMENTS.written)
            for claim_row in self._claim_rows(s, s.id, run_id):
                check_storable(s, claim_row, CLAIMS.written)
        self._executemany(
            f"INSERT INTO documents ({DOCUMENTS.insert_sql()}) VALUES ({DOCUMENTS.marks()}) "
            "ON CONFLICT (id) DO NOTHING",
            document_rows,
        )
        self._executemany(
            "INSERT INTO extractions (document_id, run_id, extracted_at) VALUES (?, ?, ?)",
            [(i, run_id, now) for i in ids],
        )
        # 3. Earlier extractions' claims become history; this run's claims are current.
        in_ids, id_params = self._in("id", ids)
        rows = self._query(
            f"SELECT id, COALESCE(copy_of, id), outlet, story FROM documents WHERE {in_ids}", id_params
        )
        originals = {str(r[0]): str(r[1]) for r in rows}
        outlets = {str(r[0]): r[2] for r in rows}
        stories = {r[3] for r in rows} | {s.story for s in fresh}  # left and joined
        in_docs, doc_params = self._in("document_id", ids)
        old_claims = self._query(
            f"SELECT document_id, stated_by, source, fact, source_key FROM claims WHERE {in_docs} AND current",
            doc_params,
        )
        self._execute(f"UPDATE claims SET current = FALSE WHERE {in_docs} AND current", doc_params)
        self._insert_claims([row for s in fresh for row in self._claim_rows(s, originals[s.id], run_id)])
        # A document extracted again takes the story it is assigned now (a correction may have moved it).
        self._executemany(
            "UPDATE documents SET claims_count = ?, story = ? WHERE id = ?",
            [(len(s.document.claims), s.story, s.id) for s in fresh],
        )
        # 4. Blocks follow the current extraction; band keys are the text's, kept once.
        self._execute(f"DELETE FROM blocks WHERE {in_docs}", doc_params)
        self._executemany(
            'INSERT INTO blocks (document_id, start, "end", kind, reason) VALUES (?, ?, ?, ?, ?)',
            [(s.id, b.start, b.end, b.kind.value, b.reason) for s in fresh for b in _unique_blocks(s)],
        )
        self._executemany(
            "INSERT INTO bands (band, document_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(band, s.id) for s in fresh for band in dict.fromkeys(s.bands)],
        )
        # 5. The estimates (fact and source) and facts the old and new claims belong to.
        touched = {(str(r[3]), str(r[4])) for r in old_claims if r[3] is not None}
        touched.update(
            (c.fact, name_key(c.source)) for s in fresh for c in s.document.claims if c.fact is not None
        )
        self._refresh_facts(sorted(touched))
        # 6. Who cites whom: the old claims' counts out, the new ones' in.
        self._change_citations(citation_changes(outlets, [r[:3] for r in old_claims], fresh))
        # 7. The stories the documents left and joined.
        self._refresh_stories(stories)
        return len(fresh)

    def _new_documents(self, batch: list[StoredDocument], run_id: int) -> list[StoredDocument]:
        """The documents of ``batch`` not yet extracted with ``run_id``, each once; _AlreadyStored if none."""
        in_ids, params = self._in("document_id", [s.id for s in batch])
        seen = {
            r[0]
            for r in self._query(
                f"SELECT document_id FROM extractions WHERE run_id = ? AND {in_ids}", [run_id, *params]
            )
        }
        fresh: list[StoredDocument] = []
        for s in batch:
            if s.id not in seen:
                seen.add(s.id)
                fresh.append(s)
        if not fresh:
            raise _AlreadyStored
        return fresh

    def _document_values(self, s: StoredDocument, now: Any) -> dict[str, Any]:
        """A document's row of ``DOCUMENTS``, by column name."""
        d = s.document
        return {
            "id": s.id, "doc": d.doc, "title": d.title, "outlet": d.outlet, "outlet_key": name_key(d.outlet),
            "published": self._param_date(d.published), "language": d.language, "url": s.url,
            "origin": s.origin, "text": s.text, "copy_of": s.copy_of, "signature": s.signature,
            "ingested_at": now, "claims_count": len(d.claims), "story": s.story,
        }  # fmt: skip

    def _claim_rows(self, s: StoredDocument, original: str, run_id: int) -> Iterator[tuple[Any, ...]]:
        for c in s.document.claims:
            yield _CLAIM_ROW(self._claim_values(s, c, original, run_id))

    def _claim_values(self, s: StoredDocument, c: Claim, original: str, run_id: int) -> dict[str, Any]:
        """A claim's row of ``CLAIMS``, by column name (``original``: its document's near-duplicate original)."""
        when = c.when
        return {
            "document_id": s.id, "original_id": original, "run_id": run_id, "current": True,
            "span_start": c.span[0], "span_end": c.span[1], "text": c.text,
            "quote": quote_around(s.text, *c.span), "value_low": c.value.low, "value_high": c.value.high,
            "qualifier": c.qualifier, "measure": c.measure, "counted": c.counted, "actor": c.actor,
            "actor_key": name_key(c.actor), "location": c.location,
            "when_start": self._param_date(when.start if when else None),
            "when_end": self._param_date(when.end if when else None), "when_text": when.text if when else None,
            "stated_by": c.stated_by, "source": c.source, "source_key": name_key(c.source),
            "stated_on": self._param_date(c.stated_on), "hedged": c.hedged, "fact": c.fact,
            "story": s.story,
        }  # fmt: skip
