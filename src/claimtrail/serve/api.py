"""The JSON API: documents, claims, facts, conflicts, timelines and who cites whom, with filters and paging.

    GET  /api/claims?measure=killed&actor=Ukraine&sort=-stated_on&limit=50&offset=0
    GET  /api/claims/count?...           GET /api/claims.csv?...     GET /api/claims/{id}
    GET  /api/timeline?measure=deployed  GET /api/timeline/series?measure=...&fields=stated_on,low,high
    GET  /api/facts?...                  GET /api/facts/{fact}/claims
    GET  /api/conflicts?...&dismissed=true  GET /api/citations?...   GET /api/measures
    POST /api/conflicts/{id}/dismiss {"reason": ...}   DELETE /api/conflicts/{id}/dismiss
    GET  /api/stories?...                GET /api/alerts?story=...
    GET  /api/documents?...              GET /api/documents/{id or name}
    POST /api/uploads (multipart "files") GET /api/uploads/{job}

Every list answers ``{"rows": [...], "limit", "offset", "has_more"}``; errors
answer ``{"error": message, "status": code}`` with the matching status code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from ..errors import UploadError
from ..exports import RECORD_COLUMNS, record_row
from ..models import MEASURES, TIMELINE_COLUMNS, Filters, check_conflict_id
from ..pipeline import conflicts_page, dismiss_conflict
from ..settings import Settings
from ..store import Store
from .jsonify import alert_json, claim_json, conflict_json, dismissal_json, document_json, row_json
from .params import MAX_ID, FilterParams, check_page, check_text
from .stores import StorePool
from .uploads import UploadJobs

__all__ = ["NotFound", "router"]

Row = Any  # a row of one of the store's queries

router = APIRouter(prefix="/api", tags=["ledger"])

# Claims read per query while streaming a CSV download: large enough that a
# 100,000-row download takes few queries, small enough to hold little memory.
CSV_PAGE_ROWS = 5_000
# The longest reason a dismissal keeps: a sentence or two; more is an essay, or a mistake.
DISMISS_REASON_CHARS = 1_000


class NotFound(Exception):
    """A document, claim or upload job that does not exist (answered with 404)."""


def get_store(request: Request) -> Store:
    pool: StorePool = request.app.state.stores
    return pool.get()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.config.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
FiltersDep = Annotated[FilterParams, Depends()]


def _page(rows: list[dict[str, Any]], filters: Filters) -> JSONResponse:
    """A page of rows; one row more than the limit was read to tell whether more follow."""
    return JSONResponse(_page_body(rows, filters))


def _page_body(rows: list[dict[str, Any]], filters: Filters) -> dict[str, Any]:
    return {
        "rows": rows[: filters.limit],
        "limit": filters.limit,
        "offset": filters.offset,
        "has_more": len(rows) > filters.limit,
    }


def _one_more(filters: Filters) -> Filters:
    return replace(filters, limit=filters.limit + 1)


def _listing(
    filters: Filters, max_rows: int, query: Callable[[Filters], Sequence[Row]], to_json: Callable[[Row], Any]
) -> JSONResponse:
    """A page of ``query``'s rows as JSON, refused when it asks for more than ``max_rows``."""
    check_page(filters, max_rows)
    return _page([to_json(r) for r in query(_one_more(filters))], filters)


@router.get("/measures", summary="The measures, with how many current claims each has")
def measures(store: StoreDep) -> JSONResponse:
    return JSONResponse([{"measure": m, "claims": store.count_claims(Filters(measure=m))} for m in MEASURES])


@router.get("/claims", summary="Current claims matching the filters, sorted and paged")
def claims(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_page_rows, store.claims, claim_json)


@router.get("/claims/count", summary="How many current claims match the filters")
def count_claims(store: StoreDep, params: FiltersDep) -> JSONResponse:
    return JSONResponse({"total": store.count_claims(params.filters)})


@router.get("/claims.csv", summary="Every current claim matching the filters, as CSV")
def claims_csv(store: StoreDep, params: FiltersDep) -> StreamingResponse:
    filters = replace(params.filters, limit=CSV_PAGE_ROWS, offset=0)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_COLUMNS)
        writer.writeheader()
        offset = 0
        while True:
            rows = store.claims(replace(filters, offset=offset))
            for record in rows:
                writer.writerow(record_row(record))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(rows) < CSV_PAGE_ROWS:
                return
            offset += CSV_PAGE_ROWS

    first = lines()
    head = next(first)  # the first page is read now, so a bad filter is an error, not a broken download
    return StreamingResponse(
        _chain(head, first),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claims.csv"'},
    )


def _chain(head: str, rest: Iterator[str]) -> Iterator[str]:
    yield head
    yield from rest


@router.get("/claims/{claim_id}", summary="One stored claim with its document and sentence")
def claim(
    claim_id: Annotated[int, Path(ge=1, le=MAX_ID, description="a claim's id")], store: StoreDep
) -> JSONResponse:
    record = store.claim(claim_id)
    if record is None:
        raise NotFound(f"no claim {claim_id} in the ledger")
    return JSONResponse(claim_json(record))


@router.get("/facts", summary="Facts (the same figure for the same thing), the most claimed first")
def facts(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_page_rows, store.facts, row_json)


