"""Metadata given from outside the text: the optional fields of a sidecar or a JSON Lines record.

    >>> meta_from_mapping({"outlet": "CNA", "published": "2025-06-26"}, where="a.meta.json").published
    datetime.date(2025, 6, 26)

Bad values raise MalformedInputError naming where they came from and the valid fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..errors import MalformedInputError
from ..models import DocumentMeta

META_FIELDS: tuple[str, ...] = ("url", "published", "outlet", "title", "language")

VALID_META = (
    "optional fields url, outlet, title, language (strings) and published "
    '(an ISO date such as "2025-06-26" or "2025-06-26T08:30:00+09:00")'
)


def meta_from_mapping(record: Mapping[str, object], *, where: str) -> DocumentMeta:
    """Return the metadata fields of ``record``; raise :class:`MalformedInputError` on a bad one.

    A missing field, ``null`` or a blank string all mean "not given". Other keys are ignored.
    """
    return DocumentMeta(
        url=_optional_string(record, "url", where),
        published=parse_published(record.get("published"), where=where),
        outlet=_optional_string(record, "outlet", where),
        title=_optional_string(record, "title", where),
        language=_optional_string(record, "language", where),
    )


def parse_published(value: object, *, where: str) -> dt.date | None:
    """Return the date of an ISO date or date-time string (the date as written, no time zone shift)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInputError(
            f"{where}: published must be a string, not {_json_type(value)}; {VALID_META}"
        )
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise MalformedInputError(f"{where}: published {value!r} is not an ISO date; {VALID_META}") from None


def merge_meta(given: DocumentMeta, fallback: DocumentMeta) -> DocumentMeta:
    """Field by field, what ``given`` holds wins; ``fallback`` fills the gaps."""
    return DocumentMeta(
        url=given.url if given.url is not None else fallback.url,
        published=given.published if given.published is not None else fallback.published,
        outlet=given.outlet if given.outlet is not None else fallback.outlet,
        title=given.title if given.title is not None else fallback.title,
        language=given.language if given.language is not None else fallback.language,
    )


def _optional_string(record: Mapping[str, object], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInputError(f"{where}: {name} must be a string, not {_json_type(value)}; {VALID_META}")
    return value.strip() or None


def _json_type(value: object) -> str:
    """Name ``value``'s type as JSON does, for messages about JSON input."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string" if isinstance(value, str) else "null"
