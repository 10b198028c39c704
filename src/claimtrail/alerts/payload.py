"""What an alert says: both estimates with their sources, dates, quotes and documents, and the story's page.

The payload is the JSON body every webhook receives and what the Atom entry
and the alerts page read; it is built once, when the alert is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ..models import Alert, Conflict, StoryTouch, TimelineRow

__all__ = ["PAYLOAD_VERSION", "Evidence", "alert_title", "new_alert", "story_page"]

# Bumped when a field of the body changes meaning, so receivers can tell.
PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class Evidence:
    """The document an estimate's quote comes from (its evidence claim's)."""

    document_id: str
    doc: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None


def story_page(story: str | None, base_url: str) -> str | None:
    """The story's page: a full address under ``base_url``, its path when that is empty, None without a story."""
    if story is None:
        return None
    return f"{base_url.rstrip('/')}/stories/{story}"


def _figure(row: TimelineRow) -> dict[str, Any]:
    return {"low": row.low, "high": row.high, "qualifier": row.qualifier, "text": row.text}


def _estimate(row: TimelineRow, evidence: Evidence | None, new: bool) -> dict[str, Any]:
    document = None
    if evidence is not None:
        document = {
            "id": evidence.document_id,
            "doc": evidence.doc,
            "title": evidence.title,
            "outlet": evidence.outlet,
            "published": evidence.published.isoformat() if evidence.published else None,
            "url": evidence.url,
        }
    return {
        "fact": row.fact,
        "figure": _figure(row),
        "source": row.source,
        "stated_on": row.stated_on.isoformat() if row.stated_on else None,
        "quote": row.quote,
        "hedged": row.hedged,
        "claims": row.claims,
        "outlets": row.outlets,
        "document": document,
        "new": new,  # added or changed by the ingest that raised the alert
    }


def _figure_words(row: TimelineRow) -> str:
    if row.text:
        return row.text
    if row.low is not None and row.high is not None and row.low != row.high:
        return f"{row.low:g}-{row.high:g}"
    value = row.low if row.low is not None else row.high
    return "?" if value is None else f"{value:g}"


def alert_title(payload: dict[str, Any]) -> str:
    """One line naming both estimates: "Contradiction (killed): 600 people (Health Ministry) vs 400 (Army)"."""
    parts = []
    for side in ("earlier", "later"):
        e = payload[side]
        parts.append(
            f"{e['figure']['text'] or e['figure']['low']} ({e['source'] or 'no source'}, {e['stated_on'] or 'undated'})"
        )
    return f"{str(payload['kind']).capitalize()} ({payload['measure']}): {parts[0]} vs {parts[1]}"


def new_alert(
    conflict: Conflict,
    evidence: dict[str, Evidence | None],
    *,
    story_title: str | None,
    base_url: str,
    touch: StoryTouch | None,
    touched: frozenset[tuple[str, str]],
    source_key: Any,
    now: dt.datetime,
) -> Alert:
    """The alert of ``conflict``, created ``now``; ``evidence`` maps "earlier"/"later" to its document.

    ``touched`` are the estimates (fact, source key) the ingest added or changed,
    keyed by ``source_key`` (the store's, ``names.name_key``); ``touch`` is the
    document that raised it (for the delay).
    """
    new = {
        side: (row.fact, source_key(row.source)) in touched
        for side, row in (("earlier", conflict.earlier), ("later", conflict.later))
    }
    payload: dict[str, Any] = {
        "version": PAYLOAD_VERSION,
        "alert": conflict.id,
        "conflict": conflict.id,
        "kind": conflict.kind,
        "created_at": now.isoformat(timespec="microseconds"),
        "measure": conflict.measure,
        "actor": conflict.actor,
        "reason": conflict.reason,
        "why": None if conflict.why is None else asdict(conflict.why),
        "story": {"id": conflict.story, "title": story_title, "url": story_page(conflict.story, base_url)},
        "earlier": _estimate(conflict.earlier, evidence.get("earlier"), new["earlier"]),
        "later": _estimate(conflict.later, evidence.get("later"), new["later"]),
    }
    payload["title"] = alert_title(payload)
    return Alert(
        conflict=conflict.id,
        story=conflict.story,
        kind=conflict.kind,
        created_at=now,
        payload=payload,
        document_id=None if touch is None else touch.document_id,
        document_started_at=None if touch is None else touch.started_at,
    )
