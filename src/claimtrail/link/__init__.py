"""Stage 6, link: the ``fact`` id shared by claims asserting the same figure for the same thing.

    >>> linked = link_facts(claims)

Within one run, claims with the same measure, actor and figure share a fact:
the exact, approximate, "nearly" and "at least" forms of one figure are one
assertion; "more than", "up to", "at most" and ranges are assertions of their
own; vague magnitudes ("thousands", "several thousand") are one per magnitude.
The id is a hash of that key, so it is the same in every document and every
run without holding the whole corpus in memory.

Across documents, :mod:`.duplicates` marks near-duplicate documents (the same
wire copy in two outlets) and :mod:`.conflicts` tells a source's updates from
contradictions between sources.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import replace

from ..models import Claim
from .conflicts import find_conflicts, intervals_overlap, periods_overlap, source_key
from .duplicates import COPY_THRESHOLD, Signature, find_original, signature, similarity

__all__ = [
    "COPY_THRESHOLD",
    "Signature",
    "fact_id",
    "fact_key",
    "find_conflicts",
    "find_original",
    "intervals_overlap",
    "link_facts",
    "periods_overlap",
    "signature",
    "similarity",
    "source_key",
]

# The forms of one point figure that assert the same thing.
POINT_QUALIFIERS = frozenset({"exact", "approx", "nearly", "at_least"})


def _magnitude(value: float | None) -> int:
    """The power of ten of a vague bound: "several thousand" and "thousands" are both 3."""
    return math.floor(math.log10(value)) if value else 0


def _figure(value: float | None) -> str:
    """A bound as text, the same for 11000 and 11000.0 ("11,000" and "11 thousand")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fact_key(claim: Claim) -> str:
    """The assertion a claim makes, as a string: measure, actor and figure."""
    v = claim.value
    if claim.qualifier in POINT_QUALIFIERS:
        figure = f"point:{_figure(v.low if v.low is not None else v.high)}"
    elif claim.qualifier == "vague":
        figure = f"vague:1e{_magnitude(v.low if v.low is not None else v.high)}"
    else:
        figure = f"{claim.qualifier}:{_figure(v.low)}:{_figure(v.high)}"
    return f"{claim.measure}|{(claim.actor or '').lower()}|{figure}"


def fact_id(key: str) -> str:
    """A short stable id for a fact key: the same key gives the same id in every run."""
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def link_facts(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` with their ``fact`` ids set."""
    return [replace(c, fact=fact_id(fact_key(c))) for c in claims]
