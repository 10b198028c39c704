"""Scaling out: articles/s in one process and on a local Dask cluster of 1 and 2 workers.

    $ .venv/bin/python bench/scale.py                  # 2,000 documents, seed 13
    $ .venv/bin/python bench/scale.py --docs 4000 --partition-documents 100

Builds one JSON Lines file of varied articles from the bundled text samples
(``samples/*.txt``, varied as ``bench/throughput.py`` varies them: paragraphs
shuffled, dropped and repeated, figures and names changed, two articles mixed),
then, in one run, times ``claimtrail extract`` over it

  (a) in one process (``pipeline.extract_paths``, the model loaded and warmed up first);
  (b) with ``--engine dask`` on a LocalCluster of 1 worker process;
  (c) the same with 2 worker processes;

where each cluster is started as the CLI starts it (``scale.connect``), and its
workers load the model and extract a few warm-up documents, before the clock starts. It prints articles/s for each, the
scaling efficiency from 1 to 2 workers (rate(2) / (2 x rate(1))), and each
worker's peak resident memory on half the corpus and on the whole corpus (fresh
clusters of 2 workers), which should not grow with the corpus. Each Dask output
is checked to be byte-identical to the single-process output.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"

DEFAULT_DOCS = 2000
DEFAULT_SEED = 13
# The target: 2 workers do at least 85 % of twice what 1 worker does.
TARGET_EFFICIENCY = 0.85
# Peak worker memory may grow this much when the corpus doubles and still count as
# flat: allocator noise and the longest article met so far, not the corpus size.
FLAT_MEMORY_GROWTH = 0.10
# Documents each worker extracts before timing: loads the model and fills its caches.
WARMUP_DOCS = 8
MIB = 1 << 20
# Other processes' CPU above this (in cores) during a timing makes its figure suspect:
# a tenth of a core is what a desktop's idle chatter costs.
QUIET_CORES = 0.1


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float
    documents: int
    background_cores: float  # CPU other processes on the machine used meanwhile, in cores
    note: str = ""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    def report(self) -> str:
        line = f"{self.label:<16} {self.seconds:8.1f} s  {self.rate:7.1f} articles/s"
        notes = [n for n in (self.note, f"other processes: {self.background_cores:.2f} cores") if n]
        return f"{line}  ({'; '.join(notes)})"


class CpuMeter:
    """CPU time the machine spent outside this process and its children, over a timed stretch.

    On a shared machine another process's work slows a run down; the bench
    reports it beside each figure rather than pretend the machine was idle.
    """

    def __init__(self) -> None:
        import psutil

        self._psutil = psutil
        self._me = psutil.Process()
        self._start = time.perf_counter()
        self._busy, self._ours = self._busy_s(), self._ours_s()

    def _busy_s(self) -> float:
        times = self._psutil.cpu_times()
        return float(sum(times) - times.idle - getattr(times, "iowait", 0.0) - getattr(times, "guest", 0.0)
                     - getattr(times, "guest_nice", 0.0))  # fmt: skip

    def _ours_s(self) -> float:
        total = 0.0
        for process in [self._me, *self._me.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except self._psutil.Error:  # ended meanwhile
                continue
            total += times.user + times.system
        return total

    def background_cores(self) -> float:
        """Cores' worth of CPU used by other processes since the meter started."""
        wall = time.perf_counter() - self._start
        other = (self._busy_s() - self._busy) - (self._ours_s() - self._ours)
        return max(0.0, other / wall) if wall else 0.0


@dataclass(frozen=True)
class ClusterRun:
    timing: Timing
    output: str
    peak_rss_bytes: list[int]  # per worker, after the run
    loaded_rss_bytes: list[int]  # per worker, after the model loaded and warmed up


