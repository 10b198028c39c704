"""The Dask engine on a real LocalCluster of 2 worker processes: the same output and ledger as one process.

One cluster serves the module (the engine reaches it by its scheduler address, as
``--scheduler`` does); a test that kills a worker leaves the nanny to start a new one.
"""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import cloudpickle
import dask
import pytest
from distributed import Client, LocalCluster

from claimtrail import pipeline
from claimtrail.errors import OutputError, ScaleError
from claimtrail.models import Document, DocumentFailure, Filters
from claimtrail.scale import EngineOptions, extract_distributed, ingest_distributed, worker_stats
from claimtrail.scale.engine import LOCAL_WORKER_CONFIG, _run_in_order, connect
from claimtrail.settings import Settings
from claimtrail.store import open_store

WORKERS = 2
# Small partitions: the corpus's ~120 documents make 15 tasks, more than the workers
# run at once, so partitions finish out of order and wait to be written.
PARTITION_DOCUMENTS = 8
# Every row of a query, for comparing two ledgers whole.
ALL_ROWS = 1_000_000


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # Workers as the engine starts its own (see engine.LOCAL_WORKER_CONFIG).
    with (
        dask.config.set(LOCAL_WORKER_CONFIG),
        LocalCluster(
            n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local_cluster,
    ):
        yield local_cluster


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def scale_settings(settings: Settings) -> Settings:
    return replace(settings, scale=replace(settings.scale, partition_documents=PARTITION_DOCUMENTS))


@pytest.fixture
def options(cluster: LocalCluster) -> EngineOptions:
    # Waiting for both workers also waits for a killed one's replacement.
    return EngineOptions(scheduler=cluster.scheduler_address, workers=WORKERS)


class Recorder:
    """A listener keeping what the engine reported; with ``kill``, SIGKILLs that process after the first partition."""

    def __init__(self, kill: int | None = None) -> None:
        self.kill = kill
        self.dashboard: str | None = None
        self.workers = 0
        self.documents_planned = 0
        self.plan_complete = False
        self.partitions_written = 0
        self.killed_after: int | None = None
        self.failures: list[DocumentFailure] = []

    def started(self, dashboard: str | None, workers: int) -> None:
        self.dashboard, self.workers = dashboard, workers

    def planned(self, documents: int, complete: bool) -> None:
        self.documents_planned, self.plan_complete = documents, complete

    def finished(self, documents: int) -> None:
        self.partitions_written += 1
        if self.kill is not None and self.killed_after is None:
            os.kill(self.kill, signal.SIGKILL)
            self.killed_after = self.partitions_written

    def failed(self, failure: DocumentFailure) -> None:
        self.failures.append(failure)


@dataclasses.dataclass(frozen=True)
class Reference:
    """What one process makes of the corpus: the extract output, its failures, and a ledger."""

    output: str
    failures: list[DocumentFailure]
    ledger: Path
    report: pipeline.IngestReport


@pytest.fixture(scope="module")
def reference(
    corpus: Any, scale_settings: Settings, nlp: Any, tmp_path_factory: pytest.TempPathFactory
) -> Reference:
    results = list(pipeline.extract_paths(corpus.paths, scale_settings, nlp))
    output = "".join(r.to_json_line() for r in results if isinstance(r, Document))
    failures = [r for r in results if isinstance(r, DocumentFailure)]
    ledger = tmp_path_factory.mktemp("reference") / "ledger.db"
    with pipeline.open_ledger(str(ledger), create=True) as store:
        report = pipeline.ingest_paths(corpus.paths, store, scale_settings, nlp)
    return Reference(output, failures, ledger, report)


def stored_state(url: str) -> dict[str, Any]:
    """What a ledger answers through the Store interface, less the times it was written."""
    with open_store(url, create=False) as store:
        documents = [
            ({k: v for k, v in dataclasses.asdict(info).items() if k != "ingested_at"}, document)
            for info, document in store.iter_documents()
        ]
        facts = store.facts(Filters(limit=ALL_ROWS))
        claims = [replace(c, id=0) for c in store.claims(Filters(limit=ALL_ROWS))]
    return {"documents": documents, "facts": facts, "claims": claims}


def ledger_state(path: Path) -> dict[str, Any]:
    """Everything a SQLite ledger holds that does not depend on when it was written."""
    with sqlite3.connect(path) as conn:
        counts = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("documents", "extractions", "claims", "blocks", "bands", "runs")
        }
    return {**stored_state(str(path)), "counts": counts}


