"""Runs the stages in order: ingest -> clean -> metadata -> nlp -> claims -> story -> link (-> store).

    >>> for result in extract_paths(["articles/"], load_settings()):
    ...     print(result.doc)
    >>> with open_store("ledger.db", create=True) as store:
    ...     report = ingest_paths(["articles/"], store, load_settings())

No logic of its own: every decision lives in a stage. A document that fails
becomes a :class:`DocumentFailure` and the batch goes on. Stories are assigned
in arrival order, after extraction: the story index learns from each document,
so it runs in one process (a ledger keeps its state, so a later ingest continues
it), and a document's facts are keyed again within the story it joined.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as metadata_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import alerts as alerts_stage
from . import claims, clean, ingest, link, metadata
from . import nlp as nlp_stage
from . import story as story_stage
from .errors import ClaimtrailError, ConflictDismissalError, StoryCorrectionError, UnstorableDocumentError
from .models import (
    Alert,
    AlertDelivery,
    AnnotatedArticle,
    Article,
    Conflict,
    ConflictDismissal,
    Document,
    DocumentFailure,
    Filters,
    RawDocument,
    Run,
    StoredDocument,
    StoryCorrection,
    StoryIndexDelta,
    StoryInput,
    StoryMove,
    StoryTouch,
    TimelineRow,
    check_conflict_id,
    json_line,
)
from .names import name_key
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
        language = claims.pack_language(article.language)
        found = link.link_facts(claims.find_claims(annotated, settings.claims, language=language))
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
    Each document joins a story of a new story index, in input order, and its
    facts are keyed within that story (:func:`with_stories`).
    """
    return (item.result for item in with_stories(extract_with_articles(docs, settings, nlp)))


def with_stories(items: Iterable[Extracted], stories: StoryAssigner | None = None) -> Iterator[Extracted]:
    """``items`` with each document's story assigned in order (by ``stories``, or a new index) and its facts re-keyed."""
    assigner = stories if stories is not None else StoryAssigner.fresh()
    for item in items:
        if isinstance(item.result, Document) and item.story is not None and item.article is not None:
            story_id = assigner.assign(item.story, document_id(item.article.text))
            item = replace(item, result=document_in_story(item.result, story_id))
        yield item


def document_in_story(document: Document, story_id: str) -> Document:
    """``document`` in story ``story_id``: its claims' facts keyed within the story (the link stage's rule)."""
    return replace(document, claims=tuple(link.link_facts(document.claims, story_id)), story=story_id)


@dataclass(frozen=True)
class StoryPending:
    """What assigning a document's story later needs, where documents were extracted apart (Dask).

    ``fact_keys`` are its claims' fact keys without a story (``link.fact_keys``).
    """

    story: StoryInput
    document_id: str
    fact_keys: tuple[str, ...]


def story_pending(item: Extracted) -> StoryPending | None:
    """What :func:`document_line_in_story` needs of an extracted document; None for a failure."""
    if not isinstance(item.result, Document) or item.story is None or item.article is None:
        return None
    keys = link.fact_keys(item.result.claims)
    return StoryPending(item.story, document_id(item.article.text), tuple(keys))


def document_line_in_story(line: str, pending: StoryPending, stories: StoryAssigner) -> str:
    """A story-less JSON Lines document (``Document.to_json_line``) in the story ``stories`` assigns it.

    The same line :func:`extract_raw` writes in one process, given the documents in the same order.
    """
    data = json.loads(line)
    story_id = stories.assign(pending.story, pending.document_id)
    data["story"] = story_id
    for claim, key in zip(data["claims"], pending.fact_keys, strict=True):
        claim["fact"] = link.fact_id(link.key_in_story(key, story_id))
    return json_line(data, what=f"document {data.get('doc')!r}")


