"""The store both SQL backends share, put together from its jobs.

    >>> class SQLiteStore(SqlStore): ...     # a backend supplies the dialect (:mod:`.dialect`)

Each job is a module of its own:

- :mod:`.columns`: the tables' columns, declared once; INSERT and SELECT lists and rows read by name;
- :mod:`.writes`: runs, documents and claims;
- :mod:`.facts`: the materialized facts, estimates and citations, from the link stage's fact rule;
- :mod:`.reads`: the queries, their filters and pages;
- :mod:`.planner`: all query-planner tuning (index steering, walks, SQLite's cache);
- :mod:`.dismissals`: the conflicts a user marked wrong;
- :mod:`.alerts`: alerts of new conflicts and their webhook deliveries;
- :mod:`.watch`: what ``claimtrail watch`` follows and has read (feeds, entries, failures).
"""

from __future__ import annotations

from ..names import name_key
from .alerts import LedgerAlerts
from .dialect import FactForm, SqlBackend
from .dismissals import LedgerDismissals
from .reads import LedgerReads
from .watch import WatchTables

__all__ = ["FactForm", "SqlBackend", "SqlStore", "name_key"]


class SqlStore(WatchTables, LedgerReads, LedgerDismissals, LedgerAlerts):
    """A :class:`~claimtrail.store.base.Store` over a DB-API connection; backends fill in the dialect."""
