"""WARC files (Common Crawl's CC-NEWS format): one document per HTML response record, streamed.

    >>> for item in iter_warc(Path("CC-NEWS-20250310.warc.gz"), IngestSettings()):
    ...     print(item.doc)
    https://news.example/2025/03/10/floods

Records are read with warcio (``.warc`` or ``.warc.gz`` of one gzip member per
record, as Common Crawl writes them), one at a time. A ``response`` record with
an HTTP 2xx status and an HTML body becomes a document: the body is decoded
(UTF-8, else the HTTP charset, else charset-normalizer) and goes through
trafilatura like an HTML file. ``doc`` is the record's target URI (its
``WARC-Record-ID`` when it has none), ``origin`` is ``PATH@OFFSET`` (the record's
byte offset), the ``url`` is the target URI, and the crawl date (``WARC-Date``)
is the ``published`` date only when the page declares none: CC-NEWS fetches
articles within hours of their publication, so it is close, but a date the page
gives is the publisher's own. Requests, metadata and other record types are
skipped silently; responses that are not pages (another status, another content
type) are skipped with the reason logged; a broken record becomes a
:class:`DocumentFailure` and the records after it still yield.

Every read is bounded (``ingest.max_warc_*``): a header line, a record's headers,
a record's and the file's decompressed bytes, and the file's records. A file that
passes a bound yields a failure saying which, after the records before it: a
small ``.warc.gz`` may decompress to gigabytes, and warcio alone reads a header
line of any length into memory.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, InputTooLargeError
from ..models import DocumentFailure, DocumentMeta, RawDocument
from ..settings import IngestSettings
from .decode import decode_page, storable_document
from .html import extract_html
from .meta import merge_meta

__all__ = [
    "HTML_CONTENT_TYPES",
    "WARC_EXTRA",
    "WARC_SUFFIXES",
    "WarcBoundError",
    "bounded_archive",
    "broken_warc_errors",
    "is_warc",
    "iter_warc",
]

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
# The content types of a web page; a crawl also fetches feeds, images and PDFs.
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
# A response with another status is a redirect or an error page, not an article.
OK_STATUS = range(200, 300)

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_VALID_WARC = (
    "expected a WARC file (.warc, or .warc.gz with one gzip member per record, "
    "as Common Crawl writes them; `warcio recompress` fixes other .warc.gz files)"
)
# Characters of a library's error kept in a message: enough for its reason, not
# for the page of advice or the binary bytes warcio sometimes adds.
REASON_CHARS = 160
# warcio is an optional extra: the base install reads .txt, .html and .jsonl only.
WARC_EXTRA = "pip install 'claimtrail[warc]'"


class WarcBoundError(InputTooLargeError):
    """A WARC file passes one of the ``ingest.max_warc_*`` bounds; the rest of the file is not read."""


def bounded_archive(file: BinaryIO, settings: IngestSettings) -> Any:
    """warcio's ArchiveIterator over ``file`` with every read bounded; raises :class:`WarcBoundError`.

    warcio must be installed. The iterator's reader is replaced before the first
    record is read, so every byte warcio decompresses and every line it reads
    passes through the bounds.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
        """warcio's reader, counting decompressed bytes and refusing over-long lines."""

        def __init__(self, stream: BinaryIO) -> None:
            super().__init__(stream)
            self.file_bytes = 0
            self.record_bytes = 0
            self.header_bytes: int | None = 0  # None: the headers are read, the body is next

        def _count(self, data: bytes) -> bytes:
            """Count the bytes handed to warcio: what it has decompressed and is reading."""
            self.file_bytes += len(data)
            self.record_bytes += len(data)
            if self.file_bytes > settings.max_warc_file_bytes:
                raise WarcBoundError(
                    f"the file decompresses to more than ingest.max_warc_file_bytes = "
                    f"{settings.max_warc_file_bytes:,} bytes"
                )
            if self.record_bytes > settings.max_warc_record_bytes:
                raise WarcBoundError(
                    f"a record decompresses to more than ingest.max_warc_record_bytes = "
                    f"{settings.max_warc_record_bytes:,} bytes"
                )
            return data

        def read(self, length: int | None = None) -> bytes:
            # warcio reads bodies in blocks of at most a record's length; never all at once.
            data: bytes = super().read(length)
            return self._count(data)

        def readline(self, length: int | None = None) -> bytes:
            bound = settings.max_warc_line_bytes
            line: bytes = self._count(super().readline(min(length, bound + 1) if length else bound + 1))
            if len(line) > bound:
                raise WarcBoundError(
                    f"a header line is longer than ingest.max_warc_line_bytes = {bound:,} bytes"
                )
            if self.header_bytes is not None:
                self.header_bytes += len(line)
                if self.header_bytes > settings.max_warc_header_bytes:
                    raise WarcBoundError(
                        f"a record's headers are longer than ingest.max_warc_header_bytes = "
                        f"{settings.max_warc_header_bytes:,} bytes"
                    )
            return line

    class BoundedIterator(ArchiveIterator):  # type: ignore[misc]
        """warcio's iterator over a :class:`BoundedReader`, counting records."""

        def __init__(self, fileobj: BinaryIO) -> None:
            super().__init__(fileobj)
            self.reader = BoundedReader(self.fh)
            self.records = 0
            # A response without WARC-Target-URI (malformed: the header is required)
            # made warcio fail on None and end the file; it is read as a record
            # without HTTP headers instead, which is skipped as not a page.
            load_http_headers = self.loader.load_http_headers

            def headers_without_uri(rec_type: str, uri: str | None, stream: Any, length: int | None) -> Any:
                return load_http_headers(rec_type, uri or "", stream, length)

            self.loader.load_http_headers = headers_without_uri

        def _next_record(self, next_line: bytes | None) -> Any:
            self.records += 1
            if self.records > settings.max_warc_records:
                raise WarcBoundError(
                    f"the file holds more than ingest.max_warc_records = {settings.max_warc_records:,} records"
                )
            self.reader.record_bytes = len(next_line or b"")  # a line read before the record began
            self.reader.header_bytes = 0
            record = super()._next_record(next_line)
            self.reader.header_bytes = None
            return record

    return BoundedIterator(file)


