"""claimtrail: a ledger of numeric claims from messy news articles."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
