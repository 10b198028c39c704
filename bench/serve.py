"""Web view speed: API latency over 1,000,000 synthetic claims, and the timeline page's first paint.

    $ .venv/bin/python bench/serve.py                         # 1,000,000 claims, SQLite and PostgreSQL, browser
    $ .venv/bin/python bench/serve.py --claims 100000 --skip-postgres --skip-browser
    $ .venv/bin/python bench/serve.py --ledger /tmp/ledger.db --requests 500

API latency. The ledger is bench/store.py's synthetic corpus (the same claims for the
same ``--seed``), built in a SQLite file at ``--ledger`` (default: one in the temporary
folder named for its size and seed, reused by later runs: a ledger only gets its name
once complete) and, unless ``--skip-postgres``, in a temporary PostgreSQL cluster
(``claimtrail.store.tempcluster``). Each is served by the real app
(``claimtrail.serve.create_app``) under uvicorn on a free loopback port, and
``--requests`` HTTP requests of each kind, after WARMUP_REQUESTS untimed ones, go
through one keep-alive ``httpx.Client`` with random filters:

  timeline chart  /api/timeline/series as the timeline page asks it: a measure (alone, with an
                  actor, a source or a 30-day range), the page's CHART_ROWS and CHART_FIELDS
  timeline page   /api/timeline?limit=100: measure, measure+actor, source, 30 days,
                  words of the claim text, a deep page
  claims page     /api/claims?limit=50, the same filters, each with a random sort
  claims count    /api/claims/count, the same filters (the claims page asks it beside a page)

It prints p50/p95/max client-side milliseconds per kind (query, JSON encoding and
transfer) against TARGET_P95_MS, and the p95 of each filter.

First paint. A second, small SQLite ledger holds at least FIRST_PAINT_POINTS estimates
of one measure. Debian's Chromium, headless through Playwright, opens ``/timeline?measure=...``
FIRST_PAINT_RUNS times (after FIRST_PAINT_WARMUP_RUNS untimed), each in a fresh
browser context, so with an empty cache, as a first visit. The page sets
``window.ctTimeline`` once the chart is drawn; its ``drawnAt`` (milliseconds since
navigation start) is the first paint, reported per run, as median and max, against
FIRST_PAINT_TARGET_MS, with the page's own milestones (``steps``) when it gives them.

The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import itertools
import random
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import psycopg

from claimtrail.models import CLAIM_SORTS, Filters, Run
from claimtrail.pipeline import open_ledger
from claimtrail.serve import AppConfig, create_app
from claimtrail.serve.pages import STATIC
from claimtrail.store import open_store
from claimtrail.store.tempcluster import start_cluster

BENCH_DIR = Path(__file__).resolve().parent


def _load_store_bench() -> ModuleType:
    """bench/store.py, whose corpus this benchmark serves (``bench/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_store", BENCH_DIR / "store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


store_bench = _load_store_bench()

DEFAULT_CLAIMS = 1_000_000  # the ledger size
DEFAULT_SEED = store_bench.DEFAULT_SEED  # the same corpus as bench/store.py's
# Several hundred per kind: enough for a steady p95 (its 15 slowest), few enough to
# time four kinds over two backends in minutes.
DEFAULT_REQUESTS = 300
# Untimed requests first: each server thread opens its own ledger connection on its
# first request, and the ledger's pages come into the cache, as on a server in use.
WARMUP_REQUESTS = 20
TARGET_P95_MS = 150.0
# A client that waits this long for one answer has met a hung server, not a slow query.
REQUEST_TIMEOUT_S = 60.0
SERVER_START_TIMEOUT_S = 30.0
SERVER_STOP_TIMEOUT_S = 10.0
HOST = "127.0.0.1"

# --- what is asked ---
# A table page of the timeline's estimates (the API's default page size).
TIMELINE_PAGE_ROWS = 100
# The claims page's default "rows" choice (claims.html).
CLAIMS_PAGE_ROWS = 50
# Words a reader types in the claims filter's text box: qualifiers, a figure as printed,
# a vague magnitude and the counted noun (every claim's, the widest search).
SEARCH_TEXTS = ("more than", "about", "up to", "1,500", "thousands", "people")
CHART_FILTERS = ("measure", "measure+actor", "measure+source", "measure+30 days")
TABLE_FILTERS = (*store_bench.FILTER_KINDS, "text")


@dataclass(frozen=True)
class ChartRequest:
    """What the timeline page asks /api/timeline/series for: timeline.js's CHART_ROWS and CHART_FIELDS."""

    rows: int
    fields: str | None  # None: the page asks for every field


def read_chart_request() -> ChartRequest:
    """The timeline page's chart request, read from its script, so the bench asks as the page does."""
    script = (STATIC / "timeline.js").read_text("utf-8")
    rows = re.search(r"const CHART_ROWS = (\d+);", script)
    if rows is None:
        raise SystemExit(f"no 'const CHART_ROWS = N;' in {STATIC / 'timeline.js'}; update bench/serve.py")
    fields = re.search(r'const CHART_FIELDS = "([^"]*)";', script)
    return ChartRequest(int(rows.group(1)), fields.group(1) if fields else None)


@dataclass(frozen=True)
class RequestKind:
    """One kind of timed request: its endpoint, page size, filters drawn in turn, sorting, fixed parameters."""

    name: str
    path: str
    limit: int | None
    filters: tuple[str, ...]
    sorted: bool = False
    fixed: tuple[tuple[str, str], ...] = ()


def request_kinds(chart: ChartRequest) -> tuple[RequestKind, ...]:
    chart_fields = (("fields", chart.fields),) if chart.fields else ()
    return (
        RequestKind("timeline chart", "/api/timeline/series", chart.rows, CHART_FILTERS, fixed=chart_fields),
        RequestKind("timeline page", "/api/timeline", TIMELINE_PAGE_ROWS, TABLE_FILTERS),
        RequestKind("claims page", "/api/claims", CLAIMS_PAGE_ROWS, TABLE_FILTERS, sorted=True),
        RequestKind("claims count", "/api/claims/count", None, TABLE_FILTERS),
    )


# --- first paint ---
FIRST_PAINT_POINTS = 10_000  # the chart size
FIRST_PAINT_TARGET_MS = 1000.0
FIRST_PAINT_RUNS = 5
# One untimed visit first: Chromium's first page pays for starting its renderer and
# GPU processes, which a browser in use has already done.
FIRST_PAINT_WARMUP_RUNS = 1
FIRST_PAINT_MEASURE = "killed"
# Past this the chart has not drawn: the page's error line is printed instead.
FIRST_PAINT_TIMEOUT_MS = 60_000
# How often the bench looks for the drawn chart; the page times itself, so this only
# bounds how long the bench waits after it.
POLL_S = 0.05
# The page's error line (timeline.js shows a failed request or draw there), if it has one.
PAGE_ERROR_JS = "(document.getElementById('error') || {}).textContent || ''"
# Documents added between checks of the chart ledger's size (~20 claims each): a few
# thousand claims, so the ledger stops just past FIRST_PAINT_POINTS.
CHART_CHUNK_DOCUMENTS = 250
# A bound on the chart ledger's corpus; it stops long before, at FIRST_PAINT_POINTS estimates.
CHART_MAX_CLAIMS = 2_000_000
CHROMIUM = "/usr/bin/chromium"
# Headless in a container: no sandbox (no user namespaces), no GPU (WebGL falls back to
# software rendering, slower than a real GPU: a conservative first paint), and /tmp
# instead of a small /dev/shm.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")
VIEWPORT = {"width": 1280, "height": 800}  # a laptop screen


# --- serving ---


@contextmanager
def serving(database: str) -> Iterator[str]:
    """The app over ``database`` under uvicorn in a background thread; yields its base URL."""
    import uvicorn

    app = create_app(AppConfig(database=database))
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
    # it every response waits ~40 ms (Nagle against the client's delayed ACK).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind((HOST, 0))  # the port is the kernel's free choice, held from here on: no race
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit(f"the app over {database} did not start within {SERVER_START_TIMEOUT_S:.0f} s")
        time.sleep(0.05)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(SERVER_STOP_TIMEOUT_S)
        sock.close()


# --- the ledgers ---


def ensure_ledger(path: Path, claims: int, seed: int, vocab: Any) -> str:
    """A line saying where the SQLite ledger came from: built at ``path`` now, or reused.

    It is built beside ``path`` and renamed when complete, so a ledger at ``path``
    is never a half-built one left by an interrupted run.
    """
    if path.exists():
        return f"reused {path}"
    partial = path.with_name(path.name + ".partial")
    _remove_sqlite(partial)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_ledger(str(partial), create=True) as store:
        build_s, generate_s = store_bench.build(store, claims, seed, vocab)
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(partial) + suffix)
        if side.exists():
            side.rename(str(path) + suffix)
    return f"built {path} in {build_s:.0f} s (+ {generate_s:.0f} s generating)"


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def vacuum(url: str) -> float:
    """VACUUM (ANALYZE) the new PostgreSQL ledger, as autovacuum soon does after a bulk load; seconds taken.

    Until then counts cannot be read off the indexes alone (the visibility map is
    empty), and the planner has no statistics: the figures would be of the first
    minutes after the load, not of the ledger a reader browses.
    """
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def count_claims(database: str) -> int:
    with open_store(database, create=False) as store:
        return store.count_claims(Filters())


