"""``claimtrail watch`` throughput and alert delay: a local server of 200 feeds and 20,000 entries.

    $ .venv/bin/python bench/watch.py                          # 200 feeds x 100 entries
    $ .venv/bin/python bench/watch.py --feeds 20 --entries 50  # a quick run
    $ .venv/bin/python bench/watch.py --appear-over 60         # entries appear over a minute

The server (tests/feedserver.py, on 127.0.0.1) serves ``--feeds`` RSS feeds of
``--entries`` invented pages each, every page its own text: two reports of each
dam burst in turn that contradict each other (``feedserver.dam_report``: a relief
agency's toll, then a water board's two thirds of it), so each pair raises an
alert. A burst's feed date is one of DATE_SLOTS days 800 days apart (the story
stage never joins reports more than two years apart; bursts of one day may read
as one story, which then raises more alerts). With ``--appear-over
S`` each feed's entries appear one by one over S seconds (the feed's ETag changes
with them, so unchanged polls are 304s); by default all are there at the start.
``watch_feeds`` then follows the feeds into a new SQLite ledger (polling every
``--every`` seconds, no pause between requests: the one host is our own) until
every entry is ingested, and the run prints

  entries ingested per second   entries / seconds from the first poll to the last commit
  appearance to ingest          p50 and p95 seconds from an entry's appearance in its
                                feed to its document's commit (the on_ingested hook)
  appearance to alert           p50 and p95 seconds from the appearance of the entry
                                whose page raised an alert to the alert's created_at
  first seen to alert           the same from the poll that found the entry
                                (``pipeline.alert_delays``: the alerts' own delay)

Model loading is not timed (the model is loaded before the clock starts). No
webhook is set: the delay is to the alert stored, before any POST.

Measured on the shared 2-core development machine: 10 x 50, all entries there at
the start: 500 ingested once, 0 failures, 13.6 s, 36.9 entries/s, 257 alerts (250
bursts; bursts of one slot read as one story give a few more); appearance to
ingest p50 6.04 s, p95 12.79 s, appearance to alert p50 7.90 s, p95 13.60 s (the
backlog of one poll finding everything). 4 x 20 appearing over 20 s: 36 alerts,
appearance to alert p50 0.16 s, p95 0.26 s. The default 200 x 100, with four other
jobs on the two cores: 20,000 ingested once, 0 failures, 887.8 s, 22.5 entries/s,
15,715 alerts, appearance to alert p50 375 s, p95 835 s (one poll's backlog of 20,000);
with --appear-over 1200 (16.7 entries a second): alert p50 4.0 s, p95 9.0 s. Use
--feeds/--entries for a quick run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from feedserver import FeedServer, Route, dam_report, rss_feed

from claimtrail import nlp as nlp_stage
from claimtrail.pipeline import alert_delays, open_ledger
from claimtrail.settings import load_settings
from claimtrail.watch import IngestedEntry, watch_feeds

DEFAULT_FEEDS = 200
DEFAULT_ENTRIES = 100
# Seconds between polls of a feed in the benchmark: short, so an entry waits
# little for the poll that finds it when entries appear over time.
DEFAULT_EVERY_S = 1.0
# Feed dates of the bursts: this many days, 800 apart (over the story stage's
# DATE_APART_DAYS = 730), from FIRST_DATE: 90 slots span 1900-2097.
DATE_SLOTS = 90
FIRST_DATE = dt.date(1900, 1, 1)
SLOT_DAYS = 800
# Alerts read back for the delays: more than a 200 x 100 run raises.
MAX_ALERTS = 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=DEFAULT_FEEDS)
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES, help="entries per feed")
    parser.add_argument("--appear-over", type=float, default=0.0, help="seconds over which entries appear")
    parser.add_argument("--every", type=float, default=DEFAULT_EVERY_S, help="poll interval in seconds")
    args = parser.parse_args()
    total = args.feeds * args.entries
    settings = load_settings()
    settings = replace(settings, watch=replace(settings.watch, host_interval_s=0.0))
    model = nlp_stage.load_model(settings.nlp.model)
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        appeared = _serve(server, args.feeds, args.entries, args.appear_over)
        # Wall-clock time of a monotonic one: alerts' created_at are UTC times.
        wall_offset = dt.datetime.now(dt.UTC).timestamp() - time.monotonic()
        delays: list[float] = []
        page_of: dict[str, str] = {}  # document id -> its entry's URL

        def ingested(entry: IngestedEntry) -> None:
            delays.append(time.monotonic() - appeared(entry.entry.url))
            page_of.setdefault(entry.document_id, entry.entry.url)

        feeds = [server.url(f"/feed/{f}.rss") for f in range(args.feeds)]
        with open_ledger(str(Path(tmp) / "ledger.db"), create=True) as store:
            started = time.monotonic()
            report = watch_feeds(
                feeds,
                store,
                settings,
                every_s=args.every,
                nlp=model,
                on_ingested=ingested,
                should_stop=lambda: len(delays) >= total,
            )
            elapsed = time.monotonic() - started
            alerts = store.alerts(limit=MAX_ALERTS)
            to_alert = [
                a.created_at.timestamp() - wall_offset - appeared(page_of[a.document_id])
                for a in alerts
                if a.document_id in page_of
            ]
            seen_to_alert = alert_delays(store, limit=MAX_ALERTS)
    _print(total, report.ingested, report.failures, elapsed, delays, server)
    print(f"alerts: {len(alerts):,} ({sum(a.kind == 'contradiction' for a in alerts):,} contradictions)")
    _quantiles("appearance to alert", to_alert)
    _quantiles("first seen to alert", seen_to_alert)


def _serve(server: FeedServer, feeds: int, entries: int, appear_over: float) -> Callable[[str], float]:
    """Routes for every feed and page; returns when (monotonic) a page's entry appears."""
    start = time.monotonic()

    def appears(index: int) -> float:
        return start + (appear_over * index / entries if appear_over else 0.0)

    for f in range(feeds):
        links = [server.url(f"/p/{f}/{i}") for i in range(entries)]
        for i in range(entries):
            server.route(f"/p/{f}/{i}", dam_report(f * entries + i))
        dates = [_feed_date((f * entries + i) // 2) for i in range(entries)]
        server.route(f"/feed/{f}.rss", _feed_route(f, links, dates, appears))
    return lambda url: appears(int(url.rsplit("/", 1)[1]))


def _feed_date(story: int) -> str:
    """The RFC 822 feed date of burst ``story``'s reports (one of DATE_SLOTS)."""
    day = FIRST_DATE + dt.timedelta(days=SLOT_DAYS * (story % DATE_SLOTS))
    return day.strftime("%a, %d %b %Y 08:00:00 +0000")


def _feed_route(f: int, links: list[str], dates: list[str], appears: Callable[[int], float]) -> Route:
    def body(_: int) -> bytes:
        now = time.monotonic()
        visible = [i for i in range(len(links)) if appears(i) <= now][::-1]  # newest first, as feeds are
        return rss_feed(f"Bench feed {f}", [links[i] for i in visible], dates=[dates[i] for i in visible])

    return Route(body=body, content_type="application/rss+xml")


def _print(
    total: int, ingested: int, failures: int, elapsed: float, delays: list[float], server: FeedServer
) -> None:
    feed_requests = sum(n for path, n in server.hits.items() if path.startswith("/feed/"))
    print(
        f"entries: {total:,} in {len(server.routes) - total:,} feeds; ingested {ingested:,}, failures {failures}"
    )
    print(f"feed requests: {feed_requests:,}; page requests: {sum(server.hits.values()) - feed_requests:,}")
    print(f"wall time: {elapsed:.1f} s")
    print(f"entries ingested per second: {ingested / elapsed:.1f}")
    _quantiles("appearance to ingest", delays)


def _quantiles(what: str, values: list[float]) -> None:
    if not values:
        print(f"{what}: none")
        return
    cuts = statistics.quantiles(values, n=20) if len(values) > 1 else [values[0]] * 19
    print(f"{what}: p50 {statistics.median(values):.2f} s, p95 {cuts[18]:.2f} s (n={len(values):,})")


if __name__ == "__main__":
    main()
