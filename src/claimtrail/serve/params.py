"""Query parameters shared by the API's list endpoints, turned into :class:`~claimtrail.models.Filters`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated

from fastapi import Query

from ..errors import FilterError
from ..models import CLAIM_SORTS, MEASURES, Filters, check_claim_sort, check_language

__all__ = [
    "MAX_ID",
    "MAX_OFFSET",
    "FilterParams",
    "check_page",
    "check_page_query",
    "check_text",
    "filters_from_params",
]

# Rows a list endpoint returns unless asked: one screen of a table.
DEFAULT_PAGE_ROWS = 100
# The largest id SQLite and PostgreSQL store (a signed 64-bit integer); a larger
# one cannot name a row and would overflow the query.
MAX_ID = 2**63 - 1
# Rows a page may skip: the pages count offsets in JavaScript numbers, exact up
# to 2^53 - 1; no ledger holds that many rows, and offset + limit stays in 64 bits.
MAX_OFFSET = 2**53 - 1
# Characters no filter holds: PostgreSQL text cannot store NUL, SQLite stops a
# string at it, and no claim, name or word has the other C0 controls or DEL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FilterParams:
    """The filters of every list endpoint, as query parameters (a FastAPI dependency)."""

    def __init__(
        self,
        measure: Annotated[str | None, Query(description=f"one of: {', '.join(MEASURES)}")] = None,
        actor: Annotated[str | None, Query(description='whose people or things, e.g. "North Korea"')] = None,
        source: Annotated[str | None, Query(description="the cited source")] = None,
        outlet: Annotated[str | None, Query(description="the publishing outlet")] = None,
        language: Annotated[
            str | None, Query(description="the documents' language code, e.g. en or fr (ISO 639-1)")
        ] = None,
        since: Annotated[dt.date | None, Query(description="statement date from (ISO date)")] = None,
        until: Annotated[dt.date | None, Query(description="statement date to (ISO date)")] = None,
        hedged: Annotated[
            bool | None, Query(description="only hedged (true) or unhedged (false) claims")
        ] = None,
        text: Annotated[str | None, Query(description="words in the claim text or counted noun")] = None,
        document: Annotated[str | None, Query(description="a document id or name")] = None,
        story: Annotated[str | None, Query(description="a story id (see /api/stories)")] = None,
        sort: Annotated[
            str, Query(description=f"claims only: one of {', '.join(CLAIM_SORTS)}; '-' in front: descending")
        ] = "stored",
        limit: Annotated[int, Query(ge=1, le=MAX_OFFSET, description="rows at most")] = DEFAULT_PAGE_ROWS,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip, for paging")] = 0,
    ) -> None:
        self.filters = filters_from_params(
            measure=measure,
            actor=actor,
            source=source,
            outlet=outlet,
            language=language,
            since=since,
            until=until,
            hedged=hedged,
            text=text,
            document=document,
            story=story,
            sort=sort,
            limit=limit,
            offset=offset,
        )


def filters_from_params(
    *,
    measure: str | None,
    actor: str | None,
    source: str | None,
    outlet: str | None,
    since: dt.date | None,
    until: dt.date | None,
    hedged: bool | None,
    text: str | None,
    document: str | None,
    sort: str,
    limit: int,
    offset: int,
    story: str | None = None,
    language: str | None = None,
) -> Filters:
    """Checked filters; empty strings (a cleared form field) mean no filter."""
    texts = {
        "actor": actor, "source": source, "outlet": outlet, "text": text, "document": document, "story": story,
    }  # fmt: skip
    for name, value in texts.items():
        check_text(name, value)
    if measure and measure not in MEASURES:
        raise FilterError(f"unknown measure {measure!r}; valid measures: {', '.join(MEASURES)}")
    if since is not None and until is not None and since > until:
        raise FilterError(f"since ({since}) is after until ({until}); swap them")
    check_claim_sort(sort)
    if language:
        check_language(language)
    return Filters(
        measure=measure or None,
        actor=actor or None,
        source=source or None,
        outlet=outlet or None,
        language=language or None,
        since=since,
        until=until,
        hedged=hedged,
        text=text or None,
        document=document or None,
        story=story or None,
        sort=sort,
        limit=limit,
        offset=offset,
    )


# The filters a page's address may carry, as its form writes them.
PAGE_FILTERS = (
    "measure",
    "actor",
    "source",
    "outlet",
    "language",
    "since",
    "until",
    "hedged",
    "text",
    "document",
    "story",
    "sort",
)


def check_page_query(query: Mapping[str, str]) -> None:
    """Check the filters in a page's address as the API would (raises :class:`FilterError`).

    A page given a filter it cannot apply would otherwise show everything as if
    it were filtered. Other parameters (a chart's scale, the token) are left alone.
    """
    given = {name: query[name] for name in PAGE_FILTERS if query.get(name)}
    dates = {name: _page_date(name, given.get(name)) for name in ("since", "until")}
    hedged = given.get("hedged")
    if hedged is not None and hedged not in ("true", "false"):
        raise FilterError(f"hedged must be true or false, not {hedged[:40]!r}")
    numbers = {name: _page_number(name, query.get(name)) for name in ("limit", "offset")}
    filters_from_params(
        measure=given.get("measure"),
        actor=given.get("actor"),
        source=given.get("source"),
        outlet=given.get("outlet"),
        language=given.get("language"),
        since=dates["since"],
        until=dates["until"],
        hedged=None if hedged is None else hedged == "true",
        text=given.get("text"),
        document=given.get("document"),
        story=given.get("story"),
        sort=given.get("sort", "stored"),
        limit=numbers["limit"] or DEFAULT_PAGE_ROWS,
        offset=numbers["offset"] or 0,
    )


def _page_date(name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name} must be a date like 2025-03-14, not {value[:40]!r}") from None


def _page_number(name: str, value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_OFFSET:
        raise FilterError(f"{name} must be a whole number from 0 to {MAX_OFFSET:,}, not {value[:40]!r}")
    return int(value)


def check_text(name: str, value: str | None) -> None:
    """Refuse a text parameter holding a control character (raises :class:`FilterError`)."""
    found = _CONTROL.search(value or "")
    if found is not None:
        raise FilterError(
            f"{name} holds a control character (U+{ord(found.group()):04X}); "
            "filters are plain text: remove it"
        )


def check_page(filters: Filters, max_rows: int) -> None:
    """Refuse a page larger than ``max_rows`` (a setting), saying what is allowed."""
    if filters.limit > max_rows:
        raise FilterError(
            f"limit {filters.limit} is over the most one request may ask for ({max_rows}); page with offset"
        )
