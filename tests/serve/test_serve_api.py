"""The JSON API over a real SQLite ledger: filters, paging, sorting, evidence, CSV and JSON errors."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimtrail.models import MEASURES


def rows(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()["rows"]
    return body


def test_measures_count_current_claims(client: TestClient) -> None:
    counts = {m["measure"]: m["claims"] for m in client.get("/api/measures").json()}

    assert list(counts) == list(MEASURES)
    assert counts["killed"] == 5 and counts["deployed"] == 1 and counts["missing"] == 1


@pytest.mark.parametrize(
    ("params", "texts"),
    [
        ({}, ["600 people", "About 2,000 troops", "400 people", "600 people", "600 people", "70 people", "12 people"]),
        ({"measure": "deployed"}, ["About 2,000 troops"]),
        ({"source": "health ministry"}, ["600 people", "600 people"]),
        ({"outlet": "Global News"}, ["400 people", "600 people", "600 people"]),
        ({"language": "fr"}, ["600 people"]),
        ({"language": "en", "outlet": "Global News"}, ["400 people", "600 people"]),
        ({"language": ""}, ["600 people", "About 2,000 troops", "400 people", "600 people", "600 people",
                            "70 people", "12 people"]),
        ({"since": "2025-01-06", "until": "2025-01-07"}, ["400 people", "70 people", "12 people"]),
        ({"hedged": "true"}, ["600 people"]),
        ({"text": "troops"}, ["About 2,000 troops"]),
        ({"document": "b.txt", "measure": "killed"}, ["400 people", "600 people"]),
        ({"measure": ""}, ["600 people", "About 2,000 troops", "400 people", "600 people", "600 people",
                           "70 people", "12 people"]),  # a cleared form field is no filter
    ],
)  # fmt: skip
def test_claims_filters_narrow_the_rows_and_the_count(
    client: TestClient, params: dict[str, str], texts: list[str]
) -> None:
    found = rows(client, "/api/claims", **params)

    assert [c["text"] for c in found] == texts
    assert client.get("/api/claims/count", params=params).json() == {"total": len(texts)}


def test_claims_page_with_has_more(client: TestClient) -> None:
    everything = rows(client, "/api/claims", limit=100)
    first = client.get("/api/claims", params={"limit": 3}).json()
    rest = client.get("/api/claims", params={"limit": 3, "offset": 3}).json()
    last = client.get("/api/claims", params={"limit": 3, "offset": 6}).json()

    assert (first["has_more"], rest["has_more"], last["has_more"]) == (True, True, False)
    assert first["rows"] + rest["rows"] + last["rows"] == everything
    assert (first["limit"], rest["offset"]) == (3, 3)


def test_claims_sort_by_statement_date_newest_first(client: TestClient) -> None:
    dates = [c["stated_on"] for c in rows(client, "/api/claims", sort="-stated_on")]

    assert dates == sorted(dates, reverse=True)


def test_a_claim_carries_its_document_sentence_and_span(client: TestClient) -> None:
    first = rows(client, "/api/claims", document="a.txt")[0]
    one = client.get(f"/api/claims/{first['id']}").json()
    document = client.get("/api/documents/a.txt").json()

    assert one == first
    assert one["doc"] == "a.txt" and one["outlet"] == "Kyiv Post" and "Health Ministry" in one["quote"]
    start, end = one["span"]
    assert document["text"][start:end] == one["text"] == "600 people"


def test_each_timeline_estimate_opens_its_evidence(client: TestClient) -> None:
    timeline = rows(client, "/api/timeline", measure="killed", actor="Ukraine")

    assert [(r["stated_on"], r["source"]) for r in timeline] == [
        ("2025-01-03", "Health Ministry"),
        ("2025-01-05", "United Nations"),
        ("2025-01-06", "Army"),
        ("2025-01-07", "Army"),
        ("2025-01-10", "Health Ministry"),
    ]
    for row in timeline:
        claim = client.get(f"/api/claims/{row['claim_id']}").json()
        assert (claim["quote"], claim["fact"], claim["source"]) == (row["quote"], row["fact"], row["source"])


def test_the_timeline_series_is_the_timeline_as_columns(client: TestClient) -> None:
    wanted = "stated_on,low,high,source,hedged,claim_id"
    series = client.get(
        "/api/timeline/series", params={"measure": "killed", "fields": wanted, "limit": 3}
    ).json()
    timeline = rows(client, "/api/timeline", measure="killed", limit=3)

    assert list(series["columns"]) == wanted.split(",")
    assert series["has_more"] is True and series["limit"] == 3
    for name, values in series["columns"].items():
        assert values == [r[name] for r in timeline], name


def test_an_unknown_timeline_column_is_refused_with_the_valid_ones(client: TestClient) -> None:
    response = client.get("/api/timeline/series", params={"fields": "stated_on,password"})

    assert response.status_code == 400
    assert "unknown timeline column(s) 'password'; valid: stated_on, fact" in response.json()["error"]


def test_conflicts_pair_estimates_with_their_quotes(client: TestClient) -> None:
    found = rows(client, "/api/conflicts", measure="killed")

    kinds = {(c["kind"], c["earlier"]["low"], c["later"]["low"]) for c in found}
    assert ("contradiction", 600.0, 400.0) in kinds
    for conflict in found:
        assert conflict["earlier"]["quote"] and conflict["later"]["quote"] and conflict["reason"]


def test_citations_count_who_cites_whom(client: TestClient) -> None:
    found = rows(client, "/api/citations")

    assert {(r["outlet"], r["stated_by"], r["source"]): (r["claims"], r["documents"]) for r in found} == {
        ("Kyiv Post", "Health Ministry", "Health Ministry"): (1, 1),
        ("Kyiv Post", "Defence Ministry", "Defence Ministry"): (1, 1),
        ("Global News", "Army", "Army"): (1, 1),
        ("Global News", "Health Ministry", "Health Ministry"): (1, 1),
        ("Global News", "UN", "United Nations"): (1, 1),
        ("<b>Bold Outlet</b>", "Army", "Army"): (1, 1),
        ("<b>Bold Outlet</b>", "Rescuers", "Rescuers"): (1, 1),
    }


def test_facts_and_their_claims(client: TestClient) -> None:
    facts = rows(client, "/api/facts", measure="killed")
    top = facts[0]
    claims = client.get(f"/api/facts/{top['fact']}/claims").json()

    assert top["fact"] == "f-k600" and top["claims"] == 2
    assert [c["source"] for c in claims] == ["Health Ministry", "United Nations"]


def test_documents_list_and_one_document_with_blocks(client: TestClient) -> None:
    listed = rows(client, "/api/documents")
    one = client.get("/api/documents/c.txt").json()

    assert [d["doc"] for d in listed] == ["a.txt", "c.txt", "b.txt", "xss.txt"]  # by publication date
    assert one["blocks"] == [{"start": 0, "end": len(one["text"]) - 1, "kind": "body", "reason": "prose"}]
    assert [c["text"] for c in one["claims"]] == ["600 people"]


def test_a_claim_shows_its_documents_language(client: TestClient) -> None:
    by_doc = {c["doc"]: c["language"] for c in rows(client, "/api/claims")}
    document = client.get("/api/documents/c.txt").json()

    assert by_doc == {"a.txt": "en", "b.txt": "en", "c.txt": "fr", "xss.txt": "en"}
    assert document["language"] == "fr" and [c["language"] for c in document["claims"]] == ["fr"]
    assert {c["language"] for c in client.get("/api/facts/f-k600/claims").json()} == {"en", "fr"}
    table = list(csv.DictReader(io.StringIO(client.get("/api/claims.csv", params={"language": "fr"}).text)))
    assert [(r["doc"], r["language"]) for r in table] == [("c.txt", "fr")]


@pytest.mark.parametrize(
    ("path", "key", "french", "english"),
    [
        ("/api/facts", "fact", ["f-k600"], ["f-k600", "f-d2000", "f-k400", "f-k600plus", "f-k70", "f-m12"]),
        ("/api/timeline", "source", ["United Nations"],
         ["Defence Ministry", "Health Ministry", "Army", "Army", "Rescuers", "Health Ministry"]),
        ("/api/documents", "doc", ["c.txt"], ["a.txt", "b.txt", "xss.txt"]),
        ("/api/citations", "source", ["United Nations"],
         ["Army", "Rescuers", "Army", "Health Ministry", "Defence Ministry", "Health Ministry"]),
        ("/api/conflicts", "id", [], None),  # every conflict is between English reports
    ],
)  # fmt: skip
def test_every_list_endpoint_filters_by_language(
    client: TestClient, path: str, key: str, french: list[str], english: list[str] | None
) -> None:
    everything = [r[key] for r in rows(client, path)]

    assert [r[key] for r in rows(client, path, language="fr")] == french
    assert [r[key] for r in rows(client, path, language="en")] == (everything if english is None else english)
    assert len(everything) > len(french)
    assert rows(client, path, language="de") == []


def test_csv_download_holds_every_claim_of_the_filter(client: TestClient) -> None:
    response = client.get("/api/claims.csv", params={"measure": "killed", "limit": 1})
    table = list(csv.DictReader(io.StringIO(response.text)))

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert len(table) == 5  # the page size does not cut a download
    assert {r["measure"] for r in table} == {"killed"}
    assert table[0]["quote"].startswith("Shelling killed 600 people")


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        (
            "/api/claims",
            {"measure": "deaths"},
            400,
            "unknown measure 'deaths'; valid measures: deployed, killed",
        ),
        ("/api/claims", {"sort": "rowid"}, 400, "unknown sort 'rowid'; valid sorts: stored"),
        (
            "/api/claims",
            {"language": "English"},
            400,
            "language must be a code of two or three lowercase letters, like en",
        ),
        ("/api/facts", {"language": "EN"}, 400, "not 'EN'"),
        ("/api/documents", {"language": "en-GB"}, 400, "like en, fr or fra"),
        (
            "/api/claims",
            {"since": "2025-02-01", "until": "2025-01-01"},
            400,
            "since (2025-02-01) is after until",
        ),
        ("/api/claims", {"since": "last week"}, 422, "since: Input should be a valid date"),
        ("/api/claims", {"limit": "0"}, 422, "limit: Input should be greater than or equal to 1"),
        ("/api/claims", {"limit": "5000"}, 400, "limit 5000 is over the most one request may ask for (1000)"),
        ("/api/timeline", {"limit": "20001"}, 400, "(20000)"),
        ("/api/claims/99999", {}, 404, "no claim 99999 in the ledger"),
        ("/api/claims/abc", {}, 422, "claim_id: Input should be a valid integer"),
        ("/api/documents/nothing.txt", {}, 404, "no document with id or name 'nothing.txt'"),
        ("/api/uploads/nojob", {}, 404, "no upload job 'nojob'"),
        ("/api/nothing", {}, 404, "no such page or endpoint: /api/nothing"),
    ],
)
def test_errors_are_json_with_a_message_and_the_right_status(
    client: TestClient, path: str, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get(path, params=params)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status and message in body["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "x' OR '1'='1"},
        {"source": "'; DROP TABLE claims; --"},
        {"outlet": "%"},
        {"text": "%"},
        {"text": "_"},
        {"text": "\\"},
        {"document": "' OR 1=1 --"},
        {"source": '" OR ""="'},
        {"actor": "Ukraine'--", "measure": "killed"},
    ],
    ids=repr,
)
def test_sql_metacharacters_in_filters_give_correct_empty_results(
    client: TestClient, params: dict[str, str]
) -> None:
    for path in (
        "/api/claims",
        "/api/facts",
        "/api/timeline",
        "/api/documents",
        "/api/citations",
        "/api/conflicts",
    ):
        assert rows(client, path, **params) == [], path
    assert client.get("/api/claims/count", params=params).json() == {"total": 0}
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/api/claims.csv", params=params).text)))
    assert csv_rows == []
    assert client.get("/api/claims/count").json() == {"total": 7}  # the ledger is intact


def test_openapi_document_lists_the_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    assert spec["openapi"].startswith("3.0")
    for path in ("/api/claims", "/api/timeline", "/api/conflicts", "/api/documents/{ref}", "/api/uploads"):
        assert path in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {
        "measure",
        "actor",
        "source",
        "outlet",
        "language",
        "since",
        "until",
        "hedged",
        "text",
        "sort",
        "limit",
    } <= names
    for path in ("/api/facts", "/api/timeline", "/api/conflicts", "/api/citations", "/api/documents"):
        assert "language" in {p["name"] for p in spec["paths"][path]["get"]["parameters"]}, path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/story-1",
        "/timeline",
        "/claims",
        "/conflicts",
        "/sources",
        "/upload",
        "/docs",
        "/documents/a.txt",
    ],
)
def test_pages_are_served_with_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "cdn" not in response.text.lower() and "https://" not in response.text


def test_the_chart_and_api_explorer_libraries_are_served_locally(client: TestClient) -> None:
    for name in ("bokeh.min.js", "bokeh-gl.min.js", "bokeh-api.min.js"):
        served = client.get(f"/vendor/bokeh/{name}")
        assert served.status_code == 200 and served.headers["content-type"].startswith("text/javascript")
        assert b"Bokeh Contributors" in served.content[:2000] and len(served.content) > 100_000
    swagger = client.get("/vendor/swagger/swagger-ui-bundle.js")
    assert swagger.status_code == 200 and len(swagger.content) > 100_000
    page = client.get("/timeline").text
    assert "/vendor/bokeh/bokeh.min.js" in page and "/vendor/bokeh/bokeh-api.min.js" in page


@pytest.mark.parametrize(
    "path",
    ["/static/../api.py", "/static/%2e%2e/api.py", "/vendor/bokeh/../__init__.py", "/static/..%2fapp.py"],
)
def test_static_paths_cannot_leave_their_folders(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert b"import" not in response.content
