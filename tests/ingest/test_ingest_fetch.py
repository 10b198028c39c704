"""Polite fetching against the local server (tests/feedserver.py), misbehaving on purpose.

Each misbehaviour the watcher must survive gets its own case: a 500, an answer
slower than the timeout, a 50 MB page, a redirect loop, robots.txt; and what a
polite client owes a server: conditional GET, one robots.txt read, a pause
between requests, an honest User-Agent.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from dataclasses import replace

import pytest
from feedserver import FeedServer, Route, article_page

from claimtrail.errors import FetchError, FetchRefusedError
from claimtrail.ingest import Fetcher
from claimtrail.ingest.fetch import retry_after_seconds
from claimtrail.settings import Settings

MB = 1_000_000


@pytest.fixture
def fetcher(watch_settings: Settings) -> Fetcher:
    with Fetcher(watch_settings.watch) as opened:
        yield opened


def test_a_page_is_fetched_with_its_type_charset_and_validators(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/a/1", article_page(1), etag='"v1"', last_modified="Mon, 10 Mar 2025 08:00:00 GMT")

    page = fetcher.fetch(feed_server.url("/a/1"), max_bytes=MB)

    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert (page.etag, page.last_modified) == ('"v1"', "Mon, 10 Mar 2025 08:00:00 GMT")
    assert page.body == article_page(1)


def test_conditional_get_sends_the_validators_back_and_gets_a_304(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/f.rss", b"<rss/>", etag='"v1"')
    feed_server.route("/g.rss", b"<rss/>", last_modified="Mon, 10 Mar 2025 08:00:00 GMT")

    by_etag = fetcher.fetch(feed_server.url("/f.rss"), max_bytes=MB, etag='"v1"')
    by_date = fetcher.fetch(
        feed_server.url("/g.rss"), max_bytes=MB, last_modified="Mon, 10 Mar 2025 08:00:00 GMT"
    )

    assert by_etag.not_modified and by_date.not_modified and by_etag.body == b""
    assert feed_server.not_modified == {"/f.rss": 1, "/g.rss": 1}


def test_a_500_is_tried_again_then_raised_as_worth_a_later_try(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/down", b"oops", status=500)

    with pytest.raises(FetchError, match=r"HTTP 500 .*tried 2 times") as caught:
        fetcher.fetch(feed_server.url("/down"), max_bytes=MB)

    assert not isinstance(caught.value, FetchRefusedError)
    assert feed_server.count("/down") == 2  # fetch_retries = 1 in the test settings


def test_a_503_that_recovers_on_the_retry_is_fetched(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/flaky", Route(body=article_page(1), first_statuses=(503,)))

    assert fetcher.fetch(feed_server.url("/flaky"), max_bytes=MB).body == article_page(1)
    assert feed_server.count("/flaky") == 2


def test_an_answer_slower_than_the_timeout_fails_in_time(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/slow", article_page(1), delay_s=3.0)
    started = time.monotonic()

    with pytest.raises(FetchError, match=r"no answer within watch.fetch_timeout_s = 1 s"):
        fetcher.fetch(feed_server.url("/slow"), max_bytes=MB)

    assert time.monotonic() - started < 2.9  # two tries of 1 s, not the server's 3 s each


def test_a_50_mb_page_is_cut_off_at_the_limit_without_downloading_the_rest(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/huge", Route(stream_bytes=50 * MB))
    started = time.monotonic()

    with pytest.raises(FetchRefusedError, match=r"more than 1,000,000 bytes, over the limit"):
        fetcher.fetch(feed_server.url("/huge"), max_bytes=MB)

    assert time.monotonic() - started < 5
    assert feed_server.count("/huge") == 1  # refused for good: not asked again


def test_a_page_declaring_a_length_over_the_limit_is_refused_before_reading(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/big", b"x" * (2 * MB))

    with pytest.raises(FetchRefusedError, match=r"2,000,000 bytes declared"):
        fetcher.fetch(feed_server.url("/big"), max_bytes=MB)


def test_a_redirect_loop_is_refused(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/loop/a", Route(status=302, location="/loop/b"))
    feed_server.route("/loop/b", Route(status=302, location="/loop/a"))

    with pytest.raises(FetchRefusedError, match=r"more than watch.max_redirects = 5 redirects"):
        fetcher.fetch(feed_server.url("/loop/a"), max_bytes=MB)

    assert feed_server.count("/loop/a") + feed_server.count("/loop/b") == 6


def test_a_redirect_is_followed_to_the_page(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/old", Route(status=301, location="/new"))
    feed_server.route("/new", article_page(2))

    page = fetcher.fetch(feed_server.url("/old"), max_bytes=MB)

    assert page.url == feed_server.url("/new") and page.body == article_page(2)


def test_a_404_is_refused_at_once(feed_server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchRefusedError, match=r"HTTP 404; expected 200"):
        fetcher.fetch(feed_server.url("/gone"), max_bytes=MB)

    assert feed_server.count("/gone") == 1


def test_robots_txt_is_read_once_and_honoured(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route(
        "/robots.txt", b"User-agent: claimtrail-watch\nDisallow: /private/\n", content_type="text/plain"
    )
    feed_server.route("/private/a", article_page(1))
    feed_server.route("/public/a", article_page(2))

    with pytest.raises(FetchRefusedError, match=r"robots.txt disallows it for our user agent"):
        fetcher.fetch(feed_server.url("/private/a"), max_bytes=MB)
    fetcher.fetch(feed_server.url("/public/a"), max_bytes=MB)

    assert feed_server.count("/private/a") == 0
    assert feed_server.count("/robots.txt") == 1


def test_a_robots_txt_that_fails_closes_the_site_for_now(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/robots.txt", b"down", status=503)
    feed_server.route("/a/1", article_page(1))

    with pytest.raises(FetchError, match=r"robots.txt cannot be read .*closed until it can") as caught:
        fetcher.fetch(feed_server.url("/a/1"), max_bytes=MB)

    assert not isinstance(caught.value, FetchRefusedError)
    assert feed_server.count("/a/1") == 0


def test_every_request_says_who_we_are(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.route("/a/1", article_page(1))

    fetcher.fetch(feed_server.url("/a/1"), max_bytes=MB)

    (agent,) = feed_server.user_agents
    assert agent.startswith("claimtrail-watch/") and "feed reader" in agent


def test_requests_to_one_host_wait_their_turn(feed_server: FeedServer, watch_settings: Settings) -> None:
    feed_server.route("/a/1", article_page(1))
    polite = replace(watch_settings.watch, host_interval_s=0.3)

    with Fetcher(polite) as fetcher:
        for _ in range(3):
            fetcher.fetch(feed_server.url("/a/1"), max_bytes=MB)

    times = feed_server.times["/a/1"]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.29


def test_a_url_that_is_not_http_is_refused(fetcher: Fetcher) -> None:
    with pytest.raises(FetchRefusedError, match="not an http:// or https:// URL"):
        fetcher.fetch("file:///etc/passwd", max_bytes=MB)


def test_a_redirect_to_a_page_robots_txt_disallows_is_refused(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    feed_server.route("/moved", Route(status=302, location="/private/a"))
    feed_server.route("/private/a", article_page(1))

    with pytest.raises(FetchRefusedError, match=r"/private/a: .*robots.txt disallows it"):
        fetcher.fetch(feed_server.url("/moved"), max_bytes=MB)

    assert (feed_server.count("/moved"), feed_server.count("/private/a")) == (1, 0)


def test_a_short_retry_after_is_waited_out_before_the_next_try(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route(
        "/busy", Route(body=article_page(1), first_statuses=(503,), headers={"Retry-After": "2"})
    )
    started = time.monotonic()

    assert fetcher.fetch(feed_server.url("/busy"), max_bytes=MB).body == article_page(1)
    assert time.monotonic() - started >= 2.0  # the server's 2 s, not the settings' shorter back-off
    assert feed_server.count("/busy") == 2


def test_a_long_retry_after_ends_the_fetch_and_keeps_the_host_alone(
    feed_server: FeedServer, fetcher: Fetcher
) -> None:
    feed_server.route("/later", Route(body=b"", status=429, headers={"Retry-After": "3600"}))
    feed_server.route("/other", article_page(2))

    with pytest.raises(FetchError, match=r"come back in 3600 s .*later round") as caught:
        fetcher.fetch(feed_server.url("/later"), max_bytes=MB)
    assert not isinstance(caught.value, FetchRefusedError)  # the entry stays, for a later round
    with pytest.raises(FetchError, match=r"asked us \(Retry-After\) to wait"):
        fetcher.fetch(feed_server.url("/other"), max_bytes=MB)

    assert (feed_server.count("/later"), feed_server.count("/other")) == (1, 0)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (" 0 ", 0.0), ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),
     ("soon", None), ("-5", None), (None, None)],
)  # fmt: skip
def test_retry_after_is_read_as_seconds_or_an_http_date(header: str | None, seconds: float | None) -> None:
    now = dt.datetime(2015, 10, 21, 7, 28, tzinfo=dt.UTC)
    assert retry_after_seconds(header, now) == seconds
