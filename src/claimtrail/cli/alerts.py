"""The ``alerts`` command: alerts of new conflicts and their deliveries; sending the due ones again.

    $ claimtrail alerts [--story ID] [--json]
    $ claimtrail alerts retry [--dead] [--webhook URL]...

Each parses options, calls one library function and prints what it returns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from .. import alerts as alerts_stage
from ..pipeline import DeliveryReport, deliver_alerts, open_ledger
from ..store import open_store
from .options import add_ledger_options, ledger_and_settings

__all__ = ["add_parser", "delivery_line"]

# Alerts listed unless --limit says otherwise: a screenful.
DEFAULT_LIMIT = 50


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "alerts",
        help="alerts of new contradictions and updates, and their webhook deliveries",
        description=(
            "Alerts raised when an ingested document contradicts or updates an estimate of its story "
            "(one per conflict, ever), the newest first, with each webhook delivery's state. "
            "`alerts retry` sends the due deliveries again (--dead: also the dead-lettered ones)."
        ),
    )
    add_ledger_options(p)
    p.add_argument("--story", help="a story id (see `claimtrail stories`): only its alerts")
    p.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, help=f"alerts at most (default {DEFAULT_LIMIT})"
    )
    p.add_argument(
        "--json", action="store_true", help="one JSON object per line: the alert and its deliveries"
    )
    p.set_defaults(run=run_alerts)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    retry = actions.add_parser(
        "retry", help="send the due deliveries now (waiting for retries up to [alerts] ingest_wait_s)"
    )
    add_ledger_options(retry)
    retry.add_argument("--dead", action="store_true", help="also send the dead-lettered deliveries again")
    retry.set_defaults(run=run_retry)


def run_alerts(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    with open_store(url, create=False) as store:
        rows = store.alerts(story=args.story, limit=max(args.limit, 1))
        deliveries = store.alert_deliveries([a.conflict for a in rows])
    for alert in rows:
        mine = [d for d in deliveries if d.alert == alert.conflict]
        if args.json:
            states = [{"url": d.url, "state": d.state, "attempts": d.attempts, "last_status": d.last_status,
                       "last_error": d.last_error} for d in mine]  # fmt: skip
            line = {"id": alert.conflict, "story": alert.story, "kind": alert.kind,
                    "created_at": alert.created_at.isoformat(), "delay_s": alert.delay_s,
                    "payload": alert.payload, "deliveries": states}  # fmt: skip
            print(json.dumps(line, ensure_ascii=False, sort_keys=True))
            continue
        print(
            f"{alert.conflict}  {alert.created_at:%Y-%m-%d %H:%M:%S}  {alert.story or '-'}  {alert.payload.get('title', alert.kind)}"
        )
        for d in mine:
            due = f", next try {d.next_try_at:%H:%M:%S}" if d.state == "pending" and d.next_try_at else ""
            print(
                f"    {d.url}: {d.state} after {d.attempts} tr(ies){due}{': ' + d.last_error if d.last_error else ''}"
            )
    if not rows:
        print("claimtrail: no alerts yet", file=sys.stderr)
    return 0


def run_retry(args: argparse.Namespace) -> int:
    url, settings = ledger_and_settings(args)
    webhooks = alerts_stage.webhook_config(settings.alerts)
    with open_ledger(url, create=False) as store:
        if args.dead:
            store.retry_dead_deliveries(dt.datetime.now(dt.UTC))
        report = deliver_alerts(store, settings, webhooks, wait_s=settings.alerts.ingest_wait_s)
    print(f"claimtrail: {delivery_line(report)}", file=sys.stderr)
    return 1 if report.dead or report.pending else 0


def delivery_line(report: DeliveryReport) -> str:
    """ "2 delivered, 1 failed try, 0 dead-lettered, 0 pending": what a sending run did."""
    return (
        f"alert deliveries: {report.delivered} delivered, {report.failed} failed tr(ies), "
        f"{report.dead} dead-lettered, {report.pending} pending"
    )
