"""Polite HTTP fetching of feeds and pages, for ``claimtrail watch`` (httpx, the ``[watch]`` extra).

    >>> with Fetcher(load_settings().watch) as fetcher:
    ...     page = fetcher.fetch("https://news.example/2025/03/10/floods", max_bytes=5_000_000)
    >>> page.status, page.content_type
    (200, 'text/html')

Every request says who we are (``watch.user_agent``), asks the host's robots.txt
first (RFC 9309: a missing one allows all, an unreachable one closes the site
until it answers), waits its turn per host (``watch.host_interval_s``, or the
robots.txt Crawl-delay when longer), sends the feed's validators (ETag,
Last-Modified) so an unchanged feed costs a 304, follows at most
``watch.max_redirects`` redirects (each target asked of its own host's
robots.txt, and in that host's turn), reads at most ``max_bytes`` of the body
and gives up after ``watch.fetch_timeout_s`` in all. A timeout, a lost
connection, a 429 or a 5xx is tried again ``watch.fetch_retries`` times with
doubling back-off, then raised as :class:`~claimtrail.errors.FetchError` (a
later poll may succeed). A 429 or 503 with ``Retry-After`` is obeyed: the next
try waits that long, and a wait over ``MAX_RETRY_AFTER_S`` ends the fetch for
now and keeps every request to that host back until the time asked. What cannot
succeed (robots.txt, a 4xx, too large, a redirect loop) raises
:class:`~claimtrail.errors.FetchRefusedError` at once.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
import time
import urllib.robotparser
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError, FetchRefusedError, WatchError
from ..settings import WatchSettings

if TYPE_CHECKING:
    import httpx

__all__ = ["WATCH_EXTRA", "Fetched", "Fetcher", "import_httpx", "user_agent"]

logger = logging.getLogger(__name__)

WATCH_EXTRA = "pip install 'claimtrail[watch]'"
# RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; the rest may be ignored.
MAX_ROBOTS_BYTES = 512 * 1024
# A robots.txt Crawl-delay longer than this is taken as this: a minute between two
# requests still reads a feed and its new pages each poll, where an hour would not.
MAX_CRAWL_DELAY_S = 60.0
# Statuses worth another try: the server is busy or failing now, not refusing the page.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
NOT_MODIFIED = 304
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A server's Retry-After up to this many seconds is waited out before the next
# try (a watch round can spare a minute); a longer one ends the fetch for now,
# and the host is left alone until then: the entry is tried on a later round.
MAX_RETRY_AFTER_S = 60.0
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def import_httpx() -> Any:
    """The httpx module, or :class:`WatchError` naming the extra to install (feedparser is checked too)."""
    try:
        import feedparser  # noqa: F401 - parse_feed needs it: say so before any work starts
        import httpx
    except ImportError as exc:
        raise WatchError(f"claimtrail watch needs httpx and feedparser ({exc}): {WATCH_EXTRA}") from exc
    return httpx


def user_agent(settings: WatchSettings) -> str:
    """``watch.user_agent`` with claimtrail's version in place of ``{version}``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("claimtrail")
    except PackageNotFoundError:  # a source tree that was not installed
        ours = "0+unknown"
    return settings.user_agent.replace("{version}", ours)


@dataclass(frozen=True)
class Fetched:
    """One HTTP response: the body read (empty for a 304) and the validators to send next time."""

    url: str  # after redirects
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None  # without its parameters, lower case
    charset: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


@dataclass
class _Robots:
    """A host's robots.txt, parsed, and when it was read (``rules`` None: none found, all allowed)."""

    rules: urllib.robotparser.RobotFileParser | None
    read_at: float


