"""Runs the stages in order: ingest -> clean -> metadata -> nlp -> claims -> link (-> store).

    >>> for result in extract_paths(["articles/"], load_settings()):
    ...     print(result.doc)
    >>> with open_store("ledger.db", create=True) as store:
    ...     report = ingest_paths(["articles/"], store, load_settings())

No logic of its own: every decision lives in a stage. A document that fails
becomes a :class:`DocumentFailure` and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import claims, clean, ingest, link, metadata
from . import nlp as nlp_stage
from .errors import ClaimtrailError, UnstorableDocumentError
from .models import (
    AnnotatedArticle,
    Article,
    Conflict,
    Document,
    DocumentFailure,
    Filters,
    RawDocument,
    Run,
    StoredDocument,
    StoryInput,
)
from .settings import Settings
from .store import CONNECT_TIMEOUT_S, open_store

if TYPE_CHECKING:
    from .store import Store

logger = logging.getLogger(__name__)

Result = Document | DocumentFailure

# Conflicts are found among at most this many estimates (the earliest by
# statement date) of the filtered ledger. A measure and actor of a real story
# have tens to hundreds of estimates; pairing costs grow with the square: at
# 1,000 a conflicts query on bench/store.py's 1,000,000-claim ledger took
# 165 ms at p95 (SQLite), at 500 it stays under 100 ms. Narrow the filters
# (--since/--until) to see later estimates.
CONFLICT_ROWS_LIMIT = 500


def _prepare(raw: RawDocument, settings: Settings) -> Article | DocumentFailure:
    try:
        # The ingest readers already did this; a document made by hand (the API) has not.
        raw = ingest.storable_document(raw)
        cleaned = clean.clean_document(raw, settings.clean)
        nlp_stage.check_parseable(cleaned, settings.nlp)  # before the metadata: a refused page costs little
        return metadata.resolve_metadata(cleaned)
    except ClaimtrailError as exc:
        return DocumentFailure(raw.doc, raw.origin, str(exc))
    except Exception as exc:  # one bad document never stops a batch
        logger.exception("cleaning %s failed", raw.doc)
        return DocumentFailure(raw.doc, raw.origin, f"internal error while cleaning: {exc!r}")


def _finish(annotated: AnnotatedArticle, settings: Settings) -> Result:
    article = annotated.article
    try:
        found = link.link_facts(claims.find_claims(annotated, settings.claims))
    except ClaimtrailError as exc:
        return DocumentFailure(article.doc, article.clean.raw.origin, str(exc))
    except Exception as exc:  # one bad document never stops a batch
        logger.exception("extracting claims from %s failed", article.doc)
        return DocumentFailure(
            article.doc, article.clean.raw.origin, f"internal error while extracting: {exc!r}"
        )
    # A figure JSON cannot hold never reaches the output: Value refuses NaN and infinity.
    return Document(
        doc=article.doc,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        claims=tuple(found),
    )


def story_input(annotated: AnnotatedArticle, document: Document) -> StoryInput:
    """What the story stage reads of an extracted document (``story.StoryIndex.assign`` takes it)."""
    article = annotated.article
    found = document.claims
    return StoryInput(
        doc=article.doc,
        title=article.title,
        url=article.clean.raw.meta.url,
        published=article.published,
        language=article.language,
        text="\n".join(article.text[b.start : b.end] for b in article.clean.content_blocks),
        entities=nlp_stage.named_entities(annotated),
        places=tuple(c.location for c in found if c.location),
        actors=tuple(who for c in found for who in (c.actor, c.stated_by, c.source) if who),
        measures=tuple(c.measure for c in found),
    )


@dataclass(frozen=True)
class Extracted:
    """A result with the article it came from (``None`` when the document failed early).

    ``story`` is what the story stage reads of it (``None`` for a failure).
    """

    article: Article | None
    result: Result
    story: StoryInput | None = None


def extract_raw(
    docs: Iterable[RawDocument | DocumentFailure], settings: Settings, nlp: Any = None
) -> Iterator[Result]:
    """Extract the claims of each raw document, yielding results in input order.

    ``nlp`` is a loaded spaCy pipeline; by default the one ``settings`` names.
    """
    return (item.result for item in extract_with_articles(docs, settings, nlp))


def extract_with_articles(
    docs: Iterable[RawDocument | DocumentFailure], settings: Settings, nlp: Any = None
) -> Iterator[Extracted]:
    """Like :func:`extract_raw`, keeping each result's article (text, blocks, metadata)."""
    model = nlp if nlp is not None else nlp_stage.load_model(settings.nlp.model)
    pending: list[Article | DocumentFailure] = []
    for item in docs:
        pending.append(item if isinstance(item, DocumentFailure) else _prepare(item, settings))
        if len(pending) >= settings.nlp.articles_per_batch:
            yield from _run_batch(pending, model, settings)
            pending = []
    if pending:
        yield from _run_batch(pending, model, settings)