@pytest.mark.slow
def test_extract_writes_what_one_process_writes(
    corpus: Any, reference: Reference, scale_settings: Settings, options: EngineOptions, tmp_path: Path
) -> None:
    out, recorder = io.StringIO(), Recorder()
    parts = tmp_path / "parts"
    parts.mkdir()

    report = extract_distributed(
        corpus.paths, scale_settings, out, options=replace(options, parts_dir=parts), listener=recorder
    )

    assert out.getvalue() == reference.output
    assert report.failures == tuple(reference.failures)
    assert recorder.failures == reference.failures
    assert report.documents == reference.output.count("\n")
    # Failing documents are recorded and the run went on: a broken line, an id-less
    # record, an empty file, a missing path.
    assert len(reference.failures) == 4
    assert (recorder.workers, recorder.plan_complete) == (WORKERS, True)
    assert recorder.documents_planned >= corpus.documents  # an estimate: it counts the blank line too
    assert recorder.dashboard is not None and recorder.dashboard.startswith("http")
    assert recorder.partitions_written > 3 * WORKERS
    assert list(parts.iterdir()) == []  # the run's part folder is gone


@pytest.mark.slow
def test_each_worker_loaded_the_model_once(client: Client, scale_settings: Settings) -> None:
    # Runs after the extraction above: each worker ran several partitions.
    stats = client.run(worker_stats)

    assert len(stats) == WORKERS
    assert [s.models_loaded for s in stats.values()] == [1] * WORKERS


