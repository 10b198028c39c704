"""Sidecars and the metadata fields they share with JSON Lines records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimtrail.errors import MalformedInputError
from claimtrail.ingest import iter_documents
from claimtrail.ingest.jsontext import MAX_JSON_DEPTH
from claimtrail.ingest.meta import merge_meta, parse_published
from claimtrail.ingest.sidecar import sidecar_path
from claimtrail.models import DocumentFailure, DocumentMeta, RawDocument
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Page title</title>
<meta property="og:title" content="Page title"><meta property="og:site_name" content="Page Outlet">
<meta property="article:published_time" content="2025-06-20"></head><body><article>
<p>North Korea will send more troops to Russia to assist in its war against Ukraine, possibly as
early as July, a South Korean lawmaker said on Thursday, citing the country's spy agency.</p>
<p>About 11,000 personnel had already been deployed last year, the lawmaker told reporters at the
National Assembly in Seoul, and more military builders would follow.</p></article></body></html>
"""


def write_sidecar(path: Path, content: object) -> None:
    text = content if isinstance(content, str) else json.dumps(content)
    sidecar_path(path).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("document", "sidecar"),
    [("a/001_x.txt", "a/001_x.meta.json"), ("page.v2.html", "page.v2.meta.json"), ("p.htm", "p.meta.json")],
)
def test_sidecar_sits_beside_its_document(document: str, sidecar: str) -> None:
    assert sidecar_path(Path(document)) == Path(sidecar)


def test_text_document_takes_its_metadata_from_the_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "001_x.txt"
    path.write_text("North Korea sent 11,000 troops.\n", encoding="utf-8")
    write_sidecar(
        path,
        {
            "url": "https://cna.example/x",
            "published": "2025-06-26",
            "outlet": "CNA",
            "title": "Troops",
            "language": "en",
        },
    )
    [item] = iter_documents([tmp_path], SETTINGS)

    assert [i.doc for i in iter_documents([tmp_path], SETTINGS)] == ["001_x.txt"]  # sidecar is no document
    assert isinstance(item, RawDocument)
    assert item.text == "North Korea sent 11,000 troops.\n"
    assert item.meta == DocumentMeta(
        url="https://cna.example/x",
        published=dt.date(2025, 6, 26),
        outlet="CNA",
        title="Troops",
        language="en",
    )


def test_sidecar_wins_over_the_page_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    write_sidecar(path, {"title": "Sidecar title", "published": "2025-06-26"})
    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert item.meta.title == "Sidecar title"  # given by both: the sidecar wins
    assert item.meta.published == dt.date(2025, 6, 26)
    assert item.meta.outlet == "Page Outlet"  # given by the page only
    assert item.meta.language == "en"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"title": "unterminated', "invalid JSON"),
        ("", "invalid JSON"),
        ('["CNA"]', "expected one JSON object"),
        ({"published": "June 26"}, "'June 26' is not an ISO date"),
        ({"title": 12}, "title must be a string, not a number"),
        ({"language": ["en"]}, "language must be a string, not an array"),
    ],
)
def test_malformed_sidecar_fails_its_document_only(tmp_path: Path, content: object, problem: str) -> None:
    (tmp_path / "a.txt").write_text("First article.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article.\n", encoding="utf-8")
    write_sidecar(tmp_path / "a.txt", content)
    failure, good = iter_documents([tmp_path], SETTINGS)

    assert isinstance(failure, DocumentFailure) and isinstance(good, RawDocument)
    assert (failure.doc, good.doc) == ("a.txt", "b.txt")
    assert "a.meta.json (metadata sidecar of a.txt)" in failure.error
    assert problem in failure.error
    assert "published" in failure.error  # the message lists the valid fields


def test_sidecar_that_is_not_utf8_is_malformed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_bytes('{"outlet": "Café"}'.encode("cp1252"))
    [failure] = iter_documents([tmp_path / "a.txt"], SETTINGS)
    assert isinstance(failure, DocumentFailure)
    assert "is not UTF-8" in failure.error


def test_unknown_sidecar_keys_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Article.\n", encoding="utf-8")
    write_sidecar(path, {"outlet": "CNA", "date": "2025-06-26"})
    [item] = iter_documents([path], SETTINGS)
    assert isinstance(item, RawDocument)
    assert item.meta == DocumentMeta(outlet="CNA")
    assert "ignoring unknown keys ['date']" in caplog.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-26", dt.date(2025, 6, 26)),
        (" 2025-06-26 ", dt.date(2025, 6, 26)),
        ("2025-06-26T23:30:00-05:00", dt.date(2025, 6, 26)),  # the date as written, no zone shift
        ("2025-06-26T08:30:00Z", dt.date(2025, 6, 26)),
        (None, None),
        ("", None),
    ],
)
def test_published_accepts_iso_dates_and_date_times(value: object, expected: dt.date | None) -> None:
    assert parse_published(value, where="x") == expected


@pytest.mark.parametrize("value", ["26/06/2025", "2025-13-01", "yesterday", 2025, True])
def test_published_refuses_anything_else(value: object) -> None:
    with pytest.raises(MalformedInputError, match="^x: published"):
        parse_published(value, where="x")


def test_merge_keeps_given_fields_and_fills_gaps() -> None:
    given = DocumentMeta(title="Given", outlet=None)
    fallback = DocumentMeta(title="Page", outlet="Outlet", url="https://x.example")
    assert merge_meta(given, fallback) == DocumentMeta(
        title="Given", outlet="Outlet", url="https://x.example"
    )


def test_deeply_nested_sidecar_fails_its_document_naming_the_bound(tmp_path: Path) -> None:
    document = tmp_path / "a.txt"
    document.write_text("Ten troops came.", encoding="utf-8")
    write_sidecar(document, '{"outlet": "CNA", "x": ' + "[" * 5000 + "]" * 5000 + "}")
    other = tmp_path / "b.txt"
    other.write_text("Twelve troops came.", encoding="utf-8")

    failure, fine = iter_documents([tmp_path], SETTINGS)

    assert isinstance(failure, DocumentFailure) and failure.doc == "a.txt"
    assert f"more than {MAX_JSON_DEPTH} levels deep" in failure.error
    assert "sidecar" in failure.error
    assert isinstance(fine, RawDocument) and fine.text == "Twelve troops came."


def test_nul_and_lone_surrogates_in_a_sidecar_and_text_become_u_fffd(tmp_path: Path) -> None:
    document = tmp_path / "a.txt"
    document.write_bytes(
        b"Ten\x00troops came, a lawmaker said." + b" In Seoul on Thursday, citing the spy agency." * 3
    )
    write_sidecar(document, '{"outlet": "C\\u0000NA", "title": "T\\udfff"}')

    (raw,) = iter_documents([document], SETTINGS)

    assert isinstance(raw, RawDocument)
    assert raw.text.startswith("Ten\ufffdtroops came, a lawmaker")
    assert (raw.meta.outlet, raw.meta.title) == ("C\ufffdNA", "T\ufffd")
