"""Stories: the ledger's list of stories, the story index's saved state, and the user's corrections.

    >>> store.stories(Filters(limit=20))             # StoryRow: title, dates, counts, top facts
    >>> state = store.story_state()                  # StoryIndex.to_json() as last saved, or None
    >>> store.correct_stories(correction, moves)     # a merge or split, recorded and applied

The ``stories`` table is kept from the documents (:meth:`LedgerStories._refresh_stories`)
in the transaction that writes them or moves them; a correction is recorded in
``story_corrections`` so that the pipeline replays it when it assigns stories again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import StoreError
from ..models import FactRow, Filters, StoryCorrection, StoryMove, StoryRow
from .columns import FACT_ROW, STORIES, fact_row
from .facts import FactTables
from .planner import story_order

__all__ = ["TOP_FACTS", "LedgerStories"]

# Figures a story lists (``stories`` and its --json): the few most claimed facts
# say what the story counts; the rest are a query away (``facts --story``).
TOP_FACTS = 3

_STORY_ROW = ", ".join(STORIES.select("s"))


class LedgerStories(FactTables):
    """The stories table, the story index's state and the corrections, over the documents' stories."""

    def story_state(self) -> dict[str, Any] | None:
        """The story index's state as last saved with documents (``StoryIndex.to_json()``), or None."""
        rows = self._query("SELECT state FROM story_index WHERE id = 1")
        if not rows:
            return None
        state = json.loads(rows[0][0])
        if not isinstance(state, dict):
            raise StoreError(f"{self!r}: the saved story index is not a JSON object; rebuild the ledger")
        return state

    def _save_story_state(self, state: Mapping[str, Any]) -> None:
        """Save the story index's state (inside the caller's write transaction)."""
        self._execute(
            "INSERT INTO story_index (id, state, updated_at) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (json.dumps(state, ensure_ascii=False, separators=(",", ":")), self._param_now()),
        )

    def story_corrections(self) -> list[StoryCorrection]:
        """Every correction recorded, in the order made (the order they are replayed in)."""
        rows = self._query("SELECT kind, story, into_story, documents FROM story_corrections ORDER BY id")
        return [StoryCorrection(r[0], r[1], r[2], tuple(json.loads(r[3]))) for r in rows]

    def stories(self, filters: Filters) -> list[StoryRow]:
        """Stories, the latest last published first (undated last), each with its TOP_FACTS facts.

        ``filters.story`` picks one story; ``limit``/``offset`` page the rest.
        """
        where, params = ("WHERE s.id = ?", [filters.story]) if filters.story is not None else ("", [])
        rows = self._query(
            f"SELECT {_STORY_ROW} FROM stories s {where} ORDER BY {story_order('s')} LIMIT ? OFFSET ?",
            [*params, filters.limit, filters.offset],
        )
        top = self._top_facts([str(r[0]) for r in rows])
        date = self.read_date
        return [
            StoryRow(
                id=r[0],
                title=r[1],
                first_published=date(r[2]),
                last_published=date(r[3]),
                documents=int(r[4]),
                claims=int(r[5]),
                top_facts=tuple(top.get(str(r[0]), ())),
            )
            for r in rows
        ]

    def _top_facts(self, stories: Sequence[str]) -> dict[str, list[FactRow]]:
        """The TOP_FACTS most claimed facts of each of ``stories``, read off the facts_story index."""
        found: dict[str, list[FactRow]] = {}
        date = self.read_date
        for story in stories:
            rows = self._query(
                f"SELECT {FACT_ROW.sql} FROM facts f WHERE f.story = ? ORDER BY f.claims DESC, f.fact LIMIT ?",
                (story, TOP_FACTS),
            )
            found[story] = [fact_row(r, date) for r in rows]
        return found

    def story_documents(self, story: str) -> list[str]:
        """The ids of the documents of ``story``, in ingest order."""
        rows = self._query("SELECT id FROM documents WHERE story = ? ORDER BY ingested_at, id", (story,))
        return [str(r[0]) for r in rows]

    def correct_stories(self, correction: StoryCorrection, moves: Sequence[StoryMove]) -> None:
        """Record ``correction`` and move its documents (``moves``), with their facts, in one transaction."""
        self._check_fact_rule()
        with self._write():
            self._execute(
                "INSERT INTO story_corrections (kind, story, into_story, documents, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    correction.kind,
                    correction.story,
                    correction.into,
                    json.dumps(list(correction.documents)),
                    self._param_now(),
                ),
            )
            self._move_documents(moves)

    def _move_documents(self, moves: Sequence[StoryMove]) -> None:
        if not moves:
            return
        # 1. The stories and estimates the documents leave.
        ids = [m.document_id for m in moves]
        in_ids, id_params = self._in("id", ids)
        old_stories = {r[0] for r in self._query(f"SELECT story FROM documents WHERE {in_ids}", id_params)}
        in_docs, doc_params = self._in("document_id", ids)
        touched = {
            (str(r[0]), str(r[1]))
            for r in self._query(
                f"SELECT fact, source_key FROM claims WHERE {in_docs} AND current AND fact IS NOT NULL",
                doc_params,
            )
        }
        # 2. The documents and their current claims move, with their facts in the new story.
        self._executemany(
            "UPDATE documents SET story = ? WHERE id = ?", [(m.story, m.document_id) for m in moves]
        )
        self._executemany(
            "UPDATE claims SET story = ?, fact = ? WHERE id = ? AND current",
            [(m.story, fact, claim_id) for m in moves for claim_id, fact in m.facts],
        )
        # 3. The estimates and facts they leave and join; the stories' rows.
        touched.update(
            (str(r[0]), str(r[1]))
            for r in self._query(
                f"SELECT fact, source_key FROM claims WHERE {in_docs} AND current AND fact IS NOT NULL",
                doc_params,
            )
        )
        self._refresh_facts(sorted(touched))
        self._refresh_stories(old_stories | {m.story for m in moves})

    def _refresh_stories(self, stories: Iterable[str | None]) -> None:
        """Recompute the rows of ``stories`` from their documents (a story left empty loses its row)."""
        ids = sorted({s for s in stories if s is not None})
        if not ids:
            return
        in_ids, params = self._in("id", ids)
        in_stories, _ = self._in("d.story", ids)
        self._execute(f"DELETE FROM stories WHERE {in_ids}", params)
        self._execute(_stories_insert(f"{in_stories}"), params)

    def _rebuild_stories(self) -> None:
        """Every story's row from the documents (a repair; inside the caller's transaction)."""
        self._execute("DELETE FROM stories")
        self._execute(_stories_insert("d.story IS NOT NULL"))


def _stories_insert(condition: str) -> str:
    """The rows of the stories whose documents meet ``condition`` (over documents ``d``)."""
    return (
        f"INSERT INTO stories ({STORIES.insert_sql()}) SELECT d.story, "
        "(SELECT t.title FROM documents t WHERE t.story = d.story AND t.title IS NOT NULL "
        "ORDER BY t.ingested_at, t.id LIMIT 1), "
        "MIN(d.published), MAX(d.published), COUNT(*), SUM(d.claims_count) "
        f"FROM documents d WHERE {condition} GROUP BY d.story"
    )
