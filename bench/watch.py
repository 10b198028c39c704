"""``claimtrail watch`` throughput: a local server of 200 feeds and 20,000 entries, ingested once each.

    $ .venv/bin/python bench/watch.py                          # 200 feeds x 100 entries
    $ .venv/bin/python bench/watch.py --feeds 20 --entries 50  # a quick run
    $ .venv/bin/python bench/watch.py --appear-over 60         # entries appear over a minute

The server (tests/feedserver.py, on 127.0.0.1) serves ``--feeds`` RSS feeds of
``--entries`` invented pages each, every page its own text. With ``--appear-over
S`` each feed's entries appear one by one over S seconds (the feed's ETag changes
with them, so unchanged polls are 304s); by default all are there at the start.
``watch_feeds`` then follows the feeds into a new SQLite ledger (polling every
``--every`` seconds, no pause between requests: the one host is our own) until
every entry is ingested, and the run prints

  entries ingested per second   entries / seconds from the first poll to the last commit
  appearance to ingest          p50 and p95 seconds from an entry's appearance in its
                                feed to its document's commit (the on_ingested hook)
  appearance to alert           n/a until alerts (webhooks) are sent

Model loading is not timed (the model is loaded before the clock starts).

Measured on the shared 2-core development machine (load about 3), 200 x 100,
all entries there at the start: 20,000 ingested once, 0 failures, 1,252 s,
16.0 entries/s (26.9/s for 4 x 50 on a quieter moment); appearance to ingest
p50 508 s, p95 1,187 s, which is the backlog of one poll finding everything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from feedserver import FeedServer, Route, article_page, rss_feed

from claimtrail import nlp as nlp_stage
from claimtrail.pipeline import open_ledger
from claimtrail.settings import load_settings
from claimtrail.watch import IngestedEntry, watch_feeds

DEFAULT_FEEDS = 200
DEFAULT_ENTRIES = 100
# Seconds between polls of a feed in the benchmark: short, so an entry waits
# little for the poll that finds it when entries appear over time.
DEFAULT_EVERY_S = 1.0


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
        delays: list[float] = []

        def ingested(entry: IngestedEntry) -> None:
            delays.append(time.monotonic() - appeared(entry.entry.url))

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
    _print(total, report.ingested, report.failures, elapsed, delays, server)


def _serve(server: FeedServer, feeds: int, entries: int, appear_over: float) -> Callable[[str], float]:
    """Routes for every feed and page; returns when (monotonic) a page's entry appears."""
    start = time.monotonic()

    def appears(index: int) -> float:
        return start + (appear_over * index / entries if appear_over else 0.0)

    for f in range(feeds):
        links = [server.url(f"/p/{f}/{i}") for i in range(entries)]
        for i in range(entries):
            server.route(f"/p/{f}/{i}", article_page(f * entries + i))
        server.route(f"/feed/{f}.rss", _feed_route(f, links, appears))
    return lambda url: appears(int(url.rsplit("/", 1)[1]))


def _feed_route(f: int, links: list[str], appears: Callable[[int], float]) -> Route:
    def body(_: int) -> bytes:
        now = time.monotonic()
        visible = [link for i, link in enumerate(links) if appears(i) <= now]
        return rss_feed(f"Bench feed {f}", visible[::-1])  # newest first, as feeds are

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
    if delays:
        cuts = statistics.quantiles(delays, n=20) if len(delays) > 1 else [delays[0]] * 19
        print(f"appearance to ingest: p50 {statistics.median(delays):.2f} s, p95 {cuts[18]:.2f} s")
    print("appearance to alert: n/a until alerts")


if __name__ == "__main__":
    main()