def _run_batch(batch: list[Article | DocumentFailure], model: Any, settings: Settings) -> Iterator[Extracted]:
    articles = [a for a in batch if isinstance(a, Article)]
    annotated = iter(_annotate(articles, model, settings))
    for item in batch:
        if isinstance(item, DocumentFailure):
            yield Extracted(None, item)
        else:
            parsed = next(annotated)
            if isinstance(parsed, DocumentFailure):
                yield Extracted(None, parsed)
            else:
                result = _finish(parsed, settings)
                story = story_input(parsed, result) if isinstance(result, Document) else None
                yield Extracted(parsed.article, result, story)


def _annotate(
    articles: list[Article], model: Any, settings: Settings
) -> list[AnnotatedArticle | DocumentFailure]:
    """Each article parsed, in order; when the batch fails, each is parsed alone so only the bad one fails."""
    try:
        return list(nlp_stage.annotate_articles(articles, model, settings.nlp))
    except Exception as exc:  # noqa: BLE001 - one bad document never stops a batch: find which one
        if len(articles) == 1:
            return [_parse_failure(articles[0], exc)]
        logger.debug("parsing a batch of %d articles failed (%r); parsing each alone", len(articles), exc)
        return [_annotate_alone(article, model, settings) for article in articles]


def _annotate_alone(article: Article, model: Any, settings: Settings) -> AnnotatedArticle | DocumentFailure:
    try:
        (parsed,) = nlp_stage.annotate_articles([article], model, settings.nlp)
    except Exception as exc:  # noqa: BLE001 - logged in _parse_failure; it fails this document only
        return _parse_failure(article, exc)
    return parsed


def _parse_failure(article: Article, exc: Exception) -> DocumentFailure:
    origin = article.clean.raw.origin
    if isinstance(exc, ClaimtrailError):
        return DocumentFailure(article.doc, origin, str(exc))
    logger.error("parsing %s failed", article.doc, exc_info=exc)
    return DocumentFailure(article.doc, origin, f"internal error while parsing: {exc!r}")


def extract_paths(paths: Sequence[str | Path], settings: Settings, nlp: Any = None) -> Iterator[Result]:
    """Read the files and folders in ``paths`` and extract the claims of every document."""
    return extract_raw(ingest.iter_documents(paths, settings.ingest), settings, nlp)


# --- the ledger: extraction into a store, and the queries that join stages ---


@dataclass(frozen=True)
class IngestReport:
    """What one ``ingest`` did: documents added, already present, copies found, failures."""

    added: int
    skipped: int
    copies: int
    failures: tuple[DocumentFailure, ...]


def current_run(settings: Settings) -> Run:
    """The extractor's version and a hash of its settings: claims record which produced them."""
    settings_json = json.dumps(asdict(settings), sort_keys=True, default=str)
    digest = hashlib.sha256(settings_json.encode("utf-8")).hexdigest()[:16]
    return Run(version=extractor_version(), settings_hash=digest, settings_json=settings_json)


