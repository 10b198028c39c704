"""Fixtures shared by the whole suite: settings, the spaCy model, the seeds and their gold.

The spaCy model loads once per session (fixture ``nlp``); tests that use it are marked ``slow``.
Documents are built from invented text with ``make_raw`` / ``make_clean`` /
``make_article``, which run the real stages, never stand-ins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import pytest
from feedserver import FeedServer

from claimtrail import clean, metadata, nlp
from claimtrail.models import (
    Article,
    Block,
    BlockKind,
    Claim,
    CleanDocument,
    Document,
    DocumentMeta,
    Period,
    RawDocument,
    StoredDocument,
    Value,
)
from claimtrail.settings import Settings, load_settings
from claimtrail.store.tempcluster import Cluster, find_postgres_bin, start_cluster

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SEEDS_GOLD = REPO_ROOT.parent / "shared" / "eval" / "seeds.gold.json"

MakeRaw = Callable[..., RawDocument]
MakeClean = Callable[..., CleanDocument]
MakeArticle = Callable[..., Article]
MakeStored = Callable[..., StoredDocument]

# pytester runs the browser tests in a child pytest (tests/serve/test_serve_screenshots.py).
pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session", name="nlp")
def nlp_fixture(settings: Settings) -> Any:
    """The real spaCy pipeline the settings name, loaded once (mark tests using it ``slow``)."""
    return nlp.load_model(settings.nlp.model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"the seeds are missing: expected them at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, Any]:
    """``../shared/eval/seeds.gold.json``: ``{"docs": [{"doc", "title", "claims": [...]}]}``."""
    if not SEEDS_GOLD.is_file():
        pytest.fail(f"the seeds' gold file is missing: expected it at {SEEDS_GOLD}")
    gold: dict[str, Any] = json.loads(SEEDS_GOLD.read_text("utf-8"))
    return gold


@pytest.fixture(scope="session")
def make_raw() -> MakeRaw:
    """Build a text document: ``make_raw(text, doc="page.txt", **meta)``."""

    def build(text: str, doc: str = "page.txt", **meta: Any) -> RawDocument:
        return RawDocument(doc=doc, text=text, origin=doc, format="text", meta=DocumentMeta(**meta))

    return build


@pytest.fixture(scope="session")
def make_clean(make_raw: MakeRaw, settings: Settings) -> MakeClean:
    """Clean a text with the real cleaner: ``make_clean(text, **meta)``."""

    def build(text: str, **meta: Any) -> CleanDocument:
        return clean.clean_document(make_raw(text, **meta), settings.clean)

    return build


@pytest.fixture(scope="session")
def make_article(make_clean: MakeClean) -> MakeArticle:
    """Clean a text and resolve its metadata: ``make_article(text, **meta)``."""

    def build(text: str, **meta: Any) -> Article:
        return metadata.resolve_metadata(make_clean(text, **meta))

    return build


# --- stored documents for the ledger's suites (store, serve), built by hand, no extractor ---


def build_claims(text: str, specs: list[dict[str, Any]]) -> tuple[Claim, ...]:
    """Claims from ``specs`` (``phrase`` plus Claim fields); each phrase is found after the previous one."""
    claims = []
    position = 0
    for spec in specs:
        fields = dict(spec)
        phrase = fields.pop("phrase")
        start = text.index(phrase, position)
        position = start + len(phrase)
        low = fields.pop("low")
        high = fields.pop("high", low)
        when = fields.pop("when", None)
        claims.append(
            Claim(
                span=(start, start + len(phrase)),
                text=phrase,
                value=Value(low, high),
                qualifier=fields.pop("qualifier", "exact"),
                measure=fields.pop("measure", "killed"),
                counted=fields.pop("counted", "people"),
                when=Period(dt.date.fromisoformat(when[0]), dt.date.fromisoformat(when[1]), when[2])
                if when
                else None,
                **fields,
            )
        )
    return tuple(claims)


@pytest.fixture(scope="session")
def make_stored() -> MakeStored:
    """``make_stored(doc, text, claims=[{"phrase", "low", ...}], outlet=..., published=..., copy_of=...)``."""

    def build(
        doc: str,
        text: str,
        claims: list[dict[str, Any]] | None = None,
        *,
        title: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        language: str | None = "en",
        url: str | None = None,
        copy_of: str | None = None,
        bands: tuple[str, ...] = (),
    ) -> StoredDocument:
        document = Document(
            doc=doc,
            title=title,
            outlet=outlet,
            published=dt.date.fromisoformat(published) if published else None,
            language=language,
            claims=build_claims(text, claims or []),
        )
        blocks, offset = [], 0
        for line in text.split("\n"):
            if line:
                blocks.append(Block(offset, offset + len(line), BlockKind.BODY, "prose"))
            offset += len(line) + 1
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return StoredDocument(
            id=digest,
            document=document,
            text=text,
            origin=f"/corpus/{doc}",
            url=url,
            blocks=tuple(blocks),
            copy_of=copy_of,
            signature=b"sig:" + digest[:8].encode("ascii"),
            bands=bands,
        )

    return build


# --- lines a test wants shown after the run (where screenshots went, measured figures) ---

_REPORT_LINES: list[str] = []


def report_line(line: str) -> None:
    """Show ``line`` in the terminal summary of the run (once)."""
    if line not in _REPORT_LINES:
        _REPORT_LINES.append(line)


@pytest.fixture(scope="session", name="report_line")
def report_line_fixture() -> Callable[[str], None]:
    return report_line


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for line in _REPORT_LINES:
        terminalreporter.write_line(line)


# --- system programs some tests need (PostgreSQL's server, Chromium) ---

REQUIRE_SYSTEM_ENV = "CLAIMTRAIL_REQUIRE_SYSTEM"
# Values of CLAIMTRAIL_REQUIRE_SYSTEM: .ci/run sets "1" so that a missing program fails the run
# instead of quietly skipping the tests that need it.
REQUIRE_SYSTEM_VALUES = {"": False, "0": False, "1": True}


def missing_system_program(
    program: str, package: str, report: Callable[[str], None] | None = None
) -> NoReturn:
    """Skip the test: ``program`` is not installed (Debian ``package`` has it).

    The run's summary says so in one line (``report``, by default the summary's
    ``report_line``), however many tests it skips. Under ``CLAIMTRAIL_REQUIRE_SYSTEM=1``
    (set by .ci/run, which installs every such package) the test fails instead, so a CI
    machine cannot pass by skipping.
    """
    value = os.environ.get(REQUIRE_SYSTEM_ENV, "")
    if value not in REQUIRE_SYSTEM_VALUES:
        valid = ", ".join(repr(v) for v in REQUIRE_SYSTEM_VALUES)
        pytest.fail(f"{REQUIRE_SYSTEM_ENV}={value!r} is not understood: expected one of {valid}")
    message = f"{program} is not installed: apt-get install {package}"
    if REQUIRE_SYSTEM_VALUES[value]:
        pytest.fail(f"{message} ({REQUIRE_SYSTEM_ENV}=1 makes a missing system program a failure)")
    (report or report_line)(f"skipped the tests that need it: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session", name="missing_system_program")
def missing_system_program_fixture() -> Callable[[str, str], NoReturn]:
    """``missing_system_program(program, package)``: skip, or fail under CLAIMTRAIL_REQUIRE_SYSTEM=1."""
    return missing_system_program


# --- a real PostgreSQL server for the ledger's suites (store, serve) ---


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A temporary PostgreSQL cluster for the whole session, stopped at its end."""
    if find_postgres_bin() is None:
        missing_system_program("PostgreSQL's server", "postgresql")
    with start_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def pg_database(pg_cluster: Cluster) -> str:
    """The URL of the session's database in the temporary cluster."""
    return pg_cluster.create_database(f"ledgers_{os.getpid()}")


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A local server (127.0.0.1, port 0) of invented feeds and pages: tests/feedserver.py."""
    with FeedServer() as server:
        yield server


@pytest.fixture(scope="session")
def watch_settings(settings: Settings) -> Settings:
    """The settings with ``[watch]`` quick enough for tests against the local server.

    No pause between requests to the one host, a 1 s timeout, one retry after
    10 ms: a misbehaving route costs at most a few seconds.
    """
    quick = replace(
        settings.watch, fetch_timeout_s=1.0, host_interval_s=0.0, fetch_retries=1, retry_backoff_s=0.01
    )
    return replace(settings, watch=quick)
