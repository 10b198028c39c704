"""The ledger's schema versions: one SQL script per version and backend, in ``data/``.

A ledger records the versions applied in its ``schema_version`` table; opening
it applies the newer ones, each in the same transaction as that record, so a
failed migration leaves the ledger as it was.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from typing import Literal

__all__ = ["LATEST_VERSION", "LEDGER_TABLES", "Dialect", "pending_migrations"]

Dialect = Literal["sqlite", "postgres"]

LATEST_VERSION = 9

# Tables every ledger has; a database lacking one is not a claimtrail ledger.
LEDGER_TABLES = frozenset(
    {"schema_version", "runs", "documents", "extractions", "blocks", "bands", "claims", "facts", "estimates"}
)


def pending_migrations(dialect: Dialect, applied: int) -> list[tuple[int, list[str]]]:
    """(version, statements) of every schema version after ``applied``, oldest first."""
    return [(v, _statements(dialect, v)) for v in range(applied + 1, LATEST_VERSION + 1)]


def _statements(dialect: Dialect, version: int) -> list[str]:
    script = resources.files(__package__).joinpath("data", f"{dialect}_v{version}.sql").read_text("utf-8")
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    complete = sqlite3.complete_statement if dialect == "sqlite" else _quotes_closed
    statements: list[str] = []
    pending = ""
    for piece in "\n".join(lines).split(";"):
        pending += piece + ";"
        # A statement may hold semicolons of its own: a SQLite trigger's body, a
        # PostgreSQL function's quoted body. It ends only where it is complete.
        if complete(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().removesuffix(";").strip())
            pending = ""
    return statements


def _quotes_closed(sql: str) -> bool:
    """Whether every single-quoted literal of ``sql`` is closed (a doubled quote is one character)."""
    return sql.count("'") % 2 == 0
