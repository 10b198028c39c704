"""The bundled sample corpus (``samples/``) and its gold file are consistent with the claim contract.

Every gold quote occurs in its document, every field value is one the spec allows,
and the sidecar, JSON Lines and HTML samples carry the metadata the spec names.
No model is loaded: these checks are fast.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from scorer_names import name_words

from claimtrail.models import MEASURES, QUALIFIERS

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
GOLD_PATH = SAMPLES_DIR / "gold.json"
SIDECAR_FIELDS = {"url", "published", "outlet", "title", "language"}
JSONL_FIELDS = {"id", "text", "url", "published", "outlet", "title"}
CLAIM_FIELDS = {
    "quote",
    "value",
    "qualifier",
    "measure",
    "counted",
    "actor",
    "when",
    "stated_by",
    "source",
    "stated_on",
    "hedged",
    "fact",
    "optional",
}


def load_gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD_PATH.read_text("utf-8"))
    return data


def gold_claims() -> list[tuple[str, dict[str, Any]]]:
    return [(d["doc"], c) for d in load_gold()["docs"] for c in d["claims"]]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def claim_id(item: tuple[str, dict[str, Any]]) -> str:
    doc, claim = item
    return f"{doc}:{claim['quote'][:30]}"


def test_every_text_sample_has_gold_and_every_gold_doc_exists() -> None:
    gold_docs = [d["doc"] for d in load_gold()["docs"]]
    assert len(gold_docs) == len(set(gold_docs)), "a document is listed twice"
    texts = sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))
    assert sorted(gold_docs) == texts


@pytest.mark.parametrize("doc", load_gold()["docs"], ids=lambda d: d["doc"])
def test_document_fields(doc: dict[str, Any]) -> None:
    assert set(doc) == {"doc", "published", "outlet", "title", "claims"}
    assert doc["published"] is None or is_iso_date(doc["published"])
    assert isinstance(doc["title"], str) and doc["title"] in (SAMPLES_DIR / doc["doc"]).read_text("utf-8")
    assert doc["claims"], "a gold document without claims scores nothing"


@pytest.mark.parametrize("item", gold_claims(), ids=claim_id)
def test_quote_occurs_in_document(item: tuple[str, dict[str, Any]]) -> None:
    doc, claim = item
    text = (SAMPLES_DIR / doc).read_text("utf-8")
    assert claim["quote"] in text


@pytest.mark.parametrize("item", gold_claims(), ids=claim_id)
def test_claim_fields_follow_the_spec(item: tuple[str, dict[str, Any]]) -> None:
    _, claim = item
    assert set(claim) <= CLAIM_FIELDS and set(claim) >= CLAIM_FIELDS - {"optional"}
    assert all(q in QUALIFIERS for q in as_list(claim["qualifier"]))
    assert all(m in MEASURES for m in as_list(claim["measure"]))
    assert isinstance(claim["hedged"], bool)
    assert claim["fact"] is None or isinstance(claim["fact"], str)
    assert isinstance(claim.get("optional", False), bool)
    assert claim["stated_on"] is None or is_iso_date(claim["stated_on"])
    when = claim["when"]
    if when is not None:
        assert is_iso_date(when["start"]) and is_iso_date(when["end"])
        assert when["start"] <= when["end"]
    for field in ("stated_by", "source"):
        names = claim[field]
        assert names is None or (isinstance(names, list) and names), f"{field} is null or a non-empty list"
        for name in names or []:
            assert name_words(name), f"{field} {name!r} holds only words the scorer ignores"
    if claim["stated_by"] is None:
        assert claim["source"] is None, "a source without a speaker"


@pytest.mark.parametrize("item", gold_claims(), ids=claim_id)
def test_value_matches_qualifier(item: tuple[str, dict[str, Any]]) -> None:
    _, claim = item
    low, high = claim["value"]["low"], claim["value"]["high"]
    assert low is None or isinstance(low, (int, float))
    assert high is None or isinstance(high, (int, float))
    if low is not None and high is not None:
        assert low <= high
    for qualifier in as_list(claim["qualifier"]):
        if qualifier in ("exact", "approx", "nearly"):
            assert low is not None and low == high
        elif qualifier in ("more_than", "at_least"):
            assert low is not None and high is None
        elif qualifier in ("up_to", "at_most"):
            assert low is None and high is not None
        elif qualifier == "range":
            assert low is not None and high is not None and low < high
        else:
            assert low is not None or high is not None


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*.meta.json")), ids=lambda p: p.name)
def test_sidecar_metadata(path: Path) -> None:
    meta = json.loads(path.read_text("utf-8"))
    assert set(meta) <= SIDECAR_FIELDS
    assert meta.get("published") is None or is_iso_date(meta["published"])
    stem = path.name.removesuffix(".meta.json")
    described = [p for p in SAMPLES_DIR.glob(f"{stem}.*") if p.suffix in (".txt", ".html", ".htm")]
    assert described, f"{path.name} sits beside no document"
    gold = {d["doc"]: d for d in load_gold()["docs"]}
    for doc in described:
        if doc.name in gold:
            # What the sidecar gives wins, so the gold must agree with it.
            assert gold[doc.name]["published"] == meta.get("published")
            assert gold[doc.name]["title"] == meta.get("title")


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*.jsonl")), ids=lambda p: p.name)
def test_jsonl_records(path: Path) -> None:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert len(records) >= 2
    for record in records:
        assert set(record) == JSONL_FIELDS
        assert is_iso_date(record["published"])
        assert record["text"].strip()


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*.html")), ids=lambda p: p.name)
def test_html_metadata(path: Path) -> None:
    html = path.read_text("utf-8")
    for marker in ('property="og:title"', 'property="article:published_time"', "<nav", "<article", "<footer"):
        assert marker in html


def test_readme_lists_every_sample() -> None:
    readme = (SAMPLES_DIR / "README.md").read_text("utf-8")
    for path in SAMPLES_DIR.iterdir():
        if path.name != "README.md":
            assert path.name in readme, f"README.md does not mention {path.name}"
