"""Alerts: a new contradiction or update told to webhooks and Atom feed readers.

    >>> alert = new_alert(conflict, evidence, story_title="Flood in ...", base_url="", touch=touch)
    >>> webhooks = webhook_config(settings.alerts, extra_urls=["https://hooks.example/claims"])
    >>> attempt = send_alert(client, delivery.url, alert, webhooks.secret, now=now)
    >>> feed = render_feed(alerts, feed_id=..., title=..., page_url=..., self_url=...)

The pipeline finds which conflicts are new and stores them
(``pipeline.alerts_after_ingest``); this stage builds what is sent (the JSON body,
its HMAC-SHA256 signature, the Atom XML), sends one try and says when the next
one is due. It imports no other stage.
"""

from __future__ import annotations

from .atom import render_feed
from .payload import Evidence, alert_title, new_alert, story_page
from .webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Attempt,
    Webhooks,
    next_try,
    open_client,
    send_alert,
    sign,
    webhook_config,
)

__all__ = [
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Attempt",
    "Evidence",
    "Webhooks",
    "alert_title",
    "new_alert",
    "next_try",
    "open_client",
    "render_feed",
    "send_alert",
    "sign",
    "story_page",
    "webhook_config",
]
