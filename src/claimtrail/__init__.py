"""claimtrail: a ledger of numeric claims from messy news articles.

    >>> import claimtrail
    >>> document = claimtrail.extract_text(article_text, published="2025-06-26")
    >>> for claim in document.claims:
    ...     print(claim.text, claim.measure, claim.stated_by)

Everything in ``__all__`` is the public API; the ``claimtrail`` command is in :mod:`claimtrail.cli`.
"""

from __future__ import annotations

import logging

from .api import extract_files, extract_text
from .errors import ClaimtrailError, InputError
from .models import Claim, Document, DocumentFailure, Period, Value
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "ClaimtrailError",
    "Document",
    "DocumentFailure",
    "InputError",
    "Period",
    "Settings",
    "Value",
    "__version__",
    "extract_files",
    "extract_text",
    "load_settings",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
