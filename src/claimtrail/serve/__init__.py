"""The web view: a local app over the ledger, its JSON API and its pages.

    >>> from claimtrail.serve import AppConfig, create_app, run_server
    >>> app = create_app(AppConfig(database="claimtrail.db"))   # an ASGI app (FastAPI)
    >>> run_server(AppConfig(database="claimtrail.db"), host="127.0.0.1", port=8000)

The app reads the ledger through :mod:`claimtrail.store` and ingests uploads
through :mod:`claimtrail.pipeline`; it binds to loopback unless told otherwise,
and anywhere else only with a token. Pages are static files filled by the API;
every value reaches the page as text, never as markup.
"""

from __future__ import annotations

from .app import create_app, run_server
from .config import TOKEN_ENV, AppConfig, check_bind, is_loopback

__all__ = ["TOKEN_ENV", "AppConfig", "check_bind", "create_app", "is_loopback", "run_server"]
