"""The ingest stage: paths of files and folders -> :class:`~claimtrail.models.RawDocument`.

    >>> from claimtrail.ingest import iter_documents
    >>> from claimtrail.settings import load_settings
    >>> for item in iter_documents(["../shared/seeds"], load_settings().ingest):
    ...     print(item.doc, item.format)
    000_7edcfdb596ca73d0.txt text

Reads ``.txt`` (text exactly as decoded), ``.html``/``.htm`` (article text by
trafilatura) and ``.jsonl`` (one document per line), with ``NAME.meta.json`` sidecars.
Bad input never raises out of the iterator: it yields a
:class:`~claimtrail.models.DocumentFailure` and the batch goes on.
"""

from __future__ import annotations

from .decode import read_text_file
from .files import iter_documents

__all__ = ["iter_documents", "read_text_file"]