@router.get("/facts/{fact}/claims", summary="The current claims of one fact, by statement date")
def fact_claims(fact: str, store: StoreDep) -> JSONResponse:
    check_text("fact", fact)
    return JSONResponse([claim_json(r) for r in store.fact_claims(fact)])


@router.get("/timeline", summary="Estimates (a fact as one source gave it) by statement date")
def timeline(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_chart_rows, store.timeline, row_json)


@router.get("/timeline/series", summary="The timeline as columns, only those asked for (what a chart draws)")
def timeline_series(
    store: StoreDep,
    settings: SettingsDep,
    params: FiltersDep,
    fields: Annotated[str, Query(description=f"comma-separated columns: {', '.join(TIMELINE_COLUMNS)}")] = (
        "stated_on,low,high"
    ),
) -> JSONResponse:
    filters = params.filters
    check_page(filters, settings.serve.max_chart_rows)
    names = [n.strip() for n in fields.split(",") if n.strip()]
    columns = store.timeline_series(_one_more(filters), names)
    more = bool(names) and len(columns[names[0]]) > filters.limit
    return JSONResponse(
        {
            "columns": {name: values[: filters.limit] for name, values in columns.items()},
            "limit": filters.limit,
            "offset": filters.offset,
            "has_more": more,
        }
    )


@router.get("/conflicts", summary="Contradictions and updates between estimates, each with its id and why")
def conflicts(
    store: StoreDep,
    settings: SettingsDep,
    params: FiltersDep,
    dismissed: Annotated[bool, Query(description="also the conflicts a user marked wrong")] = False,
) -> JSONResponse:
    filters = params.filters
    check_page(filters, settings.serve.max_page_rows)
    page = conflicts_page(store, _one_more(filters), dismissed=dismissed)
    # A list's page, and how many conflicts it left out because a user dismissed them.
    body = _page_body([conflict_json(c) for c in page.rows], filters)
    return JSONResponse({**body, "dismissed_hidden": page.hidden})


class Dismissal(BaseModel):
    """Why a conflict is wrong, as the user says it."""

    reason: str | None = Field(default=None, max_length=DISMISS_REASON_CHARS)


@router.post("/conflicts/{conflict}/dismiss", summary="Mark a conflict wrong: lists leave it out from now on")
def dismiss(conflict: str, store: StoreDep, request: Request, body: Dismissal | None = None) -> JSONResponse:
    reason = body.reason if body is not None else None
    check_text("reason", reason)
    client = request.client.host if request.client is not None else None
    by = f"web view ({client})" if client else "web view"
    return JSONResponse(dismissal_json(dismiss_conflict(store, conflict, reason=reason, by=by)))


@router.delete("/conflicts/{conflict}/dismiss", summary="Undo a dismissal: lists show the conflict again")
def undismiss(conflict: str, store: StoreDep) -> JSONResponse:
    if not store.undismiss_conflict(check_conflict_id(conflict)):
        raise NotFound(
            f"conflict {conflict} is not dismissed; GET /api/conflicts?dismissed=true lists those that are"
        )
    return JSONResponse({"id": conflict, "dismissed": False})


@router.get("/citations", summary="Who cites whom: claims by outlet, speaker and source")
def citations(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_page_rows, store.citations, row_json)


@router.get("/documents", summary="Stored documents with a claim matching the filters, by publication date")
def documents(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_page_rows, store.documents, row_json)


@router.get("/stories", summary="Stories (story: one), the latest first: title, dates, counts, top figures")
def stories(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    return _listing(params.filters, settings.serve.max_page_rows, store.stories, lambda r: r.to_json())


@router.get(
    "/alerts", summary="Alerts (new contradictions and updates), the newest first, with their deliveries"
)
def alerts(store: StoreDep, settings: SettingsDep, params: FiltersDep) -> JSONResponse:
    filters = params.filters
    check_page(filters, settings.serve.max_page_rows)
    rows = store.alerts(story=filters.story, limit=filters.limit + 1, offset=filters.offset)
    deliveries = store.alert_deliveries([a.conflict for a in rows[: filters.limit]])
    return _page([alert_json(a, [d for d in deliveries if d.alert == a.conflict]) for a in rows], filters)


@router.get("/documents/{ref}", summary="One document: metadata, original text, blocks and claims")
def document(ref: str, store: StoreDep) -> JSONResponse:
    check_text("document", ref)
    view = store.document(ref)
    if view is None:
        raise NotFound(f"no document with id or name {ref!r} in the ledger")
    return JSONResponse(document_json(view))


@router.post("/uploads", status_code=202, summary="Upload article files; they are ingested in the background")
def upload(
    request: Request, files: Annotated[list[UploadFile], File()], settings: SettingsDep
) -> JSONResponse:
    jobs: UploadJobs = request.app.state.uploads
    named = []
    for f in files:
        if f.filename is None:
            raise UploadError("an uploaded part has no file name; send files as multipart form data")
        named.append((f.filename, f.file))
    job = jobs.submit(named, max_bytes=settings.serve.max_upload_bytes)
    return JSONResponse(job.to_json(), status_code=202)


@router.get("/uploads/{job_id}", summary="An upload's ingest progress")
def upload_progress(job_id: str, request: Request) -> JSONResponse:
    jobs: UploadJobs = request.app.state.uploads
    found = jobs.get(job_id)
    if found is None:
        raise NotFound(f"no upload job {job_id!r}")
    return JSONResponse(found)
