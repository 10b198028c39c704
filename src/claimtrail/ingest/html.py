"""HTML to article text and metadata, by trafilatura (never by hand-written extraction).

    >>> article = extract_html(page_source, where="page.html")
    >>> article.meta.title
    'North Korea sends more troops to Russia'

The article text is what every later offset points into; the page markup is not kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

import trafilatura

from ..errors import EmptyInputError, MalformedInputError
from ..models import DocumentMeta

logger = logging.getLogger(__name__)

# Only dates the markup declares (meta tags, <time>, the URL) count as given
# metadata; trafilatura's extensive search also guesses from the text, which is the
# metadata stage's job, with its own rules.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# trafilatura rejects markup that does not mention "html" near its start and has a
# single top-level element, which refuses valid fragments such as "<p>...</p>" (the
# usual `html` of a JSON Lines record); markup without an <html> tag gets one around
# it, and lxml still sorts any <head> and <body> inside into place.
_HTML_TAG = re.compile(r"<html\b", re.IGNORECASE)

_VALID_HTML = "expected an HTML page (or fragment) whose body holds the article's paragraphs"


@dataclass(frozen=True)
class HtmlArticle:
    """The article text trafilatura found in a page, with the page's own metadata."""

    text: str
    meta: DocumentMeta


def extract_html(markup: str, *, where: str) -> HtmlArticle:
    """Return the article text and metadata of ``markup`` (named ``where`` in messages).

    Raises :class:`MalformedInputError` when the markup cannot be parsed at all and
    :class:`EmptyInputError` when it holds no article text.
    """
    # 1. Parse, as trafilatura does (lxml with its repairs).
    tree = _parse(markup, where)
    # 2. The page's declared language, read before trafilatura prunes the tree.
    declared_language = tree.get("lang")
    # 3. Extract the article body and the page's metadata.
    result = _extract(tree, where)
    text = result.text if result is not None else None
    if not text or not text.strip():
        raise EmptyInputError(
            f"{where}: no article text could be found in the HTML (trafilatura found only "
            f"navigation, boilerplate or nothing); {_VALID_HTML}"
        )
    return HtmlArticle(text=text, meta=_page_meta(result, declared_language, where))


def _parse(markup: str, where: str) -> Any:
    if not _HTML_TAG.search(markup):
        markup = f"<html>{markup}</html>"
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise MalformedInputError(
            f"{where}: the HTML cannot be parsed (lxml found no document tree in it); {_VALID_HTML}"
        )
    return tree


def _extract(tree: Any, where: str) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    # Any exception: a third-party parser meets untrusted input, and the batch must go on.
    except Exception as exc:
        raise MalformedInputError(
            f"{where}: trafilatura failed on the HTML ({exc!r}); {_VALID_HTML}"
        ) from exc


def _page_meta(result: Any, declared_language: object, where: str) -> DocumentMeta:
    return DocumentMeta(
        url=_clean(result.url),
        published=_parse_date(result.date, where),
        outlet=_clean(result.sitename),
        title=_clean(result.title),
        language=_clean(result.language) or _clean(declared_language),
    )


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _parse_date(value: object, where: str) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        # A page's own date is a hint, not input we refuse the document for.
        logger.debug("%s: ignoring unreadable page date %r", where, value)
        return None
