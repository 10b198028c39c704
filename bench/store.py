"""Ledger query latency over 1,000,000 synthetic claims, in SQLite and in PostgreSQL.

    $ .venv/bin/python bench/store.py                          # 1,000,000 claims, both backends
    $ .venv/bin/python bench/store.py --claims 100000 --backends sqlite
    $ .venv/bin/python bench/store.py --keep /tmp/ledger.db    # keep the SQLite ledger

For each backend it builds a ledger through the store's bulk path
(``Store.add_documents``, which gives the facts ``add_document`` would), in a
SQLite file and in a temporary PostgreSQL cluster (``claimtrail.store.tempcluster``,
the one the tests start), then times QUERIES queries of each kind with random
filters and prints p50/p95 milliseconds per kind against TARGET_P95_MS:

  facts       ``store.facts``     by measure, measure+actor, source, a 30-day range, or a deep page
  timeline    ``store.timeline``  the same filters
  conflicts   ``store.timeline`` for one measure+actor, up to CONFLICT_ROWS rows (the
              conflicts command's input), and, beside it, with ``link.find_conflicts`` on them
              (as many as fit in LINK_BUDGET_S)

The corpus is deterministic (``--seed``): ~20 claims per document, COMBOS
measure/actor pairs, each reported by its own pool of SOURCES_PER_COMBO of the
SOURCES sources, OUTLETS outlets, each drawn from a Zipf law (a few ministries
are cited in every report of their war, most sources rarely), point figures
mostly with some "more than", "up to", ranges and vague magnitudes, a share of
hedged claims, of claims with a period, and of documents that are wire copies
of an earlier one.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimtrail.models import (
    MEASURES,
    Block,
    BlockKind,
    Claim,
    Document,
    Filters,
    Period,
    Run,
    StoredDocument,
    Value,
)
from claimtrail.pipeline import CONFLICT_ROWS_LIMIT, open_ledger
from claimtrail.store import Store
from claimtrail.store.tempcluster import start_cluster

DEFAULT_CLAIMS = 1_000_000
DEFAULT_SEED = 7
QUERIES = 200
# Untimed queries first, so that the timings are of a warm server, as in use.
WARMUP_QUERIES = 20
TARGET_P95_MS = 100.0
# The conflicts command asks the store for this many estimates (pipeline.CONFLICT_ROWS_LIMIT).
CONFLICT_ROWS = CONFLICT_ROWS_LIMIT
# Seconds of conflict finding (store + link) to time at most: the link stage's pairwise
# comparison is not the store's to speed up, and must not make the run outlast its budget.
LINK_BUDGET_S = 30.0

# --- the synthetic corpus ---
CLAIMS_PER_DOCUMENT = 20
COMBOS = 20
ACTORS = ("Ukraine", "Russia", "North Korea", "Israel", "Gaza", "Sudan", "Myanmar", "Yemen")
FIGURES_PER_COMBO = 400
SOURCES = 3000
# Each measure/actor pair is reported by its own pool of sources (a war's ministries,
# agencies and monitors), drawn from all SOURCES, so pools overlap a little.
SOURCES_PER_COMBO = 250
OUTLETS = 300
# Zipf exponents: how concentrated each choice is on its most frequent values.
COMBO_ZIPF = 0.8
FIGURE_ZIPF = 1.1
SOURCE_ZIPF = 1.2
OUTLET_ZIPF = 0.9
COPY_SHARE = 0.10  # documents that are wire copies of a recent original
RECENT_ORIGINALS = 500  # a copy reprints one of the last this many originals
HEDGED_SHARE = 0.10
PERIOD_SHARE = 0.30
OWN_VOICE_SHARE = 0.15  # claims the outlet states without a source
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 730
# Forms of a figure and their shares; point forms share a fact.
FORMS = (("exact", 0.55), ("approx", 0.15), ("nearly", 0.04), ("at_least", 0.06),
         ("more_than", 0.08), ("up_to", 0.04), ("range", 0.04), ("vague", 0.04))  # fmt: skip
POINT_FORMS = {"exact", "approx", "nearly", "at_least"}
PHRASE = {"exact": "{n}", "approx": "about {n}", "nearly": "nearly {n}", "at_least": "at least {n}",
          "more_than": "more than {n}", "up_to": "up to {n}", "range": "{n} to {m}", "vague": "thousands of"}  # fmt: skip
# Documents per transaction: each batch refreshes the facts it touches, which in a
# synthetic corpus is nearly all of them, so a few big batches build fastest.
BATCH_DOCUMENTS = 25_000


@dataclass(frozen=True)
class Vocabulary:
    """What the corpus draws from, and what the queries filter on."""

    combos: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    pools: tuple[tuple[int, ...], ...]  # per combo, its sources' indexes, most cited first
    outlets: tuple[str, ...]


def zipf_draw(rng: random.Random, n: int, exponent: float) -> Callable[[], int]:
    """A function drawing 0..n-1 with probability proportional to 1 / (rank + 1) ** exponent."""
    cumulative: list[float] = []
    total = 0.0
    for rank in range(n):
        total += 1.0 / (rank + 1) ** exponent
        cumulative.append(total)
    return lambda: min(n - 1, bisect.bisect(cumulative, rng.random() * total))


def make_vocabulary(rng: random.Random) -> Vocabulary:
    pairs = [(m, a) for m in MEASURES[:-1] for a in ACTORS]
    rng.shuffle(pairs)
    return Vocabulary(
        combos=tuple(pairs[:COMBOS]),
        sources=tuple(f"Source {i:04d} Ministry" for i in range(SOURCES)),
        pools=tuple(tuple(rng.sample(range(SOURCES), SOURCES_PER_COMBO)) for _ in range(COMBOS)),
        outlets=tuple(f"Outlet {i:03d}" for i in range(OUTLETS)),
    )


@dataclass
class Spec:
    """One claim before it has a span: its words and fields."""

    phrase: str
    measure: str
    actor: str
    form: str
    low: float | None
    high: float | None
    fact: str
    source: str | None
    hedged: bool
    when: Period | None


def generate(total_claims: int, seed: int, vocab: Vocabulary) -> Iterator[StoredDocument]:
    """The corpus, document by document, the same for the same seed."""
    rng = random.Random(seed)
    combo = zipf_draw(rng, len(vocab.combos), COMBO_ZIPF)
    figure = zipf_draw(rng, FIGURES_PER_COMBO, FIGURE_ZIPF)
    source = zipf_draw(rng, SOURCES_PER_COMBO, SOURCE_ZIPF)
    outlet = zipf_draw(rng, len(vocab.outlets), OUTLET_ZIPF)
    forms, weights = zip(*FORMS, strict=True)
    recent: list[tuple[StoredDocument, list[Spec]]] = []
    made = number = 0
    while made < total_claims:
        number += 1
        if recent and rng.random() < COPY_SHARE:
            original, specs = rng.choice(recent)
            published = original.document.published or FIRST_DAY
            prefix = f"({vocab.outlets[outlet()]}) "
            layout = Layout(number, published, vocab.outlets[outlet()], prefix, original.id)
        else:
            published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            count = min(
                total_claims - made, rng.randint(CLAIMS_PER_DOCUMENT // 2, CLAIMS_PER_DOCUMENT * 3 // 2)
            )
            specs = [
                _spec(rng, vocab, combo(), figure(), source(), rng.choices(forms, weights)[0], published)
                for _ in range(count)
            ]
            layout = Layout(number, published, vocab.outlets[outlet()], "", None)
        stored = _document(layout, specs, rng)
        if layout.copy_of is None:
            recent = [*recent[-RECENT_ORIGINALS + 1 :], (stored, specs)]
        made += len(stored.document.claims)
        yield stored


@dataclass(frozen=True)
class Layout:
    """A document's own metadata: the same claims may be printed by several."""

    number: int
    published: dt.date
    outlet: str
    prefix: str  # a wire copy's dateline, so that its text (and id) differ from the original
    copy_of: str | None


