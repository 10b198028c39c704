"""The web app: API, pages, token check, security headers and JSON errors.

>>> app = create_app(AppConfig(database="claimtrail.db"))
>>> run_server(AppConfig(database="claimtrail.db"), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import hmac
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import pipeline
from ..api import accepted_suffixes
from ..errors import ClaimtrailError, FilterError, LedgerNotFoundError, ServeError, StoreError, UploadError
from ..models import DocumentFailure
from ..pipeline import Result
from ..store import open_store
from .api import NotFound
from .api import router as api_router
from .config import LOOPBACK_NAMES, AppConfig, check_bind, is_loopback, upload_folder
from .pages import router as pages_router
from .pages import static_files, vendor_files
from .stores import StorePool
from .uploads import IngestFunction, UploadJobs

__all__ = ["create_app", "run_server"]

logger = logging.getLogger(__name__)

TOKEN_COOKIE = "claimtrail_token"
# Scripts and styles only from this server; no framing, no plugins, no form posts
# elsewhere. 'unsafe-inline' styles: the chart library sets style attributes as it draws.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(config: AppConfig) -> FastAPI:
    """The ASGI app over the ledger ``config.database`` (created if missing, so uploads can fill it)."""
    open_store(
        config.database, create=True, connect_timeout_s=config.settings.store.connect_timeout_s
    ).close()
    stores = StorePool(config.database, config.settings.store.connect_timeout_s)
    uploads = UploadJobs(upload_folder(config), _ingest_into(config), accepted_suffixes())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        uploads.close()
        stores.close()

    app = FastAPI(
        title="claimtrail",
        summary="A ledger of numeric claims from news articles: who said how many of what, when, citing whom.",
        version=pipeline.extractor_version(),
        docs_url=None,  # /docs is our own page, with Swagger UI served locally
        redoc_url=None,
        lifespan=lifespan,
    )
    # Swagger UI 4 reads OpenAPI 3.0 documents; the schema uses nothing of 3.1.
    app.openapi_version = "3.0.3"
    app.state.config = config
    app.state.stores = stores
    app.state.uploads = uploads
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", static_files(), name="static")
    for path, files in vendor_files().items():
        app.mount(path, files)
    _add_error_handlers(app)
    app.middleware("http")(_guard(config.token))
    if config.allowed_hosts != ("*",):
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    return app


def _ingest_into(config: AppConfig) -> IngestFunction:
    def ingest(folder: Path, progress: Callable[[str, str | None], None]) -> pipeline.IngestReport:
        def report(result: Result) -> None:
            progress(result.doc, result.error if isinstance(result, DocumentFailure) else None)

        timeout_s = config.settings.store.connect_timeout_s
        with open_store(config.database, create=True, connect_timeout_s=timeout_s) as store:
            return pipeline.ingest_paths([folder], store, config.settings, on_result=report)

    return ingest


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404),
        (FilterError, 400),
        (UploadError, 400),
        (LedgerNotFoundError, 503),
        (StoreError, 503),
        (ClaimtrailError, 400),
    ]
    for kind, status in statuses:
        app.add_exception_handler(kind, _handler(status))

    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()
        )
        return _error(422, f"invalid request: {problems}")

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = (
            str(exc.detail) if exc.status_code != 404 else f"no such page or endpoint: {request.url.path}"
        )
        return _error(exc.status_code, message)

    async def internal(request: Request, exc: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "internal error; the server log has the details")

    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(Exception, internal)


def _handler(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handle(request: Request, exc: Exception) -> Response:
        return _error(status, str(exc))

    return handle


Guard = Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]


def _guard(token: str | None) -> Guard:
    """Middleware: the token on every request (when one is set), and security headers on every answer.

    A token comes as ``Authorization: Bearer ...``, as the cookie the app sets,
    or once as ``?token=...`` in a page link, which sets that cookie.
    """

    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        from_query = request.query_params.get("token")
        if token is not None:
            header = request.headers.get("authorization", "")
            given = header[7:] if header.lower().startswith("bearer ") else None
            given = given or request.cookies.get(TOKEN_COOKIE) or from_query
            if not given or not hmac.compare_digest(given.encode(), token.encode()):
                response: Response = _error(
                    401, "this server needs a token: send 'Authorization: Bearer TOKEN' or open ?token=TOKEN"
                )
                response.headers["WWW-Authenticate"] = "Bearer"
                return _secure(response)
        response = await call_next(request)
        if token is not None and from_query:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return _secure(response)

    return guard


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def run_server(config: AppConfig, *, host: str, port: int) -> None:
    """Serve the app until interrupted; refuses a non-loopback ``host`` without a token."""
    check_bind(host, config.token)
    import uvicorn

    hosts = ("*",) if not is_loopback(host) else LOOPBACK_NAMES
    app = create_app(replace(config, allowed_hosts=hosts))
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + ("?token=TOKEN" if config.token else "")
    print(f"claimtrail: serving {config.database} at {link} (Ctrl+C to stop)", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    except SystemExit as exc:  # uvicorn exits when it cannot bind
        raise ServeError(
            f"cannot serve on {host}:{port}; is the port in use? choose another with --port"
        ) from exc
