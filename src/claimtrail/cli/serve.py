"""``claimtrail serve``: the web view and JSON API over a ledger.

$ claimtrail serve [--db claimtrail.db] [--host 127.0.0.1] [--port 8000] [--token TOKEN]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import ServeError
from .options import add_ledger_options, ledger_and_settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the web view and JSON API over the ledger",
        description="Serve the story dashboard and the JSON API over a ledger (SQLite or PostgreSQL).",
    )
    add_ledger_options(p)
    p.add_argument("--host", help="address to bind (default 127.0.0.1; any other needs a token)")
    p.add_argument("--port", type=int, help="port to listen on (default 8000)")
    p.add_argument(
        "--token",
        help="a secret every request must carry (default: the CLAIMTRAIL_TOKEN environment variable)",
    )
    p.add_argument(
        "--upload-dir", type=Path, help="where uploaded articles are kept (default: beside the ledger)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ..serve import TOKEN_ENV, AppConfig, run_server
    except ImportError as exc:
        raise ServeError(f"the web view needs its extra: pip install 'claimtrail[web]' ({exc})") from exc
    database, settings = ledger_and_settings(args)
    config = AppConfig(
        database=database,
        settings=settings,
        token=args.token or os.environ.get(TOKEN_ENV) or None,
        upload_dir=args.upload_dir,
    )
    run_server(config, host=args.host or settings.serve.host, port=args.port or settings.serve.port)
    return 0
