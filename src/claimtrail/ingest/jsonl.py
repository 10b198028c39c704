"""JSON Lines: one document per line, ``{"id": ..., "text" or "html": ..., optional metadata}``.

    {"id": "cna-0626", "text": "SEOUL: North Korea will send ...", "outlet": "CNA", "published": "2025-06-26"}

The file is streamed a line at a time (never read whole); a bad line becomes a
failure naming its line number and the other lines still yield. Blank lines are
skipped. A byte range of the file (starting on a line, with that line's number)
reads like the same lines of the whole file, so a large file can be split. ``text`` is kept exactly as given; ``html`` goes through trafilatura like an
HTML file, and what the record gives wins over the page's own metadata.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import DecodeError, InputError, InputTooLargeError, MalformedInputError
from ..models import DocumentFailure, RawDocument
from ..settings import IngestSettings
from .decode import check_text, replace_unstorable, storable_document
from .html import extract_html
from .jsontext import load_json
from .meta import VALID_META, merge_meta, meta_from_mapping

logger = logging.getLogger(__name__)

# Lines are read in pieces of this size when skipping the rest of one that is too long.
_SKIP_CHUNK_BYTES = 1 << 20

_VALID_RECORD = (
    'each line must be one JSON object with "id" (a non-empty string), "text" or "html" '
    f"(a string), and {VALID_META}"
)


def iter_jsonl(
    path: Path,
    settings: IngestSettings,
    *,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[RawDocument | DocumentFailure]:
    """Yield one document or failure per non-blank line of the JSON Lines file ``path``.

    ``start``/``end`` limit reading to the lines between those byte offsets
    (``start`` at the beginning of line ``first_line``, ``end`` after a newline or
    at the end of the file): the records come with the same names and origins
    as when the whole file is read.
    """
    number = first_line - 1
    try:
        with path.open("rb") as file:
            file.seek(start)
            lines = _iter_lines(file, settings.max_document_bytes, number=number, end=end)
            for number, line in lines:
                if line is None or line.strip():
                    yield read_record(line, path=path, number=number, settings=settings)
    except OSError as exc:
        message = f"{path}: cannot be read after line {number} ({exc.strerror}); expected a readable file"
        yield DocumentFailure(doc=path.name, origin=str(path), error=message)


def read_record(
    line: bytes | None, *, path: Path, number: int, settings: IngestSettings
) -> RawDocument | DocumentFailure:
    """Return the document of line ``number`` of ``path`` (``None``: a line over the size limit).

    A bad record becomes the failure saying what is wrong with it and what would be valid.
    """
    where, origin = f"{path} line {number}", f"{path}:{number}"
    doc = f"{path.name}:{number}"
    try:
        if line is None:
            raise InputTooLargeError(
                f"{where}: the line is longer than ingest.max_document_bytes = "
                f"{settings.max_document_bytes:,} bytes; split the record or raise the limit"
            )
        record = _parse_object(line, where=where, first=number == 1)
        doc = _record_id(record, where)
        raw = _build_document(record, doc=doc, origin=origin, where=where, settings=settings)
        return storable_document(raw)
    except InputError as exc:
        logger.debug("%s", exc)
        return DocumentFailure(doc=replace_unstorable(doc), origin=origin, error=str(exc))


def _iter_lines(
    file: BinaryIO, limit: int, *, number: int, end: int | None
) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, line)``, or ``(line number, None)`` for a line over ``limit`` bytes.

    Numbering continues from ``number``; reading stops at byte offset ``end`` (None: the end).
    """
    position = file.tell()
    while (end is None or position < end) and (line := file.readline(limit + 1)):
        number += 1
        position += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            # Skip the rest unread into memory: one huge record must not stop the others.
            while rest := file.readline(_SKIP_CHUNK_BYTES):
                position += len(rest)
                if rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _parse_object(line: bytes, *, where: str, first: bool) -> dict[str, object]:
    try:
        # JSON Lines is UTF-8 by definition; a BOM may open the first line only.
        source = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{where}: the line is not UTF-8 ({exc.reason}); save the file as UTF-8") from exc
    try:
        record = load_json(source, where=where, expected=_VALID_RECORD)
    except json.JSONDecodeError as exc:
        problem = f"invalid JSON ({exc.msg} at column {exc.colno})"
        raise MalformedInputError(f"{where}: {problem}; {_VALID_RECORD}") from exc
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: the line is not a JSON object; {_VALID_RECORD}")
    return record


def _record_id(record: dict[str, object], where: str) -> str:
    doc = record.get("id")
    if not isinstance(doc, str) or not doc.strip():
        problem = "has no id" if doc is None else "has an id that is not a non-empty string"
        raise MalformedInputError(f"{where}: the record {problem}; {_VALID_RECORD}")
    return doc


def _build_document(
    record: dict[str, object], *, doc: str, origin: str, where: str, settings: IngestSettings
) -> RawDocument:
    meta = meta_from_mapping(record, where=where)
    text, html = record.get("text"), record.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise MalformedInputError(f"{where}: {name} must be a string; {_VALID_RECORD}")
    if isinstance(text, str):
        # The given text is the original every offset points into, so it wins over html.
        check_text(text, where=f"{where} (text)", settings=settings)
        return RawDocument(doc=doc, text=text, origin=origin, format="jsonl", meta=meta)
    if isinstance(html, str):
        check_text(html, where=f"{where} (html)", settings=settings)
        article = extract_html(html, where=f"{where} (html)")
        meta = merge_meta(meta, article.meta)
        return RawDocument(doc=doc, text=article.text, origin=origin, format="html", meta=meta)
    raise MalformedInputError(f"{where}: the record has neither text nor html; {_VALID_RECORD}")