def chart_vocabulary(seed: int) -> Any:
    """bench/store.py's vocabulary with every measure/actor pair of FIRST_PAINT_MEASURE."""
    vocab = store_bench.make_vocabulary(random.Random(seed))
    rng = random.Random(seed)
    sources = range(store_bench.SOURCES)
    return replace(
        vocab,
        combos=tuple((FIRST_PAINT_MEASURE, actor) for actor in store_bench.ACTORS),
        pools=tuple(tuple(rng.sample(sources, store_bench.SOURCES_PER_COMBO)) for _ in store_bench.ACTORS),
    )


@dataclass(frozen=True)
class ChartLedger:
    """The first-paint ledger: its claims, and the dated estimates its chart draws."""

    claims: int
    estimates: int


def build_chart_ledger(path: Path, seed: int, chart_rows: int) -> ChartLedger:
    """A SQLite ledger of one measure, grown until it has FIRST_PAINT_POINTS estimates."""
    documents = store_bench.generate(CHART_MAX_CLAIMS, seed, chart_vocabulary(seed))
    chart = Filters(measure=FIRST_PAINT_MEASURE, limit=chart_rows)
    with open_ledger(str(path), create=True) as store:
        run_id = store.ensure_run(Run(version="bench", settings_hash="bench", settings_json="{}"))
        estimates = 0
        while estimates < FIRST_PAINT_POINTS:
            chunk = list(itertools.islice(documents, CHART_CHUNK_DOCUMENTS))
            if not chunk:
                raise SystemExit(f"{CHART_MAX_CLAIMS:,} claims give under {FIRST_PAINT_POINTS:,} estimates")
            store.add_documents(iter(chunk), run_id)
            estimates = sum(1 for row in store.timeline(chart) if row.stated_on is not None)
        return ChartLedger(store.count_claims(Filters()), estimates)


# --- timing the API ---


def random_filters(kind: str, rng: random.Random, vocab: Any, source: Callable[[], int]) -> Filters:
    """bench/store.py's random filters, and the chart's (always a measure) and a text search."""
    if kind in store_bench.FILTER_KINDS:
        filters: Filters = store_bench.random_filters(kind, rng, vocab, source)
        return filters
    if kind == "text":
        return Filters(text=rng.choice(SEARCH_TEXTS))
    combo = rng.randrange(len(vocab.combos))
    measure = vocab.combos[combo][0]
    if kind == "measure+source":
        return Filters(measure=measure, source=vocab.sources[vocab.pools[combo][source()]])
    if kind == "measure+30 days":
        days = store_bench.random_filters("30 days", rng, vocab, source)
        return replace(days, measure=measure)
    raise ValueError(f"unknown filter kind {kind!r}")


def query_params(filters: Filters, kind: RequestKind, rng: random.Random) -> dict[str, str]:
    """The query string the page would send for ``filters``."""
    params = {
        name: value.isoformat() if isinstance(value, dt.date) else str(value)
        for name in ("measure", "actor", "source", "outlet", "since", "until", "text")
        if (value := getattr(filters, name)) is not None
    }
    if kind.limit is not None:
        params["limit"] = str(kind.limit)
        if filters.offset:
            params["offset"] = str(filters.offset)
    if kind.sorted:
        params["sort"] = rng.choice(("", "-")) + rng.choice(CLAIM_SORTS)
    params.update(kind.fixed)
    return params


@dataclass
class Timings:
    """Milliseconds per request kind and per (kind, filter kind); rows answered per request kind."""

    by_kind: dict[str, list[float]] = field(default_factory=dict)
    by_filter: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)