def _spec(
    rng: random.Random, vocab: Vocabulary, combo: int, figure: int, source: int, form: str, published: dt.date
) -> Spec:
    measure, actor = vocab.combos[combo]
    n = (figure + 1) * 50 * (1 + combo % 5)
    low: float | None = n
    high: float | None = n
    if form in ("at_least", "more_than"):
        high = None
    elif form == "up_to":
        low = None
    elif form == "range":
        high = n * 2
    elif form == "vague":
        low, high = 2000, None
    when = None
    if rng.random() < PERIOD_SHARE:
        when = Period(
            published - dt.timedelta(days=rng.randrange(1, 90)), published, "since the offensive began"
        )
    return Spec(
        phrase=PHRASE[form].format(n=f"{n:,}", m=f"{n * 2:,}"),
        measure=measure,
        actor=actor,
        form=form,
        low=low,
        high=high,
        fact=f"f-{combo}-point-{n}" if form in POINT_FORMS else f"f-{combo}-{form}-{low}-{high}",
        source=None if rng.random() < OWN_VOICE_SHARE else vocab.sources[vocab.pools[combo][source]],
        hedged=rng.random() < HEDGED_SHARE,
        when=when,
    )


def _claim(spec: Spec, start: int, stated_on: dt.date) -> Claim:
    return Claim(
        span=(start, start + len(spec.phrase)),
        text=spec.phrase,
        value=Value(spec.low, spec.high),
        qualifier=spec.form,
        measure=spec.measure,
        counted="people",
        actor=spec.actor,
        when=spec.when,
        stated_by=spec.source,
        source=spec.source,
        stated_on=stated_on,
        hedged=spec.hedged,
        fact=spec.fact,
    )