@pytest.mark.slow
def test_ingest_fills_the_ledger_as_one_process_does(
    corpus: Any, reference: Reference, scale_settings: Settings, options: EngineOptions, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.db"

    report = ingest_distributed(corpus.paths, str(ledger), scale_settings, options=options)
    again = ingest_distributed(corpus.paths, str(ledger), scale_settings, options=options)

    assert_same_report(report, reference.report)
    assert report.copies > 0  # near-duplicates found, and found the same originals
    assert ledger_state(ledger) == ledger_state(reference.ledger)
    assert (again.added, again.skipped, again.copies) == (0, report.added + report.skipped, 0)
    assert ledger_state(ledger)["counts"] == ledger_state(reference.ledger)["counts"]


@pytest.mark.slow
def test_ingest_into_postgresql_fills_it_as_one_process_fills_sqlite(
    corpus: Any, reference: Reference, scale_settings: Settings, options: EngineOptions, pg_cluster: Any
) -> None:
    url = pg_cluster.create_database(f"scale_{os.getpid()}")

    report = ingest_distributed(corpus.paths, url, scale_settings, options=options)

    assert_same_report(report, reference.report)
    assert stored_state(url) == stored_state(str(reference.ledger))


@pytest.mark.slow
def test_a_worker_killed_mid_extract_loses_and_repeats_nothing(
    corpus: Any, reference: Reference, scale_settings: Settings, options: EngineOptions, client: Client
) -> None:
    victim = next(iter(client.run(os.getpid).values()))
    out, recorder = io.StringIO(), Recorder(kill=victim)

    extract_distributed(corpus.paths, scale_settings, out, options=options, listener=recorder)

    assert recorder.killed_after == 1 and recorder.partitions_written > 3 * WORKERS
    assert out.getvalue() == reference.output
    assert recorder.failures == reference.failures


@pytest.mark.slow
def test_a_worker_killed_mid_ingest_loses_and_repeats_nothing(
    corpus: Any,
    reference: Reference,
    scale_settings: Settings,
    options: EngineOptions,
    client: Client,
    tmp_path: Path,
) -> None:
    client.wait_for_workers(WORKERS)
    victim = next(iter(client.run(os.getpid).values()))
    ledger, recorder = tmp_path / "ledger.db", Recorder(kill=victim)

    report = ingest_distributed(corpus.paths, str(ledger), scale_settings, options=options, listener=recorder)

    assert recorder.killed_after == 1 and recorder.partitions_written > 3 * WORKERS
    assert ledger_state(ledger) == ledger_state(reference.ledger)
    # A commit cut short and run again counts what it had added as already there.
    assert report.added + report.skipped == reference.report.added + reference.report.skipped
    assert report.failures == reference.report.failures
    client.wait_for_workers(WORKERS)
    assert victim not in client.run(os.getpid).values()


def test_a_parts_dir_that_is_not_a_folder_is_refused(
    scale_settings: Settings, options: EngineOptions, tmp_path: Path
) -> None:
    with pytest.raises(OutputError, match="is not a folder"):
        extract_distributed(
            ["x"], scale_settings, io.StringIO(), options=replace(options, parts_dir=tmp_path / "nope")
        )


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_must_be_positive(scale_settings: Settings, workers: int) -> None:
    with pytest.raises(ScaleError, match=f"--workers must be at least 1, not {workers}"):
        extract_distributed(["x"], scale_settings, io.StringIO(), options=EngineOptions(workers=workers))


def test_an_unreachable_scheduler_is_an_error_saying_how_to_start_one(scale_settings: Settings) -> None:
    quick = replace(scale_settings, scale=replace(scale_settings.scale, scheduler_timeout_s=1))

    with pytest.raises(ScaleError) as raised:
        extract_distributed(["x"], quick, io.StringIO(), options=EngineOptions(scheduler="tcp://127.0.0.1:9"))

    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in str(raised.value)
    assert "`dask worker tcp://127.0.0.1:9`" in str(raised.value)


class DiesOnFirstSend:
    """A task's result whose first serialization (its worker sending it) kills that worker."""

    def __init__(self, value: int, flag: str) -> None:
        self.value, self.flag = value, flag

    def __reduce__(self) -> tuple[Any, ...]:
        if not os.path.exists(self.flag):
            Path(self.flag).touch()
            os._exit(1)  # the worker dies mid-transfer: the client's gather fails
        return (int, (self.value,))


def _result_of(partition_index: int, flag: str) -> Any:
    return DiesOnFirstSend(partition_index, flag) if partition_index == 0 else partition_index


@pytest.mark.slow
def test_a_result_lost_in_transfer_is_computed_again_on_a_client_that_is_not_the_default(
    corpus: Any, scale_settings: Settings, options: EngineOptions, client: Client, tmp_path: Path
) -> None:
    # `client` (the default client) runs its own event loop; the engine's client another.
    # A finished partition whose result dies with its worker is recomputed elsewhere,
    # and the engine waits for it on its own client's loop (it once failed: "bound to a
    # different event loop").
    flag = str(tmp_path / "died-once")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    written: list[tuple[int, Any]] = []
    try:
        with connect(options, scale_settings) as engine_client:
            assert engine_client.loop is not client.loop
            _run_in_order(
                engine_client,
                corpus.paths,
                scale_settings,
                lambda p: engine_client.submit(_result_of, p.index, flag, pure=False),
                lambda p, result: written.append((p.index, result)),
                Recorder(),
            )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert os.path.exists(flag)  # a worker did die sending partition 0's result
    assert written == [(i, i) for i in range(len(written))] and len(written) > 3 * WORKERS


def assert_same_report(report: pipeline.IngestReport, reference: pipeline.IngestReport) -> None:
    """The same counts and failures, and alerts raised once each. Which alerts depends on when
    conflicts are looked for (after each partition here, each batch of articles in one
    process): a conflict may exist between two batches and be gone after a third."""
    assert replace(report, alerts=()) == replace(reference, alerts=())
    conflicts = [a.conflict for a in report.alerts]
    assert len(conflicts) == len(set(conflicts))
    assert bool(conflicts) == bool(reference.alerts)