class Fetcher:
    """One HTTP client for a watch run, with its per-host turns and robots.txt cache."""

    def __init__(self, settings: WatchSettings) -> None:
        module = import_httpx()
        self.settings = settings
        self.user_agent = user_agent(settings)
        self._httpx = module
        self._client: httpx.Client = module.Client(
            headers={"User-Agent": self.user_agent},
            timeout=module.Timeout(settings.fetch_timeout_s),
            follow_redirects=False,  # followed by _get, which asks each target's robots.txt
        )
        self._robots: dict[str, _Robots] = {}
        self._not_before: dict[str, float] = {}  # host -> monotonic time its Retry-After ends
        self._last_request: dict[str, float] = {}

    def fetch(
        self, url: str, *, max_bytes: int, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` politely, retrying what may pass; raise FetchError or FetchRefusedError."""
        host = _host(url)
        self._check_not_before(url, host)
        # 1. robots.txt decides whether we may ask at all, and how often.
        delay = self._allowed(url, host)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        # 2. Ask, trying again after a failure that may pass.
        tries = self.settings.fetch_retries + 1
        for attempt in range(tries):
            self._wait_turn(host, delay)
            try:
                return self._get(url, headers, max_bytes)
            except FetchRefusedError:
                raise
            except FetchError as exc:
                if attempt + 1 == tries:
                    raise FetchError(f"{exc} (tried {tries} times)") from exc
                pause = self.settings.retry_backoff_s * 2**attempt
                if isinstance(exc, _Busy) and exc.retry_after_s is not None:
                    if exc.retry_after_s > MAX_RETRY_AFTER_S:
                        self._not_before[host] = time.monotonic() + exc.retry_after_s
                        raise FetchError(
                            f"{exc}; the server asks us to come back in {exc.retry_after_s:.0f} s "
                            f"(over {MAX_RETRY_AFTER_S:.0f} s): tried again on a later round"
                        ) from exc
                    pause = max(pause, exc.retry_after_s)
                logger.info("%s; trying again in %.1f s", exc, pause)
                time.sleep(pause)
        raise AssertionError("unreachable: the last try returns or raises")

    def _get(self, url: str, headers: dict[str, str], max_bytes: int, *, robots: bool = True) -> Fetched:
        """One request and its redirects, the body read up to ``max_bytes`` within ``watch.fetch_timeout_s``.

        Redirects are followed here, not by httpx, so that each target is asked
        of its host's robots.txt (unless ``robots`` is False: reading a
        robots.txt itself) and waits that host's turn.
        """
        timeout_s = self.settings.fetch_timeout_s
        deadline = time.monotonic() + timeout_s
        current = url
        for redirect in range(self.settings.max_redirects + 1):
            fetched, target = self._get_once(current, headers, max_bytes, deadline)
            if target is None:
                return fetched
            if redirect == self.settings.max_redirects:
                break
            host = _host(target)
            self._check_not_before(target, host)
            self._wait_turn(host, self._allowed(target, host) if robots else self.settings.host_interval_s)
            current = target
        raise FetchRefusedError(
            f"{url}: more than watch.max_redirects = {self.settings.max_redirects} redirects "
            "(a redirect loop?); expected the page within a few"
        )

    def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, deadline: float
    ) -> tuple[Fetched, str | None]:
        """One request: what it answered, and the redirect's target (None when it is no redirect)."""
        httpx = self._httpx
        timeout_s = self.settings.fetch_timeout_s
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
                    return _fetched(response, b""), urljoin(url, response.headers["Location"])
                _check_status(url, response.status_code, response.headers.get("Retry-After"))
                if response.status_code == NOT_MODIFIED:
                    return _fetched(response, b""), None
                body = _read_body(url, response, max_bytes, deadline, timeout_s)
                return _fetched(response, body), None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchRefusedError(
                f"{url}: not a URL we can fetch ({exc}); expected http:// or https://"
            ) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: no answer within watch.fetch_timeout_s = {timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    def _check_not_before(self, url: str, host: str) -> None:
        """FetchError while ``host`` asked (Retry-After) to be left alone."""
        left = self._not_before.get(host, 0.0) - time.monotonic()
        if left > 0:
            raise FetchError(
                f"{url}: {host} asked us (Retry-After) to wait {left:.0f} s more before asking again"
            )

    def _allowed(self, url: str, host: str) -> float:
        """The seconds to keep between requests to ``host``; FetchRefusedError when robots.txt forbids ``url``."""
        robots = self._robots.get(host)
        if robots is None or time.monotonic() - robots.read_at > self.settings.robots_ttl_s:
            robots = self._read_robots(host)
            self._robots[host] = robots
        delay = self.settings.host_interval_s
        if robots.rules is None:
            return delay
        if not robots.rules.can_fetch(self.user_agent, url):
            raise FetchRefusedError(
                f"{url}: {host}/robots.txt disallows it for our user agent ({self.user_agent!r}); "
                "ask the publisher, or watch another feed"
            )
        crawl_delay = robots.rules.crawl_delay(self.user_agent)
        return max(delay, min(float(crawl_delay or 0), MAX_CRAWL_DELAY_S))

    def _read_robots(self, host: str) -> _Robots:
        url = f"{host}/robots.txt"
        self._wait_turn(host, self.settings.host_interval_s)
        try:
            found = self._get(url, {}, MAX_ROBOTS_BYTES, robots=False)
        except _StatusRefused:
            return _Robots(None, time.monotonic())  # a 4xx: no robots.txt, all allowed (RFC 9309)
        except FetchError as exc:
            raise FetchError(
                f"{url} cannot be read ({exc}); RFC 9309 counts the site as closed until it can"
            ) from exc
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(found.body.decode("utf-8", errors="replace").splitlines())
        return _Robots(rules, time.monotonic())

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _StatusRefused(FetchRefusedError):
    """A 4xx answer (kept apart so a missing robots.txt reads as 'all allowed')."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _host(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchRefusedError(f"{url!r} is not an http:// or https:// URL")
    return f"{parts.scheme}://{parts.netloc}"


class _Busy(FetchError):
    """A status worth another try, with the server's Retry-After in seconds when it sent one."""

    def __init__(self, message: str, retry_after_s: float | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def _check_status(url: str, status: int, retry_after: str | None = None) -> None:
    if 200 <= status < 300 or status == NOT_MODIFIED:
        return
    if status in RETRY_STATUSES:
        raise _Busy(f"{url}: HTTP {status} (the server is failing or busy)", retry_after_seconds(retry_after))
    raise _StatusRefused(f"{url}: HTTP {status}; expected 200 (or 304 when unchanged)", status)


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """A Retry-After header's wait in seconds (RFC 9110: seconds, or an HTTP date); None when unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _read_body(
    url: str, response: httpx.Response, max_bytes: int, deadline: float, timeout_s: float
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefusedError(_too_large(url, f"{int(declared):,} bytes declared", max_bytes))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefusedError(_too_large(url, f"more than {max_bytes:,} bytes", max_bytes))
        if time.monotonic() > deadline:
            # Each read may come within the timeout while the whole trickles on for ever.
            raise FetchError(f"{url}: the body took longer than watch.fetch_timeout_s = {timeout_s:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, size: str, max_bytes: int) -> str:
    return (
        f"{url}: {size}, over the limit of {max_bytes:,} (watch.max_page_bytes or watch.max_feed_bytes); "
        "the rest was not downloaded"
    )


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    content_type = response.headers.get("Content-Type", "")
    charset = _CHARSET.search(content_type)
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        body=body,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        content_type=content_type.split(";")[0].strip().lower() or None,
        charset=charset.group(1) if charset else None,
    )