def _document(layout: Layout, specs: Sequence[Spec], rng: random.Random) -> StoredDocument:
    parts = [layout.prefix]
    claims = []
    offset = len(layout.prefix)
    for spec in specs:
        said = f"{spec.source} said " if spec.source else "Reports say "
        verb = "reportedly " if spec.hedged else ""
        sentence = f"{said}{spec.phrase} people were {verb}{spec.measure} in {spec.actor}. "
        claims.append(_claim(spec, offset + len(said), layout.published))
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    document = Document(
        doc=f"doc-{layout.number:06d}.txt",
        title=f"Report {layout.number}",
        outlet=layout.outlet,
        published=layout.published,
        language="en",
        claims=tuple(claims),
    )
    return StoredDocument(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        document=document,
        text=text,
        origin=f"synthetic/{layout.number}",
        url=None,
        blocks=(Block(0, len(text), BlockKind.BODY, "synthetic"),),
        copy_of=layout.copy_of,
        signature=rng.randbytes(32),
        bands=tuple(f"{i}:{rng.getrandbits(32):08x}" for i in range(4)),
    )


# --- building and querying ---


@dataclass
class Timer:
    """Seconds spent drawing documents from a generator (to keep it out of the build time)."""

    seconds: float = 0.0

    def wrap(self, items: Iterator[StoredDocument]) -> Iterator[StoredDocument]:
        while True:
            started = time.perf_counter()
            item = next(items, None)
            self.seconds += time.perf_counter() - started
            if item is None:
                return
            yield item


def build(store: Store, claims: int, seed: int, vocab: Vocabulary) -> tuple[float, float]:
    """Load the corpus; (seconds storing, seconds generating)."""
    run_id = store.ensure_run(Run(version="bench", settings_hash="bench", settings_json="{}"))
    timer = Timer()
    started = time.perf_counter()
    store.add_documents(timer.wrap(generate(claims, seed, vocab)), run_id, batch_documents=BATCH_DOCUMENTS)
    return time.perf_counter() - started - timer.seconds, timer.seconds


FILTER_KINDS = ("measure", "measure+actor", "source", "30 days", "page")


def random_filters(kind: str, rng: random.Random, vocab: Vocabulary, source: Callable[[], int]) -> Filters:
    measure, actor = rng.choice(vocab.combos)
    if kind == "measure":
        return Filters(measure=measure)
    if kind == "measure+actor":
        return Filters(measure=measure, actor=actor)
    if kind == "source":
        return Filters(source=vocab.sources[vocab.pools[rng.randrange(COMBOS)][source()]])
    if kind == "30 days":
        since = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        return Filters(since=since, until=since + dt.timedelta(days=29))
    return Filters(offset=rng.randrange(0, 50) * 100)


@dataclass
class Timings:
    by_query: dict[str, list[float]]
    by_filter: dict[tuple[str, str], list[float]]
    rows: dict[str, list[int]]


