"""Webhooks: a signed POST of an alert's JSON body, one try at a time, and when to try again.

    >>> webhooks = webhook_config(settings.alerts, extra_urls=["https://hooks.example/claims"])
    >>> with open_client(settings.alerts) as client:
    ...     attempt = send_alert(client, url, alert, webhooks.secret, now=now)

Each request carries the alert's id (``X-Claimtrail-Alert``, also as
``Idempotency-Key``) so a receiver dedupes a delivery sent again, a Unix
timestamp (``X-Claimtrail-Timestamp``) and ``X-Claimtrail-Signature:
sha256=<hex>``, the HMAC-SHA256 of ``"<timestamp>.<body>"`` under the secret: a
receiver recomputes it, compares in constant time, and refuses an old
timestamp, so a captured request cannot be replayed later.

httpx is imported only when a webhook is sent (the ``alerts`` extra).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import AlertError
from ..models import Alert
from ..settings import AlertSettings, check_url

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ALERT_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Attempt",
    "Webhooks",
    "body_of",
    "next_try",
    "open_client",
    "send_alert",
    "sign",
    "webhook_config",
]

SIGNATURE_HEADER = "X-Claimtrail-Signature"
TIMESTAMP_HEADER = "X-Claimtrail-Timestamp"
ALERT_HEADER = "X-Claimtrail-Alert"
# Characters of a receiver's error kept with the delivery: enough for a status
# line and a reason, not a whole error page.
ERROR_CHARS = 300


@dataclass(frozen=True)
class Webhooks:
    """Where alerts go and the key that signs them (empty ``urls``: nowhere, and no key needed)."""

    urls: tuple[str, ...]
    secret: bytes


def webhook_config(settings: AlertSettings, extra_urls: Sequence[str] = ()) -> Webhooks:
    """The webhooks of the settings and ``extra_urls`` (``--webhook``), with the secret from the environment.

    Raises :class:`AlertError` when there are webhooks and the environment
    variable ``settings.secret_env`` is unset or empty, and
    :class:`~claimtrail.errors.SettingsError` for an address that is not http(s):
    both before any work starts.
    """
    urls = tuple(dict.fromkeys([*settings.webhooks, *(check_url(u, "--webhook") for u in extra_urls)]))
    secret = os.environ.get(settings.secret_env, "")
    if urls and not secret:
        raise AlertError(
            f"webhooks need a signing secret: set the environment variable {settings.secret_env} "
            "(alerts.secret_env names it) to a random string the receivers also know"
        )
    return Webhooks(urls, secret.encode("utf-8"))


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of ``"<timestamp>.<body>"``."""
    digest = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def body_of(alert: Alert) -> bytes:
    """The JSON body of ``alert`` (its payload), UTF-8, keys sorted: the bytes that are signed."""
    return json.dumps(alert.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Attempt:
    """One POST: delivered (a 2xx answer), or the status (None: no answer) and error."""

    delivered: bool
    status: int | None
    error: str | None


def open_client(settings: AlertSettings) -> httpx.Client:
    """An HTTP client with the settings' timeout; :class:`AlertError` naming the extra when httpx is missing."""
    try:
        import httpx
    except ImportError as exc:
        raise AlertError("sending webhooks needs httpx: pip install 'claimtrail[alerts]'") from exc
    return httpx.Client(timeout=settings.timeout_s, follow_redirects=False)


def send_alert(client: httpx.Client, url: str, alert: Alert, secret: bytes, *, now: dt.datetime) -> Attempt:
    """POST ``alert`` to ``url``, signed; never raises for the receiver's or the network's failure."""
    import httpx

    body = body_of(alert)
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "claimtrail-alerts",
        ALERT_HEADER: alert.conflict,
        "Idempotency-Key": alert.conflict,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return Attempt(False, None, f"{type(exc).__name__}: {exc}"[:ERROR_CHARS])
    if 200 <= response.status_code < 300:
        return Attempt(True, response.status_code, None)
    reason = f"HTTP {response.status_code} {response.reason_phrase}: {response.text.strip()}"
    return Attempt(False, response.status_code, reason[:ERROR_CHARS])


def next_try(attempts: int, settings: AlertSettings, now: dt.datetime) -> dt.datetime | None:
    """When to try again after ``attempts`` failed tries: exponential back-off, None after the last."""
    if attempts >= settings.max_attempts:
        return None
    wait_s = settings.backoff_first_s * settings.backoff_factor ** (attempts - 1)
    return now + dt.timedelta(seconds=wait_s)
