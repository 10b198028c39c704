"""Alerts: one per conflict id, ever, and their deliveries to webhooks (schema v7).

    >>> store.add_alert(alert, ["https://hooks.example/claims"])   # False: that conflict already alerted
    >>> store.alerts(story="s-1a2b", limit=50)                      # newest first
    >>> for delivery in store.due_deliveries(now, limit=100): ...   # pending, next_try_at <= now

An alert and its deliveries are written in one transaction, and the alert's key
is its conflict's id: two processes that find the same new conflict both try to
insert it and one inserts nothing, so no alert is ever sent twice by design (a
delivery is at least once: a receiver dedupes on the alert id it is sent).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..models import Alert, AlertDelivery
from .columns import Row, read_datetime
from .dialect import SqlBackend

__all__ = ["LedgerAlerts"]

_ALERT_COLUMNS = "conflict, story, kind, created_at, payload, document_id, document_started_at"
_DELIVERY_COLUMNS = (
    "alert, url, attempts, last_status, last_error, next_try_at, delivered_at, dead_lettered_at"
)
_PENDING = "delivered_at IS NULL AND dead_lettered_at IS NULL"


def _time(value: Any) -> dt.datetime | None:
    return None if value is None else read_datetime(value)


def _alert(row: Row) -> Alert:
    payload = json.loads(row[4])
    return Alert(
        conflict=str(row[0]),
        story=row[1],
        kind=row[2],
        created_at=read_datetime(row[3]),
        payload=payload if isinstance(payload, dict) else {},
        document_id=row[5],
        document_started_at=_time(row[6]),
    )


def _delivery(row: Row) -> AlertDelivery:
    return AlertDelivery(
        alert=str(row[0]),
        url=str(row[1]),
        attempts=int(row[2]),
        last_status=None if row[3] is None else int(row[3]),
        last_error=row[4],
        next_try_at=_time(row[5]),
        delivered_at=_time(row[6]),
        dead_lettered_at=_time(row[7]),
    )


class LedgerAlerts(SqlBackend):
    """The ``alerts`` and ``alert_deliveries`` tables."""

    def alerted(self, conflicts: Iterable[str]) -> set[str]:
        """Which of ``conflicts`` (ids) already have an alert."""
        ids = sorted(set(conflicts))
        if not ids:
            return set()
        in_ids, params = self._in("conflict", ids)
        return {str(r[0]) for r in self._query(f"SELECT conflict FROM alerts WHERE {in_ids}", params)}

    def add_alert(self, alert: Alert, webhooks: Sequence[str]) -> bool:
        """Store ``alert`` and one pending delivery per webhook, due now, in one transaction.

        False (and nothing written) when its conflict already has an alert, from
        this process or another.
        """
        payload = json.dumps(alert.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        created = self._param_time(alert.created_at)
        with self._write():
            inserted = self._execute(
                f"INSERT INTO alerts ({_ALERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (conflict) DO NOTHING",
                (
                    alert.conflict,
                    alert.story,
                    alert.kind,
                    created,
                    payload,
                    alert.document_id,
                    self._param_time(alert.document_started_at),
                ),
            )
            if inserted != 1:
                return False
            if webhooks:
                self._executemany(
                    "INSERT INTO alert_deliveries (alert, url, next_try_at) VALUES (?, ?, ?)",
                    [(alert.conflict, url, created) for url in dict.fromkeys(webhooks)],
                )
        return True

    def alerts(self, *, story: str | None = None, limit: int = 100, offset: int = 0) -> list[Alert]:
        """Alerts (of ``story``, or all), the newest first."""
        where, params = ("WHERE story = ? ", [story]) if story is not None else ("", [])
        rows = self._query(
            f"SELECT {_ALERT_COLUMNS} FROM alerts {where}ORDER BY created_at DESC, conflict LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_alert(r) for r in rows]

    def alert(self, conflict: str) -> Alert | None:
        """The alert of conflict ``conflict``, or None."""
        rows = self._query(f"SELECT {_ALERT_COLUMNS} FROM alerts WHERE conflict = ?", (conflict,))
        return _alert(rows[0]) if rows else None

    def alert_deliveries(self, alerts: Sequence[str] | None = None) -> list[AlertDelivery]:
        """The deliveries of ``alerts`` (ids; every alert's when None), by alert then URL."""
        if alerts is not None and not alerts:
            return []
        where, params = ("", []) if alerts is None else self._in("alert", list(alerts))
        rows = self._query(
            f"SELECT {_DELIVERY_COLUMNS} FROM alert_deliveries {'WHERE ' + where if where else ''} "
            "ORDER BY alert, url",
            params,
        )
        return [_delivery(r) for r in rows]

    def due_deliveries(self, now: dt.datetime, *, limit: int) -> list[AlertDelivery]:
        """Pending deliveries whose next try is due at ``now``, the longest due first."""
        rows = self._query(
            f"SELECT {_DELIVERY_COLUMNS} FROM alert_deliveries WHERE next_try_at <= ? AND {_PENDING} "
            "ORDER BY next_try_at, alert, url LIMIT ?",
            (self._param_time(now), limit),
        )
        return [_delivery(r) for r in rows]

    def next_delivery_due(self) -> dt.datetime | None:
        """When the soonest pending delivery is due, or None when none is pending."""
        rows = self._query(f"SELECT MIN(next_try_at) FROM alert_deliveries WHERE {_PENDING}")
        return _time(rows[0][0]) if rows else None

    def hold_delivery(self, delivery: AlertDelivery, until: dt.datetime) -> bool:
        """Take ``delivery`` to send it: its next try moves to ``until``, so no other sender takes it meanwhile.

        False when another process took it (or finished it) since it was read.
        """
        with self._write():
            return (
                self._execute(
                    f"UPDATE alert_deliveries SET next_try_at = ? WHERE alert = ? AND url = ? "
                    f"AND next_try_at = ? AND {_PENDING}",
                    (
                        self._param_time(until),
                        delivery.alert,
                        delivery.url,
                        self._param_time(delivery.next_try_at),
                    ),
                )
                == 1
            )

    def record_attempt(
        self,
        delivery: AlertDelivery,
        *,
        at: dt.datetime,
        status: int | None,
        error: str | None,
        delivered: bool,
        next_try_at: dt.datetime | None,
    ) -> None:
        """One more try of ``delivery`` at ``at``: delivered, due again at ``next_try_at``, or (None) dead-lettered."""
        when = self._param_time(at)
        with self._write():
            self._execute(
                "UPDATE alert_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?, "
                "next_try_at = ?, delivered_at = ?, dead_lettered_at = ? WHERE alert = ? AND url = ?",
                (
                    status,
                    error,
                    None if delivered else self._param_time(next_try_at),
                    when if delivered else None,
                    when if not delivered and next_try_at is None else None,
                    delivery.alert,
                    delivery.url,
                ),
            )

    def retry_dead_deliveries(self, now: dt.datetime) -> int:
        """Make every dead-lettered delivery pending again, due at ``now``; how many."""
        with self._write():
            return self._execute(
                "UPDATE alert_deliveries SET dead_lettered_at = NULL, attempts = 0, next_try_at = ? "
                "WHERE dead_lettered_at IS NOT NULL AND delivered_at IS NULL",
                (self._param_time(now),),
            )
