"""WARC files: HTML response records become documents, streamed; the rest is skipped or fails alone.

The files are written here with warcio's own WARCWriter, as Common Crawl writes CC-NEWS.
"""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimtrail.ingest import iter_documents, iter_warc
from claimtrail.models import DocumentFailure, RawDocument
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()
CRAWLED = "2025-03-14T06:30:00Z"

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Floods in Veloria | Tidewater Post</title>
{head}</head><body><nav>Home | World | Sport</nav><article>
<p>Floods in northern Veloria have killed 27 people and injured 104, the Interior Ministry said on
Sunday, as rescuers searched villages cut off by the Tessa river in Orvena province.</p>
<p>Some 2,000 rescuers, backed by army helicopters, were working through the night, and about 8,000
people were in emergency shelters, the ministry said in a statement.</p>
<p>{extra}</p></article><footer>Copyright Tidewater Post</footer></body></html>"""
DATED = '<meta property="article:published_time" content="2025-03-10T09:00:00+01:00">'


@dataclass(frozen=True)
class Record:
    """One WARC record to write: a response unless ``kind`` says otherwise."""

    uri: str
    body: bytes
    kind: str = "response"
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    warc_headers: dict[str, str] = field(default_factory=lambda: {"WARC-Date": CRAWLED})


def page(extra: str = "The river crested on Monday.", *, dated: bool = True) -> bytes:
    return PAGE.format(head=DATED if dated else "", extra=extra).encode("utf-8")


def write_warc(path: Path, records: list[Record], *, compress: bool = True) -> Path:
    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimtrail tests"}))
        for r in records:
            http = None
            if r.kind in ("response", "request"):
                statusline = "GET / HTTP/1.1" if r.kind == "request" else r.status
                http = StatusAndHeaders(
                    statusline, list(r.headers), protocol="" if r.kind == "request" else "HTTP/1.1",
                    is_http_request=r.kind == "request",
                )  # fmt: skip
            record = writer.create_warc_record(
                r.uri,
                r.kind,
                payload=BytesIO(r.body),
                http_headers=http,
                warc_headers_dict=dict(r.warc_headers),
            )
            writer.write_record(record)
    return path


def offsets(path: Path) -> list[tuple[str, int]]:
    """(record type, byte offset) of every record, as warcio indexes them."""
    with path.open("rb") as file:
        iterator = ArchiveIterator(file)
        return [(record.rec_type, iterator.get_record_offset()) for record in iterator]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_an_html_response_is_a_document_named_by_its_uri(tmp_path: Path, compress: bool) -> None:
    name = "news.warc.gz" if compress else "news.warc"
    path = write_warc(
        tmp_path / name, [Record("https://tidewater.example/floods", page())], compress=compress
    )

    [item] = iter_documents([path], SETTINGS)

    response_offset = next(o for kind, o in offsets(path) if kind == "response")
    assert isinstance(item, RawDocument), item
    assert (item.doc, item.origin, item.format) == (
        "https://tidewater.example/floods", f"{path}@{response_offset}", "html",
    )  # fmt: skip
    assert "killed 27 people" in item.text
    assert "Home | World" not in item.text
    assert item.meta.url == "https://tidewater.example/floods"
    assert item.meta.published == dt.date(2025, 3, 10)  # the page's date, not the crawl's
    assert item.meta.title is not None and "Floods in Veloria" in item.meta.title


def test_the_crawl_date_is_published_only_when_the_page_has_none(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc.gz", [Record("https://x.example/undated", page(dated=False))])

    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert item.meta.published == dt.date(2025, 3, 14)


def test_requests_metadata_redirects_and_other_content_types_are_skipped(tmp_path: Path) -> None:
    records = [
        Record("https://x.example/a", b"", kind="request", headers=(("Host", "x.example"),)),
        Record("https://x.example/a", page("First page.")),
        Record("https://x.example/a", b"fetch time: 1.2 s", kind="metadata", headers=()),
        Record("https://x.example/old", b"", status="301 Moved Permanently", headers=(("Location", "/a"),)),
        Record("https://x.example/gone", page("Not here."), status="404 Not Found"),
        Record(
            "https://x.example/report.pdf", b"%PDF-1.7 ...", headers=(("Content-Type", "application/pdf"),)
        ),
        Record(
            "https://x.example/b", page("Second page."), headers=(("Content-Type", "application/xhtml+xml"),)
        ),
    ]
    path = write_warc(tmp_path / "mixed.warc.gz", records)

    items = list(iter_documents([path], SETTINGS))

    assert [(type(i).__name__, i.doc) for i in items] == [
        ("RawDocument", "https://x.example/a"),
        ("RawDocument", "https://x.example/b"),
    ]


def test_a_page_in_its_declared_charset_is_decoded(tmp_path: Path) -> None:
    text = page("Der Fluss erreichte am Montag seinen Höchststand, sagte Jürgen Weiß.").decode("utf-8")
    body = text.replace('lang="en"', 'lang="de"').encode("cp1252")
    headers = (("Content-Type", "text/html; charset=windows-1252"),)
    path = write_warc(tmp_path / "latin.warc.gz", [Record("https://x.example/de", body, headers=headers)])

    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert "Höchststand, sagte Jürgen Weiß" in item.text


def test_a_page_without_article_text_fails_alone(tmp_path: Path) -> None:
    records = [
        Record("https://x.example/empty", b"<html><body><script>var page = 1;</script></body></html>"),
        Record("https://x.example/good", page()),
    ]
    path = write_warc(tmp_path / "a.warc.gz", records)

    failure, item = iter_documents([path], SETTINGS)

    assert isinstance(failure, DocumentFailure)
    assert failure.doc == "https://x.example/empty"
    assert failure.error.startswith(f"{failure.origin}: no article text could be found")
    assert isinstance(item, RawDocument) and item.doc == "https://x.example/good"


def test_a_page_over_the_size_limit_fails_naming_the_limit(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "a.warc.gz", [Record("https://x.example/huge", page("x " * 400))])

    [failure] = iter_documents([path], IngestSettings(max_document_bytes=600))

    assert isinstance(failure, DocumentFailure)
    assert "larger than ingest.max_document_bytes = 600" in failure.error


def test_a_truncated_file_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page(f"Page {n}.")) for n in range(3)]
    path = write_warc(tmp_path / "a.warc.gz", records)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])

    items = list(iter_documents([path], SETTINGS))

    assert [i.doc for i in items[:2]] == ["https://x.example/0", "https://x.example/1"]
    assert all(isinstance(i, RawDocument) for i in items[:2])
    [failure] = items[2:]
    assert isinstance(failure, DocumentFailure)
    assert failure.doc == "https://x.example/2"
    assert failure.error.startswith(f"{failure.origin}: the record is cut short (")
    assert failure.error.endswith("the file is truncated: download it again")


def test_a_single_gzip_stream_is_refused_with_the_fix(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page(f"Page {n}.")) for n in range(2)]
    plain = write_warc(tmp_path / "plain.warc", records, compress=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))

    [failure] = iter_documents([path], SETTINGS)

    assert isinstance(failure, DocumentFailure)
    assert failure.origin == f"{path}@0"
    assert failure.error.startswith(f"{path}@0: the WARC file is broken here (ArchiveLoadFailed: ")
    assert "`warcio recompress` fixes other .warc.gz files" in failure.error
    assert len(failure.error) < 500


def test_garbage_between_records_fails_there_after_the_records_before_it(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page(f"Page {n}.")) for n in range(3)]
    path = write_warc(tmp_path / "a.warc.gz", records)
    cut = [o for _, o in offsets(path)][2]
    data = path.read_bytes()
    path.write_bytes(data[:cut] + bytes(range(256)) * 2 + data[cut:])

    first, failure = iter_documents([path], SETTINGS)

    assert isinstance(first, RawDocument) and first.doc == "https://x.example/0"
    assert isinstance(failure, DocumentFailure)
    assert failure.origin == f"{path}@{cut}"
    assert "the WARC file is broken here" in failure.error
    assert failure.error.isprintable()


def test_a_range_of_records_reads_like_the_same_records_of_the_whole_file(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page(f"Page {n} of the day.")) for n in range(5)]
    path = write_warc(tmp_path / "a.warc.gz", records)
    whole = list(iter_warc(path, SETTINGS))
    starts = offsets(path)  # warcinfo, then the five responses

    middle = list(iter_warc(path, SETTINGS, start=starts[2][1], records=2))
    tail = list(iter_warc(path, SETTINGS, start=starts[4][1]))

    assert middle == whole[1:3]
    assert tail == whole[3:]


def test_warc_files_in_a_folder_are_read_in_order_with_the_others(tmp_path: Path) -> None:
    write_warc(tmp_path / "b.warc", [Record("https://x.example/b", page())], compress=False)
    write_warc(tmp_path / "a.warc.gz", [Record("https://x.example/a", page())])
    (tmp_path / "c.txt").write_text("Floods killed 27 people, the ministry said.\n", encoding="utf-8")
    (tmp_path / "d.warc.bak").write_bytes(b"not a document")

    docs = [i.doc for i in iter_documents([tmp_path], SETTINGS)]

    assert docs == ["https://x.example/a", "https://x.example/b", "c.txt"]


# Bounds on every read: a small .warc.gz may decompress to gigabytes.
BOUNDED = IngestSettings(
    max_warc_line_bytes=4_096,
    max_warc_header_bytes=16_384,
    max_warc_record_bytes=200_000,
    max_warc_file_bytes=100_000_000,
    max_warc_records=10,
)


def bound_failure(items: list[RawDocument | DocumentFailure], setting: str) -> DocumentFailure:
    """The one failure of ``items``, last, naming the bound ``setting``."""
    failure = items[-1]
    assert isinstance(failure, DocumentFailure), items
    assert f"larger than ingest.{setting}" in failure.error or f"ingest.{setting} = " in failure.error
    assert "the records before this one were read" in failure.error
    assert all(isinstance(i, RawDocument) for i in items[:-1])
    return failure


def write_header_bomb(path: Path, line_bytes: int) -> Path:
    """A .warc.gz of one good record, then one whose WARC header holds a ``line_bytes``-byte line.

    The line is compressed a megabyte at a time, so the test never holds it whole.
    """
    good = write_warc(path, [Record("https://x.example/0", page())]).read_bytes()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # one gzip member, as a record is
    chunk = b"a" * 1_000_000
    parts = [compressor.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Padding: ")]
    parts += [compressor.compress(chunk) for _ in range(line_bytes // len(chunk))]
    parts += [compressor.compress(b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n"), compressor.flush()]
    path.write_bytes(good + b"".join(parts))
    return path


def test_a_header_line_of_hundreds_of_megabytes_fails_without_being_read_into_memory(tmp_path: Path) -> None:
    import tracemalloc

    # 300 MB of one WARC header line compress to some 300 KB; warcio alone reads it whole.
    path = write_header_bomb(tmp_path / "bomb.warc.gz", 300_000_000)
    assert path.stat().st_size < 1_000_000

    tracemalloc.start()
    try:
        items = list(iter_documents([path], SETTINGS))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    failure = bound_failure(items, "max_warc_line_bytes")
    assert [i.doc for i in items] == ["https://x.example/0", "bomb.warc.gz"]
    assert "a header line is longer than ingest.max_warc_line_bytes = 65,536 bytes" in failure.error
    # What one 16 KiB block of the file decompresses to (deflate expands 1,032 times at most), a few
    # times over; not the line.
    assert peak < 80_000_000


def test_a_long_http_header_line_fails_naming_the_record(tmp_path: Path) -> None:
    headers = (("Content-Type", "text/html"), ("Set-Cookie", "c" * 10_000))
    records = [Record("https://x.example/0", page()), Record("https://x.example/1", page(), headers=headers)]
    path = write_warc(tmp_path / "a.warc.gz", records)

    items = list(iter_warc(path, BOUNDED))

    failure = bound_failure(items, "max_warc_line_bytes")
    assert [i.doc for i in items] == ["https://x.example/0", "a.warc.gz"]
    assert failure.origin.startswith(f"{path}@")


def test_headers_of_many_lines_fail_at_the_header_bound(tmp_path: Path) -> None:
    headers = (("Content-Type", "text/html"), *((f"X-H{n}", "v" * 100) for n in range(400)))
    path = write_warc(
        tmp_path / "a.warc", [Record("https://x.example/h", page(), headers=headers)], compress=False
    )

    items = list(iter_warc(path, BOUNDED))

    bound_failure(items, "max_warc_header_bytes")


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_record_over_the_record_bound_fails_after_the_records_before_it(
    tmp_path: Path, compress: bool
) -> None:
    video = (("Content-Type", "video/mp4"),)
    records = [
        Record("https://x.example/0", page()),
        Record("https://x.example/big.mp4", b"\0" * 5_000_000, headers=video),
        Record("https://x.example/2", page()),
    ]
    path = write_warc(tmp_path / ("a.warc.gz" if compress else "a.warc"), records, compress=compress)

    items = list(iter_warc(path, BOUNDED))

    failure = bound_failure(items, "max_warc_record_bytes")
    assert [i.doc for i in items] == ["https://x.example/0", "https://x.example/big.mp4"]
    assert "a record decompresses to more than ingest.max_warc_record_bytes = 200,000 bytes" in failure.error
    start = [o for _, o in offsets(path)][2]
    assert failure.origin == f"{path}@{start}"


def test_a_file_over_the_file_bound_fails_where_it_passes_it(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page("x " * 70_000)) for n in range(8)]  # 140 KB each
    path = write_warc(tmp_path / "a.warc.gz", records)

    items = list(iter_warc(path, replace(BOUNDED, max_warc_file_bytes=1_000_000)))

    failure = bound_failure(items, "max_warc_file_bytes")
    assert 5 <= len(items) <= 9
    assert "the file decompresses to more than ingest.max_warc_file_bytes = 1,000,000 bytes" in failure.error


def test_a_file_over_the_record_count_bound_fails_after_reading_that_many(tmp_path: Path) -> None:
    records = [Record(f"https://x.example/{n}", page(f"Page {n}.")) for n in range(12)]
    path = write_warc(tmp_path / "a.warc.gz", records)

    items = list(iter_warc(path, BOUNDED))

    failure = bound_failure(items, "max_warc_records")
    assert [i.doc for i in items[:-1]] == [f"https://x.example/{n}" for n in range(9)]  # warcinfo is a record
    assert "more than ingest.max_warc_records = 10 records" in failure.error


def test_the_bounds_hold_for_the_extract_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimtrail.cli import main

    huge = {"WARC-Date": CRAWLED, "X-Padding": "a" * 100_000}
    path = write_warc(tmp_path / "a.warc.gz", [Record("https://x.example/1", page(), warc_headers=huge)])
    settings = tmp_path / "s.toml"
    settings.write_text("[ingest]\nmax_warc_line_bytes = 4096\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    code = main(["extract", str(path), "--settings", str(settings), "-o", str(out)])

    assert code == 1
    assert "a header line is longer than ingest.max_warc_line_bytes = 4,096 bytes" in capsys.readouterr().err


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_response_without_its_target_uri_fails_alone(tmp_path: Path, compress: bool) -> None:
    # WARC-Target-URI is required on a response; without it warcio itself failed on None
    # and the records after it were never read.
    path = write_warc(
        tmp_path / ("a.warc.gz" if compress else "a.warc"),
        [Record("", page()), Record("https://x.example/after", page())],
        compress=compress,
    )

    first, second = iter_documents([path], SETTINGS)

    assert isinstance(first, DocumentFailure)
    assert "without WARC-Target-URI" in first.error and first.origin.startswith(f"{path}@")
    assert isinstance(second, RawDocument) and second.doc == "https://x.example/after"
