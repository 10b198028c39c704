"""Stories: the ledger's list of stories, the story index's saved state, and the user's corrections.

    >>> store.stories(Filters(limit=20))             # StoryRow: title, dates, counts, top facts
    >>> state = store.story_state()                  # the story index as saved (StoryIndex.to_json()'s shape)
    >>> store.correct_stories(correction, moves)     # a merge or split, recorded and applied

The ``stories`` table is kept from the documents (:meth:`LedgerStories._refresh_stories`)
in the transaction that writes them or moves them; a correction is recorded in
``story_corrections`` so that the pipeline replays it when it assigns stories again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import StoreError
from ..models import FactRow, Filters, StoryCorrection, StoryIndexDelta, StoryMove, StoryRow
from .columns import FACT_ROW, STORIES, fact_row
from .facts import FactTables
from .planner import story_order

__all__ = ["TOP_FACTS", "LedgerStories"]

# Figures a story lists (``stories`` and its --json): the few most claimed facts
# say what the story counts; the rest are a query away (``facts --story``).
TOP_FACTS = 3

_STORY_ROW = ", ".join(STORIES.select("s"))

# The kinds of a story's saved counters, and the StoryIndex.to_json() key of each.
_COUNTERS = {"place": "places", "actor": "actors", "event": "events", "term": "terms"}


# The tables of the story index: kept whole until schema 8, by parts since schema 9.
_STORY_INDEX_TABLES = (
    "story_index",
    "story_index_stories",
    "story_index_members",
    "story_index_counts",
    "story_index_df",
)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class LedgerStories(FactTables):
    """The stories table, the story index's state and the corrections, over the documents' stories."""

    def story_state(self) -> dict[str, Any] | None:
        """The story index as saved with the documents (``StoryIndex.to_json()``'s shape), or None.

        Assembled from the parts saved since schema 9 (``"stored_as": "rows"``);
        a ledger of schema 5 to 8 not written since gives the JSON it kept whole.
        """
        stories = self._query("SELECT id, first_day, last_day FROM story_index_stories ORDER BY position, id")
        if not stories:
            return self._story_state_whole()
        by_id: dict[str, dict[str, Any]] = {
            str(r[0]): {"id": str(r[0]), "members": [], "first": r[1], "last": r[2]}
            | {kind: {} for kind in _COUNTERS.values()}
            for r in stories
        }
        for document, story in self._query("SELECT document, story FROM story_index_members ORDER BY id"):
            by_id[str(story)]["members"].append(str(document))
        for story, kind, key, amount in self._query(
            "SELECT story, kind, key, amount FROM story_index_counts ORDER BY id"
        ):
            by_id[str(story)][_COUNTERS[kind]][str(key)] = float(amount) if kind == "term" else int(amount)
        df: dict[str, dict[str, int]] = {"name": {}, "term": {}}
        for kind, key, count in self._query(
            "SELECT kind, key, df FROM story_index_df ORDER BY kind, seq, key"
        ):
            df[str(kind)][str(key)] = int(count)
        return {
            "version": 1,
            "stored_as": "rows",
            "stories": list(by_id.values()),
            "name_df": df["name"],
            "term_df": df["term"],
        }

    def story_index_documents(self) -> int:
        """How many documents the saved story index holds (0 for an index kept whole, schema 5 to 8)."""
        return int(self._query("SELECT COUNT(*) FROM story_index_members")[0][0])

    def _story_state_whole(self) -> dict[str, Any] | None:
        """The index as schema 5 to 8 kept it: one JSON value (None when there is none)."""
        rows = self._query("SELECT state FROM story_index WHERE id = 1")
        if not rows:
            return None
        state = json.loads(rows[0][0])
        if not isinstance(state, dict):
            raise StoreError(f"{self!r}: the saved story index is not a JSON object; rebuild the ledger")
        return state

    def _save_story_changes(self, changes: StoryIndexDelta) -> None:
        """Add what the story index learnt to its saved parts (inside the caller's write transaction)."""
        if changes.whole:  # the index read from the whole JSON value now lives in the parts
            for table in _STORY_INDEX_TABLES:
                self._execute(f"DELETE FROM {table}")
        for story in changes.stories:
            self._execute(
                "INSERT INTO story_index_stories (id, position, first_day, last_day) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day",
                (story.story, story.position, _day(story.first), _day(story.last)),
            )
            self._executemany(
                "INSERT INTO story_index_members (document, story) VALUES (?, ?) ON CONFLICT (document) DO NOTHING",
                [(member, story.story) for member in story.members],
            )
            self._executemany(
                "INSERT INTO story_index_counts (story, kind, key, amount) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (story, kind, key) DO UPDATE "
                "SET amount = story_index_counts.amount + excluded.amount",
                [(story.story, kind, key, amount) for kind, key, amount in story.counts],
            )
        self._executemany(
            "INSERT INTO story_index_df (kind, key, df, seq) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, key) DO UPDATE SET df = story_index_df.df + excluded.df",
            [("name", name, added, seq) for name, added, seq in changes.name_df]
            + [("term", term, added, 0) for term, added in changes.term_df],
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
