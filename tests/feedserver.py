"""A local HTTP server of invented feeds and pages that misbehaves on purpose (loopback only).

    >>> with FeedServer() as server:
    ...     server.route("/world.rss", rss_feed("World", [server.url("/a/1")]))
    ...     server.route("/a/1", article_page(1))
    ...     server.url("/world.rss")
    'http://127.0.0.1:40123/world.rss'

A threaded ``http.server`` bound to 127.0.0.1, port 0. Each path answers its
:class:`Route`: a body (or a function of the request count, for feeds that change
or reorder and pages that change after their first fetch), a status, a delay, an
ETag or Last-Modified answered with 304 when the client sends it back, a redirect, or a body of
``stream_bytes`` sent without a length (the 50 MB page). It counts requests, 304s
and User-Agents per path, so tests see what the client really did. Used by
tests/ingest/test_ingest_fetch.py, tests/test_watch*.py and bench/watch.py.
"""

from __future__ import annotations

import html
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self

Body = bytes | Callable[[int], bytes]

# Pieces of a streamed body: 64 KiB keeps a 50 MB answer cheap to produce.
STREAM_CHUNK_BYTES = 65_536


@dataclass
class Route:
    """What one path answers. ``body`` may be a function of how many times the path was asked (1, 2, ...)."""

    body: Body = b""
    status: int = 200
    first_statuses: tuple[int, ...] = ()  # the answers to the first requests, before ``status``
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay_s: float = 0.0
    location: str | None = None  # a redirect's target
    stream_bytes: int = 0  # send this many bytes without Content-Length instead of ``body``
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    """The server, its routes and what it was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.times: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: Body | Route, **options: object) -> None:
        self.routes[path] = body if isinstance(body, Route) else Route(body=body, **options)  # type: ignore[arg-type]

    def count(self, path: str) -> int:
        """Requests ``path`` answered so far (and that started: a slow one counts at once)."""
        return self.hits[path]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with server._lock:
                server.hits[path] += 1
                count = server.hits[path]
                server.times.setdefault(path, []).append(time.monotonic())
                server.user_agents.add(self.headers.get("User-Agent", ""))
            route = server.routes.get(path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.delay_s:
                time.sleep(route.delay_s)
            unchanged_since = route.last_modified is not None and (
                self.headers.get("If-Modified-Since") == route.last_modified
            )
            if unchanged_since or (
                route.etag is not None and self.headers.get("If-None-Match") == route.etag
            ):
                with server._lock:
                    server.not_modified[path] += 1
                self._answer(304, b"", None)
                return
            if route.location is not None:
                self._answer(route.status, b"", None, {"Location": route.location})
                return
            if route.stream_bytes:
                self._stream(route)
                return
            body = route.body(count) if callable(route.body) else route.body
            extra = dict(route.headers)
            if route.etag is not None:
                extra["ETag"] = route.etag
            if route.last_modified is not None:
                extra["Last-Modified"] = route.last_modified
            status = route.first_statuses[count - 1] if count <= len(route.first_statuses) else route.status
            self._answer(status, body, route.content_type, extra)

        def _answer(
            self, status: int, body: bytes, content_type: str | None, extra: dict[str, str] | None = None
        ) -> None:
            try:
                self.send_response(status)
                if content_type is not None:
                    self.send_header("Content-Type", content_type)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout): fine
                pass

        def _stream(self, route: Route) -> None:
            chunk = b"<p>" + b"padding " * (STREAM_CHUNK_BYTES // 8 - 1) + b"</p>"
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()  # no length: the body runs until the connection closes
                sent = 0
                while sent < route.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: as it should
                pass

    return Handler


# --- invented feeds and pages ---

PLACES = ("Dravenmoor", "Kessaly", "Orvane", "Tulmera", "Brisk Hollow", "Vantreth", "Quellin", "Marrowgate")


def article_page(
    n: int, *, version: int = 1, title: str | None = None, published: str = "2025-03-10"
) -> bytes:
    """An invented news page whose text differs with ``n`` and ``version`` (so each is its own document)."""
    place = PLACES[n % len(PLACES)]
    killed = 10 + n * 3 + (version - 1) * 1000
    heading = title or f"Floods in {place} (report {n})"
    paragraphs = [
        (
            f"Officials in the province of {place} said {killed} people were killed when floods swept "
            f"through the valley villages on Tuesday, according to the regional emergency office."
        ),
        (
            f"The emergency office said about {n + 40} families had been moved to schools and sports halls, "
            f"and that rescue teams from the neighbouring districts were still searching the river banks."
        ),
        (
            f"Residents of {place} told reporters that the water rose within an hour after the dam upstream "
            f"released its overflow, and that many of them lost their homes and their animals (update {version})."
        ),
        *_background(n),
    ]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head>'
        f"<title>{html.escape(heading)} - Page Title Guess</title>"
        f'<meta property="article:published_time" content="{published}">'
        "</head><body><header><nav>Home | World | Sport</nav></header>"
        f"<article><h1>{html.escape(heading)}</h1>{body}</article>"
        "<footer>Copyright The Invented Gazette</footer></body></html>"
    ).encode()


def story_page(title: str, paragraphs: list[str], *, published: str = "2025-05-02") -> bytes:
    """An invented news page of ``paragraphs`` under ``title``."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)}</title>'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    ).encode()


