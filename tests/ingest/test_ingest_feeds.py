"""Feeds to entries (RSS, Atom, news sitemaps) and a fetched page to a document, the feed's metadata first."""

from __future__ import annotations

import datetime as dt

import pytest
from feedserver import article_page, atom_feed, news_sitemap, rss_feed

from claimtrail.errors import EmptyInputError, MalformedInputError, UnsupportedInputError
from claimtrail.ingest import Fetched, page_document, parse_feed
from claimtrail.models import FeedEntry
from claimtrail.settings import IngestSettings

FEED_URL = "http://127.0.0.1:9/world.rss"
LINKS = ["http://127.0.0.1:9/a/1", "http://127.0.0.1:9/a/2"]


def test_an_rss_feed_gives_its_entries_keyed_by_guid_with_the_feed_s_metadata() -> None:
    feed = parse_feed(rss_feed("Invented Gazette", LINKS), url=FEED_URL)

    assert feed.title == "Invented Gazette"
    assert [e.url for e in feed.entries] == LINKS
    assert feed.entries[0] == FeedEntry(
        key=f"guid-{LINKS[0]}",
        url=LINKS[0],
        title="Entry 0",
        published=dt.date(2025, 3, 10),
        outlet="Invented Gazette",
    )


def test_an_rss_date_keeps_the_day_the_feed_wrote_not_the_utc_day() -> None:
    body = rss_feed("G", LINKS[:1], dates=["Mon, 10 Mar 2025 23:30:00 -0500"])

    (entry,) = parse_feed(body, url=FEED_URL).entries

    assert entry.published == dt.date(2025, 3, 10)  # 04:30 on the 11th in UTC


def test_an_atom_feed_gives_ids_links_and_dates() -> None:
    feed = parse_feed(atom_feed("Atom Desk", LINKS), url=FEED_URL)

    assert [(e.key, e.url, e.published) for e in feed.entries] == [
        ("urn:entry:0", LINKS[0], dt.date(2025, 3, 11)),
        ("urn:entry:1", LINKS[1], dt.date(2025, 3, 11)),
    ]
    assert feed.entries[0].outlet == "Atom Desk"


def test_a_news_sitemap_gives_its_pages_with_outlet_title_and_date() -> None:
    feed = parse_feed(news_sitemap("Sitemap Times", LINKS), url="http://127.0.0.1:9/news.xml")

    assert feed.entries[1] == FeedEntry(
        key=LINKS[1],
        url=LINKS[1],
        title="Sitemap story 1",
        published=dt.date(2025, 3, 12),
        outlet="Sitemap Times",
    )


def test_a_repeated_entry_is_kept_once_at_its_first_place() -> None:
    body = rss_feed("G", [LINKS[1], LINKS[0], LINKS[1], LINKS[0]])

    assert [e.url for e in parse_feed(body, url=FEED_URL).entries] == [LINKS[1], LINKS[0]]


def test_relative_links_resolve_against_the_feed_url() -> None:
    body = b'<rss version="2.0"><channel><title>G</title><item><link>/a/9</link></item></channel></rss>'

    (entry,) = parse_feed(body, url=FEED_URL).entries

    assert entry.url == entry.key == "http://127.0.0.1:9/a/9"


def test_an_entry_without_a_link_is_skipped() -> None:
    body = b'<rss version="2.0"><channel><title>G</title><item><title>no link</title></item></channel></rss>'

    assert parse_feed(body, url=FEED_URL).entries == ()


FEED = rss_feed("G", LINKS)


@pytest.mark.parametrize(
    "body",
    [
        FEED[: FEED.index(b"/a/1</link>")],  # cut short inside the first link
        b"this is not a feed at all",
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>x',
    ],
    ids=["cut-in-first-link", "not-xml", "truncated-sitemap"],
)
def test_a_feed_that_is_not_well_formed_xml_with_no_whole_entry_is_refused(body: bytes) -> None:
    with pytest.raises(MalformedInputError, match="expected an RSS 2.0, RSS 1.0 or Atom feed"):
        parse_feed(body, url=FEED_URL)


def test_a_feed_cut_short_gives_the_entries_whose_link_stands_whole() -> None:
    cut = FEED[: FEED.index(b"/a/2</link>") + 3]  # the second link cut to ".../a/2" minus its end

    feed = parse_feed(cut, url=FEED_URL)

    assert [e.url for e in feed.entries] == LINKS[:1]
    assert feed.problem is not None
    assert "not well-formed XML" in feed.problem and "read again next poll" in feed.problem


def test_a_stray_ampersand_does_not_cost_the_feed_its_entries() -> None:
    broken = FEED.replace(b"<title>Entry 0</title>", b"<title>Floods & fires</title>")

    feed = parse_feed(broken, url=FEED_URL)

    assert [e.url for e in feed.entries] == LINKS
    assert feed.problem is not None and "read 2 of its 2 entries" in feed.problem


def test_a_well_formed_feed_has_no_problem() -> None:
    assert parse_feed(FEED, url=FEED_URL).problem is None


def test_a_sitemap_index_is_refused_with_what_to_watch_instead() -> None:
    body = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>x</loc></sitemap></sitemapindex>'

    with pytest.raises(UnsupportedInputError, match="watch its news sitemaps instead"):
        parse_feed(body, url=FEED_URL)


def _page(body: bytes, content_type: str | None = "text/html") -> Fetched:
    return Fetched(url=LINKS[0], status=200, body=body, content_type=content_type, charset="utf-8")


def test_the_feed_s_title_date_and_outlet_win_over_the_page_s() -> None:
    entry = FeedEntry(
        key="k", url=LINKS[0], title="Feed title", published=dt.date(2025, 1, 2), outlet="Feed Outlet"
    )

    raw = page_document(entry, _page(article_page(3, published="2024-12-31")), IngestSettings())

    assert (raw.meta.title, raw.meta.published, raw.meta.outlet, raw.meta.url) == (
        "Feed title",
        dt.date(2025, 1, 2),
        "Feed Outlet",
        LINKS[0],
    )
    assert raw.doc == LINKS[0] and raw.format == "html"
    assert "people were killed" in raw.text and "Copyright" not in raw.text


def test_what_the_feed_leaves_out_comes_from_the_page() -> None:
    raw = page_document(FeedEntry(key="k", url=LINKS[0]), _page(article_page(3)), IngestSettings())

    assert raw.meta.published == dt.date(2025, 3, 10)
    assert raw.meta.title is not None and "Floods in" in raw.meta.title


def test_a_page_of_another_content_type_is_refused_naming_the_types_read() -> None:
    with pytest.raises(UnsupportedInputError, match="content type application/pdf; only text/html"):
        page_document(
            FeedEntry(key="k", url=LINKS[0]), _page(b"%PDF-1.4", "application/pdf"), IngestSettings()
        )


def test_a_page_without_article_text_fails() -> None:
    with pytest.raises(EmptyInputError):
        page_document(
            FeedEntry(key="k", url=LINKS[0]),
            _page(b"<html><body><script>var x = 1;</script></body></html>"),
            IngestSettings(),
        )