def extractor_version() -> str:
    try:
        return metadata_version("claimtrail")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def document_id(text: str) -> str:
    """The content hash that identifies a document in the ledger."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def open_ledger(url: str, *, create: bool, connect_timeout_s: float = CONNECT_TIMEOUT_S) -> Store:
    """The ledger at ``url`` (:func:`claimtrail.store.open_store`), able to write: it groups facts by the link stage's rule."""
    return open_store(url, create=create, connect_timeout_s=connect_timeout_s, fact_form=link.fact_form)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    nlp: Any = None,
    on_result: Callable[[Result], None] | None = None,
) -> IngestReport:
    """Extract every document under ``paths`` into ``store``; each document is one transaction.

    Documents already stored for this run are skipped before extraction, so
    ingesting the same files twice adds nothing. A document the ledger cannot
    store (:class:`UnstorableDocumentError`) is a failure like one that cannot be
    extracted; any other :class:`StoreError` (a lost connection) stops the run.
    """
    run_id = store.ensure_run(current_run(settings))
    skipped = 0

    def count_skipped(_: RawDocument) -> None:
        nonlocal skipped
        skipped += 1

    docs = unstored_documents(ingest.iter_documents(paths, settings.ingest), store, run_id, count_skipped)
    added = copies = 0
    failures: list[DocumentFailure] = []
    for item in extract_with_articles(docs, settings, nlp):
        if on_result is not None:
            on_result(item.result)
        if isinstance(item.result, DocumentFailure):
            failures.append(item.result)
            continue
        if item.article is None:
            continue
        try:
            stored = add_to_ledger(stored_document(item.article, item.result), store, run_id)
        except UnstorableDocumentError as exc:  # this document's data, not the ledger: go on
            failure = DocumentFailure(item.result.doc, item.article.clean.raw.origin, str(exc))
            failures.append(failure)
            if on_result is not None:
                on_result(failure)
            continue
        if stored is not None:
            added += 1
            copies += stored.copy_of is not None
        else:
            skipped += 1
    return IngestReport(added=added, skipped=skipped, copies=copies, failures=tuple(failures))


def unstored_documents(
    docs: Iterable[RawDocument | DocumentFailure],
    store: Store,
    run_id: int,
    on_skip: Callable[[RawDocument], None],
) -> Iterator[RawDocument | DocumentFailure]:
    """``docs`` less those already extracted into ``store`` with this run (passed to ``on_skip``)."""
    for raw in docs:
        if isinstance(raw, RawDocument) and store.has_document(document_id(raw.text), run_id):
            on_skip(raw)
            continue
        yield raw


def stored_document(article: Article, document: Document) -> StoredDocument:
    """The ledger's record of an extracted article, its near-duplicate original not yet looked up."""
    content = "\n".join(article.text[b.start : b.end] for b in article.clean.content_blocks)
    sig = link.signature(content)
    return StoredDocument(
        id=document_id(article.text),
        document=document,
        text=article.text,
        origin=article.clean.raw.origin,
        url=article.clean.raw.meta.url,
        blocks=article.clean.blocks,
        copy_of=None,
        signature=sig.minhash_bytes,
        bands=sig.bands,
    )


def add_to_ledger(stored: StoredDocument, store: Store, run_id: int) -> StoredDocument | None:
    """Add ``stored`` with its near-duplicate original among the ledger's documents, as added.

    None when the document was already stored for this run. The original is
    looked up just before the document is added, so documents added one after
    another in the same order always find the same originals.
    """
    linked = with_original(stored, store)
    return linked if store.add_document(linked, run_id) else None


def with_original(stored: StoredDocument, store: Store) -> StoredDocument:
    """``stored`` with its near-duplicate original among the ledger's documents now (``copy_of``)."""
    sig = link.Signature(minhash_bytes=stored.signature, bands=stored.bands)
    candidates = [(i, b) for i, b in store.find_copies(sig.bands) if i != stored.id]
    return replace(stored, copy_of=link.find_original(sig, candidates))


@dataclass(frozen=True)
class ConflictPage:
    """One page of conflicts and how many were found before paging."""

    rows: list[Conflict]
    total: int


def conflicts_page(store: Store, filters: Filters) -> ConflictPage:
    """Updates and contradictions among the ledger's estimates that match ``filters``, with their count.

    Paging applies to the conflicts, not to the estimates they are found among.
    """
    rows = store.timeline(replace(filters, limit=CONFLICT_ROWS_LIMIT, offset=0))
    found = link.find_conflicts(rows)
    return ConflictPage(rows=found[filters.offset : filters.offset + filters.limit], total=len(found))


def find_conflicts(store: Store, filters: Filters) -> list[Conflict]:
    """The page of :func:`conflicts_page` without the count."""
    return conflicts_page(store, filters).rows
