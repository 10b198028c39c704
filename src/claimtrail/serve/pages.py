"""The pages: one layout around each page's body, our own scripts, and the vendored libraries.

Pages hold no data: their scripts fetch it from the API and put it on screen as
text. The chart library (BokehJS) and the API explorer (Swagger UI) are served
from the Python packages that ship them, so every page works offline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..errors import FilterError
from .params import check_page_query

__all__ = ["PAGES", "Page", "render_page", "router", "static_files", "vendor_files"]

STATIC = Path(str(resources.files(__package__).joinpath("static")))


@dataclass(frozen=True)
class Page:
    """A page: its title, its body (``static/pages/NAME.html``) and what its head loads besides the layout's."""

    name: str
    title: str
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    # Scripts that must run before the page is parsed (the timeline fetches its data early).
    early_scripts: tuple[str, ...] = ()


BOKEH = ("/vendor/bokeh/bokeh.min.js", "/vendor/bokeh/bokeh-gl.min.js", "/vendor/bokeh/bokeh-api.min.js")

# Path -> page. The document and story pages read their id from their own address;
# the timeline, claims, conflicts and sources pages show one story given ?story=ID.
PAGES = {
    "/": Page("stories", "Stories", scripts=("/static/stories.js",)),
    "/stories/{story}": Page("story", "Story", scripts=("/static/story.js",)),
    "/stories/{story}/alerts": Page("alerts", "Alerts", scripts=("/static/alerts.js",)),
    "/timeline": Page("timeline", "Story timeline", scripts=BOKEH, early_scripts=("/static/timeline.js",)),
    "/claims": Page("claims", "Claims", scripts=("/static/claims.js",)),
    "/conflicts": Page("conflicts", "Conflicts", scripts=("/static/conflicts.js",)),
    "/sources": Page("sources", "Sources", scripts=("/static/sources.js",)),
    "/upload": Page("upload", "Add articles", scripts=("/static/upload.js",)),
    "/docs": Page(
        "docs",
        "API",
        scripts=("/vendor/swagger/swagger-ui-bundle.js", "/static/docs.js"),
        styles=("/vendor/swagger/swagger-ui.css",),
    ),
    "/documents/{ref}": Page("document", "Document", scripts=("/static/document.js",)),
}


@cache
def render_page(page: Page) -> str:
    """The page's HTML: the layout filled with the page's title, head and body (all our own text)."""
    head = [f'<link rel="stylesheet" href="{href}">' for href in page.styles]
    head += [f'<script src="{src}"></script>' for src in page.early_scripts]
    head += [f'<script src="{src}" defer></script>' for src in page.scripts]
    layout = Template((STATIC / "layout.html").read_text("utf-8"))
    body = (STATIC / "pages" / f"{page.name}.html").read_text("utf-8")
    return layout.substitute(title=page.title, head="\n".join(head), main=body)


router = APIRouter(include_in_schema=False)


def render_refusal(page: Page, path: str, message: str) -> str:
    """The page's layout around the reason its address was refused and a link to the page unfiltered."""
    body = (
        f"<h1>{html.escape(page.title)}</h1>\n"
        f'<p class="error" id="error" role="alert">{html.escape(message)}</p>\n'
        f'<p><a href="{html.escape(path)}">Show this page without filters</a></p>\n'
    )
    layout = Template((STATIC / "layout.html").read_text("utf-8"))
    return layout.substitute(title=page.title, head="", main=body)


def _add_page(path: str, page: Page) -> None:
    def show(request: Request) -> HTMLResponse:
        headers = {"Cache-Control": "no-cache"}
        try:
            check_page_query(request.query_params)
        except FilterError as exc:
            # Shown instead of the page: its scripts would quietly drop a filter they cannot apply.
            refusal = render_refusal(page, request.url.path, f"This address's filters are invalid: {exc}")
            return HTMLResponse(refusal, status_code=400, headers=headers)
        return HTMLResponse(render_page(page), headers=headers)

    router.add_api_route(path, show, methods=["GET"], response_class=HTMLResponse)


for _path, _page in PAGES.items():
    _add_page(_path, _page)


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
