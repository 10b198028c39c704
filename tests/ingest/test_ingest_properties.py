"""Properties of ingest over generated input (Hypothesis): bad bytes and bad JSON become failures.

Whatever the bytes of a file or the values of a JSON Lines record, reading yields a
:class:`RawDocument` or a :class:`DocumentFailure` (for ``iter_documents``), or raises
an :class:`InputError` (for ``decode_bytes``), never another exception; a JSON Lines
file yields one item per non-blank line, so one bad record loses no other.

Tests marked ``xfail(strict=True)`` state a property the current code breaks (issue 9);
they pass as XPASS, failing the run, once the fix is merged, so that the mark comes off.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrail.errors import InputError
from claimtrail.ingest import iter_documents, iter_jsonl
from claimtrail.ingest.decode import decode_bytes, replace_unstorable
from claimtrail.ingest.sidecar import read_sidecar
from claimtrail.models import DocumentFailure, DocumentMeta, RawDocument
from claimtrail.settings import IngestSettings

# Few examples, no deadline: the suite runs on every change, on 2 busy cores.
BOUNDED = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INGEST = IngestSettings()
# Deeper than any JSON parser's recursion limit (CPython's json: about 1,000 levels).
DEEP_LEVELS = 100_000

# Text with the characters that break readers: NUL, CR, line and paragraph separators, NEL, BOM.
ODD_CHARS = st.sampled_from(["\x00", "\r", "\n", "\u2028", "\u2029", "\u0085", "\ufeff", "\t", " "])
TEXTS = st.lists(st.one_of(st.text(max_size=20), ODD_CHARS), max_size=30).map("".join)
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXTS
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
META_KEYS = ("url", "published", "outlet", "title", "language")
RECORDS = st.fixed_dictionaries(
    {"id": st.text(max_size=12), "text": TEXTS},
    optional={key: JSON_VALUES for key in META_KEYS},
)
LINES = st.one_of(JSON_VALUES, RECORDS, st.dictionaries(st.sampled_from(("id", "text", "html")), JSON_VALUES))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for the module's files (Hypothesis reruns a test body; function fixtures don't reset)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def utf8_clean(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (no lone surrogates): every output is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_one_file(path: Path, data: bytes) -> list[RawDocument | DocumentFailure]:
    path.write_bytes(data)
    return list(iter_documents([path.parent], INGEST))


@BOUNDED
@given(data=st.binary(max_size=4096))
@example(data=b"")
@example(data=b"\xff\xfe" + "Floods killed 27 people.".encode("utf-16-le"))
@example(data=b"Floods killed 27 people.\x00\x00\x00")
def test_decode_bytes_gives_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, where="page.txt", settings=INGEST)
    except InputError as exc:
        assert str(exc).startswith("page.txt: ")
        return
    assert text.strip()
    assert "\r" not in text  # newlines as Python's text mode reads them
    assert utf8_clean(text)


@BOUNDED
@given(data=st.one_of(st.binary(max_size=2048), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(data="Floods killed 27 people.".encode("utf-16"))
def test_a_text_file_yields_one_document_or_one_failure(folder: Path, data: bytes) -> None:
    page = folder / "one" / "page.txt"
    page.parent.mkdir(exist_ok=True)
    items = read_one_file(page, data)
    assert len(items) == 1
    item = items[0]
    assert item.doc == "page.txt"
    assert item.origin == str(page)
    if isinstance(item, RawDocument):
        assert item.text.strip()
        assert utf8_clean(item.text)


def write_jsonl(path: Path, values: list[Any], *, ascii_only: bool) -> None:
    path.write_text("\n".join(json.dumps(v, ensure_ascii=ascii_only) for v in values) + "\n", "utf-8")


@BOUNDED
@given(values=st.lists(LINES, min_size=1, max_size=8), ascii_only=st.booleans())
def test_jsonl_yields_one_item_per_line_and_keeps_text_as_given(
    folder: Path, values: list[Any], ascii_only: bool
) -> None:
    path = folder / "wire.jsonl"
    write_jsonl(path, values, ascii_only=ascii_only)
    items = list(iter_jsonl(path, INGEST))
    assert len(items) == len(values)
    for number, (value, item) in enumerate(zip(values, items, strict=True), start=1):
        if isinstance(item, DocumentFailure):
            assert item.origin == f"{path}:{number}"
            assert item.error.startswith((f"{path} line {number}: ", f"{path} line {number} ("))
            continue
        assert item.origin == f"{path}:{number}"
        assert isinstance(value, dict)
        # as given, but for NUL and lone surrogates, which no ledger stores: U+FFFD, one for one
        assert item.doc == replace_unstorable(value["id"])
        if "text" in value:
            assert item.text == replace_unstorable(value["text"])
        assert utf8_clean(item.text)


@BOUNDED
@given(meta=st.dictionaries(st.sampled_from(META_KEYS), JSON_VALUES, max_size=5) | JSON_VALUES)
def test_a_sidecar_gives_metadata_or_input_error(folder: Path, meta: Any) -> None:
    page = folder / "page.txt"
    page.write_text("Floods killed 27 people, police said.\n", "utf-8")
    (folder / "page.meta.json").write_text(json.dumps(meta), "utf-8")
    try:
        found = read_sidecar(page, INGEST)
    except InputError:
        return
    assert isinstance(found, DocumentMeta)


def deep_json(levels: int) -> str:
    return "[" * levels + "]" * levels


@BOUNDED
@given(levels=st.integers(min_value=1, max_value=DEEP_LEVELS))
@example(levels=DEEP_LEVELS)
def test_a_deeply_nested_jsonl_line_is_one_failure_and_the_next_line_still_reads(
    folder: Path, levels: int
) -> None:
    path = folder / "deep.jsonl"
    path.write_text(deep_json(levels) + '\n{"id": "next", "text": "Floods killed 27 people."}\n', "utf-8")
    items = list(iter_jsonl(path, INGEST))
    assert len(items) == 2
    assert isinstance(items[0], DocumentFailure)
    assert isinstance(items[1], RawDocument)
    assert items[1].doc == "next"


@BOUNDED
@given(levels=st.integers(min_value=1, max_value=DEEP_LEVELS))
@example(levels=DEEP_LEVELS)
def test_a_deeply_nested_sidecar_is_an_input_error(folder: Path, levels: int) -> None:
    page = folder / "nested.txt"
    page.write_text("Floods killed 27 people, police said.\n", "utf-8")
    (folder / "nested.meta.json").write_text('{"title": ' + deep_json(levels) + "}", "utf-8")
    with pytest.raises(InputError):
        read_sidecar(page, INGEST)


# A JSON escape of half a UTF-16 surrogate pair: valid JSON syntax, no character of its own.
LONE_SURROGATES = st.sampled_from(["\\ud800", "\\udfff", "\\udbff\\u0041", "\\ude00\\ud800"])


@BOUNDED
@given(escape=LONE_SURROGATES, where=st.sampled_from(["text", "id", "title"]))
@example(escape="\\ud800", where="text")
def test_a_lone_surrogate_escape_in_jsonl_never_reaches_a_document(
    folder: Path, escape: str, where: str
) -> None:
    fields = {"id": "r1", "text": "Floods killed 27 people.", "title": "Floods"}
    line = ", ".join(
        f'"{key}": "{value[:3]}{escape if key == where else ""}{value[3:]}"' for key, value in fields.items()
    )
    path = folder / "surrogate.jsonl"
    path.write_text("{" + line + "}\n", "utf-8")
    (item,) = iter_jsonl(path, INGEST)
    if isinstance(item, RawDocument):
        assert utf8_clean(item.text)
        assert utf8_clean(item.doc)
        assert item.meta.title is None or utf8_clean(item.meta.title)


def warc_bytes(records: list[tuple[str, str]]) -> bytes:
    """A .warc.gz of HTML responses, one per (target URI, status); an empty URI writes no header."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, status in records:
        page = b"<html><body><article><p>Floods killed 27 people in the north, police said.</p></article></body></html>"
        headers = StatusAndHeaders(
            status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        fixed = {"WARC-Date": "2025-03-10T08:00:00Z"}
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(page), http_headers=headers, warc_headers_dict=fixed
            )
        )
    return out.getvalue()


WARC_RECORDS = st.lists(
    st.tuples(st.sampled_from(["https://news.example/a", "https://news.example/b", ""]),
              st.sampled_from(["200 OK", "404 Not Found"])),
    min_size=1,
    max_size=4,
)  # fmt: skip


@BOUNDED
@given(records=WARC_RECORDS, cut=st.none() | st.integers(min_value=1, max_value=5000))
@example(records=[("", "200 OK"), ("https://news.example/b", "200 OK")], cut=None)
def test_a_warc_file_yields_documents_or_failures_and_never_raises(
    folder: Path, records: list[tuple[str, str]], cut: int | None
) -> None:
    pytest.importorskip("warcio")
    path = folder / "crawl.warc.gz"
    data = warc_bytes(records)
    path.write_bytes(data[:cut] if cut is not None else data)
    items = list(iter_documents([path], INGEST))
    if cut is None:
        # A whole file: every page fetched with 200 is a document or a failure naming it, and a
        # response without its (required) target URI is a failure whatever its status.
        assert len(items) == sum(1 for uri, status in records if status == "200 OK" or not uri)
