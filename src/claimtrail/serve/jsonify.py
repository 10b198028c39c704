"""Ledger rows as JSON objects for the API: dates as ISO text, claims with their document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, fields, is_dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from ..models import (
    Alert,
    AlertDelivery,
    CitationRow,
    ClaimRecord,
    Conflict,
    ConflictDismissal,
    FactRow,
    TimelineRow,
)
from ..store import DocumentInfo, DocumentView

__all__ = [
    "alert_json",
    "claim_json",
    "conflict_json",
    "dismissal_json",
    "document_json",
    "row_json",
    "shown_origin",
]


def shown_origin(origin: str) -> str:
    """Where a document came from, without the server's folders: an absolute path or one
    climbing with ``..`` becomes its file name (and ``@offset`` or ``:line``)."""
    path = PurePath(origin)
    return path.name if path.is_absolute() or ".." in path.parts else origin


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def row_json(
    row: FactRow | TimelineRow | DocumentInfo | CitationRow, names: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """A flat dataclass row as a JSON object: every field, or only ``names``."""
    assert is_dataclass(row)
    if names is None:
        kind = type(row)
        names = _FIELD_NAMES.get(kind) or _FIELD_NAMES.setdefault(kind, tuple(f.name for f in fields(row)))
    shown = {name: _value(getattr(row, name)) for name in names}
    if isinstance(row, DocumentInfo) and "origin" in shown:
        shown["origin"] = shown_origin(row.origin)
    return shown


# Field names by row type: looked up once, not for each of a chart's thousands of rows.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def claim_json(record: ClaimRecord) -> dict[str, Any]:
    """A stored claim: the spec's claim object plus its id, document and sentence."""
    return {
        "id": record.id,
        "document_id": record.document_id,
        "doc": record.doc,
        "title": record.title,
        "outlet": record.outlet,
        "published": _value(record.published),
        "language": record.language,
        "copy_of": record.copy_of,
        "quote": record.quote,
        **record.claim.to_json(),
    }


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """A conflict: its id (what a dismissal names), the two estimates, and why it is one (``why``: each test in words)."""
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "measure": conflict.measure,
        "actor": conflict.actor,
        "reason": conflict.reason,
        "story": conflict.story,
        "why": asdict(conflict.why) if conflict.why is not None else None,
        "dismissed": conflict.dismissed,
        "dismissed_reason": conflict.dismissed_reason,
        "earlier": row_json(conflict.earlier),
        "later": row_json(conflict.later),
    }


def dismissal_json(dismissal: ConflictDismissal) -> dict[str, Any]:
    return {
        "id": dismissal.conflict,
        "reason": dismissal.reason,
        "dismissed_at": dismissal.dismissed_at.isoformat(),
        "dismissed_by": dismissal.dismissed_by,
    }


def document_json(view: DocumentView) -> dict[str, Any]:
    """A document for the reader: metadata, the original text, its blocks and its current claims."""
    return {
        **row_json(view.info),
        "text": view.text,
        "blocks": [
            {"start": b.start, "end": b.end, "kind": b.kind.value, "reason": b.reason} for b in view.blocks
        ],
        "claims": [claim_json(r) for r in view.claims],
    }


def alert_json(alert: Alert, deliveries: Sequence[AlertDelivery]) -> dict[str, Any]:
    """An alert: its id (the conflict's), story, kind, times, the body webhooks get, and each delivery's state."""
    return {
        "id": alert.conflict,
        "story": alert.story,
        "kind": alert.kind,
        "created_at": alert.created_at.isoformat(),
        "delay_s": alert.delay_s,
        "payload": alert.payload,
        "deliveries": [
            {
                # The host only: a webhook's path often holds its token (Slack, Discord).
                "webhook": urlsplit(d.url).netloc,
                "state": d.state,
                "attempts": d.attempts,
                "last_status": d.last_status,
                "last_error": d.last_error,
                "next_try_at": _value(d.next_try_at),
            }
            for d in deliveries
        ],
    }
