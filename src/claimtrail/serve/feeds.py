"""Atom feeds of alerts: ``/alerts.atom`` (every story) and ``/stories/{id}/alerts.atom`` (one).

A feed reader polls them; each entry is one alert (a new contradiction or
update), linked to its story's page. Addresses are absolute: under
``serve.base_url`` when it is set, else the address the feed was asked at.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ..alerts import render_feed
from ..models import Filters
from .api import NotFound, SettingsDep, StoreDep
from .params import check_text

__all__ = ["FEED_ENTRIES", "router"]

# Entries a feed holds: readers keep what they have seen, so the latest 100
# alerts are weeks of a busy story; more only makes every poll heavier.
FEED_ENTRIES = 100
ATOM_TYPE = "application/atom+xml; charset=utf-8"

router = APIRouter(include_in_schema=False)


def _base(request: Request, base_url: str) -> str:
    return (base_url or str(request.base_url)).rstrip("/")


@router.get("/alerts.atom")
def all_alerts(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    base = _base(request, settings.serve.base_url)
    xml = render_feed(
        store.alerts(limit=FEED_ENTRIES),
        feed_id=f"{base}/alerts.atom",
        title="claimtrail alerts: new contradictions and updates",
        page_url=f"{base}/",
        self_url=f"{base}/alerts.atom",
        story_url=lambda story: f"{base}/stories/{story}" if story else f"{base}/conflicts",
    )
    return Response(xml, media_type=ATOM_TYPE, headers={"Cache-Control": "no-cache"})


@router.get("/stories/{story}/alerts.atom")
def story_alerts(story: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    check_text("story", story)
    rows = store.stories(Filters(story=story, limit=1))
    if not rows:
        raise NotFound(f"no story {story!r} in the ledger; the Stories page lists them")
    base = _base(request, settings.serve.base_url)
    page = f"{base}/stories/{story}"
    xml = render_feed(
        store.alerts(story=story, limit=FEED_ENTRIES),
        feed_id=f"{page}/alerts.atom",
        title=f"claimtrail alerts: {rows[0].title or story}",
        page_url=f"{page}/alerts",
        self_url=f"{page}/alerts.atom",
        story_url=lambda _: page,
    )
    return Response(xml, media_type=ATOM_TYPE, headers={"Cache-Control": "no-cache"})
