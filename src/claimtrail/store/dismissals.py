"""Conflicts a user dismissed: kept by the conflict's id, so they hold across re-extractions.

    >>> store.dismiss_conflict("c-3094ab1cb1", reason="two different towns", by="ana")
    >>> store.conflict_dismissals()                   # id -> ConflictDismissal
    >>> store.undismiss_conflict("c-3094ab1cb1")      # True: it was dismissed

Conflicts are found at query time (``pipeline.conflicts_page``), not stored; the
ledger keeps only the user's word on them (schema v6, ``conflict_dismissals``).
"""

from __future__ import annotations

from ..models import ConflictDismissal
from .columns import read_datetime
from .dialect import SqlBackend

__all__ = ["LedgerDismissals"]


class LedgerDismissals(SqlBackend):
    """The ``conflict_dismissals`` table."""

    def dismiss_conflict(self, conflict_id: str, *, reason: str | None, by: str | None) -> ConflictDismissal:
        """Record that conflict ``conflict_id`` is wrong; dismissing it again replaces the reason."""
        with self._write():
            self._execute(
                "INSERT INTO conflict_dismissals (id, reason, dismissed_at, dismissed_by) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, "
                "dismissed_at = excluded.dismissed_at, dismissed_by = excluded.dismissed_by",
                (conflict_id, reason, self._param_now(), by),
            )
        return self.conflict_dismissals()[conflict_id]

    def undismiss_conflict(self, conflict_id: str) -> bool:
        """Forget the dismissal of ``conflict_id``; False when it was not dismissed."""
        with self._write():
            return self._execute("DELETE FROM conflict_dismissals WHERE id = ?", (conflict_id,)) > 0

    def conflict_dismissals(self) -> dict[str, ConflictDismissal]:
        """Every dismissal, by conflict id."""
        rows = self._query(
            "SELECT id, reason, dismissed_at, dismissed_by FROM conflict_dismissals ORDER BY id"
        )
        return {str(r[0]): ConflictDismissal(str(r[0]), r[1], read_datetime(r[2]), r[3]) for r in rows}
