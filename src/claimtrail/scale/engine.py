"""The Dask engine: partitions submitted to a cluster, results written in input order as they come.

    >>> report = extract_distributed(["corpus/"], settings, sys.stdout, options=EngineOptions(workers=2))
    >>> report = ingest_distributed(["corpus/"], "postgresql://...", settings,
    ...                             options=EngineOptions(scheduler="tcp://10.0.0.5:8786"))

Without a scheduler address a ``LocalCluster`` of worker processes (one thread
each: spaCy holds the GIL) starts and stops with the run. The client plans
partitions in a background thread, keeps at most
``scale.partitions_in_flight_per_worker`` per worker thread submitted and not
yet written, and writes each partition's results once every earlier one is
written: extraction's part files are appended to the output, the ledger's
partitions are added one after another by chained tasks. Results never travel
to the client, only small summaries. A worker that dies has its tasks run
again elsewhere (Dask's ``distributed.scheduler.allowed-failures`` times);
every task can run twice with the same outcome.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

from .. import pipeline
from ..errors import ClaimtrailError, OutputError, ScaleError
from ..models import Alert, DocumentFailure
from ..settings import Settings
from ..store import is_postgres_url, open_store
from .partitions import Partition, plan_partitions
from .worker import CommitSummary, PartSummary, commit_partition, extract_partition, prepare_partition

__all__ = [
    "EngineOptions",
    "ExtractReport",
    "Listener",
    "connect",
    "extract_distributed",
    "ingest_distributed",
]

logger = logging.getLogger(__name__)

# Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 to hand freed memory back
# to the system; setting it also turns off glibc's adaptive mmap threshold, so each
# of spaCy's larger arrays is mmap-ed and unmapped anew, which made a local worker
# about 10 % slower than one process here. Our workers' memory stays flat without it
# (bench/scale.py), so local workers keep glibc's defaults.
LOCAL_WORKER_CONFIG: dict[str, object] = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
# Seconds the planning thread may take to notice that the run stopped early.
_PLANNER_STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class EngineOptions:
    """Where to run: a scheduler address (None: a local cluster), workers, the part files' folder.

    ``workers`` is the local cluster's size, or how many workers of a remote
    cluster to wait for; ``parts_dir`` must be a folder every worker and the
    client see at the same path (a shared filesystem) when workers are remote.
    """

    scheduler: str | None = None
    workers: int | None = None
    parts_dir: Path | None = None


@dataclass(frozen=True)
class ExtractReport:
    """What a distributed extraction wrote: documents, and the failures in input order."""

    documents: int
    failures: tuple[DocumentFailure, ...]


class Listener(Protocol):
    """Follows a distributed run (the CLI prints it); every method is called from the client's thread."""

    def started(self, dashboard: str | None, workers: int) -> None:
        """The cluster is ready: its dashboard address and worker count."""

    def planned(self, documents: int, complete: bool) -> None:
        """Documents planned so far (an estimate: blank lines and non-page records count); ``complete`` at the end."""

    def finished(self, documents: int) -> None:
        """One more partition written, holding this many documents as planned."""

    def failed(self, failure: DocumentFailure) -> None:
        """A document failed (in input order); the run goes on."""


class _Silent:
    def started(self, dashboard: str | None, workers: int) -> None:
        pass

    def planned(self, documents: int, complete: bool) -> None:
        pass

    def finished(self, documents: int) -> None:
        pass

    def failed(self, failure: DocumentFailure) -> None:
        pass


@contextmanager
def connect(options: EngineOptions, settings: Settings) -> Iterator[Client]:
    """A client of the scheduler ``options.scheduler``, or of a local cluster started for the run."""
    if options.workers is not None and options.workers < 1:
        raise ScaleError(f"--workers must be at least 1, not {options.workers}")
    timeout_s = settings.scale.scheduler_timeout_s
    cluster: LocalCluster | None = None
    if options.scheduler:
        client = _remote_client(options.scheduler, options.workers or 1, timeout_s)
    else:
        with dask.config.set(LOCAL_WORKER_CONFIG):
            cluster = LocalCluster(
                n_workers=options.workers or settings.scale.default_workers,
                threads_per_worker=1,  # spaCy holds the GIL: one process per core
                processes=True,
                dashboard_address=settings.scale.dashboard_address,
                # The workers' own loggers: CRITICAL, because while the cluster shuts
                # down a worker's last heartbeat can race the scheduler's close and log
                # a harmless traceback at ERROR. What goes wrong in a task still reaches
                # the client as that task's exception, and is reported per document.
                silence_logs=logging.CRITICAL,
            )
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _remote_client(address: str, workers: int, timeout_s: int) -> Client:
    start_one = (
        f"start one with `dask scheduler` and workers with `dask worker {address}`, "
        "or leave out --scheduler to run a local cluster"
    )
    try:
        client = Client(address, timeout=timeout_s)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScaleError(f"cannot reach the Dask scheduler at {address} ({exc}); {start_one}") from exc
    try:
        client.wait_for_workers(workers, timeout=timeout_s)
    except TimeoutError as exc:
        found = len(client.nthreads())
        client.close()
        raise ScaleError(
            f"the Dask scheduler at {address} has {found} worker(s), waited {timeout_s} s for {workers}; "
            f"start workers with `dask worker {address}`"
        ) from exc
    return client