def broken_warc_errors() -> tuple[type[BaseException], ...]:
    """What a broken file or record raises from warcio or the decompressor (warcio must be installed)."""
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    return (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError)


def is_warc(path: Path) -> bool:
    """Whether ``path`` is named like a WARC file."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc(
    path: Path, settings: IngestSettings, *, start: int = 0, records: int | None = None
) -> Iterator[RawDocument | DocumentFailure]:
    """Yield a document or failure per HTML response record of the WARC file ``path``.

    ``start`` is the byte offset of a record to begin at and ``records`` how many
    records (of every type) to read from there (None: to the end); the documents
    are the same as when the whole file is read.
    """
    offset = start
    iterator: Any = None
    doc = path.name  # the record being read, for a failure while reading it
    try:
        import warcio  # noqa: F401
    except ImportError:
        message = f"{path}: reading WARC files needs warcio, which is not installed: {WARC_EXTRA}"
        yield DocumentFailure(doc=path.name, origin=str(path), error=message)
        return
    broken = broken_warc_errors()
    try:
        with path.open("rb") as file:
            file.seek(start)
            iterator = bounded_archive(file, settings)
            for count, record in enumerate(iterator):
                if records is not None and count >= records:
                    break
                doc = _record_doc(record, path)
                item = (
                    _read_response(record, iterator, path, settings)
                    if record.rec_type == "response"
                    else None
                )
                # Where the next record begins (warcio's arithmetic fails in a single gzip stream).
                offset = max(offset, iterator.get_record_offset() + iterator.get_record_length())
                doc = path.name
                if item is not None:
                    yield item
    except WarcBoundError as exc:
        # warcio's offset is where the record being read began.
        offset = offset if iterator is None else iterator.offset
        message = (
            f"{path}@{offset}: {exc}; the records before this one were read, the rest of the file "
            "is not (a news page is far smaller: raise the limit in a settings file if the file is genuine)"
        )
        yield DocumentFailure(doc=doc, origin=f"{path}@{offset}", error=message)
    except OSError as exc:
        message = f"{path}@{offset}: cannot be read ({exc.strerror}); expected a readable file"
        yield DocumentFailure(doc=path.name, origin=f"{path}@{offset}", error=message)
    except broken as exc:
        message = f"{path}@{offset}: the WARC file is broken here ({_reason(exc)}); {_VALID_WARC}"
        yield DocumentFailure(doc=path.name, origin=f"{path}@{offset}", error=message)


def _read_response(
    record: Any, iterator: Any, path: Path, settings: IngestSettings
) -> RawDocument | DocumentFailure | None:
    """The document of one response record; None for a response that is not a page."""
    headers = record.rec_headers
    target = headers.get_header("WARC-Target-URI") or None
    doc = _record_doc(record, path)
    if target is None:
        origin = f"{path}@{iterator.get_record_offset()}"
        message = (
            f"{origin}: a response record without WARC-Target-URI, which the WARC format requires; "
            "the record was skipped"
        )
        return DocumentFailure(doc=doc, origin=origin, error=message)
    # 1. Only HTML pages fetched successfully are articles.
    skip = _not_a_page(record.http_headers)
    if skip is not None:
        logger.info("skipping %s@%d (%s): %s", path, iterator.get_record_offset(), doc, skip)
        return None
    # 2. Read the body before the offset: asking for the offset skips the rest of the record.
    try:
        body = record.content_stream().read(settings.max_document_bytes + 1)
        error = None
    except broken_warc_errors() as exc:
        body, error = b"", exc
    # warcio reads a record cut short (a truncated download) without complaint:
    # what its Content-Length promised and the file did not hold is still to read.
    missing = getattr(record.raw_stream, "limit", 0) if len(body) <= settings.max_document_bytes else 0
    origin = f"{path}@{iterator.get_record_offset()}"
    if error is not None:
        message = f"{origin}: the record's body cannot be read ({_reason(error)}); {_VALID_WARC}"
        return DocumentFailure(doc=doc, origin=origin, error=message)
    if missing:
        message = (
            f"{origin}: the record is cut short ({missing:,} bytes of its Content-Length are missing); "
            "the file is truncated: download it again"
        )
        return DocumentFailure(doc=doc, origin=origin, error=message)
    # 3. Decode and extract as an HTML file; the page's own metadata wins over the crawl's.
    try:
        markup = decode_page(body, _declared_charset(record.http_headers), where=origin, settings=settings)
        article = extract_html(markup, where=origin)
    except InputError as exc:
        logger.debug("%s", exc)
        return DocumentFailure(doc=doc, origin=origin, error=str(exc))
    crawled = DocumentMeta(published=_crawl_date(headers.get_header("WARC-Date")))
    meta = merge_meta(merge_meta(DocumentMeta(url=target), article.meta), crawled)
    return storable_document(RawDocument(doc=doc, text=article.text, origin=origin, format="html", meta=meta))


def _record_doc(record: Any, path: Path) -> str:
    """A record's name: its target URI, else its record id, else the file's name."""
    headers = record.rec_headers
    return str(headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID") or path.name)


def _not_a_page(http_headers: Any) -> str | None:
    """Why a response is not a page (status, content type), or None when it is one."""
    if not http_headers:
        return "the response has no HTTP headers"
    status = http_headers.get_statuscode()
    if not (status or "").isdigit() or int(status) not in OK_STATUS:
        return f"HTTP status {status or '(none)'}, not a page"
    content_type = (http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    # A response without a content type is tried as HTML: trafilatura refuses what is not.
    if content_type and content_type not in HTML_CONTENT_TYPES:
        return f"content type {content_type}; only {', '.join(HTML_CONTENT_TYPES)} pages are read"
    return None


def _declared_charset(http_headers: Any) -> str | None:
    match = _CHARSET.search(http_headers.get_header("Content-Type") or "")
    return match.group(1) if match else None


def _crawl_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("ignoring an unreadable WARC-Date %r", value)
        return None


def _reason(exc: BaseException) -> str:
    """The exception in one printable line (warcio quotes the broken bytes it met)."""
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(exc).split()))
    if len(text) > REASON_CHARS:
        text = text[: REASON_CHARS - 3] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
