"""The ``stories`` command: list the ledger's stories, merge two, split documents out of one.

    $ claimtrail stories [--json] [--limit 50]
    $ claimtrail stories merge STORY INTO
    $ claimtrail stories split STORY DOC_ID...

Each parses options and calls one library function (``Store.stories``,
``pipeline.merge_stories``, ``pipeline.split_story``). A merge or split is
recorded in the ledger and replayed when its documents are ingested again.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..models import FactRow, Filters, StoryRow
from ..pipeline import merge_stories, open_ledger, split_story
from ..store import open_store
from .options import add_ledger_options, ledger_and_settings
from .render import TABLE_WIDTH_CHARS

__all__ = ["add_parser"]

# Stories listed unless --limit says otherwise: a screenful.
DEFAULT_STORIES = 50


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stories",
        help="list the ledger's stories; merge or split them",
        description=(
            "List the ledger's stories (title, dates, documents, claims, top figures), the latest first; "
            "`stories merge STORY INTO` moves every document of STORY into INTO; "
            "`stories split STORY DOC_ID...` moves documents (ids or names) out into a new story. "
            "Corrections are kept in the ledger and survive a re-ingest."
        ),
    )
    add_ledger_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--limit", type=int, default=DEFAULT_STORIES, help=f"stories at most (default {DEFAULT_STORIES})"
    )
    p.set_defaults(run=run_stories)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    merge = actions.add_parser("merge", help="move every document of STORY into INTO")
    merge.add_argument("story", metavar="STORY")
    merge.add_argument("into", metavar="INTO")
    add_ledger_options(merge)
    merge.set_defaults(run=run_merge)
    split = actions.add_parser("split", help="move documents of STORY into a new story")
    split.add_argument("story", metavar="STORY")
    split.add_argument("documents", nargs="+", metavar="DOC_ID", help="document ids or names")
    add_ledger_options(split)
    split.set_defaults(run=run_split)


def run_stories(args: argparse.Namespace) -> int:
    with open_store(ledger_and_settings(args)[0], create=False) as store:
        rows = store.stories(Filters(limit=max(1, args.limit)))
    if args.json:
        json.dump([r.to_json() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(rows)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    with open_ledger(ledger_and_settings(args)[0], create=False) as store:
        merge_stories(store, args.story, args.into)
    print(f"merged story {args.story} into {args.into}", file=sys.stderr)
    return 0


def run_split(args: argparse.Namespace) -> int:
    with open_ledger(ledger_and_settings(args)[0], create=False) as store:
        correction = split_story(store, args.story, args.documents)
    print(
        f"split {len(correction.documents)} document(s) out of story {args.story} into {correction.into}",
        file=sys.stderr,
    )
    return 0


def figure(fact: FactRow) -> str:
    """A fact in a few words: "killed, North Korea: 600 (12 claims)"."""
    low, high = (_number(v) for v in (fact.low, fact.high))
    value = low if low == high else f"{low or '?'}-{high or '?'}"
    actor = f", {fact.actor}" if fact.actor else ""
    return f"{fact.measure}{actor}: {value} ({fact.claims} claims)"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _print_table(rows: list[StoryRow]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"stories ({len(rows)} rows)")
    for column in ("id", "title", "from", "to", "documents", "claims", "top figures"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            r.id,
            r.title or "",
            r.first_published.isoformat() if r.first_published else "",
            r.last_published.isoformat() if r.last_published else "",
            str(r.documents),
            str(r.claims),
            "; ".join(figure(f) for f in r.top_facts),
        )
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else TABLE_WIDTH_CHARS).print(table)
