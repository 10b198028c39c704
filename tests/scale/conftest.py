"""A synthetic corpus in every input shape, built from the invented ``samples/`` articles.

Each variant changes the sample's two- and three-digit figures and adds a line, so
documents differ while many stay near-duplicates of one another (the ledger links
them to an original, which a distributed ingest must find as a single process does).
The corpus also holds documents that fail: an empty file, a broken JSON line, a
record without an id, a named path that does not exist.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Two- and three-digit figures: years (four digits) and "27" alike change, dates stay dates.
FIGURE = re.compile(r"(?<![\d,.])(\d{2,3})(?![\d,])")


@dataclass(frozen=True)
class Corpus:
    """The paths a test passes, in order, and how many documents they hold."""

    paths: tuple[str, ...]
    documents: int


def vary(text: str, n: int) -> str:
    """Sample ``text`` with its figures moved by ``n`` and a line naming the variant."""
    if n == 0:
        return text
    return (
        FIGURE.sub(lambda m: str(int(m.group(1)) + n), text)
        + f"\nFiled by desk {n} of the regional bureau.\n"
    )


def sample_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text("utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, extra: bool = True) -> int:
    """HTML responses at ``pages`` (uri, body), with a request, a PDF and a 404 among them."""
    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimtrail tests"}))
        for number, (uri, body) in enumerate(pages):
            if extra and number % 5 == 1:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x.example")], is_http_request=True)
                record = writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=request)
                writer.write_record(record)
            if extra and number % 7 == 3:
                pdf = StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri + ".pdf", "response", payload=BytesIO(b"%PDF-1.7"), http_headers=pdf
                )
                writer.write_record(record)
            html = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(body), http_headers=html,
                warc_headers_dict={"WARC-Date": "2025-03-14T06:30:00Z"},
            )  # fmt: skip
            writer.write_record(record)
    return len(pages)


def build_corpus(root: Path, *, text_variants: int, jsonl_variants: int, warc_variants: int) -> Corpus:
    """Write the corpus under ``root``: a folder of text and HTML files, a JSON Lines file, a WARC file."""
    samples = sample_texts()
    documents = 0
    # 1. A folder: text variants, an HTML page with a sidecar, an empty file.
    folder = root / "articles"
    folder.mkdir(parents=True)
    for n in range(text_variants):
        name, text = samples[n % len(samples)]
        (folder / f"{n:03d}_{name}.txt").write_text(vary(text, n // len(samples)), encoding="utf-8")
        documents += 1
    shutil.copy(SAMPLES / "04_pan_continental_news.html", folder / "page.html")
    shutil.copy(SAMPLES / "03_orvena_herald.meta.json", folder / "page.meta.json")
    (folder / "zz_empty.txt").write_text("  \n", encoding="utf-8")
    documents += 2
    # 2. JSON Lines: text and html records, a blank line, a broken line, a record without id,
    #    and no newline after the last line.
    lines = []
    html = (SAMPLES / "04_pan_continental_news.html").read_text("utf-8")
    for n in range(jsonl_variants):
        name, text = samples[(n + 2) % len(samples)]
        if n % 9 == 4:
            lines.append(json.dumps({"id": f"wire-{n}", "html": vary(html, n), "outlet": "Wire"}))
        else:
            lines.append(
                json.dumps({"id": f"wire-{n}", "text": vary(text, n + 1), "published": "2025-03-12"})
            )
        if n == 3:
            lines.append("")
        if n == 5:
            lines.append('{"id": "broken", "text": ')
        if n == 7:
            lines.append(json.dumps({"text": "No id here."}))
    (root / "wire.jsonl").write_text("\n".join(lines), encoding="utf-8")
    documents += jsonl_variants + 2
    # 3. A WARC file of HTML variants.
    pages = [(f"https://pcn.example/floods/{n}", vary(html, n).encode("utf-8")) for n in range(warc_variants)]
    documents += write_warc(root / "cc-news.warc.gz", pages)
    # 4. The paths in the order a user would give them, with one that does not exist.
    paths = (str(folder), str(root / "wire.jsonl"), str(root / "cc-news.warc.gz"), str(root / "missing.txt"))
    return Corpus(paths=paths, documents=documents + 1)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """About 120 documents: enough that a two-worker run takes several seconds."""
    return build_corpus(
        tmp_path_factory.mktemp("corpus"), text_variants=50, jsonl_variants=50, warc_variants=16
    )


BuildCorpus = Callable[..., Corpus]
WriteWarc = Callable[..., int]


@pytest.fixture(scope="session", name="build_corpus")
def build_corpus_fixture() -> BuildCorpus:
    """``build_corpus(root, text_variants=, jsonl_variants=, warc_variants=)``: a corpus of that size."""
    return build_corpus


@pytest.fixture(scope="session", name="write_warc")
def write_warc_fixture() -> WriteWarc:
    """``write_warc(path, [(uri, html bytes), ...])``: a CC-NEWS-like WARC file of those pages."""
    return write_warc
