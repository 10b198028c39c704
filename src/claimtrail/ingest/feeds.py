"""Feeds to entries, and a fetched page to a document: RSS and Atom (feedparser), news sitemaps (lxml).

    >>> feed = parse_feed(body, url="https://news.example/world.rss")
    >>> feed.entries[0].key, feed.entries[0].url
    ('https://news.example/2025/03/10/floods', 'https://news.example/2025/03/10/floods')
    >>> raw = page_document(feed.entries[0], fetched_page, IngestSettings())

An entry is keyed by its guid (RSS) or id (Atom), else its link; a news sitemap's
entry by its ``<loc>``. An entry without a link is skipped. A feed that is not
well-formed XML (a stray ``&``, a body cut short) gives only the entries that
feedparser's lenient reading finds and whose link stands whole in the body,
closed by its tag or quote; ``ParsedFeed.problem`` then says what was wrong, and
the watcher keeps no validators, so the whole feed is read again next poll. One
with no such entry is refused (:class:`MalformedInputError`).
The feed's title, date and outlet are the publisher's own and win over what the
page's markup says (:func:`page_document`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import logging
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..errors import MalformedInputError, UnsupportedInputError, WatchError
from ..models import FeedEntry, RawDocument
from ..settings import IngestSettings
from .decode import decode_page, storable_document
from .fetch import WATCH_EXTRA, Fetched
from .html import extract_html
from .meta import merge_meta

__all__ = ["ParsedFeed", "page_document", "parse_feed"]

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# What a feed must be, for messages.
_VALID_FEED = "expected an RSS 2.0, RSS 1.0 or Atom feed, or a news sitemap (<urlset> of <url><loc>)"
# Content types of a page we read; a feed also links PDFs, images and videos.
PAGE_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its entries, each once, in the feed's order."""

    title: str | None
    entries: tuple[FeedEntry, ...]
    problem: str | None = None  # the feed was not well-formed: what was wrong, and what was kept


def parse_feed(body: bytes, *, url: str) -> ParsedFeed:
    """The entries of a feed or news sitemap ``body`` fetched from ``url`` (relative links resolve against it).

    Raises :class:`MalformedInputError` when the body is not well-formed XML or not a feed.
    """
    if _is_sitemap(body):
        return _parse_sitemap(body, url)
    try:
        import feedparser
    except ImportError as exc:
        raise WatchError(f"claimtrail watch needs httpx and feedparser: {WATCH_EXTRA}") from exc
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    problem = parsed.get("bozo_exception")
    outlet = _text(parsed.feed.get("title"))
    entries = tuple(_unique(_feed_entries(parsed.entries, outlet, url))) if parsed.version else ()
    if isinstance(problem, xml.sax.SAXParseException) or (parsed.bozo and not parsed.version):
        whole = tuple(e for e in entries if _stands_whole(body, e.url))
        broken = f"{url}: the feed is not well-formed XML ({problem})"
        if not whole:
            raise MalformedInputError(f"{broken}; {_VALID_FEED}")
        kept = f"read {len(whole)} of its {len(entries)} entries, those whose link stands whole"
        return ParsedFeed(title=outlet, entries=whole, problem=f"{broken}; {kept}; read again next poll")
    if not parsed.version:
        raise MalformedInputError(f"{url}: not a feed feedparser recognises; {_VALID_FEED}")
    return ParsedFeed(title=outlet, entries=entries)


def _stands_whole(body: bytes, link: str) -> bool:
    """Whether ``link`` is written in ``body`` in full, closed by a tag or a quote (not cut short)."""
    for form in {link, html.escape(link, quote=False)}:
        written = form.encode("utf-8")
        if any(written + end in body for end in (b"<", b'"', b"'")):
            return True
    return False


def _feed_entries(entries: list[Any], outlet: str | None, url: str) -> Iterator[FeedEntry]:
    for entry in entries:
        link = _text(entry.get("link"))
        if link is None:
            logger.info("%s: skipping an entry without a link (%r)", url, entry.get("title"))
            continue
        yield FeedEntry(
            key=_text(entry.get("id")) or link,
            url=link,
            title=_text(entry.get("title")),
            published=_entry_date(entry),
            outlet=outlet,
        )


def _entry_date(entry: Any) -> dt.date | None:
    """The entry's publication (else update) date as the feed writes it, before any shift to UTC."""
    for name in ("published", "updated"):
        value = _text(entry.get(name))
        if value is None:
            continue
        try:
            return dt.datetime.fromisoformat(value).date()  # Atom: RFC 3339
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(value).date()  # RSS: RFC 822
        except (TypeError, ValueError):
            logger.debug("ignoring an unreadable entry date %r", value)
    return None


def _is_sitemap(body: bytes) -> bool:
    head = body[:2048]
    return b"<urlset" in head or b"<sitemapindex" in head


def _parse_sitemap(body: bytes, url: str) -> ParsedFeed:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedInputError(
            f"{url}: the sitemap is not well-formed XML ({exc}); {_VALID_FEED}"
        ) from exc
    if etree.QName(root).localname == "sitemapindex":
        raise UnsupportedInputError(
            f"{url}: a sitemap index, which lists sitemaps, not pages; watch its news sitemaps instead"
        )
    ns = {"s": SITEMAP_NS, "n": NEWS_NS}
    entries = []
    for item in root.iterfind("s:url", ns):
        loc = _text(item.findtext("s:loc", namespaces=ns))
        if loc is None:
            continue
        date_text = item.findtext("n:news/n:publication_date", namespaces=ns) or item.findtext(
            "s:lastmod", namespaces=ns
        )
        entries.append(
            FeedEntry(
                key=loc,
                url=loc,
                title=_text(item.findtext("n:news/n:title", namespaces=ns)),
                published=_iso_date(date_text),
                outlet=_text(item.findtext("n:news/n:publication/n:name", namespaces=ns)),
            )
        )
    return ParsedFeed(title=None, entries=tuple(_unique(entries)))


def _iso_date(value: str | None) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        logger.debug("ignoring an unreadable sitemap date %r", value)
        return None


def _unique(entries: Iterator[FeedEntry] | list[FeedEntry]) -> Iterator[FeedEntry]:
    """Each key once, at its first place: a feed may repeat an entry."""
    seen: set[str] = set()
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            yield entry


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def page_document(entry: FeedEntry, page: Fetched, settings: IngestSettings) -> RawDocument:
    """The document of a fetched page: its article text by trafilatura, the feed's metadata first.

    Raises an :class:`~claimtrail.errors.InputError` when the page is not an HTML
    article (another content type, no article text, undecodable bytes).
    """
    where = entry.url
    if page.content_type is not None and page.content_type not in PAGE_CONTENT_TYPES:
        raise UnsupportedInputError(
            f"{where}: content type {page.content_type}; only {', '.join(PAGE_CONTENT_TYPES)} pages are read"
        )
    markup = decode_page(page.body, page.charset, where=where, settings=settings)
    article = extract_html(markup, where=where)
    meta = merge_meta(entry.meta, article.meta)
    return storable_document(
        RawDocument(doc=entry.url, text=article.text, origin=where, format="html", meta=meta)
    )
