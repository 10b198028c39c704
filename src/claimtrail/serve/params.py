"""Query parameters shared by the API's list endpoints, turned into :class:`~claimtrail.models.Filters`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from ..errors import FilterError
from ..models import CLAIM_SORTS, MEASURES, Filters, check_claim_sort

__all__ = ["FilterParams", "check_page", "filters_from_params"]

# Rows a list endpoint returns unless asked: one screen of a table.
DEFAULT_PAGE_ROWS = 100


class FilterParams:
    """The filters of every list endpoint, as query parameters (a FastAPI dependency)."""

    def __init__(
        self,
        measure: Annotated[str | None, Query(description=f"one of: {', '.join(MEASURES)}")] = None,
        actor: Annotated[str | None, Query(description='whose people or things, e.g. "North Korea"')] = None,
        source: Annotated[str | None, Query(description="the cited source")] = None,
        outlet: Annotated[str | None, Query(description="the publishing outlet")] = None,
        since: Annotated[dt.date | None, Query(description="statement date from (ISO date)")] = None,
        until: Annotated[dt.date | None, Query(description="statement date to (ISO date)")] = None,
        hedged: Annotated[
            bool | None, Query(description="only hedged (true) or unhedged (false) claims")
        ] = None,
        text: Annotated[str | None, Query(description="words in the claim text or counted noun")] = None,
        document: Annotated[str | None, Query(description="a document id or name")] = None,
        sort: Annotated[
            str, Query(description=f"claims only: one of {', '.join(CLAIM_SORTS)}; '-' in front: descending")
        ] = "stored",
        limit: Annotated[int, Query(ge=1, description="rows at most")] = DEFAULT_PAGE_ROWS,
        offset: Annotated[int, Query(ge=0, description="rows to skip, for paging")] = 0,
    ) -> None:
        self.filters = filters_from_params(
            measure=measure,
            actor=actor,
            source=source,
            outlet=outlet,
            since=since,
            until=until,
            hedged=hedged,
            text=text,
            document=document,
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
) -> Filters:
    """Checked filters; empty strings (a cleared form field) mean no filter."""
    if measure and measure not in MEASURES:
        raise FilterError(f"unknown measure {measure!r}; valid measures: {', '.join(MEASURES)}")
    if since is not None and until is not None and since > until:
        raise FilterError(f"since ({since}) is after until ({until}); swap them")
    check_claim_sort(sort)
    return Filters(
        measure=measure or None,
        actor=actor or None,
        source=source or None,
        outlet=outlet or None,
        since=since,
        until=until,
        hedged=hedged,
        text=text or None,
        document=document or None,
        sort=sort,
        limit=limit,
        offset=offset,
    )


def check_page(filters: Filters, max_rows: int) -> None:
    """Refuse a page larger than ``max_rows`` (a setting), saying what is allowed."""
    if filters.limit > max_rows:
        raise FilterError(
            f"limit {filters.limit} is over the most one request may ask for ({max_rows}); page with offset"
        )
