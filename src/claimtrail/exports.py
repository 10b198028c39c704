"""Writing the whole ledger to a file: the spec's JSON Lines, CSV or Parquet.

    >>> with open_store("ledger.db", create=False) as store:
    ...     write_ledger(store, "jsonl", Path("claims.jsonl"))

``jsonl`` writes exactly the per-document objects of ``shared/spec/claims.md``
(so the spec's scorer reads it), with ``fact`` ids as linked in the ledger.
``csv`` and ``parquet`` write one row per claim: every claim field of the spec
plus the document's metadata. Documents are streamed, never held all at once.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, TextIO

from .errors import OutputError
from .models import Claim, ClaimRecord, Document

if TYPE_CHECKING:
    from .store import Store
    from .store.base import DocumentInfo

__all__ = ["COLUMNS", "RECORD_COLUMNS", "claim_rows", "record_row", "write_ledger", "write_ledger_to"]

# One row per claim: the document's metadata, then the claim's fields of the spec.
COLUMNS: tuple[str, ...] = (
    "document_id",
    "doc",
    "title",
    "outlet",
    "published",
    "language",
    "url",
    "copy_of",
    "span_start",
    "span_end",
    "text",
    "value_low",
    "value_high",
    "qualifier",
    "measure",
    "counted",
    "actor",
    "location",
    "when_start",
    "when_end",
    "when_text",
    "stated_by",
    "source",
    "stated_on",
    "hedged",
    "fact",
)
# Rows per Parquet row group: large enough for good compression, small enough
# that a write never holds much of a big ledger in memory.
PARQUET_BATCH_ROWS = 50_000


def claim_rows(info: DocumentInfo, document: Document) -> Iterator[dict[str, Any]]:
    """The flat rows of one document's claims."""
    for claim in document.claims:
        yield {
            "document_id": info.id,
            "doc": document.doc,
            "title": document.title,
            "outlet": document.outlet,
            "published": document.published.isoformat() if document.published else None,
            "language": document.language,
            "url": info.url,
            "copy_of": info.copy_of,
            **_claim_fields(claim),
        }


# One row per stored claim of a query (the web view's CSV download): its id and
# document, the claim's fields and the sentence that holds it.
RECORD_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "document_id",
    "doc",
    "title",
    "outlet",
    "published",
    "language",
    "copy_of",
    *COLUMNS[COLUMNS.index("span_start") :],
    "quote",
)


def record_row(record: ClaimRecord) -> dict[str, Any]:
    """The flat row of one stored claim (``RECORD_COLUMNS``)."""
    return {
        "claim_id": record.id,
        "document_id": record.document_id,
        "doc": record.doc,
        "title": record.title,
        "outlet": record.outlet,
        "published": record.published.isoformat() if record.published else None,
        "language": record.language,
        "copy_of": record.copy_of,
        **_claim_fields(record.claim),
        "quote": record.quote,
    }


def _claim_fields(claim: Claim) -> dict[str, Any]:
    when = claim.when
    return {
        "span_start": claim.span[0],
        "span_end": claim.span[1],
        "text": claim.text,
        "value_low": claim.value.low,
        "value_high": claim.value.high,
        "qualifier": claim.qualifier,
        "measure": claim.measure,
        "counted": claim.counted,
        "actor": claim.actor,
        "location": claim.location,
        "when_start": when.start.isoformat() if when else None,
        "when_end": when.end.isoformat() if when else None,
        "when_text": when.text if when else None,
        "stated_by": claim.stated_by,
        "source": claim.source,
        "stated_on": claim.stated_on.isoformat() if claim.stated_on else None,
        "hedged": claim.hedged,
        "fact": claim.fact,
    }


def write_ledger(store: Store, fmt: str, path: Path) -> int:
    """Write every document of ``store`` to ``path`` as ``fmt``; return how many documents."""
    _check_format(fmt)
    try:
        if fmt == "parquet":
            return _write_parquet(store, str(path))
        with path.open("w", encoding="utf-8", newline="") as out:
            return _TEXT_WRITERS[fmt](store, out)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; choose a writable path") from exc


def write_ledger_to(store: Store, fmt: str, out: TextIO) -> int:
    """Write every document of ``store`` to the open stream ``out`` (parquet to its binary buffer)."""
    _check_format(fmt)
    try:
        if fmt == "parquet":
            count = _write_parquet(store, out.buffer)
            out.buffer.flush()
            return count
        count = _TEXT_WRITERS[fmt](store, out)
        out.flush()
        return count
    except OSError as exc:
        raise OutputError(f"cannot write the export: {exc.strerror or exc}") from exc


def _check_format(fmt: str) -> None:
    if fmt not in (*_TEXT_WRITERS, "parquet"):
        raise OutputError(
            f"unknown export format {fmt!r}; valid formats: {', '.join((*_TEXT_WRITERS, 'parquet'))}"
        )


def _write_jsonl(store: Store, out: IO[str]) -> int:
    count = 0
    for _, document in store.iter_documents():
        out.write(document.to_json_line())
        count += 1
    return count


def _write_csv(store: Store, out: IO[str]) -> int:
    count = 0
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for info, document in store.iter_documents():
        writer.writerows(claim_rows(info, document))
        count += 1
    return count


_TEXT_WRITERS: dict[str, Callable[[Store, IO[str]], int]] = {"jsonl": _write_jsonl, "csv": _write_csv}


def _write_parquet(store: Store, where: str | BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (
                c,
                pa.float64()
                if c.startswith("value_")
                else pa.int64()
                if c.startswith("span_")
                else pa.bool_()
                if c == "hedged"
                else pa.string(),
            )
            for c in COLUMNS
        ]
    )
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(where, schema) as writer:
        for info, document in store.iter_documents():
            batch.extend(claim_rows(info, document))
            count += 1
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count