class StoryAssigner:
    """The story index of one run (or one ledger) and the user's corrections, replayed over each assignment.

    >>> stories = StoryAssigner.load(store)          # the ledger's saved index, or a new one
    >>> stories.assign(story_input, document_id)     # the (corrected) story id
    """

    def __init__(self, index: story_stage.StoryIndex, corrections: Sequence[StoryCorrection] = ()) -> None:
        self.index = index
        self.corrections = tuple(corrections)

    @classmethod
    def fresh(cls) -> StoryAssigner:
        """A new index, without corrections (``extract``: no ledger)."""
        return cls(story_stage.StoryIndex())

    @classmethod
    def load(cls, store: Store) -> StoryAssigner:
        """The index saved in ``store`` (a new one when it has none) and its corrections."""
        state = store.story_state()
        index = (
            story_stage.StoryIndex.from_json(state, track_changes=True)
            if state is not None
            else story_stage.StoryIndex(track_changes=True)
        )
        return cls(index, store.story_corrections())

    def refreshed(self, store: Store) -> StoryAssigner:
        """This assigner while the ledger's saved index holds what it holds, else the saved one.

        A long-running process (``watch``) keeps its index between rounds instead
        of reading the ledger's again; it reads it again only when another writer
        added documents (or a refused document left this one ahead of the ledger).
        The corrections are read again either way: a user may merge or split meanwhile.
        """
        if store.story_index_documents() != self.index.documents:
            return StoryAssigner.load(store)
        return StoryAssigner(self.index, store.story_corrections())

    def assign(self, story_input: StoryInput, document_id: str) -> str:
        """The story the document joins (the index's, then the corrections'); the index learns from it."""
        return story_stage.corrected_story(self.index.assign(story_input), document_id, self.corrections)

    def changes(self) -> StoryIndexDelta:
        """What the index learnt since its last changes were taken, to save with the documents it assigned."""
        return self.index.take_changes()


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
    """What one ``ingest`` did: documents added, already present, copies found, failures, alerts raised."""

    added: int
    skipped: int
    copies: int
    failures: tuple[DocumentFailure, ...]
    alerts: tuple[Alert, ...] = ()


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
    *,
    webhooks: alerts_stage.Webhooks | None = None,
) -> IngestReport:
    """Extract every document under ``paths`` into ``store``; each document is one transaction.

    Documents already stored for this run are skipped before extraction, so
    ingesting the same files twice adds nothing. A document the ledger cannot
    store (:class:`UnstorableDocumentError`) is a failure like one that cannot be
    extracted; any other :class:`StoreError` (a lost connection) stops the run.

    After every ``nlp.articles_per_batch`` documents added, and at the end, the
    conflicts they raised are stored as alerts (:func:`alerts_after_ingest`) and
    sent once to ``webhooks`` (by default ``[alerts] webhooks``; retries are
    :func:`deliver_alerts`'). Webhooks without a secret stop the run at start.
    """
    hooks = webhooks if webhooks is not None else alerts_stage.webhook_config(settings.alerts)
    run_id = store.ensure_run(current_run(settings))
    skipped = 0
    started: dict[str, dt.datetime] = {}

    def count_skipped(_: RawDocument) -> None:
        nonlocal skipped
        skipped += 1

    def note_start(doc_id: str) -> None:
        started.setdefault(doc_id, dt.datetime.now(dt.UTC))

    raw_docs = ingest.iter_documents(paths, settings.ingest)
    docs = unstored_documents(raw_docs, store, run_id, count_skipped, on_read=note_start)
    added = copies = 0
    failures: list[DocumentFailure] = []
    touched: list[StoryTouch] = []
    alerts: list[Alert] = []
    stories = StoryAssigner.load(store)
    for item in extract_with_articles(docs, settings, nlp):
        if on_result is not None:
            on_result(item.result)
        if isinstance(item.result, DocumentFailure):
            failures.append(item.result)
            continue
        if item.article is None:
            continue
        try:
            stored = add_to_ledger(
                stored_document(item.article, item.result), store, run_id, story=item.story, stories=stories
            )
        except UnstorableDocumentError as exc:  # this document's data, not the ledger: go on
            stories = StoryAssigner.load(store)  # the index as saved, without the document refused
            failure = DocumentFailure(item.result.doc, item.article.clean.raw.origin, str(exc))
            failures.append(failure)
            if on_result is not None:
                on_result(failure)
            continue
        if stored is None:
            skipped += 1
            continue
        added += 1
        copies += stored.copy_of is not None
        touch = story_touch(stored, started.pop(stored.id, dt.datetime.now(dt.UTC)))
        if touch is not None:
            touched.append(touch)
        if len(touched) >= settings.nlp.articles_per_batch:
            alerts += _raise_alerts(store, touched, settings, hooks)
            touched = []
    alerts += _raise_alerts(store, touched, settings, hooks)
    return IngestReport(
        added=added, skipped=skipped, copies=copies, failures=tuple(failures), alerts=tuple(alerts)
    )


