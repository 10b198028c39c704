"""Atom 1.0 feeds of alerts (RFC 4287), so that any feed reader can follow a story's conflicts.

    >>> xml = render_feed(alerts, feed_id="urn:claimtrail:alerts:s-1", title="Alerts: Flood",
    ...                   page_url="https://claims.example/stories/s-1/alerts",
    ...                   self_url="https://claims.example/stories/s-1/alerts.atom",
    ...                   story_url=lambda story: f"https://claims.example/stories/{story}")

Built with ElementTree, so every text is escaped; entry ids are ``urn:claimtrail:alert:<conflict id>``,
stable across rebuilds, so a reader never shows one alert twice.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from ..models import Alert
from .payload import alert_title

__all__ = ["ATOM_NS", "alert_entry_id", "alert_summary", "render_feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"
# When a feed has no entries its updated time is this fixed one, so an empty feed
# does not look new to a reader at every poll.
EMPTY_FEED_UPDATED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def alert_entry_id(alert: Alert) -> str:
    return f"urn:claimtrail:alert:{alert.conflict}"


def _side(payload: dict[str, object], side: str) -> str:
    e = payload.get(side)
    if not isinstance(e, dict):
        return ""
    figure = e.get("figure") or {}
    text = figure.get("text") if isinstance(figure, dict) else None
    document = e.get("document") if isinstance(e.get("document"), dict) else {}
    outlet = document.get("outlet") if isinstance(document, dict) else None
    said = f"{text or '?'} from {e.get('source') or 'an unnamed source'}"
    when = f" on {e['stated_on']}" if e.get("stated_on") else ""
    where = f" ({outlet})" if outlet else ""
    return f'{said}{when}{where}: "{e.get("quote") or ""}"'


def alert_summary(alert: Alert) -> str:
    """Both estimates in words, with their sources, dates, outlets and quotes."""
    p = alert.payload
    return f"{p.get('reason') or alert.kind}. Earlier: {_side(p, 'earlier')} Later: {_side(p, 'later')}"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    element.text = text
    return element


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def render_feed(
    alerts: Sequence[Alert],
    *,
    feed_id: str,
    title: str,
    page_url: str,
    self_url: str,
    story_url: Callable[[str | None], str],
) -> bytes:
    """The Atom XML (UTF-8) of ``alerts``, newest first; ``story_url`` gives each alert's link."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    updated = max((a.created_at for a in alerts), default=EMPTY_FEED_UPDATED)
    _text(feed, "updated", _time(updated))
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", "claimtrail")
    ET.SubElement(
        feed, f"{{{ATOM_NS}}}link", {"rel": "self", "href": self_url, "type": "application/atom+xml"}
    )
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": page_url, "type": "text/html"})
    for alert in sorted(alerts, key=lambda a: a.created_at, reverse=True):
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        _text(entry, "id", alert_entry_id(alert))
        _text(entry, "title", str(alert.payload.get("title") or alert_title(alert.payload)))
        _text(entry, "updated", _time(alert.created_at))
        _text(entry, "published", _time(alert.created_at))
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", {"rel": "alternate", "href": story_url(alert.story)})
        _text(entry, "summary", alert_summary(alert))
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", {"term": alert.kind})
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml
