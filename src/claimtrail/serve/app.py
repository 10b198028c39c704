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
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import pipeline
from ..api import accepted_suffixes
from ..errors import ClaimtrailError, FilterError, ServeError, StoreError, UploadError
from ..models import DocumentFailure
from ..pipeline import Result
from ..store import open_store
from .api import NotFound
from .api import router as api_router
from .config import LOOPBACK_NAMES, AppConfig, check_bind, is_loopback, upload_folder
from .feeds import router as feeds_router
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
# Methods that change something: a page of another site may make a browser send
# them (a form post, a fetch), so they are refused when the browser says the
# request comes from elsewhere.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values of a request that another site's page made.
FOREIGN_FETCH_SITES = frozenset({"cross-site", "same-site"})
# Bytes of an upload request besides its files: each part's boundary and headers
# take about 200 bytes; 64 KiB leaves room for the most files one upload may hold.
UPLOAD_OVERHEAD_BYTES = 65_536
UPLOAD_PATH = "/api/uploads"
# What a response says when the ledger fails; the details (which may name files) go to the log.
STORE_FAILED = "the ledger cannot be read or written right now; the server log has the details"
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
    app.include_router(feeds_router)
    app.mount("/static", static_files(), name="static")
    for path, files in vendor_files().items():
        app.mount(path, files)
    _add_error_handlers(app)
    # Inside the guard: a request without the token or from another site is refused before its body is read.
    max_body = config.settings.serve.max_upload_bytes + UPLOAD_OVERHEAD_BYTES
    app.add_middleware(UploadBodyLimit, path=UPLOAD_PATH, max_bytes=max_body)
    app.middleware("http")(_guard(config.token))
    if config.allowed_hosts != ("*",):
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts))
    return app


def _ingest_into(config: AppConfig) -> IngestFunction:
    def ingest(folder: Path, progress: Callable[[str, str | None], None]) -> pipeline.IngestReport:
        def report(result: Result) -> None:
            progress(result.doc, result.error if isinstance(result, DocumentFailure) else None)

        timeout_s = config.settings.store.connect_timeout_s
        with pipeline.open_ledger(config.database, create=True, connect_timeout_s=timeout_s) as store:
            return pipeline.ingest_paths([folder], store, config.settings, on_result=report)

    return ingest


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


class UploadBodyLimit:
    """ASGI middleware: an upload's body is refused (413) once it passes ``max_bytes``, while it streams.

    A ``Content-Length`` over the bound is refused before any of the body is read;
    a body without one is counted as it arrives, so nothing past the bound is
    parsed or spooled to disk.
    """

    def __init__(self, app: ASGIApp, *, path: str, max_bytes: int) -> None:
        self.app = app
        self.path = path
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        over = False

        async def counted() -> Message:
            nonlocal received, over
            if over:
                raise _BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise _BodyTooLarge
            return message

        async def answer(message: Message) -> None:
            # The app's answer to a body cut short (a parse error) gives way to the 413.
            if not over:
                await send(message)

        try:
            await self.app(scope, counted, answer)
        except _BodyTooLarge:
            pass
        if over:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = (
            f"the upload is larger than {self.max_bytes:,} bytes, the most one upload may be "
            "(serve.max_upload_bytes and the form's overhead); upload fewer or smaller files at a time"
        )
        await _error(413, message)(scope, receive, send)


class _BodyTooLarge(Exception):
    """An upload's body passed the bound while it was read."""


def _add_error_handlers(app: FastAPI) -> None:
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404),
        (FilterError, 400),
        (UploadError, 400),
        (ClaimtrailError, 400),
    ]
    for kind, status in statuses:
        app.add_exception_handler(kind, _handler(status))

    async def store_failed(request: Request, exc: Exception) -> Response:
        # A store's message may hold the ledger's path or a database's own error text.
        logger.error("%s %s: the ledger failed: %s", request.method, request.url.path, exc)
        return _error(503, STORE_FAILED)

    app.add_exception_handler(StoreError, store_failed)

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
        foreign = _foreign_origin(request)
        if foreign is not None:
            return _secure(_error(403, foreign))
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


def _foreign_origin(request: Request) -> str | None:
    """Why a request that changes something comes from another site's page, or None when it does not.

    Browsers say where a request comes from (``Sec-Fetch-Site``, ``Origin``); a
    request without either (curl, a script) is not a browser's and is let through.
    """
    if request.method not in UNSAFE_METHODS:
        return None
    site = request.headers.get("sec-fetch-site", "").lower()
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    if site in FOREIGN_FETCH_SITES:
        where = f"Sec-Fetch-Site: {site}"
    elif origin is not None and origin.lower() != own:
        where = f"Origin {origin[:100]!r} is not this server's, {own}"
    else:
        return None
    return (
        f"refused a {request.method} from another site's page ({where}): only this server's own "
        "pages, or clients that send no Origin header (curl, scripts), may change the ledger"
    )


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