def _raise_alerts(
    store: Store, touched: Sequence[StoryTouch], settings: Settings, webhooks: alerts_stage.Webhooks
) -> list[Alert]:
    """The alerts of one batch, stored, then sent once (a failed try is left for :func:`deliver_alerts`)."""
    if not touched:
        return []
    created = alerts_after_ingest(store, touched, settings, webhooks=webhooks.urls)
    if created and webhooks.urls:
        deliver_alerts(store, settings, webhooks)
    return created


def unstored_documents(
    docs: Iterable[RawDocument | DocumentFailure],
    store: Store,
    run_id: int,
    on_skip: Callable[[RawDocument], None],
    *,
    on_read: Callable[[str], None] | None = None,
) -> Iterator[RawDocument | DocumentFailure]:
    """``docs`` less those already extracted into ``store`` with this run (passed to ``on_skip``).

    ``on_read`` is called with the id of each document kept, as it is read.
    """
    for raw in docs:
        if isinstance(raw, RawDocument):
            doc_id = document_id(raw.text)
            if store.has_document(doc_id, run_id):
                on_skip(raw)
                continue
            if on_read is not None:
                on_read(doc_id)
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


def add_to_ledger(
    stored: StoredDocument,
    store: Store,
    run_id: int,
    *,
    story: StoryInput | None = None,
    stories: StoryAssigner | None = None,
) -> StoredDocument | None:
    """Add ``stored`` with its near-duplicate original and its story among the ledger's, as added.

    None when the document was already stored for this run. The original is
    looked up just before the document is added, so documents added one after
    another in the same order always find the same originals. With ``story``
    (what the story stage reads of it), the document joins a story of
    ``stories`` (by default the ledger's saved index), its facts are keyed
    within it, and the index is saved in the document's transaction.
    """
    linked = with_original(stored, store)
    if story is None:
        return linked if store.add_document(linked, run_id) else None
    assigner = stories if stories is not None else StoryAssigner.load(store)
    linked = in_story(linked, story, assigner)
    return linked if store.add_document(linked, run_id, story_changes=assigner.changes()) else None


def with_original(stored: StoredDocument, store: Store) -> StoredDocument:
    """``stored`` with its near-duplicate original among the ledger's documents now (``copy_of``)."""
    sig = link.Signature(minhash_bytes=stored.signature, bands=stored.bands)
    candidates = [(i, b) for i, b in store.find_copies(sig.bands) if i != stored.id]
    return replace(stored, copy_of=link.find_original(sig, candidates))


def in_story(stored: StoredDocument, story: StoryInput, stories: StoryAssigner) -> StoredDocument:
    """``stored`` in the story ``stories`` assigns it, its facts keyed within it (save ``stories.changes()`` with it)."""
    story_id = stories.assign(story, stored.id)
    return replace(stored, document=document_in_story(stored.document, story_id), story=story_id)


