"""Partitions: planned without reading documents, read back as exactly the documents of the inputs."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimtrail.ingest import iter_documents
from claimtrail.models import DocumentFailure, RawDocument
from claimtrail.scale import FileSource, LineRange, Partition, RecordRange, plan_partitions, read_partition
from claimtrail.scale import partitions as partitions_module
from claimtrail.settings import Settings

# The corpus fixtures (tests/scale/conftest.py): a Corpus has .paths and .documents.
Corpus = Any


def with_size(settings: Settings, documents: int) -> Settings:
    return replace(settings, scale=replace(settings.scale, partition_documents=documents))


def read_all(partitions: list[Partition], settings: Settings) -> list[RawDocument | DocumentFailure]:
    return [item for partition in partitions for item in read_partition(partition, settings)]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory, build_corpus: Callable[..., Corpus]) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("small"), text_variants=7, jsonl_variants=12, warc_variants=6)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1000])
def test_partitions_read_back_as_the_documents_of_the_inputs(
    small_corpus: Corpus, settings: Settings, size: int
) -> None:
    sized = with_size(settings, size)
    planned = list(plan_partitions(small_corpus.paths, sized))

    assert read_all(planned, sized) == list(iter_documents(small_corpus.paths, settings.ingest))
    assert [p.index for p in planned] == list(range(len(planned)))
    # Every piece of a file holds at most one partition's documents; several small pieces share one.
    assert all(source.documents <= size for p in planned for source in p.sources)
    assert all(p.documents <= size or len(p.sources) == 1 for p in planned)


def test_a_large_json_lines_file_is_cut_at_line_boundaries_keeping_line_numbers(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": f"r{n}", "text": f"Record {n}: {n * 7} troops."}) for n in range(1, 11)]
    lines[4] = "not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    planned = list(plan_partitions([path], with_size(settings, 4)))

    ranges = [source for p in planned for source in p.sources]
    assert all(isinstance(r, LineRange) for r in ranges)
    assert [(r.first_line, r.lines) for r in ranges if isinstance(r, LineRange)] == [(1, 4), (5, 4), (9, 2)]
    data = path.read_bytes()
    for r in ranges:
        assert isinstance(r, LineRange)
        assert r.start == 0 or data[r.start - 1 : r.start] == b"\n"
    failure = read_all(planned, settings)[4]
    assert isinstance(failure, DocumentFailure)
    assert (failure.doc, failure.origin) == ("big.jsonl:5", f"{path}:5")


@pytest.mark.parametrize("chunk_bytes", [1, 7, 64, 1 << 22])
def test_cuts_do_not_depend_on_how_the_scan_reads_the_file(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, chunk_bytes: int
) -> None:
    path = tmp_path / "a.jsonl"
    # CRLF endings, a blank line, a record over the size limit, no newline at the end.
    records = [json.dumps({"id": f"r{n}", "text": f"{n} troops " * (n % 4 + 1)}) for n in range(13)]
    records[6] = json.dumps({"id": "huge", "text": "x" * 300})
    records.insert(3, "")
    path.write_bytes("\r\n".join(records).encode("utf-8"))
    sized = replace(with_size(settings, 3), ingest=replace(settings.ingest, max_document_bytes=200))
    monkeypatch.setattr(partitions_module, "SCAN_CHUNK_BYTES", chunk_bytes)

    planned = list(plan_partitions([path], sized))

    assert sum(p.documents for p in planned) == 14
    assert read_all(planned, sized) == list(iter_documents([path], sized.ingest))


def test_a_warc_file_is_cut_before_response_records(
    tmp_path: Path, settings: Settings, write_warc: Callable[..., int]
) -> None:
    page = (Path(__file__).resolve().parents[2] / "samples" / "04_pan_continental_news.html").read_bytes()
    path = tmp_path / "news.warc.gz"
    pages = [(f"https://x.example/{n}", page.replace(b"150", str(150 + n).encode())) for n in range(7)]
    write_warc(path, pages, extra=False)
    sized = with_size(settings, 3)

    planned = list(plan_partitions([path], sized))

    ranges = [source for p in planned for source in p.sources]
    assert [(type(r).__name__, r.documents) for r in ranges] == [("RecordRange", 3), ("RecordRange", 3),
                                                                  ("RecordRange", 1)]  # fmt: skip
    assert isinstance(ranges[-1], RecordRange) and ranges[-1].records is None
    read = read_all(planned, sized)
    assert read == list(iter_documents([path], settings.ingest))
    assert [item.doc for item in read] == [f"https://x.example/{n}" for n in range(7)]


def test_a_warc_file_past_a_bound_is_planned_up_to_it_and_its_reading_reports_it(
    tmp_path: Path, settings: Settings, write_warc: Callable[..., int]
) -> None:
    page = (Path(__file__).resolve().parents[2] / "samples" / "04_pan_continental_news.html").read_bytes()
    path = tmp_path / "news.warc.gz"
    write_warc(path, [(f"https://x.example/{n}", page) for n in range(3)], extra=False)
    # A record whose WARC header holds a 10 MB line: the scan must not read it whole.
    bomb = b"WARC/1.0\r\nWARC-Type: response\r\nX-Padding: " + b"a" * 10_000_000 + b"\r\n\r\n"
    with path.open("ab") as file:
        file.write(gzip.compress(bomb))
    bounded = replace(with_size(settings, 2), ingest=replace(settings.ingest, max_warc_line_bytes=4_096))

    planned = list(plan_partitions([path], bounded))

    assert [s.documents for p in planned for s in p.sources] == [2, 1]
    read = read_all(planned, bounded)
    assert [type(i).__name__ for i in read] == ["RawDocument"] * 3 + ["DocumentFailure"]
    assert isinstance(read[-1], DocumentFailure)
    assert "a header line is longer than ingest.max_warc_line_bytes = 4,096 bytes" in read[-1].error


def test_paths_that_are_not_documents_are_planned_as_files_whose_reading_fails(
    tmp_path: Path, settings: Settings
) -> None:
    missing, other = tmp_path / "missing.jsonl", tmp_path / "report.pdf"
    other.write_bytes(b"%PDF")

    planned = list(plan_partitions([missing, other], settings))

    assert [s for p in planned for s in p.sources] == [FileSource(missing, True), FileSource(other, True)]
    failures = read_all(planned, settings)
    assert failures == list(iter_documents([missing, other], settings.ingest))
    assert all(isinstance(f, DocumentFailure) for f in failures)


def test_one_path_is_refused_with_the_fix(settings: Settings) -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        list(plan_partitions("articles/", settings))  # type: ignore[arg-type]
