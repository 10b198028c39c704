"""What a Dask worker runs: one partition through the same stages as a single process.

    >>> summary = extract_partition(partition, settings, "/shared/parts/part-00000007.jsonl")
    >>> prepared = prepare_partition(partition, settings, "postgresql://...", run_id)
    >>> committed = commit_partition(prepared, previous, settings, "postgresql://...", run_id)

Every task loads the spaCy model through :func:`claimtrail.nlp.load_model`,
cached per process, so a worker loads it once, with its first partition. A
task's results go to a file or the ledger, never back to the client: it
returns a small summary. Each task can run again (a worker died) with the same
outcome: a part file is replaced whole, a document already in the ledger is
not added twice.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import nlp, pipeline
from ..errors import OutputError, UnstorableDocumentError
from ..models import Alert, DocumentFailure, RawDocument, StoredDocument, StoryInput, StoryTouch
from ..settings import Settings
from ..store import open_store
from .partitions import Partition, read_partition

__all__ = [
    "CommitSummary",
    "PartSummary",
    "PreparedPartition",
    "WorkerStats",
    "commit_partition",
    "extract_partition",
    "prepare_partition",
    "worker_stats",
]


@dataclass(frozen=True)
class PartSummary:
    """What an extract task wrote to its part file: documents, and the failures in input order."""

    index: int
    documents: int
    failures: tuple[DocumentFailure, ...]
    # What the driver needs to put each written document in its story, in order.
    stories: tuple[pipeline.StoryPending | None, ...] = ()


@dataclass(frozen=True)
class PreparedPartition:
    """A partition extracted for the ledger, waiting for its turn to be added."""

    index: int
    stored: tuple[StoredDocument, ...]
    skipped: int  # already in the ledger for this run, not extracted again
    failures: tuple[DocumentFailure, ...]
    # What the story stage reads of each stored document: its story is assigned when
    # the partition is committed, in input order, by the index the ledger keeps.
    stories: tuple[StoryInput | None, ...] = ()


@dataclass(frozen=True)
class CommitSummary:
    """What adding one partition to the ledger did (``pipeline.IngestReport``'s counts)."""

    index: int
    added: int
    skipped: int
    copies: int
    failures: tuple[DocumentFailure, ...]
    alerts: tuple[Alert, ...] = ()  # the conflicts this partition's documents raised, stored


@dataclass(frozen=True)
class WorkerStats:
    """One worker process: its id, how many spaCy models it loaded, its peak memory."""

    pid: int
    models_loaded: int
    peak_rss_bytes: int


def extract_partition(partition: Partition, settings: Settings, part_path: str) -> PartSummary:
    """Extract the documents of ``partition`` into the JSON Lines file ``part_path``.

    The file is written under a temporary name and renamed when complete, so a
    retried task replaces it and a reader never sees half of one.
    """
    model = nlp.load_model(settings.nlp.model)
    part = Path(part_path)
    temporary = part.with_name(f"{part.name}.{uuid.uuid4().hex}.tmp")
    failures: list[DocumentFailure] = []
    stories: list[pipeline.StoryPending | None] = []
    written = 0
    try:
        with temporary.open("w", encoding="utf-8") as out:
            # No story yet: the story index learns from each document in arrival order, which
            # partitions extracted apart cannot share; the driver assigns them (engine.py).
            for item in pipeline.extract_with_articles(read_partition(partition, settings), settings, model):
                result = item.result
                if isinstance(result, DocumentFailure):
                    failures.append(result)
                else:
                    out.write(result.to_json_line())
                    stories.append(pipeline.story_pending(item))
                    written += 1
        os.replace(temporary, part)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write the part file {part}: {exc.strerror}; the parts folder must be writable "
            "by every worker (pass --parts-dir on a filesystem the client and workers share)"
        ) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return PartSummary(
        index=partition.index, documents=written, failures=tuple(failures), stories=tuple(stories)
    )


def prepare_partition(
    partition: Partition, settings: Settings, database: str, run_id: int
) -> PreparedPartition:
    """Extract the documents of ``partition`` not yet in the ledger, as records ready to add."""
    model = nlp.load_model(settings.nlp.model)
    skipped = 0

    def count_skipped(_: RawDocument) -> None:
        nonlocal skipped
        skipped += 1

    stored: list[StoredDocument] = []
    stories: list[StoryInput | None] = []
    failures: list[DocumentFailure] = []
    with open_store(database, create=False, connect_timeout_s=settings.store.connect_timeout_s) as store:
        docs = pipeline.unstored_documents(read_partition(partition, settings), store, run_id, count_skipped)
        for item in pipeline.extract_with_articles(docs, settings, model):
            if isinstance(item.result, DocumentFailure):
                failures.append(item.result)
            elif item.article is not None:
                stored.append(pipeline.stored_document(item.article, item.result))
                stories.append(item.story)
    return PreparedPartition(partition.index, tuple(stored), skipped, tuple(failures), tuple(stories))


def commit_partition(
    prepared: PreparedPartition,
    previous: CommitSummary | None,
    settings: Settings,
    database: str,
    run_id: int,
    webhooks: tuple[str, ...] = (),
) -> CommitSummary:
    """Add a prepared partition to the ledger, after ``previous`` (the partition before it).

    Partitions are added one after another in input order, each document in
    its own transaction as a single process adds them, so every document finds
    the same near-duplicate original as in a single-process ingest. A document
    already stored (an earlier attempt of this task got that far) is skipped.
    """
    del previous  # only orders the tasks: Dask runs this one when the previous one is done
    added = skipped = copies = 0
    failures = list(prepared.failures)
    touched: list[StoryTouch] = []
    with pipeline.open_ledger(
        database, create=False, connect_timeout_s=settings.store.connect_timeout_s
    ) as store:
        stories = pipeline.StoryAssigner.load(store)  # this partition's turn: the index as saved
        inputs = prepared.stories or (None,) * len(prepared.stored)
        for stored, story in zip(prepared.stored, inputs, strict=True):
            try:
                linked = pipeline.add_to_ledger(stored, store, run_id, story=story, stories=stories)
            except UnstorableDocumentError as exc:  # this document's data, not the ledger: go on
                stories = pipeline.StoryAssigner.load(store)
                failures.append(DocumentFailure(stored.document.doc, stored.origin, str(exc)))
                continue
            if linked is None:
                skipped += 1
            else:
                added += 1
                copies += linked.copy_of is not None
                touch = pipeline.story_touch(linked, dt.datetime.now(dt.UTC))
                if touch is not None:
                    touched.append(touch)
        # Stored here, in the partition's turn, as one process stores them per batch; the
        # driver sends them (it holds the webhooks' secret, which tasks never carry).
        alerts = pipeline.alerts_after_ingest(store, touched, settings, webhooks=webhooks) if touched else []
    return CommitSummary(
        index=prepared.index,
        added=added,
        skipped=prepared.skipped + skipped,
        copies=copies,
        failures=tuple(failures),
        alerts=tuple(alerts),
    )


def worker_stats() -> WorkerStats:
    """This process's id, spaCy models loaded and peak resident memory (run it on each worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = usage if sys.platform == "darwin" else usage * 1024
    return WorkerStats(pid=os.getpid(), models_loaded=nlp.load_model.cache_info().misses, peak_rss_bytes=peak)