def merge_stories(store: Store, story: str, into: str) -> StoryCorrection:
    """Move every document of ``story`` into ``into``, and record it so that re-ingests keep it."""
    known = [r.id for s in (story, into) for r in store.stories(Filters(story=s))]
    correction = story_stage.merge_correction(story, into, known)
    store.correct_stories(correction, _moves(store, store.story_documents(story), into))
    return correction


def split_story(store: Store, story: str, documents: Sequence[str]) -> StoryCorrection:
    """Move ``documents`` (ids or names) of ``story`` into a new story, and record it so that re-ingests keep it."""
    members = store.story_documents(story)
    if not members:
        raise StoryCorrectionError(f"no story {story!r} in the ledger; `claimtrail stories` lists the ids")
    ids = [_document_ref(store, ref, members) for ref in documents]
    correction = story_stage.split_correction(story, ids, members)
    store.correct_stories(correction, _moves(store, correction.documents, correction.into))
    return correction


def _document_ref(store: Store, ref: str, members: Sequence[str]) -> str:
    """The ledger id of document ``ref`` (an id, or a name such as ``001.txt``), preferring the story's own."""
    if ref in members:
        return ref
    named = [info.id for info in store.documents(Filters(document=ref, limit=len(members) + 1))]
    own = [i for i in named if i in members]
    return own[0] if own else named[0] if named else ref


def _moves(store: Store, documents: Sequence[str], story_id: str) -> list[StoryMove]:
    """Each document's move into ``story_id``: its current claims' facts keyed within that story."""
    moves: list[StoryMove] = []
    for document_id in documents:
        view = store.document(document_id)
        if view is None:
            continue
        facts = link.link_facts([r.claim for r in view.claims], story_id)
        pairs = tuple((r.id, c.fact) for r, c in zip(view.claims, facts, strict=True))
        moves.append(StoryMove(document_id, story_id, pairs))
    return moves


@dataclass(frozen=True)
class ConflictPage:
    """One page of conflicts, how many were found before paging, and how many dismissed ones were left out."""

    rows: list[Conflict]
    total: int
    hidden: int = 0  # conflicts a user dismissed, not counted in ``total`` (0 when they are shown)


def conflicts_page(store: Store, filters: Filters, *, dismissed: bool = False) -> ConflictPage:
    """Updates and contradictions among the ledger's estimates that match ``filters``, with their count.

    Paging applies to the conflicts, not to the estimates they are found among.
    Conflicts a user dismissed are left out, or with ``dismissed`` shown marked
    (``Conflict.dismissed``, ``dismissed_reason``).
    """
    rows = store.timeline(replace(filters, limit=CONFLICT_ROWS_LIMIT, offset=0))
    dismissals = store.conflict_dismissals()
    found = [_mark_dismissed(c, dismissals.get(c.id)) for c in link.find_conflicts(rows)]
    shown = found if dismissed else [c for c in found if not c.dismissed]
    return ConflictPage(
        rows=shown[filters.offset : filters.offset + filters.limit],
        total=len(shown),
        hidden=len(found) - len(shown),
    )


def _mark_dismissed(conflict: Conflict, dismissal: ConflictDismissal | None) -> Conflict:
    if dismissal is None:
        return conflict
    return replace(conflict, dismissed=True, dismissed_reason=dismissal.reason)


def find_conflicts(store: Store, filters: Filters, *, dismissed: bool = False) -> list[Conflict]:
    """The page of :func:`conflicts_page` without the counts."""
    return conflicts_page(store, filters, dismissed=dismissed).rows


def dismiss_conflict(
    store: Store, conflict: str, *, reason: str | None = None, by: str | None = None
) -> ConflictDismissal:
    """Mark conflict ``conflict`` (its id) wrong: queries leave it out from now on, in every process.

    The id is checked for its form only: conflicts are found at query time among
    at most CONFLICT_ROWS_LIMIT estimates of a filter, so telling whether an id
    is one of a large ledger's would take a query per story.
    """
    return store.dismiss_conflict(check_conflict_id(conflict), reason=reason or None, by=by)


