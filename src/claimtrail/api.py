"""The library entry points: extract claims from a string or from files.

    >>> import claimtrail
    >>> doc = claimtrail.extract_text("Floods killed 27 people, the ministry said on Monday.",
    ...                               published="2025-03-12")
    >>> [(c.text, c.measure, c.stated_by) for c in doc.claims]
    [('27 people', 'killed', 'ministry')]

Both entry points run :mod:`claimtrail.pipeline` with the settings given, or the defaults.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import InputError
from .models import Document, DocumentFailure, DocumentMeta, RawDocument
from .pipeline import extract_paths, extract_raw
from .settings import Settings, load_settings


def _as_date(value: dt.date | str | None) -> dt.date | None:
    """A date, or the date of an ISO date or date-time string (as written, no time zone shift).

    ``None`` and a blank string mean "not given", as in a sidecar or JSON Lines record.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"published must be a date or an ISO date string, not {type(value).__name__}")
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError as exc:
        raise InputError(
            f"published must be an ISO date such as 2025-06-26 (or 2025-06-26T08:30:00+09:00), not {value!r}"
        ) from exc


def extract_text(
    text: str,
    *,
    published: dt.date | str | None = None,
    doc: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """The claims of one article given as a string; spans index ``text``.

    Raises :class:`~claimtrail.errors.InputError` when the text cannot be processed.
    """
    meta = DocumentMeta(url=url, published=_as_date(published), outlet=outlet, title=title, language=language)
    raw = RawDocument(doc=doc, text=text, origin="<text>", format="text", meta=meta)
    if not text.strip():
        raise InputError("the text is empty; give the article's text")
    result = next(extract_raw([raw], settings or load_settings()))
    if isinstance(result, DocumentFailure):
        raise InputError(result.error)
    return result


def extract_files(
    paths: Sequence[str | Path], *, settings: Settings | None = None
) -> Iterator[Document | DocumentFailure]:
    """The claims of every document under ``paths`` (files or folders), in input order.

    Raises ``TypeError`` at once, before any model is loaded, when ``paths`` is one path.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("extract_files() takes a list of paths, not one path; wrap it in a list")
    return extract_paths(paths, settings or load_settings())


def accepted_suffixes() -> tuple[str, ...]:
    """The file name endings claimtrail reads as articles (``.txt``, ``.html``, ``.jsonl``, ...)."""
    from .ingest.files import ACCEPTED_SUFFIXES

    return ACCEPTED_SUFFIXES


# JSON Lines files are read in pieces of this size to count their records.
COUNT_CHUNK_BYTES = 1 << 20


def count_documents(path: Path) -> int | None:
    """How many documents the file ``path`` holds, for progress: a JSON Lines file a line each, others one.

    None for a WARC file: counting its records means reading it all.
    """
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return None
    if not name.endswith(".jsonl"):
        return 1
    lines = 0
    with contextlib.suppress(OSError), path.open("rb") as file:
        while chunk := file.read(COUNT_CHUNK_BYTES):
            lines += chunk.count(b"\n")
    return max(lines, 1)