def time_requests(
    base_url: str, kinds: Sequence[RequestKind], requests: int, vocab: Any, seed: int
) -> Timings:
    """``requests`` timed requests of each kind, after WARMUP_REQUESTS untimed ones, interleaved."""
    rng = random.Random(seed)
    source = store_bench.zipf_draw(rng, store_bench.SOURCES_PER_COMBO, store_bench.SOURCE_ZIPF)
    timings = Timings()
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as client:
        for i in range(WARMUP_REQUESTS + requests):
            for kind in kinds:
                filter_kind = kind.filters[i % len(kind.filters)]
                params = query_params(random_filters(filter_kind, rng, vocab, source), kind, rng)
                started = time.perf_counter()
                response = client.get(kind.path, params=params)  # the whole body is read
                elapsed = (time.perf_counter() - started) * 1000
                body = response.json()  # the client's parsing is no part of the API's latency
                if response.status_code != 200:
                    raise SystemExit(
                        f"{kind.path}?{httpx.QueryParams(params)}: {response.status_code} {body}"
                    )
                if i >= WARMUP_REQUESTS:
                    timings.by_kind.setdefault(kind.name, []).append(elapsed)
                    timings.by_filter.setdefault((kind.name, filter_kind), []).append(elapsed)
                    timings.rows.setdefault(kind.name, []).append(len(body.get("rows", ())))
    return timings


def report(backend: str, origin: str, claims: int, timings: Timings) -> bool:
    """Print one backend's figures; whether every kind met TARGET_P95_MS."""
    print(f"\n{backend}: {claims:,} claims ({origin})")
    print(
        f"  {'request':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'rows (median)':>14} {'requests':>9}"
    )
    ok = True
    for kind, values in timings.by_kind.items():
        p95 = store_bench.percentile(values, 95)
        passed = p95 <= TARGET_P95_MS
        ok = ok and passed
        rows = statistics.median(timings.rows[kind])
        print(
            f"  {kind:<16} {store_bench.percentile(values, 50):8.1f} {p95:8.1f} {max(values):8.1f} "
            f"{rows:14,.0f} {len(values):9}  {'PASS' if passed else 'FAIL'}"
        )
    for kind in timings.by_kind:
        print(f"  p95 by filter, {kind}: " + ", ".join(
            f"{f} {store_bench.percentile(v, 95):.0f}" for (k, f), v in timings.by_filter.items() if k == kind
        ))  # fmt: skip
    return ok


def run_api(backend: str, database: str, origin: str, requests: int, seed: int, vocab: Any) -> bool:
    kinds = request_kinds(read_chart_request())
    with serving(database) as base_url:
        timings = time_requests(base_url, kinds, requests, vocab, seed + 1)
    return report(backend, origin, count_claims(database), timings)


# --- timing the first paint ---


@dataclass(frozen=True)
class Paint:
    """One visit of the timeline page: when the chart was drawn, with how many points, with WebGL or SVG."""

    drawn_ms: float
    points: int
    webgl: bool
    steps: dict[str, float]  # the page's own milestones (ms since navigation start), if it gives them


class DrawError(Exception):
    """The timeline page did not draw its chart (its message is what the page said)."""


def time_first_paint(base_url: str) -> list[Paint]:
    """FIRST_PAINT_RUNS visits of the timeline page (after FIRST_PAINT_WARMUP_RUNS), each in a fresh context."""
    from playwright.sync_api import sync_playwright

    paints = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            for run in range(FIRST_PAINT_WARMUP_RUNS + FIRST_PAINT_RUNS):
                context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
                try:
                    paint = _visit(context.new_page(), f"{base_url}/timeline?measure={FIRST_PAINT_MEASURE}")
                finally:
                    context.close()
                if run >= FIRST_PAINT_WARMUP_RUNS:
                    paints.append(paint)
        finally:
            browser.close()
    return paints