def extract_distributed(
    paths: Sequence[str | Path],
    settings: Settings,
    out: IO[str],
    *,
    options: EngineOptions = EngineOptions(),
    listener: Listener | None = None,
) -> ExtractReport:
    """Extract the claims of every document under ``paths`` on Dask, writing JSON Lines to ``out``.

    ``out`` receives exactly what ``claimtrail extract`` writes in one process,
    in the same order.
    """
    events = listener or _Silent()
    failures: list[DocumentFailure] = []
    documents = 0
    token = uuid.uuid4().hex[:8]
    # Stories are assigned here, as parts are written in input order: one index cannot
    # be shared by workers, and its assignments depend on the order documents arrive.
    stories = pipeline.StoryAssigner.fresh()
    with connect(options, settings) as client, _parts_folder(options.parts_dir) as folder:
        _check_folder_visible(client, folder)
        events.started(_dashboard(client), len(client.nthreads()))

        def submit(partition: Partition) -> Future[Any]:
            part = folder / f"part-{partition.index:08d}.jsonl"
            key = f"claimtrail-extract-{partition.index}-{token}"
            return client.submit(extract_partition, partition, settings, str(part), key=key, pure=False)

        def write(partition: Partition, summary: PartSummary) -> None:
            nonlocal documents
            part = folder / f"part-{partition.index:08d}.jsonl"
            _append_part(part, out, summary.stories, stories)
            documents += summary.documents
            for failure in summary.failures:
                failures.append(failure)
                events.failed(failure)

        _run_in_order(client, paths, settings, submit, write, events)
    return ExtractReport(documents=documents, failures=tuple(failures))


def ingest_distributed(
    paths: Sequence[str | Path],
    database: str,
    settings: Settings,
    *,
    options: EngineOptions = EngineOptions(),
    listener: Listener | None = None,
    webhooks: Sequence[str] = (),
) -> pipeline.IngestReport:
    """Extract every document under ``paths`` into the ledger at ``database`` on Dask.

    The ledger ends up as after :func:`claimtrail.pipeline.ingest_paths` in one
    process: the same documents, claims, near-duplicate originals and alerts
    (each partition's, stored in its turn with a pending delivery to each URL of
    ``webhooks``; the caller sends them with :func:`claimtrail.pipeline.deliver_alerts`,
    so the signing secret never travels with a task). Workers open the ledger
    themselves, so a SQLite file must be on a filesystem they share; use
    PostgreSQL when workers run on other machines.
    """
    events = listener or _Silent()
    url = database if is_postgres_url(database) else str(Path(database).resolve())
    with open_store(url, create=True, connect_timeout_s=settings.store.connect_timeout_s) as store:
        run_id = store.ensure_run(pipeline.current_run(settings))
    totals = _IngestTotals()
    token = uuid.uuid4().hex[:8]
    with connect(options, settings) as client:
        events.started(_dashboard(client), len(client.nthreads()))
        previous: list[Future[Any] | None] = [None]

        def submit(partition: Partition) -> Future[Any]:
            # The commit waits for the previous partition's: the ledger is written in input order.
            prepared = client.submit(
                prepare_partition, partition, settings, url, run_id,
                key=f"claimtrail-prepare-{partition.index}-{token}", pure=False,
            )  # fmt: skip
            commit = client.submit(
                commit_partition, prepared, previous[0], settings, url, run_id, tuple(webhooks),
                key=f"claimtrail-commit-{partition.index}-{token}", pure=False,
            )  # fmt: skip
            previous[0] = commit
            return commit

        def write(partition: Partition, summary: CommitSummary) -> None:
            totals.add(summary)
            for failure in summary.failures:
                events.failed(failure)

        _run_in_order(client, paths, settings, submit, write, events)
    return totals.report()


@dataclass
class _IngestTotals:
    added: int = 0
    skipped: int = 0
    copies: int = 0
    failures: list[DocumentFailure] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    def add(self, summary: CommitSummary) -> None:
        self.added += summary.added
        self.skipped += summary.skipped
        self.copies += summary.copies
        self.failures.extend(summary.failures)
        self.alerts.extend(summary.alerts)

    def report(self) -> pipeline.IngestReport:
        return pipeline.IngestReport(
            added=self.added,
            skipped=self.skipped,
            copies=self.copies,
            failures=tuple(self.failures),
            alerts=tuple(self.alerts),
        )


# --- the ordered, bounded submission loop ---


