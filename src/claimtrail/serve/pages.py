"""The pages: static HTML shells filled by the API, our own scripts, and the vendored libraries.

The chart library (BokehJS) and the API explorer (Swagger UI) are served
from the Python packages that ship them, so every page works offline.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["PAGES", "router", "static_files", "vendor_files"]

STATIC = Path(str(resources.files(__package__).joinpath("static")))

# Path -> page file. The document page reads its id from the URL.
PAGES = {
    "/": "timeline.html",
    "/claims": "claims.html",
    "/conflicts": "conflicts.html",
    "/sources": "sources.html",
    "/upload": "upload.html",
    "/docs": "docs.html",
}

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(
        STATIC / name, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"}
    )


def _add_page(path: str, name: str) -> None:
    router.add_api_route(path, lambda: _page(name), methods=["GET"])


for _path, _name in PAGES.items():
    _add_page(_path, _name)


@router.get("/documents/{ref}")
def document_page(ref: str) -> FileResponse:
    return _page("document.html")


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)


def vendor_files() -> dict[str, StaticFiles]:
    """Mount point -> the folder of an installed package's browser files."""
    import bokeh
    import swagger_ui_bundle

    return {
        "/vendor/bokeh": StaticFiles(directory=Path(bokeh.__file__).parent / "server" / "static" / "js"),
        "/vendor/swagger": StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
    }