def load_throughput_module() -> ModuleType:
    """bench/throughput.py, for its corpus builder (the bench folder is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_throughput", REPO_ROOT / "bench" / "throughput.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("cannot load bench/throughput.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, documents: int, seed: int) -> tuple[Path, int]:
    """A JSON Lines file of ``documents`` varied sample articles; the path and its word count."""
    throughput = load_throughput_module()
    bases = throughput.load_base_texts(SAMPLES_DIR / "no-seeds", SAMPLES_DIR)
    corpus = throughput.build_corpus(bases, documents, seed)
    path = folder / f"corpus-{documents}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for variant in corpus:
            out.write(json.dumps({"id": variant.doc, "text": variant.text}, ensure_ascii=False) + "\n")
    return path, sum(v.words for v in corpus)


def head_of(path: Path, documents: int, folder: Path, name: str) -> Path:
    """The first ``documents`` lines of the JSON Lines file ``path``, as a file of their own."""
    target = folder / name
    with path.open("rb") as source, target.open("wb") as out:
        for _ in range(documents):
            out.write(source.readline())
    return target


def time_one_process(path: Path, warmup: Path, settings: Any) -> tuple[Timing, str]:
    from claimtrail import pipeline
    from claimtrail.models import Document
    from claimtrail.nlp import load_model

    model = load_model(settings.nlp.model)
    list(pipeline.extract_paths([warmup], settings, model))
    meter, start = CpuMeter(), time.perf_counter()
    lines = [
        r.to_json_line() for r in pipeline.extract_paths([path], settings, model) if isinstance(r, Document)
    ]
    seconds = time.perf_counter() - start
    return Timing("one process", seconds, len(lines), meter.background_cores()), "".join(lines)


def time_cluster(path: Path, warmup: Path, settings: Any, workers: int, label: str) -> ClusterRun:
    """Start a local cluster of ``workers`` as the CLI does, warm it up, then time one extraction of ``path``."""
    import io

    from claimtrail.scale import EngineOptions, connect, extract_distributed, worker_stats

    started = time.perf_counter()
    with connect(EngineOptions(workers=workers), settings) as client:
        options = EngineOptions(scheduler=client.scheduler.address, workers=workers)
        cluster_s = time.perf_counter() - started
        # Every worker loads the model and extracts a few documents, outside the timing.
        warm_started = time.perf_counter()
        client.run(_warm_up, str(warmup), settings)
        loaded = [s.peak_rss_bytes for s in client.run(worker_stats).values()]
        warm_s = time.perf_counter() - warm_started
        out = io.StringIO()
        meter, start = CpuMeter(), time.perf_counter()
        report = extract_distributed([path], settings, out, options=options)
        seconds = time.perf_counter() - start
        background = meter.background_cores()
        peaks = [s.peak_rss_bytes for s in client.run(worker_stats).values()]
    note = f"not timed: cluster start {cluster_s:.1f} s, model load and warm-up {warm_s:.1f} s"
    timing = Timing(label, seconds, report.documents, background, note)
    return ClusterRun(timing, out.getvalue(), peaks, loaded)


def _warm_up(path: str, settings: Any) -> int:
    """Run on each worker: load the model and extract the warm-up documents."""
    from claimtrail import pipeline

    return sum(1 for _ in pipeline.extract_paths([path], settings))


def mib(values: Sequence[int]) -> str:
    return ", ".join(f"{v / MIB:,.0f}" for v in values) + " MiB"


def benchmark(documents: int, seed: int, partition_documents: int | None) -> str:
    import distributed

    from claimtrail.settings import load_settings

    # Dask logs every connection at INFO once imported; the figures are what matter here.
    logging.getLogger(distributed.__name__).setLevel(logging.WARNING)

    settings = load_settings()
    if partition_documents is not None:
        settings = replace(settings, scale=replace(settings.scale, partition_documents=partition_documents))
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimtrail-bench-") as tmp:
        folder = Path(tmp)
        # 1. the corpus, its first half, and a few warm-up documents
        path, words = write_corpus(folder, documents, seed)
        half = head_of(path, documents // 2, folder, "half.jsonl")
        warmup = head_of(path, WARMUP_DOCS, folder, "warmup.jsonl")
        lines.append(
            f"corpus           {documents:,} documents, {words:,} words, one JSON Lines file "
            f"({path.stat().st_size / MIB:.1f} MiB), seed {seed}; partitions of "
            f"{settings.scale.partition_documents} documents; {os.cpu_count()} CPU cores"
        )
        print(lines[-1], flush=True)
        # 2. one process, then clusters of 1 and 2 workers over the same file
        single, expected = time_one_process(path, warmup, settings)
        print(single.report(), flush=True)
        one = time_cluster(path, warmup, settings, 1, "dask 1 worker")
        print(one.timing.report(), flush=True)
        two = time_cluster(path, warmup, settings, 2, "dask 2 workers")
        print(two.timing.report(), flush=True)
        # 3. memory: fresh 2-worker clusters on half the corpus (the full one was just run)
        small = time_cluster(half, warmup, settings, 2, "dask 2 workers")
    lines += [single.report(), one.timing.report(), two.timing.report()]
    efficiency = two.timing.rate / (2 * one.timing.rate)
    verdict = "ok" if efficiency >= TARGET_EFFICIENCY else "BELOW TARGET"
    lines.append(
        f"efficiency       1 -> 2 workers: {two.timing.rate:.1f} / (2 x {one.timing.rate:.1f}) = "
        f"{efficiency:.0%} (target >= {TARGET_EFFICIENCY:.0%}: {verdict})"
    )
    lines.append(f"dask vs one      1 worker at {one.timing.rate / single.rate:.0%} of one process's rate")
    growth = max(two.peak_rss_bytes) / max(small.peak_rss_bytes) - 1
    flat = "flat" if growth <= FLAT_MEMORY_GROWTH else "GROWS"
    lines += [
        f"worker memory    model loaded and warmed up: {mib(two.loaded_rss_bytes)} (peak RSS per worker)",
        f"                 {documents // 2:,} documents: {mib(small.peak_rss_bytes)} peak per worker",
        (
            f"                 {documents:,} documents: {mib(two.peak_rss_bytes)} peak per worker "
            f"({growth:+.1%} as the corpus doubles: {flat}, within {FLAT_MEMORY_GROWTH:.0%})"
        ),
    ]
    busiest = max(t.background_cores for t in (single, one.timing, two.timing))
    if busiest > QUIET_CORES:
        lines.append(
            f"WARNING          other processes used up to {busiest:.2f} cores during a timing: "
            "the figures understate this code; run again on a quiet machine"
        )
    identical = one.output == expected and two.output == expected
    lines.append(f"output           dask output identical to one process: {'yes' if identical else 'NO'}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help=f"documents (default {DEFAULT_DOCS})")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--partition-documents",
        type=int,
        default=None,
        help="documents per partition (default: settings scale.partition_documents)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.docs < 2 * WARMUP_DOCS:
        print(f"--docs must be at least {2 * WARMUP_DOCS}", file=sys.stderr)
        return 2
    print("\n" + benchmark(args.docs, args.seed, args.partition_documents))
    return 0


if __name__ == "__main__":
    sys.exit(main())
