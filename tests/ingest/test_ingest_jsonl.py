"""JSON Lines: one document per line, bad lines reported by line number, streamed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimtrail.ingest import iter_documents
from claimtrail.ingest.jsontext import MAX_JSON_DEPTH
from claimtrail.models import DocumentFailure, DocumentMeta, RawDocument
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()

TEXT = "  SEOUL \u2013 North Korea sent 11,000 troops.\r\nSecond line, \u201cquoted\u201d.\n"
PAGE = (
    "<html lang='en'><head><title>Page title | Site</title>"
    "<meta property='og:site_name' content='Page Outlet'></head><body><article>"
    "<p>North Korea will send more troops to Russia to assist in its war against Ukraine, "
    "possibly as early as July, a South Korean lawmaker said on Thursday.</p>"
    "<p>About 11,000 personnel had already been deployed last year, the lawmaker told reporters, "
    "citing information from the country's spy agency.</p></article></body></html>"
)


def write_lines(tmp_path: Path, lines: list[str], name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_text_records_keep_their_text_exactly(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        [
            record(
                id="a1",
                text=TEXT,
                url="https://x.example/a1",
                published="2025-06-26",
                outlet="CNA",
                title="Troops",
                language="en",
            ),
            "",
            "   ",
            record(id="b2", text="Plain text.", published="2025-06-26T23:30:00-05:00"),
        ],
    )
    first, second = iter_documents([path], SETTINGS)

    assert first == RawDocument(
        doc="a1",
        text=TEXT,
        origin=f"{path}:1",
        format="jsonl",
        meta=DocumentMeta(
            url="https://x.example/a1",
            published=dt.date(2025, 6, 26),
            outlet="CNA",
            title="Troops",
            language="en",
        ),
    )
    # Blank lines are skipped but still counted.
    assert (second.doc, second.origin) == ("b2", f"{path}:4")
    assert isinstance(second, RawDocument)
    assert second.meta.published == dt.date(2025, 6, 26)
    assert second.text[second.text.index("text") :] == "text."


def test_html_record_is_extracted_and_its_fields_win(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [record(id="h1", html=PAGE, title="Given title")])
    [item] = iter_documents([path], SETTINGS)

    assert isinstance(item, RawDocument)
    assert item.format == "html"
    assert "About 11,000 personnel had already been deployed" in item.text
    assert "<p>" not in item.text
    assert item.meta.title == "Given title"
    assert item.meta.outlet == "Page Outlet"
    assert item.meta.language == "en"


def test_text_wins_when_a_record_has_both(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [record(id="t", text=TEXT, html=PAGE)])
    [item] = iter_documents([path], SETTINGS)
    assert isinstance(item, RawDocument)
    assert (item.text, item.format) == (TEXT, "jsonl")


BAD_LINES = [
    ('{"id": "x", "text": ', "invalid JSON"),
    ('["id", "text"]', "not a JSON object"),
    (record(text="no id here"), "has no id"),
    (record(id=7, text="numeric id"), "id that is not a non-empty string"),
    (record(id="n"), "neither text nor html"),
    (record(id="t", text=42), "text must be a string"),
    (record(id="h", html=["<p>"]), "html must be a string"),
    (record(id="d", text="ok", published="26/06/2025"), "'26/06/2025' is not an ISO date"),
    (record(id="d2", text="ok", published=20250626), "published must be a string, not a number"),
    (record(id="o", text="ok", outlet={"name": "CNA"}), "outlet must be a string, not an object"),
    (record(id="e", text=" \n "), "empty or holds only whitespace"),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES)
def test_a_bad_line_fails_with_its_line_number_and_the_rest_yield(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write_lines(tmp_path, [record(id="before", text="A."), line, record(id="after", text="B.")])
    before, failure, after = iter_documents([path], SETTINGS)

    assert isinstance(before, RawDocument) and isinstance(after, RawDocument)
    assert (before.doc, after.doc) == ("before", "after")
    assert isinstance(failure, DocumentFailure)
    assert failure.origin == f"{path}:2"
    assert failure.error.startswith(f"{path} line 2")
    assert problem in failure.error
    # The message also says what a valid record looks like.
    assert '"id"' in failure.error or "ISO date" in failure.error or "article text" in failure.error


def test_failure_is_named_by_the_id_when_the_line_has_one(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [record(id="named", text="ok", published="soon"), "{oops"])
    named, unnamed = iter_documents([path], SETTINGS)
    assert (named.doc, unnamed.doc) == ("named", "batch.jsonl:2")


def test_a_line_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        record(id="a", text="ok").encode()
        + b"\n"
        + record(id="b", text="café").encode("cp1252")
        + b"\n"
        + record(id="c", text="ok").encode()
        + b"\n"
    )
    items = list(iter_documents([path], SETTINGS))
    assert [type(item).__name__ for item in items] == ["RawDocument", "DocumentFailure", "RawDocument"]
    assert isinstance(items[1], DocumentFailure)
    assert "line 2: the line is not UTF-8" in items[1].error


def test_crlf_lines_and_a_bom_are_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + record(id="a", text="one").encode()
        + b"\r\n"
        + record(id="b", text="two").encode()
        + b"\r\n"
    )
    items = list(iter_documents([path], SETTINGS))
    assert [(d.doc, d.text) for d in items if isinstance(d, RawDocument)] == [("a", "one"), ("b", "two")]


def test_the_size_limit_is_per_line_so_a_large_file_streams(tmp_path: Path) -> None:
    small = IngestSettings(max_document_bytes=200)
    lines = [record(id=f"r{n}", text=f"Record number {n}.") for n in range(1, 301)]
    lines[149] = record(id="big", text="x" * 5_000)
    path = write_lines(tmp_path, lines)
    assert path.stat().st_size > 50 * small.max_document_bytes

    items = list(iter_documents([path], small))

    assert len(items) == 300
    failures = [item for item in items if isinstance(item, DocumentFailure)]
    assert [(f.doc, f.origin) for f in failures] == [("batch.jsonl:150", f"{path}:150")]
    assert "longer than ingest.max_document_bytes = 200 bytes" in failures[0].error
    assert (items[150].doc, items[150].origin) == ("r151", f"{path}:151")
    assert items[-1] == RawDocument(
        doc="r300", text="Record number 300.", origin=f"{path}:300", format="jsonl"
    )


def test_a_deeply_nested_line_fails_alone_naming_the_bound(tmp_path: Path) -> None:
    deep = '{"id": "deep", "text": "Ten troops.", "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    path = write_lines(tmp_path, [deep, record(id="ok", text="Twelve troops.")])
    failure, document = iter_documents([path], SETTINGS)

    assert isinstance(failure, DocumentFailure)
    assert failure.origin == f"{path}:1"
    assert f"more than {MAX_JSON_DEPTH} levels deep" in failure.error
    assert isinstance(document, RawDocument) and document.text == "Twelve troops."


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    text = "Troops [" * 3000 + " and {braces}"
    (document,) = iter_documents([write_lines(tmp_path, [record(id="b", text=text)])], SETTINGS)

    assert isinstance(document, RawDocument) and document.text == text


def test_nul_and_lone_surrogates_become_u_fffd_one_for_one(tmp_path: Path) -> None:
    # Written as JSON escapes, as a fuzzed or badly converted feed holds them.
    line = (
        '{"id": "s\\ud800", "text": "Ten\\u0000troops \\udc00came, said a lawmaker in Seoul on Thursday, '
        'citing the spy agency; more would follow in the summer.", '
        '"outlet": "Out\\u0000let", "title": "T\\ud800", "url": "https://x.example/\\u0000"}'
    )
    (document,) = iter_documents([write_lines(tmp_path, [line])], SETTINGS)

    assert isinstance(document, RawDocument)
    assert document.text.startswith("Ten\ufffdtroops \ufffdcame, said")
    assert len(document.text) == len(json.loads(line)["text"])  # every offset kept
    assert document.doc == "s\ufffd"
    assert (document.meta.outlet, document.meta.title) == ("Out\ufffdlet", "T\ufffd")
    assert document.meta.url == "https://x.example/\ufffd"
    # The document can now be hashed, stored and written as UTF-8.
    document.text.encode("utf-8")
