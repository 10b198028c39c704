"""``watch_feeds`` against the local server: every new entry ingested once, every failure recorded.

The server (tests/feedserver.py) serves invented RSS, Atom and news-sitemap feeds
and pages, and misbehaves on purpose: 500s, answers slower than the timeout,
malformed XML, a feed that repeats and reorders its entries, a page that changes
after its first fetch, a 50 MB page, a redirect loop, a page robots.txt forbids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from feedserver import FeedServer, Route, article_page, atom_feed, news_sitemap, rss_feed

from claimtrail.errors import WatchError
from claimtrail.pipeline import open_ledger
from claimtrail.settings import Settings
from claimtrail.store import Store
from claimtrail.store.watch import watch_ledger
from claimtrail.watch import IngestedEntry, WatchReport, parse_interval, read_feed_list, watch_feeds

RSS = "application/rss+xml"


@pytest.fixture
def ledger(tmp_path: Path) -> Any:
    with open_ledger(str(tmp_path / "ledger.db"), create=True) as store:
        yield store


def _pages(server: FeedServer, prefix: str, count: int) -> list[str]:
    """``count`` pages under ``prefix``, each text its own (numbered from how many routes there are)."""
    first = len(server.routes)
    for n in range(count):
        server.route(f"{prefix}/{n}", article_page(first + n))
    return [server.url(f"{prefix}/{n}") for n in range(count)]


def _watch(
    server: FeedServer, paths: list[str], store: Store, settings: Settings, nlp: Any, **kw: Any
) -> WatchReport:
    return watch_feeds([server.url(p) for p in paths], store, settings, once=True, nlp=nlp, **kw)


def _documents_by_url(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for info, _ in store.iter_documents():
        counts[str(info.url)] = counts.get(str(info.url), 0) + 1
    return counts


@pytest.mark.slow  # the spaCy model extracts every page
def test_rss_atom_and_sitemap_entries_are_ingested_once_with_the_feed_s_metadata(
    feed_server: FeedServer, ledger: Store, watch_settings: Settings, nlp: Any
) -> None:
    feed_server.route("/rss", rss_feed("Invented Gazette", _pages(feed_server, "/r", 3)), content_type=RSS)
    feed_server.route(
        "/atom", atom_feed("Atom Desk", _pages(feed_server, "/at", 2)), content_type="application/atom+xml"
    )
    feed_server.route(
        "/news.xml",
        news_sitemap("Sitemap Times", _pages(feed_server, "/s", 2)),
        content_type="application/xml",
    )
    seen: list[IngestedEntry] = []

    report = _watch(
        feed_server, ["/rss", "/atom", "/news.xml"], ledger, watch_settings, nlp, on_ingested=seen.append
    )

    assert (report.polls, report.new_entries, report.ingested, report.failures) == (3, 7, 7, 0)
    assert len(seen) == 7 and all(e.added for e in seen)
    assert len({e.document_id for e in seen}) == 7
    by_url = {str(info.url): info for info, _ in ledger.iter_documents()}
    assert len(by_url) == 7
    first = by_url[feed_server.url("/r/0")]
    assert (first.title, first.outlet, first.published) == (
        "Entry 0",
        "Invented Gazette",
        dt.date(2025, 3, 10),
    )
    assert by_url[feed_server.url("/s/1")].outlet == "Sitemap Times"
    assert all(e.document.claims for e in seen)  # the pages' figures were extracted


@pytest.mark.slow  # the spaCy model extracts every page
def test_a_second_poll_is_a_304_and_ingests_nothing_again(
    feed_server: FeedServer, ledger: Store, watch_settings: Settings, nlp: Any
) -> None:
    feed_server.route(
        "/rss", Route(body=rss_feed("G", _pages(feed_server, "/r", 2)), etag='"v1"', content_type=RSS)
    )

    _watch(feed_server, ["/rss"], ledger, watch_settings, nlp)
    again = _watch(feed_server, ["/rss"], ledger, watch_settings, nlp)

    assert (again.new_entries, again.ingested) == (0, 0)
    assert feed_server.not_modified["/rss"] == 1
    assert feed_server.count("/r/0") == 1
    (status,) = watch_ledger(ledger).feed_status()
    assert (status.last_status, status.polls, status.ingested) == ("not modified", 2, 2)


@pytest.mark.slow  # the spaCy model extracts every page
def test_a_feed_that_repeats_and_reorders_its_entries_ingests_each_once(
    feed_server: FeedServer, ledger: Store, watch_settings: Settings, nlp: Any
) -> None:
    links = _pages(feed_server, "/r", 4)
    orders = {1: [0, 1, 0, 1], 2: [3, 1, 2, 0, 3, 2], 3: [2, 2, 0, 3, 1]}
    feed_server.route(
        "/rss", lambda n: rss_feed("G", [links[i] for i in orders[min(n, 3)]]), content_type=RSS
    )

    reports = [_watch(feed_server, ["/rss"], ledger, watch_settings, nlp) for _ in range(3)]

    assert [r.new_entries for r in reports] == [2, 2, 0]
    assert _documents_by_url(ledger) == dict.fromkeys(links, 1)
    assert all(feed_server.count(f"/r/{n}") == 1 for n in range(4))


@pytest.mark.slow  # the spaCy model extracts every page
def test_a_page_that_changes_after_its_first_fetch_is_kept_as_first_read(
    feed_server: FeedServer, ledger: Store, watch_settings: Settings, nlp: Any
) -> None:
    feed_server.route("/a/changing", lambda n: article_page(5, version=n))
    links = [feed_server.url("/a/changing")]
    feed_server.route(
        "/rss", lambda n: rss_feed("G", links + _pages(feed_server, "/new", n - 1)), content_type=RSS
    )

    for _ in range(3):
        _watch(feed_server, ["/rss"], ledger, watch_settings, nlp)

    assert feed_server.count("/a/changing") == 1
    (text,) = [view for info, view in ledger.iter_documents() if info.url == links[0]]
    assert _documents_by_url(ledger)[links[0]] == 1
    assert any(c.value.low == 25 for c in text.claims)  # version 1: 10 + 5 * 3 killed


@pytest.mark.slow  # the spaCy model extracts every page
def test_misbehaving_feeds_and_pages_fail_alone_and_are_recorded(
    feed_server: FeedServer, ledger: Store, watch_settings: Settings, nlp: Any
) -> None:
    settings = replace(
        watch_settings, watch=replace(watch_settings.watch, max_page_bytes=1_000_000, entry_attempts=2)
    )
    feed_server.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    good = _pages(feed_server, "/ok", 2)
    feed_server.route("/bad/500", b"oops", status=500)
    feed_server.route("/bad/slow", article_page(1), delay_s=2.5)
    feed_server.route("/bad/huge", Route(stream_bytes=50_000_000))
    feed_server.route("/bad/loop1", Route(status=302, location="/bad/loop2"))
    feed_server.route("/bad/loop2", Route(status=302, location="/bad/loop1"))
    feed_server.route("/private/a", article_page(2))
    feed_server.route("/bad/empty", b"<html><body><script>var x = 1;</script></body></html>")
    bad = ["/bad/500", "/bad/slow", "/bad/huge", "/bad/loop1", "/private/a", "/bad/empty"]
    feed_server.route("/rss", rss_feed("G", [good[0], *map(feed_server.url, bad), good[1]]), content_type=RSS)
    feed_server.route("/broken.rss", rss_feed("G", good)[:-30], content_type=RSS)
    feed_server.route("/down.rss", b"down", status=503)
    feed_server.route("/slow.rss", rss_feed("G", good), delay_s=2.5, content_type=RSS)
    feeds = ["/rss", "/broken.rss", "/down.rss", "/slow.rss", "/missing.rss"]

    first = _watch(feed_server, feeds, ledger, settings, nlp)
    second = _watch(feed_server, feeds, ledger, settings, nlp)

    assert (first.ingested, second.ingested) == (4, 0)  # the good pages in /rss and /broken.rss: 4 entries
    assert _documents_by_url(ledger) == dict.fromkeys(good, 1)
    status = {s.url: s for s in watch_ledger(ledger).feed_status()}
    main = status[feed_server.url("/rss")]
    # The 500 and the slow page were tried on both runs (entry_attempts = 2), then given up.
    assert (main.ingested, main.failed, main.pending, main.failures) == (2, 6, 0, 0)
    errors = {f.url: f.error for f in reversed(watch_ledger(ledger).failures(main.url, limit=20))}
    assert feed_server.count("/bad/500") == 4  # two tries on each of two runs
    assert "HTTP 500" in " ".join(f.error for f in watch_ledger(ledger).failures(main.url, limit=20))
    assert "more than 1,000,000 bytes" in errors[feed_server.url("/bad/huge")]
    assert "redirect" in errors[feed_server.url("/bad/loop1")]
    assert "robots.txt disallows" in errors[feed_server.url("/private/a")]
    assert "no article text" in errors[feed_server.url("/bad/empty")]
    assert feed_server.count("/private/a") == 0
    # The feed cut short gave its whole entries (the same pages as /rss: stored once), said
    # what was wrong, and kept no validators, so it is read whole again next poll.
    broken = status[feed_server.url("/broken.rss")]
    assert (broken.failures, broken.last_status) == (0, "ok")
    assert "not well-formed XML" in str(broken.last_error) and "read 2 of its 2 entries" in str(
        broken.last_error
    )
    assert feed_server.count("/broken.rss") == 2 and feed_server.not_modified["/broken.rss"] == 0
    for path, reason in [
        ("/down.rss", "HTTP 503"),
        ("/slow.rss", "no answer within"),
        ("/missing.rss", "HTTP 404"),
    ]:
        feed = status[feed_server.url(path)]
        assert feed.failures == 2 and feed.last_status == "failed", path
        assert reason in str(feed.last_error), (path, feed.last_error)


def test_watching_nothing_is_refused(ledger: Store, watch_settings: Settings) -> None:
    with pytest.raises(WatchError, match="no feeds to watch"):
        watch_feeds([], ledger, watch_settings, once=True)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("2h", 7200), ("1d", 86400)]
)
def test_intervals_read_with_their_unit(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "0.5s", "-1m", "5w"])
def test_a_bad_interval_says_what_would_do(text: str) -> None:
    with pytest.raises(ValueError, match="expected a duration such as 90, 30s, 10m"):
        parse_interval(text)


def test_a_feed_list_file_gives_feeds_interval_and_webhooks(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        'feeds = ["http://127.0.0.1:9/a.rss"]\nevery = "5m"\nwebhooks = ["http://127.0.0.1:9/hook"]\n'
    )

    listed = read_feed_list(path)

    assert (listed.feeds, listed.every_s, listed.webhooks) == (
        ("http://127.0.0.1:9/a.rss",),
        300,
        ("http://127.0.0.1:9/hook",),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('feed = ["x"]', "unknown keys feed; valid keys: feeds, every, webhooks"),
        ("feeds = 3", "feeds must be a list of URLs"),
        ('feeds = ["x"]\nevery = "soon"', "every: 'soon' is not a duration"),
        ("feeds = [", "is not valid TOML"),
    ],
)
def test_a_bad_feed_list_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text)

    with pytest.raises(WatchError, match=message):
        read_feed_list(path)
