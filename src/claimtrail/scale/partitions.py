"""Partitions: the inputs cut into pieces of about ``scale.partition_documents`` documents.

    >>> for partition in plan_partitions(["articles/", "big.jsonl"], settings):
    ...     print(partition.index, partition.documents)
    0 200

Planning reads no document: it lists folders as ``ingest`` walks them, and
scans large files cheaply for where to cut them. A JSON Lines file is cut at
line boundaries (counting newlines), each piece keeping the number of its
first line; a WARC file is cut before a response record (reading record
headers, skipping bodies), each piece keeping the byte offset of its first
record. The documents of the partitions, read in order, are those of
:func:`claimtrail.ingest.iter_documents` on the same paths, with the same
names and origins, so a distributed run writes what a single process would.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ingest import document_kind, iter_input_files, iter_jsonl, iter_warc, read_path
from ..ingest.warc import WarcBoundError, bounded_archive, broken_warc_errors
from ..models import DocumentFailure, RawDocument
from ..settings import IngestSettings, Settings

__all__ = [
    "FileSource",
    "LineRange",
    "Partition",
    "RecordRange",
    "Source",
    "plan_partitions",
    "read_partition",
]

logger = logging.getLogger(__name__)

# Large files are scanned for newlines in pieces of this size: big enough that the
# scan runs at disk speed (counting newlines is a C loop), small enough to hold.
SCAN_CHUNK_BYTES = 1 << 22


@dataclass(frozen=True)
class FileSource:
    """One input path read whole: a text or HTML document, or a named path that will fail."""

    path: Path
    named: bool  # given as a path (a problem with it is reported), not found in a folder

    @property
    def documents(self) -> int:
        return 1


@dataclass(frozen=True)
class LineRange:
    """The lines of a JSON Lines file from byte ``start`` (line ``first_line``) to byte ``end``."""

    path: Path
    start: int
    end: int
    first_line: int
    lines: int

    @property
    def documents(self) -> int:
        return self.lines  # blank lines included: an estimate for the progress bar


@dataclass(frozen=True)
class RecordRange:
    """``records`` records of a WARC file from byte ``start`` (None: to the end of the file)."""

    path: Path
    start: int
    records: int | None
    responses: int

    @property
    def documents(self) -> int:
        return self.responses  # responses that are not pages are skipped: an estimate


Source = FileSource | LineRange | RecordRange


@dataclass(frozen=True)
class Partition:
    """The unit of distributed work: consecutive sources, about ``partition_documents`` documents."""

    index: int
    sources: tuple[Source, ...]

    @property
    def documents(self) -> int:
        return sum(source.documents for source in self.sources)


def plan_partitions(paths: Sequence[str | Path], settings: Settings) -> Iterator[Partition]:
    """The partitions of ``paths`` in input order, planned lazily as they are asked for."""
    if isinstance(paths, (str, bytes)):
        raise TypeError("plan_partitions() takes a sequence of paths, not one path; wrap it in a list")
    size = max(1, settings.scale.partition_documents)
    pending: list[Source] = []
    documents = index = 0
    for source in _iter_sources(paths, size, settings.ingest):
        if pending and documents + source.documents > size:
            yield Partition(index, tuple(pending))
            pending, documents, index = [], 0, index + 1
        pending.append(source)
        documents += source.documents
    if pending:
        yield Partition(index, tuple(pending))


def read_partition(partition: Partition, settings: Settings) -> Iterator[RawDocument | DocumentFailure]:
    """The documents of ``partition``, streamed, as ``iter_documents`` yields them."""
    for source in partition.sources:
        if isinstance(source, LineRange):
            yield from iter_jsonl(
                source.path, settings.ingest, start=source.start, end=source.end, first_line=source.first_line
            )
        elif isinstance(source, RecordRange):
            yield from iter_warc(source.path, settings.ingest, start=source.start, records=source.records)
        else:
            yield from read_path(source.path, settings.ingest, named=source.named)


def _iter_sources(paths: Sequence[str | Path], size: int, settings: IngestSettings) -> Iterator[Source]:
    for file, named in iter_input_files(paths):
        yield from _file_sources(file, size, settings, named=named)


def _file_sources(path: Path, size: int, settings: IngestSettings, *, named: bool) -> Iterator[Source]:
    kind = document_kind(path)
    # A named path that is missing or of another kind yields its failure when read.
    if kind == "jsonl" and path.is_file():
        yield from _line_ranges(path, size)
    elif kind == "warc" and path.is_file():
        yield from _record_ranges(path, size, settings)
    else:
        yield FileSource(path, named)


def _line_ranges(path: Path, size: int) -> Iterator[Source]:
    """Ranges of ``size`` lines; the file whole when it cannot be scanned (reading reports why)."""
    try:
        yield from _scan_lines(path, size)
    except OSError as exc:
        logger.debug("cannot scan %s (%s); it is read whole", path, exc.strerror)
        yield FileSource(path, named=True)


def _scan_lines(path: Path, size: int) -> Iterator[LineRange]:
    start = offset = lines = 0
    first_line = 1
    last = b""
    with path.open("rb") as file:
        while chunk := file.read(SCAN_CHUNK_BYTES):
            position, newlines = 0, chunk.count(b"\n")
            # Cut after every ``size``-th newline; the rest of the chunk's newlines are counted.
            while lines + newlines >= size:
                for _ in range(size - lines):
                    position = chunk.index(b"\n", position) + 1
                newlines -= size - lines
                end = offset + position
                yield LineRange(path, start, end, first_line, size)
                start, first_line, lines = end, first_line + size, 0
            lines += newlines
            offset += len(chunk)
            last = chunk[-1:]
    if offset > start:
        # A last line without a newline is a line too.
        yield LineRange(path, start, offset, first_line, lines + (last != b"\n"))


def _record_ranges(path: Path, size: int, settings: IngestSettings) -> Iterator[Source]:
    """Ranges of ``size`` response records; a broken file is cut where it breaks (reading reports it).

    The scan is bounded as reading is (``ingest.max_warc_*``): past a bound, the
    rest of the file is one range, whose reading reports the bound.
    """
    stops: tuple[type[BaseException], ...] = (OSError, WarcBoundError, *broken_warc_errors())
    start: int | None = None
    records = responses = 0
    try:
        with path.open("rb") as file:
            iterator = bounded_archive(file, settings)
            for record in iterator:
                offset = iterator.get_record_offset()
                if record.rec_type == "response":
                    if responses == size and start is not None:
                        yield RecordRange(path, start, records, responses)
                        start, records, responses = None, 0, 0
                    responses += 1
                if start is None:
                    start = offset
                records += 1
    # Damage (I/O, gzip, WARC headers): the rest is one range, whose reading reports it.
    except stops as exc:
        logger.debug("scanning %s stopped: %r", path, exc)
    # The last range runs to the end of the file (from 0 for a file without records).
    yield RecordRange(path, 0 if start is None else start, None, responses)