def time_queries(store: Store, vocab: Vocabulary, seed: int) -> Timings:
    """QUERIES queries of each kind (after WARMUP_QUERIES untimed ones), in milliseconds."""
    rng = random.Random(seed)
    source = zipf_draw(rng, SOURCES_PER_COMBO, SOURCE_ZIPF)
    find_conflicts = _find_conflicts()
    queries: list[tuple[str, Callable[[Filters], Sequence[Any]]]] = [
        ("facts", store.facts),
        ("timeline", store.timeline),
        ("conflicts input", store.timeline),
    ]
    if find_conflicts is not None:
        queries.append(("conflicts", lambda f: find_conflicts(store.timeline(f))))
    timings = Timings({}, {}, {})
    link_spent_s = 0.0
    for i in range(WARMUP_QUERIES + QUERIES):
        for query, run in queries:
            if query == "conflicts" and link_spent_s > LINK_BUDGET_S:
                continue
            if query.startswith("conflicts"):
                kind = "measure+actor"
                filters = replace(random_filters(kind, rng, vocab, source), limit=CONFLICT_ROWS)
            else:
                kind = FILTER_KINDS[i % len(FILTER_KINDS)]
                filters = random_filters(kind, rng, vocab, source)
            started = time.perf_counter()
            rows = run(filters)
            elapsed = (time.perf_counter() - started) * 1000
            if query == "conflicts":
                link_spent_s += elapsed / 1000
            if i >= WARMUP_QUERIES:
                timings.by_query.setdefault(query, []).append(elapsed)
                timings.by_filter.setdefault((query, kind), []).append(elapsed)
                timings.rows.setdefault(query, []).append(len(rows))
    return timings


def _find_conflicts() -> Callable[[list[Any]], list[Any]] | None:
    try:
        from claimtrail.link import find_conflicts
    except ImportError:
        return None
    return find_conflicts


def percentile(values: list[float], p: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]
    )


def report(backend: str, build_s: float, generate_s: float, claims: int, timings: Timings) -> bool:
    """Print the figures of one backend; whether every store query met the target."""
    print(f"\n{backend}: built {claims:,} claims in {build_s:.1f} s (+ {generate_s:.1f} s generating them)")
    print(f"  {'query':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'rows (median)':>14} {'queries':>8}")
    ok = True
    for query, values in timings.by_query.items():
        p95 = percentile(values, 95)
        store_query = query != "conflicts"
        ok = ok and (p95 <= TARGET_P95_MS or not store_query)
        flag = "" if p95 <= TARGET_P95_MS else "  over target" if store_query else "  (includes link)"
        rows = statistics.median(timings.rows[query])
        print(
            f"  {query:<16} {percentile(values, 50):8.1f} {p95:8.1f} {max(values):8.1f} {rows:14,.0f} "
            f"{len(values):8}{flag}"
        )
    print("  p95 by filter: " + ", ".join(
        f"{q} {k} {percentile(v, 95):.0f}" for (q, k), v in timings.by_filter.items() if not q.startswith("conflicts")
    ))  # fmt: skip
    return ok


def run_backend(backend: str, url: str, claims: int, seed: int, vocab: Vocabulary) -> bool:
    with open_ledger(url, create=True) as store:
        build_s, generate_s = build(store, claims, seed, vocab)
        total = store.count_claims(Filters())
        timings = time_queries(store, vocab, seed + 1)
    return report(backend, build_s, generate_s, total, timings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, default=DEFAULT_CLAIMS, help="claims in each ledger")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--keep", type=Path, help="build the SQLite ledger at this path and keep it")
    args = parser.parse_args(argv)
    vocab = make_vocabulary(random.Random(args.seed))
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    print(
        f"store benchmark: {args.claims:,} claims, {QUERIES} queries of each kind, target p95 <= {TARGET_P95_MS:.0f} ms"
    )
    ok = True
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="claimtrail-bench-") as tmp:
            path = args.keep or Path(tmp) / "ledger.db"
            if args.keep is not None and path.exists():
                sys.exit(f"{path} exists; remove it or choose another --keep path")
            ok &= run_backend("SQLite", str(path), args.claims, args.seed, vocab)
    if "postgresql" in backends:
        with start_cluster() as cluster:
            ok &= run_backend("PostgreSQL", cluster.create_database("bench"), args.claims, args.seed, vocab)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
