"""``claimtrail watch``: follow RSS, Atom and news-sitemap feeds into the ledger; ``--status`` shows their health.

    $ claimtrail watch FEED... [--feeds FILE] --db URL [--every 10m] [--once] [--webhook URL]...
    $ claimtrail watch --once --db URL        # the feeds and webhooks the ledger already has
    $ claimtrail watch --status [--json] --db URL

Parses options and calls :func:`claimtrail.watch.watch_feeds` (or reads the
ledger's feed status); failures are printed as they happen and recorded.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..alerts import webhook_config
from ..errors import WatchError
from ..pipeline import open_ledger
from ..store import open_store
from ..store.watch import FeedStatus, watch_ledger
from .options import add_ledger_options, ledger_and_settings
from .render import render_rows


def _interval(text: str) -> float:
    from ..watch import parse_interval

    try:
        return parse_interval(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "watch",
        help="follow feeds and ingest each new entry",
        description=(
            "Follow RSS, Atom and news-sitemap feeds: fetch each new entry's page politely and ingest "
            "it into the ledger once. Runs until interrupted, or with --once polls each feed once."
        ),
    )
    p.add_argument("feeds", nargs="*", metavar="FEED", help="feed URLs (none: the feeds the ledger watches)")
    p.add_argument(
        "--feeds",
        dest="feed_list",
        type=Path,
        help='a TOML file: feeds = ["URL", ...], every = "10m", webhooks',
    )
    add_ledger_options(p)
    p.add_argument(
        "--every", type=_interval, help="poll interval, e.g. 30s, 10m, 2h (default: watch.poll_interval_s)"
    )
    p.add_argument("--once", action="store_true", help="poll each feed once, ingest what it found, and exit")
    p.add_argument(
        "--webhook",
        action="append",
        default=[],
        metavar="URL",
        help=(
            "also POST each new contradiction or update here, signed (repeatable; stored in the ledger "
            "and used by later runs, besides [alerts] webhooks)"
        ),
    )
    p.add_argument("--status", action="store_true", help="show each feed's polls, entries and failures")
    p.add_argument("--json", action="store_true", help="with --status: JSON instead of a table")
    p.set_defaults(run=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    url, settings = ledger_and_settings(args)
    if args.status:
        return _print_status(url, as_json=args.json)
    from ..watch import read_feed_list, watch_feeds

    feeds = list(args.feeds)
    every_s = args.every
    webhooks = list(args.webhook)
    if args.feed_list is not None:
        listed = read_feed_list(args.feed_list)
        feeds += listed.feeds
        webhooks += listed.webhooks
        every_s = every_s or listed.every_s
    webhook_config(settings.alerts, webhooks)  # a missing secret or a bad URL stops the run here
    with open_ledger(url, create=True) as store:
        report = watch_feeds(
            feeds,
            store,
            settings,
            once=args.once,
            every_s=every_s,
            webhooks=webhooks,
            on_failure=lambda event: print(f"claimtrail: {event.url}: {event.error}", file=sys.stderr),
        )
    print(
        f"polled {report.polls} time(s), {report.new_entries} new entries, "
        f"{report.ingested} ingested, {report.failures} failure(s), {report.alerts} new alert(s), "
        f"{report.delivered} alert deliver(ies) sent",
        file=sys.stderr,
    )
    return 1 if report.failures else 0


def _print_status(url: str, *, as_json: bool) -> int:
    with open_store(url, create=False) as store:
        rows = watch_ledger(store).feed_status()
    if not rows:
        raise WatchError(
            f"the ledger at {url} watches no feeds yet; start with `claimtrail watch FEED --db {url}`"
        )
    if as_json:
        json.dump([_json_row(r) for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        render_rows(rows, "table", sys.stdout, title="feeds")
    return 0


def _json_row(row: FeedStatus) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {k: plain(v) for k, v in dataclasses.asdict(row).items()}
