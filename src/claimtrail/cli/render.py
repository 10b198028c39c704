"""Printing query results: a rich table, JSON or CSV, from a list of dataclass rows."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table

# Columns a table shows, by row type; JSON and CSV keep every field. A column
# naming a nested row ("why") shows its fields (why.story, why.measure...) one per line.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "FactRow": (
        "fact",
        "measure",
        "actor",
        "qualifier",
        "low",
        "high",
        "claims",
        "sources",
        "independent_outlets",
        "first_stated",
        "last_stated",
        "hedged",
    ),
    "TimelineRow": (
        "stated_on",
        "measure",
        "actor",
        "qualifier",
        "low",
        "high",
        "source",
        "hedged",
        "outlets",
        "claims",
        "quote",
    ),
    "FeedStatus": (
        "url",
        "last_poll",
        "last_status",
        "next_poll",
        "entries",
        "ingested",
        "pending",
        "failed",
        "failures",
        "last_error",
    ),
    "Conflict": (
        "id",
        "kind",
        "measure",
        "actor",
        "earlier.stated_on",
        "earlier.low",
        "earlier.high",
        "earlier.source",
        "later.stated_on",
        "later.low",
        "later.high",
        "later.source",
        "reason",
        "why",
        "dismissed",
    ),
}
# Wide enough that rows rarely wrap when the table goes to a file or pipe.
TABLE_WIDTH_CHARS = 220


def flatten(row: Any, prefix: str = "") -> dict[str, Any]:
    """A dataclass as one flat dict: nested dataclasses become dotted keys, tuples lists."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(row):
        value = getattr(row, f.name)
        key = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.update(flatten(value, key + "."))
        else:
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _nested_cell(row: dict[str, Any], column: str) -> str:
    """The fields ``column.*`` of a flat row, one per line; "" when it has none."""
    prefix = column + "."
    return "\n".join(_cell(v) for k, v in row.items() if k.startswith(prefix) and v is not None)


def render_rows(rows: Sequence[Any], fmt: str, out: IO[str], *, title: str) -> None:
    """Print ``rows`` (dataclasses) as ``fmt``: "table", "json" or "csv"."""
    flat = [flatten(r) for r in rows]
    if fmt == "json":
        json.dump(
            [{k: _plain(v) for k, v in r.items()} for r in flat],
            out,
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        out.write("\n")
        return
    if fmt == "csv":
        if not flat:
            return
        writer = csv.DictWriter(out, fieldnames=list(flat[0]))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in r.items()} for r in flat)
        return
    columns = TABLE_COLUMNS.get(type(rows[0]).__name__, tuple(flat[0])) if rows else ()
    table = Table(title=f"{title} ({len(rows)} rows)")
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in flat:
        table.add_row(*(_cell(r[c]) if c in r else _nested_cell(r, c) for c in columns))
    Console(file=out, width=None if out.isatty() else TABLE_WIDTH_CHARS).print(table)