def undismiss_conflict(store: Store, conflict: str) -> None:
    """Undo :func:`dismiss_conflict`; :class:`ConflictDismissalError` when ``conflict`` was not dismissed."""
    if not store.undismiss_conflict(check_conflict_id(conflict)):
        raise ConflictDismissalError(
            f"conflict {conflict} is not dismissed; `claimtrail conflicts --dismissed` lists those that are"
        )


# --- alerts: conflicts new since an ingest, stored once and sent to webhooks ---


def story_touch(stored: StoredDocument, started_at: dt.datetime) -> StoryTouch | None:
    """What ``stored`` (as :func:`add_to_ledger` returned it) changed, for :func:`alerts_after_ingest`.

    None when it joined no story or made no fact: it can raise no conflict.
    """
    claims_ = [c for c in stored.document.claims if c.fact is not None]
    if stored.story is None or not claims_:
        return None
    return StoryTouch(
        story=stored.story,
        document_id=stored.id,
        estimates=frozenset((str(c.fact), name_key(c.source)) for c in claims_),
        measures=frozenset(c.measure for c in claims_),
        started_at=started_at,
    )


def alerts_after_ingest(
    store: Store, touched: Sequence[StoryTouch], settings: Settings, *, webhooks: Sequence[str] = ()
) -> list[Alert]:
    """Store an alert for each conflict new since ``touched`` were ingested; the alerts stored.

    A conflict is new when it involves an estimate the documents added or changed
    and its id has no alert yet; a dismissed conflict never alerts. Only the
    touched stories are searched, each measure among at most CONFLICT_ROWS_LIMIT
    estimates (as ``conflicts --story --measure`` sees it). Each alert is stored
    with a pending delivery per URL of ``webhooks`` in one transaction; another
    process storing the same conflict first makes this one store nothing.
    ``ingest`` and ``watch`` both call it (``ingest_paths`` does, per batch).
    """
    by_story: dict[str, list[StoryTouch]] = {}
    for touch in touched:
        by_story.setdefault(touch.story, []).append(touch)
    dismissed = store.conflict_dismissals()
    created: list[Alert] = []
    for story, touches in by_story.items():
        estimates = frozenset().union(*(t.estimates for t in touches))
        found = [
            c
            for measure in sorted(frozenset().union(*(t.measures for t in touches)))
            for c in link.find_conflicts(
                store.timeline(Filters(story=story, measure=measure, limit=CONFLICT_ROWS_LIMIT))
            )
            if _estimate_key(c.earlier) in estimates or _estimate_key(c.later) in estimates
        ]
        fresh = [c for c in found if c.id not in dismissed]
        already = store.alerted(c.id for c in fresh)
        fresh = [c for c in fresh if c.id not in already]
        if not fresh:
            continue
        title = next((s.title for s in store.stories(Filters(story=story, limit=1))), None)
        for conflict in fresh:
            alert = _alert_of(store, conflict, title, touches, estimates, settings)
            if store.add_alert(alert, webhooks):
                created.append(alert)
    return created


def _estimate_key(row: TimelineRow) -> tuple[str, str]:
    return (row.fact, name_key(row.source))


def _alert_of(
    store: Store,
    conflict: Conflict,
    story_title: str | None,
    touches: Sequence[StoryTouch],
    estimates: frozenset[tuple[str, str]],
    settings: Settings,
) -> Alert:
    raising = [
        t for t in touches if {_estimate_key(conflict.earlier), _estimate_key(conflict.later)} & t.estimates
    ]
    touch = min(raising, key=lambda t: t.started_at, default=None)
    return alerts_stage.new_alert(
        conflict,
        {"earlier": _evidence(store, conflict.earlier), "later": _evidence(store, conflict.later)},
        story_title=story_title,
        base_url=settings.serve.base_url,
        touch=touch,
        touched=estimates,
        source_key=name_key,
        now=dt.datetime.now(dt.UTC),
    )