# Two invented reports of one dam burst that contradict each other: the Red Cross's
# 90 dead, then the Dam Authority's 60 (two named sources, figures less than twice
# apart, the same day: a contradiction by link/conflicts.py's rules).
RED_CROSS = story_page(
    "Dam burst in Kessaly kills 90",
    [
        "The dam above Kessaly burst and killed 90 people, the Red Cross said.",
        "Rescue teams from the Red Cross were searching the river banks below the Kessaly dam for survivors.",
        "Residents said the water of the Kessaly reservoir rose within an hour after the dam gave way.",
    ],
)
DAM_AUTHORITY = story_page(
    "Kessaly dam burst: authority gives lower toll",
    [
        "The Dam Authority said 60 people were killed when the dam above Kessaly burst.",
        "The Dam Authority said its engineers had warned about cracks in the Kessaly dam last year.",
        "Rescue teams were still searching the river banks below the Kessaly reservoir.",
    ],
)


def dam_report(n: int) -> bytes:
    """One of two invented reports of dam burst ``n // 2`` that contradict each other.

    Report ``2k`` has a relief agency's toll, ``2k + 1`` a water board's, two thirds
    of it (story 0: 90 and 60): two named sources, figures less than twice apart,
    the same day -- a contradiction by ``link/conflicts.py``'s rules. Each burst has
    a place and agencies of its own (the story stage may still join bursts that
    share a day: they read alike).
    """
    story = n // 2
    rng = random.Random(f"dam-{story}")
    place, agency, board = (_name(rng) for _ in range(3))
    toll = 90 + 3 * (story % 20)
    if n % 2 == 0:
        title = f"Dam burst in {place} kills {toll}"
        lead = [
            f"The dam above {place} burst and killed {toll} people, the {agency} Relief Agency said.",
            f"Teams of the {agency} Relief Agency were searching the banks below the {place} dam.",
        ]
    else:
        title = f"{place} dam burst: {board} Water Board gives lower toll"
        lead = [
            f"The {board} Water Board said {toll * 2 // 3} people were killed when the dam above {place} burst.",
            f"The {board} Water Board said its engineers had warned about cracks in the {place} dam.",
        ]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [*lead, *_background(n)])
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)}</title></head>'
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    ).encode()


def _name(rng: random.Random) -> str:
    """An invented proper name (three syllables, capitalised)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


_SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "tis",
    "van",
    "dru",
    "pel",
    "sor",
    "nim",
    "qua",
    "bex",
    "tol",
    "ir",
    "zen",
    "ost",
)


def _background(n: int) -> list[str]:
    """Two paragraphs of invented words seeded by ``n``: pages built from one template then share
    too little to count as near-duplicates of each other, as real stories do."""
    rng = random.Random(n)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))

    return [
        " ".join(f"The {word()} of the {word()} was {word()} in the {word()} and {word()}." for _ in range(4))
        for _ in range(2)
    ]


def rss_feed(
    title: str,
    links: Sequence[str],
    *,
    dates: Sequence[str] | None = None,
    titles: Sequence[str] | None = None,
) -> bytes:
    """An RSS 2.0 feed of ``links``, each its own guid and title (``titles``, else "Entry N")."""
    items = []
    for i, link in enumerate(links):
        date = dates[i] if dates else "Mon, 10 Mar 2025 08:00:00 +0000"
        entry_title = titles[i] if titles else f"Entry {i}"
        items.append(
            f"<item><title>{html.escape(entry_title)}</title><link>{html.escape(link)}</link>"
            f'<guid isPermaLink="false">guid-{html.escape(link)}</guid><pubDate>{date}</pubDate></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link><description>invented</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def atom_feed(title: str, links: Sequence[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Atom entry {i}</title><id>urn:entry:{i}</id><link href="{html.escape(link)}"/>'
        f"<updated>2025-03-11T09:30:00+02:00</updated></entry>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:feed</id><updated>2025-03-11T09:30:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def news_sitemap(outlet: str, links: Sequence[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{html.escape(link)}</loc><news:news><news:publication><news:name>{html.escape(outlet)}"
        f"</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>2025-03-12T10:00:00+00:00</news:publication_date>"
        f"<news:title>Sitemap story {i}</news:title></news:news></url>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    ).encode()
