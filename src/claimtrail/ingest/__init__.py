"""The ingest stage: paths of files and folders -> :class:`~claimtrail.models.RawDocument`.

    >>> from claimtrail.ingest import iter_documents
    >>> from claimtrail.settings import load_settings
    >>> for item in iter_documents(["../shared/seeds"], load_settings().ingest):
    ...     print(item.doc, item.format)
    000_7edcfdb596ca73d0.txt text

Reads ``.txt`` (text exactly as decoded), ``.html``/``.htm`` (article text by
trafilatura), ``.jsonl`` (one document per line) and ``.warc``/``.warc.gz`` (one
document per HTML response record), with ``NAME.meta.json`` sidecars; and, for
``claimtrail watch``, feeds (:func:`parse_feed`) and pages fetched politely
(:class:`Fetcher`, :func:`page_document`).
Bad input never raises out of the iterator: it yields a
:class:`~claimtrail.models.DocumentFailure` and the batch goes on.
"""

from __future__ import annotations

from .decode import read_text_file, storable_document
from .feeds import ParsedFeed, page_document, parse_feed
from .fetch import WATCH_EXTRA, Fetched, Fetcher
from .files import document_kind, iter_documents, iter_input_files, read_path, walk_folder
from .jsonl import iter_jsonl
from .warc import iter_warc

__all__ = [
    "WATCH_EXTRA",
    "Fetched",
    "Fetcher",
    "ParsedFeed",
    "document_kind",
    "iter_documents",
    "iter_input_files",
    "iter_jsonl",
    "iter_warc",
    "page_document",
    "parse_feed",
    "read_path",
    "read_text_file",
    "storable_document",
    "walk_folder",
]
