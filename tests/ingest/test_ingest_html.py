"""HTML pages and fragments: trafilatura's article text and the page's metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimtrail.errors import EmptyInputError, MalformedInputError
from claimtrail.ingest import iter_documents
from claimtrail.ingest.html import extract_html
from claimtrail.models import DocumentFailure, DocumentMeta, RawDocument
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()

PARAGRAPHS = (
    (
        "SEOUL: North Korea will send more troops to Russia to assist in its war against Ukraine, "
        "possibly as early as July, a South Korean lawmaker said on Thursday, citing the spy agency."
    ),
    (
        "The lawmaker told reporters that about 11,000 personnel had already been deployed last year "
        "and that a further 6,000 military builders and sappers would follow in the coming months."
    ),
    (
        "Officials in Kyiv said they had not been able to confirm the figures independently but that "
        "the reports were consistent with their own intelligence assessments."
    ),
)

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>North Korea sends more troops to Russia | Example News</title>
  <meta property="og:title" content="North Korea sends more troops to Russia">
  <meta property="og:site_name" content="Example News">
  <meta property="article:published_time" content="2025-06-26T08:30:00+09:00">
  <link rel="canonical" href="https://news.example.com/world/nk-troops">
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
  </ul></nav></header>
  <main><article>
    <h1>North Korea sends more troops to Russia</h1>
    <p>{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1]}</p>
    <p>{PARAGRAPHS[2]}</p>
  </article></main>
  <footer>
    <p>Copyright 2025 Example News. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/newsletter">Sign up for our newsletter</a>
  </footer>
</body>
</html>
"""

# A script-rendered page: the served HTML holds no article at all.
APP_SHELL_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Loading...</title>
<script src="/static/app.js"></script></head>
<body><div id="root"></div><script>window.__STATE__ = {"page": 1};</script></body></html>
"""


def test_article_text_and_metadata_come_from_the_page() -> None:
    article = extract_html(PAGE, where="page.html")

    for paragraph in PARAGRAPHS:
        assert paragraph in article.text.splitlines()
    for noise in ("Home", "Sport", "Copyright", "Privacy policy", "newsletter"):
        assert noise not in article.text
    assert article.meta == DocumentMeta(
        url="https://news.example.com/world/nk-troops",
        published=dt.date(2025, 6, 26),
        outlet="Example News",
        title="North Korea sends more troops to Russia",
        language="en",
    )


def test_html_file_becomes_an_html_document(tmp_path: Path) -> None:
    path = tmp_path / "nk.htm"
    path.write_text(PAGE, encoding="utf-8")
    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert (item.doc, item.origin, item.format) == ("nk.htm", str(path), "html")
    assert PARAGRAPHS[1] in item.text
    assert item.meta.title == "North Korea sends more troops to Russia"


def test_html_file_in_cp1252_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "citing the spy agency.", "citing the agency\u2019s café briefing."
    )
    path = tmp_path / "cp.html"
    path.write_bytes(page.encode("cp1252"))
    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert "citing the agency\u2019s café briefing." in item.text


@pytest.mark.parametrize(
    "markup",
    [
        f"<p>{PARAGRAPHS[1]}</p>",
        f"<div><p>{PARAGRAPHS[1]}</p></div>",
        f"<body><p>{PARAGRAPHS[1]}</p></body>",
    ],
)
def test_a_fragment_is_extracted_too(markup: str) -> None:
    article = extract_html(markup, where="record")
    assert article.text.strip() == PARAGRAPHS[1]
    assert article.meta == DocumentMeta()


def test_a_page_without_an_html_tag_keeps_its_head() -> None:
    markup = f"<head><title>Headline</title></head><body><p>{PARAGRAPHS[0]}</p></body>"
    article = extract_html(markup, where="record")
    assert (article.text.strip(), article.meta.title) == (PARAGRAPHS[0], "Headline")


def test_page_without_article_text_is_refused() -> None:
    with pytest.raises(EmptyInputError, match="no article text could be found in the HTML"):
        extract_html(APP_SHELL_PAGE, where="shell.html")


@pytest.mark.parametrize("markup", ["<!DOCTYPE html><html", "<HTML"])
def test_markup_lxml_cannot_parse_is_malformed(markup: str) -> None:
    with pytest.raises(MalformedInputError, match="the HTML cannot be parsed"):
        extract_html(markup, where="broken.html")


def test_bad_html_files_become_failures(tmp_path: Path) -> None:
    (tmp_path / "a_shell.html").write_text(APP_SHELL_PAGE, encoding="utf-8")
    (tmp_path / "b_broken.html").write_text("<!DOCTYPE html><html", encoding="utf-8")
    items = list(iter_documents([tmp_path], SETTINGS))

    failures = [item for item in items if isinstance(item, DocumentFailure)]
    assert failures == items
    assert [item.doc for item in failures] == ["a_shell.html", "b_broken.html"]
    assert "no article text" in failures[0].error
    assert "cannot be parsed" in failures[1].error
