"""What the app serves and who may ask: the ledger, the upload folder, the token, the bind check."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ServeError
from ..settings import Settings
from ..store import is_postgres_url

__all__ = ["TOKEN_ENV", "AppConfig", "check_bind", "is_loopback", "upload_folder"]

# The environment variable a token may come from, so it stays out of shell history.
TOKEN_ENV = "CLAIMTRAIL_TOKEN"
# A token shorter than this is guessable by brute force over a LAN in hours.
MIN_TOKEN_CHARS = 16
# Host names a loopback bind answers to; any other Host header on a loopback
# server is a DNS-rebinding attempt by a web page the user visits.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass(frozen=True)
class AppConfig:
    """The app's inputs: which ledger, which settings, the token (None: loopback only), the upload folder.

    ``allowed_hosts`` are the Host header names accepted (``("*",)``: any);
    :func:`~claimtrail.serve.app.run_server` sets them from the bind address.
    """

    database: str
    settings: Settings = field(default_factory=Settings)
    token: str | None = None
    upload_dir: Path | None = None
    allowed_hosts: tuple[str, ...] = ("*",)


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond loopback without a strong token (raises :class:`ServeError`)."""
    if is_loopback(host):
        if token is not None and len(token) < MIN_TOKEN_CHARS:
            raise ServeError(f"the token must be at least {MIN_TOKEN_CHARS} characters long")
        return
    if not token:
        raise ServeError(
            f"refusing to serve on {host}: beyond this machine (127.0.0.1) every request needs a token; "
            f"pass --token or set {TOKEN_ENV} (for example: {TOKEN_ENV}={secrets.token_urlsafe(24)})"
        )
    if len(token) < MIN_TOKEN_CHARS:
        raise ServeError(f"the token must be at least {MIN_TOKEN_CHARS} characters long")


def upload_folder(config: AppConfig) -> Path:
    """Where uploads go: the configured folder, else one named after a SQLite ledger, else ./claimtrail-uploads."""
    if config.upload_dir is not None:
        return config.upload_dir
    if config.settings.serve.upload_dir:
        return Path(config.settings.serve.upload_dir)
    if is_postgres_url(config.database):
        return Path("claimtrail-uploads")
    ledger = Path(config.database)
    return ledger.with_name(ledger.name + ".uploads")