def _visit(page: Any, url: str) -> Paint:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    # Polled with page.evaluate, which runs outside the page's Content-Security-Policy:
    # wait_for_function evaluates its predicate with eval(), which that policy forbids.
    # The poll's interval is no part of the figure: drawnAt is taken by the page itself.
    deadline = time.monotonic() + FIRST_PAINT_TIMEOUT_MS / 1000
    while not page.evaluate("window.ctTimeline !== undefined"):
        shown = page.evaluate(PAGE_ERROR_JS)
        if shown or errors or time.monotonic() > deadline:
            said = " | ".join(filter(None, [shown, *errors])) or "nothing"
            raise DrawError(f"{url} did not draw its chart in time; the page said: {said}")
        time.sleep(POLL_S)
    drawn = page.evaluate("window.ctTimeline")
    steps = {name: float(at) for name, at in drawn.get("steps", {}).items()}
    return Paint(float(drawn["drawnAt"]), int(drawn["points"]), bool(drawn["webgl"]), steps)


def run_first_paint(seed: int) -> bool:
    """Build the chart ledger, time the page over it, print the figures; whether the target was met."""
    with tempfile.TemporaryDirectory(prefix="claimtrail-bench-serve-") as tmp:
        path = Path(tmp) / "chart.db"
        started = time.perf_counter()
        ledger = build_chart_ledger(path, seed, read_chart_request().rows)
        build_s = time.perf_counter() - started
        print(
            f"\nfirst paint: /timeline?measure={FIRST_PAINT_MEASURE} over {ledger.estimates:,} estimates "
            f"({ledger.claims:,} claims, built in {build_s:.0f} s), headless Chromium, fresh context per visit"
        )
        with serving(str(path)) as base_url:
            try:
                paints = time_first_paint(base_url)
            except DrawError as exc:
                print(f"  FAIL: {exc}")
                return False
    print("  runs ms: " + ", ".join(f"{p.drawn_ms:.0f}" for p in paints))
    if all(p.steps for p in paints):
        names = list(paints[0].steps)
        print("  steps, median ms since navigation start: " + ", ".join(
            f"{name} {statistics.median(p.steps.get(name, 0.0) for p in paints):.0f}" for name in names
        ))  # fmt: skip
    points = min(p.points for p in paints)
    median_ms = statistics.median(p.drawn_ms for p in paints)
    worst_ms = max(p.drawn_ms for p in paints)
    valid = points >= FIRST_PAINT_POINTS
    passed = valid and worst_ms <= FIRST_PAINT_TARGET_MS
    print(
        f"  median {median_ms:.0f} ms, max {worst_ms:.0f} ms, {points:,} points drawn "
        f"({'WebGL' if all(p.webgl for p in paints) else 'SVG'}), target {FIRST_PAINT_TARGET_MS:.0f} ms: "
        + ("PASS" if passed else "FAIL" if valid else f"INVALID (under {FIRST_PAINT_POINTS:,} points)")
    )
    return passed


# --- main ---


def default_ledger(claims: int, seed: int) -> Path:
    return Path(tempfile.gettempdir()) / f"claimtrail-bench-serve-{claims}-seed{seed}.db"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, default=DEFAULT_CLAIMS, help="claims in each ledger")
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS, help="timed requests of each kind")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--ledger", type=Path, help="the SQLite ledger, reused if present (default: in /tmp)")
    parser.add_argument("--skip-postgres", action="store_true", help="time SQLite only")
    parser.add_argument("--skip-browser", action="store_true", help="skip the first-paint measurement")
    args = parser.parse_args(argv)
    vocab = store_bench.make_vocabulary(random.Random(args.seed))
    ledger = args.ledger or default_ledger(args.claims, args.seed)
    print(
        f"web view benchmark: {args.claims:,} claims, {args.requests} requests of each kind, "
        f"target p95 <= {TARGET_P95_MS:.0f} ms; first paint target {FIRST_PAINT_TARGET_MS:.0f} ms"
    )
    ok = True
    origin = ensure_ledger(ledger, args.claims, args.seed, vocab)
    ok &= run_api("SQLite", str(ledger), origin, args.requests, args.seed, vocab)
    if not args.skip_postgres:
        with start_cluster() as cluster:
            url = cluster.create_database("bench")
            with open_ledger(url, create=True) as store:
                build_s, generate_s = store_bench.build(store, args.claims, args.seed, vocab)
            vacuum_s = vacuum(url)
            origin = (
                f"built in a temporary cluster in {build_s:.0f} s (+ {generate_s:.0f} s generating), "
                f"then vacuumed in {vacuum_s:.0f} s"
            )
            ok &= run_api("PostgreSQL", url, origin, args.requests, args.seed, vocab)
    if not args.skip_browser:
        ok &= run_first_paint(args.seed)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