def _evidence(store: Store, row: TimelineRow) -> alerts_stage.Evidence | None:
    """The document of the estimate's evidence claim (its quote's), with its address."""
    record = store.claim(row.claim_id) if row.claim_id is not None else None
    if record is None:
        return None
    infos = store.documents(Filters(document=record.document_id, limit=1))
    return alerts_stage.Evidence(
        document_id=record.document_id,
        doc=record.doc,
        title=record.title,
        outlet=record.outlet,
        published=record.published,
        url=infos[0].url if infos else None,
    )


@dataclass(frozen=True)
class DeliveryReport:
    """What sending alerts did: deliveries delivered, failed (to be tried again), dead-lettered, still pending."""

    delivered: int = 0
    failed: int = 0
    dead: int = 0
    pending: int = 0


def deliver_alerts(
    store: Store,
    settings: Settings,
    webhooks: alerts_stage.Webhooks,
    *,
    wait_s: float = 0.0,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Send every due delivery once; then, for up to ``wait_s``, each retry as it falls due.

    A failed try is due again after the back-off of ``[alerts]``; after the last
    one the delivery is dead-lettered. A delivery is held while it is sent, so two
    processes sending at once never send the same try twice; a crash between the
    POST and its record sends it again later (receivers dedupe on the alert id).
    """
    deadline = time.monotonic() + wait_s
    delivered = failed = dead = 0
    with alerts_stage.open_client(settings.alerts) as client:
        while True:
            now = dt.datetime.now(dt.UTC)
            for delivery in store.due_deliveries(now, limit=settings.alerts.deliveries_per_pass):
                outcome = _deliver_one(store, client, delivery, settings, webhooks.secret)
                delivered += outcome == "delivered"
                failed += outcome == "failed"
                dead += outcome == "dead"
            due = store.next_delivery_due()
            if due is None:
                break
            wait = (due - dt.datetime.now(dt.UTC)).total_seconds()
            if time.monotonic() + max(wait, 0.0) > deadline:
                break
            sleep(max(wait, 0.0))
    pending = sum(d.state == "pending" for d in store.alert_deliveries())
    return DeliveryReport(delivered=delivered, failed=failed, dead=dead, pending=pending)


def _deliver_one(
    store: Store, client: Any, delivery: AlertDelivery, settings: Settings, secret: bytes
) -> str:
    """One try of ``delivery``: "delivered", "failed", "dead", or "" when another sender holds it."""
    now = dt.datetime.now(dt.UTC)
    # Held for longer than one POST can take, so a crashed sender's delivery comes due again.
    if not store.hold_delivery(delivery, now + dt.timedelta(seconds=2 * settings.alerts.timeout_s + 1)):
        return ""
    alert = store.alert(delivery.alert)
    if alert is None:  # pragma: no cover - deliveries are deleted with their alert
        return ""
    attempt = alerts_stage.send_alert(client, delivery.url, alert, secret, now=now)
    attempts = delivery.attempts + 1
    retry = None if attempt.delivered else alerts_stage.next_try(attempts, settings.alerts, now)
    store.record_attempt(
        delivery,
        at=now,
        status=attempt.status,
        error=attempt.error,
        delivered=attempt.delivered,
        next_try_at=retry,
    )
    if attempt.delivered:
        return "delivered"
    logger.warning("alert %s to %s: try %d failed: %s", delivery.alert, delivery.url, attempts, attempt.error)
    return "failed" if retry is not None else "dead"


def alert_delays(store: Store, *, story: str | None = None, limit: int = 10_000) -> list[float]:
    """Seconds from each alert's raising document's ingest start to the alert's creation (bench/watch.py).

    Alerts stored without a document (none today) are left out; the latest ``limit`` alerts are read.
    """
    return [d for a in store.alerts(story=story, limit=limit) if (d := a.delay_s) is not None]