def _run_in_order(
    client: Client,
    paths: Sequence[str | Path],
    settings: Settings,
    submit: Callable[[Partition], Future[Any]],
    write: Callable[[Partition, Any], None],
    events: Listener,
) -> None:
    """Submit the partitions of ``paths``, at most a few per worker not yet written; write them in order.

    1. A thread plans partitions ahead, so the total is known early.
    2. Partitions are submitted while fewer than the limit are running or
       finished but waiting for an earlier one.
    3. Each finished partition is written as soon as every earlier one is.
    """
    planner = _Planner(paths, settings)
    running = as_completed(loop=client.loop)  # the default client's loop may be another client's
    submitted: dict[Future[Any], Partition] = {}
    finished: dict[int, tuple[Partition, Any]] = {}
    next_index = 0

    def refill() -> None:
        limit = max(1, _worker_threads(client)) * max(1, settings.scale.partitions_in_flight_per_worker)
        while len(submitted) + len(finished) < limit and (partition := planner.next()) is not None:
            future = submit(partition)
            submitted[future] = partition
            running.add(future)
        events.planned(planner.documents, planner.complete)

    try:
        refill()
        for future in running:
            partition = submitted.pop(future)
            finished[partition.index] = (partition, _result(future, partition))
            while next_index in finished:
                done, summary = finished.pop(next_index)
                write(done, summary)
                events.finished(done.documents)
                next_index += 1
            refill()
    except BaseException:
        client.cancel(list(submitted))
        raise
    finally:
        planner.stop()


class _Planner:
    """Plans partitions in a thread; the client takes them in order with :meth:`next`."""

    def __init__(self, paths: Sequence[str | Path], settings: Settings) -> None:
        self.documents = 0
        self.complete = False
        self._queue: queue.Queue[Partition | BaseException | None] = queue.Queue()
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._plan, args=(paths, settings), name="claimtrail-planner", daemon=True
        )
        self._thread.start()

    def _plan(self, paths: Sequence[str | Path], settings: Settings) -> None:
        try:
            for partition in plan_partitions(paths, settings):
                if self._stopping.is_set():
                    return
                self.documents += partition.documents
                self._queue.put(partition)
            self.complete = True
            self._queue.put(None)
        # Whatever stops planning is handed to the client's thread, which raises it there.
        except BaseException as exc:  # noqa: BLE001
            self._queue.put(exc)

    def next(self) -> Partition | None:
        """The next partition, waiting for the plan if needed; None after the last."""
        item = self._queue.get()
        if item is None:
            self._queue.put(None)  # every later call also gets None
            return None
        if isinstance(item, BaseException):
            raise item
        return item

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=_PLANNER_STOP_TIMEOUT_S)


def _result(future: Future[Any], partition: Partition) -> Any:
    try:
        return future.result()
    except ClaimtrailError:
        raise
    except KilledWorker as exc:
        allowed = dask.config.get("distributed.scheduler.allowed-failures")
        raise ScaleError(
            f"partition {partition.index} ({_describe(partition)}) was running on {allowed + 1} workers "
            f"that all died (distributed.scheduler.allowed-failures = {allowed}); check the workers' "
            "memory limit and logs"
        ) from exc
    except Exception as exc:
        raise ScaleError(f"partition {partition.index} ({_describe(partition)}) failed: {exc!r}") from exc


def _describe(partition: Partition) -> str:
    first, last = partition.sources[0], partition.sources[-1]
    return str(first.path) if first.path == last.path else f"{first.path} .. {last.path}"


def _worker_threads(client: Client) -> int:
    return sum(client.nthreads().values())


def _dashboard(client: Client) -> str | None:
    try:
        link = client.dashboard_link
    except (KeyError, ValueError, AttributeError):  # a scheduler without a dashboard
        return None
    return str(link) if link else None


# --- part files ---


@contextmanager
def _parts_folder(parent: Path | None) -> Iterator[Path]:
    """A fresh folder for one run's part files, removed with whatever is left in it."""
    if parent is not None and not parent.is_dir():
        raise OutputError(f"--parts-dir {parent} is not a folder; give an existing folder the workers share")
    try:
        folder = Path(tempfile.mkdtemp(prefix="claimtrail-parts-", dir=parent))
    except OSError as exc:
        raise OutputError(
            f"cannot create a parts folder in {parent or tempfile.gettempdir()}: {exc.strerror}"
        ) from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_folder_visible(client: Client, folder: Path) -> None:
    """Raise unless every worker sees ``folder`` (the client writes a marker, the workers look)."""
    marker = folder / "visible"
    marker.touch()
    seen = client.run(os.path.exists, str(marker))
    blind = sorted(worker for worker, exists in seen.items() if not exists)
    marker.unlink()
    if blind:
        raise ScaleError(
            f"worker(s) {', '.join(blind)} cannot see the parts folder {folder}; pass --parts-dir with a "
            "folder on a filesystem the client and every worker share, at the same path"
        )


def _append_part(
    part: Path, out: IO[str], pending: Sequence[pipeline.StoryPending | None], stories: pipeline.StoryAssigner
) -> None:
    """Copy a part file to ``out``, each document put in its story (``pending``, one per line, in order)."""
    try:
        with part.open(encoding="utf-8") as source:
            if not pending:
                shutil.copyfileobj(source, out)
            for line, story in zip(source, pending, strict=False):
                out.write(line if story is None else pipeline.document_line_in_story(line, story, stories))
        out.flush()
        part.unlink()
    except OSError as exc:
        raise OutputError(f"cannot copy the part file {part} to the output: {exc.strerror}") from exc
