"""Scale out: the same stages mapped over partitions of a large corpus on a Dask cluster.

    >>> from claimtrail.scale import EngineOptions, extract_distributed, ingest_distributed
    >>> with open("claims.jsonl", "w", encoding="utf-8") as out:
    ...     report = extract_distributed(["corpus/"], settings, out, options=EngineOptions(workers=4))
    >>> report = ingest_distributed(["cc-news/"], "postgresql://db/ledger", settings,
    ...                             options=EngineOptions(scheduler="tcp://10.0.0.5:8786"))

Partitions are planned from paths without reading documents
(:mod:`.partitions`), each runs through :mod:`claimtrail.pipeline` on a worker
that loads the spaCy model once (:mod:`.worker`), and the client writes results
in input order as they come (:mod:`.engine`): the output, or the ledger, is
the same as a single process makes. Needs ``pip install 'claimtrail[scale]'``.
"""

from __future__ import annotations

from .engine import EngineOptions, ExtractReport, Listener, connect, extract_distributed, ingest_distributed
from .partitions import FileSource, LineRange, Partition, RecordRange, plan_partitions, read_partition
from .worker import WorkerStats, worker_stats

__all__ = [
    "EngineOptions",
    "ExtractReport",
    "FileSource",
    "LineRange",
    "Listener",
    "Partition",
    "RecordRange",
    "WorkerStats",
    "connect",
    "extract_distributed",
    "ingest_distributed",
    "plan_partitions",
    "read_partition",
    "worker_stats",
]
