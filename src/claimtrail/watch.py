"""``claimtrail watch``: follow feeds and ingest each new entry's page exactly once.

    >>> with open_ledger("ledger.db", create=True) as store:
    ...     report = watch_feeds(["https://news.example/world.rss"], store, load_settings(), once=True)
    >>> report.ingested
    12

Joins the ingest stage (feeds, polite fetching, pages to documents), the
pipeline (extraction) and the store (the watch tables, :mod:`claimtrail.store.watch`),
as :mod:`claimtrail.pipeline` does for files. Each round:

1. poll the feeds that are due: new entries go in pending, with the feed's validators;
2. fetch each pending entry's page, extract it, let it join its story (the ledger's
   story index, loaded once per round, as ``ingest`` does) and store the document,
   the index and the entry's "ingested" mark in one transaction, calling ``on_ingested``;
3. after each batch of pages, store an alert for each new conflict in the stories
   they touched (:func:`~claimtrail.pipeline.alerts_after_ingest`);
4. send the alerts' due webhook deliveries once, without waiting for retries (those
   fall due on later rounds);
5. sleep until the next feed is due (``once``: stop after one poll of each feed).

A feed or page that fails is recorded (the feed's health, the entry's attempts, the
failure log) and the run goes on; only a ledger error stops it. Killed at any
moment, a restarted watch neither loses nor repeats an entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import time
import tomllib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import alerts as alerts_stage
from . import ingest
from . import nlp as nlp_stage
from .errors import FetchError, FetchRefusedError, InputError, UnstorableDocumentError, WatchError
from .models import Document, DocumentFailure, FeedEntry, RawDocument, StoredDocument, StoryInput, StoryTouch
from .pipeline import (
    StoryAssigner,
    alerts_after_ingest,
    current_run,
    deliver_alerts,
    extract_with_articles,
    in_story,
    stored_document,
    story_touch,
    with_original,
)
from .settings import Settings
from .store.watch import PendingEntry, WatchTables, watch_ledger

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "FeedList",
    "IngestedEntry",
    "WatchReport",
    "parse_interval",
    "read_feed_list",
    "watch_feeds",
]

logger = logging.getLogger(__name__)

# Pending entries fetched and extracted per step: enough to fill the parser's
# batches (nlp.articles_per_batch = 16) several times, few enough that feeds
# falling due meanwhile wait seconds, not minutes, for their poll.
PENDING_BATCH = 64
# The longest sleep between two looks at the clock: a long interval still lets a
# stop request (should_stop) be seen within seconds.
MAX_SLEEP_S = 5.0

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_VALID_INTERVAL = "expected a duration such as 90, 30s, 10m, 2h or 1d (at least 1 second)"
_FEED_LIST_KEYS = ("feeds", "every", "webhooks")


@dataclass(frozen=True)
class IngestedEntry:
    """A feed entry whose page is now in the ledger: what the alerts (webhooks) are sent from."""

    feed_url: str
    entry: FeedEntry
    document_id: str
    document: Document
    added: bool  # new to the ledger (False: the same text was there already, from another feed)


@dataclass(frozen=True)
class WatchEvent:
    """A failure while watching: a poll (``entry`` None) or a page; recorded in the ledger too."""

    feed_url: str
    url: str
    error: str
    entry: FeedEntry | None = None


@dataclass
class WatchReport:
    """What one ``watch`` run did."""

    polls: int = 0
    new_entries: int = 0
    ingested: int = 0
    failures: int = 0
    alerts: int = 0  # new contradictions and updates stored
    delivered: int = 0  # webhook deliveries sent (retries included)


@dataclass(frozen=True)
class FeedList:
    """A feed list file: the feeds, an interval for them (None: the default) and webhooks."""

    feeds: tuple[str, ...]
    every_s: float | None
    webhooks: tuple[str, ...]


def parse_interval(text: str) -> float:
    """Seconds of a duration written ``90``, ``30s``, ``10m``, ``2h`` or ``1d``; ValueError otherwise."""
    match = _INTERVAL.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a duration; {_VALID_INTERVAL}")
    seconds = float(match.group(1)) * _UNIT_S[match.group(2) or "s"]
    if seconds < 1:
        raise ValueError(f"{text!r} is under a second; {_VALID_INTERVAL}")
    return seconds


def read_feed_list(path: str | Path) -> FeedList:
    """The feed list in the TOML file at ``path``: ``feeds = [...]``, optional ``every`` and ``webhooks``."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except OSError as exc:
        raise WatchError(f"cannot read the feed list {p}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WatchError(f"the feed list {p} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(_FEED_LIST_KEYS))
    if unknown:
        raise WatchError(f"{p}: unknown keys {', '.join(unknown)}; valid keys: {', '.join(_FEED_LIST_KEYS)}")
    every = data.get("every")
    try:
        every_s = None if every is None else parse_interval(str(every))
    except ValueError as exc:
        raise WatchError(f"{p}: every: {exc}") from exc
    return FeedList(_strings(data, "feeds", p), every_s, _strings(data, "webhooks", p))


def _strings(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise WatchError(f"{path}: {key} must be a list of URLs (strings), not {value!r}")
    return tuple(v.strip() for v in value)


def watch_feeds(
    feeds: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    once: bool = False,
    every_s: float | None = None,
    webhooks: Sequence[str] = (),
    nlp: Any = None,
    on_ingested: Callable[[IngestedEntry], None] | None = None,
    on_failure: Callable[[WatchEvent], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> WatchReport:
    """Watch ``feeds`` (none: the feeds the ledger already watches) and ingest their new entries.

    ``every_s`` sets the feeds' poll interval (default ``watch.poll_interval_s``);
    ``webhooks`` are stored in the ledger and, with the ones stored before and
    ``[alerts] webhooks``, receive each new contradiction or update (a missing
    signing secret raises :class:`~claimtrail.errors.AlertError` before any
    work); ``on_ingested`` is called with each entry once its document is
    committed. Runs until ``should_stop`` says so, or, with ``once``, after one
    poll of each feed and the pages it found.
    """
    ledger = watch_ledger(store)
    hooks = alerts_stage.webhook_config(settings.alerts, [*ledger.webhooks(), *webhooks])
    urls = _feeds_to_watch(ledger, feeds, every_s or settings.watch.poll_interval_s, explicit=every_s)
    ledger.add_webhooks(webhooks)
    watcher = _Watcher(store, settings, nlp, on_ingested, on_failure, hooks)
    with ingest.Fetcher(settings.watch) as fetcher:
        watcher.fetcher = fetcher
        due = list(urls)  # every feed is polled at the start
        while True:
            for url in due:
                watcher.poll(url)
            watcher.ingest_pending()
            watcher.deliver()
            if once or (should_stop is not None and should_stop()):
                return watcher.report
            _sleep_until_due(ledger)
            watched = set(urls)
            due = [u for u in ledger.due_feeds(dt.datetime.now(dt.UTC)) if u in watched]


def _feeds_to_watch(
    ledger: WatchTables, feeds: Sequence[str], interval_s: float, *, explicit: float | None
) -> list[str]:
    if feeds:
        ledger.add_feeds(feeds, interval_s=interval_s)
        return list(dict.fromkeys(feeds))
    stored = ledger.feed_urls()
    if not stored:
        raise WatchError("no feeds to watch: give feed URLs (or --feeds FILE); this ledger watches none yet")
    if explicit is not None:
        ledger.add_feeds(stored, interval_s=explicit)
    return stored


def _sleep_until_due(ledger: WatchTables) -> None:
    upcoming = ledger.next_poll()
    wait = MAX_SLEEP_S if upcoming is None else (upcoming - dt.datetime.now(dt.UTC)).total_seconds()
    if wait > 0:
        time.sleep(min(wait, MAX_SLEEP_S))


class _Watcher:
    """One run's polls and ingests over a ledger, with its fetcher, parser model and report."""

    fetcher: ingest.Fetcher

    def __init__(
        self,
        store: Store,
        settings: Settings,
        nlp: Any,
        on_ingested: Callable[[IngestedEntry], None] | None,
        on_failure: Callable[[WatchEvent], None] | None,
        webhooks: alerts_stage.Webhooks,
    ) -> None:
        self.store = store
        self.ledger = watch_ledger(store)
        self.settings = settings
        self.webhooks = webhooks
        self._nlp = nlp
        self._on_ingested = on_ingested
        self._on_failure = on_failure
        self.report = WatchReport()
        self._run_id: int | None = None
        self._stories: StoryAssigner | None = None  # the story index, kept between rounds

    def poll(self, url: str) -> None:
        """Poll one feed; its new entries go in pending, or the failure is recorded."""
        state = self.ledger.poll_state(url)
        next_poll = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=state.interval_s)
        self.report.polls += 1
        try:
            page = self.fetcher.fetch(
                url,
                max_bytes=self.settings.watch.max_feed_bytes,
                etag=state.etag,
                last_modified=state.last_modified,
            )
            if page.not_modified:
                self.ledger.record_poll(
                    url, None, etag=state.etag, last_modified=state.last_modified, next_poll=next_poll
                )
                return
            parsed = ingest.parse_feed(page.body, url=page.url)
        except InputError as exc:
            self.ledger.record_poll_failure(url, str(exc), next_poll=next_poll)
            self._failed(WatchEvent(url, url, str(exc)))
            return
        broken = parsed.problem is not None  # a broken feed: no validators kept, read whole next poll
        self.report.new_entries += self.ledger.record_poll(
            url,
            parsed.entries,
            etag=None if broken else page.etag,
            last_modified=None if broken else page.last_modified,
            next_poll=next_poll,
            problem=parsed.problem,
        )
        if parsed.problem is not None:
            self._failed(WatchEvent(url, url, parsed.problem))

    def ingest_pending(self) -> None:
        """Fetch, extract and store every pending entry once (those failing now wait for the next round)."""
        after = 0
        while batch := self.ledger.pending_entries(limit=PENDING_BATCH, after=after):
            after = batch[-1].id
            # The index kept from the last round, unless the ledger's moved on without it.
            stories = self._stories.refreshed(self.store) if self._stories else StoryAssigner.load(self.store)
            self._stories = self._ingest_batch(batch, stories)

    def deliver(self) -> None:
        """Send the alerts' due webhook deliveries once; a failed try falls due on a later round."""
        if self.webhooks.urls:
            sent = deliver_alerts(self.store, self.settings, self.webhooks, wait_s=0)
            self.report.delivered += sent.delivered

    def _ingest_batch(self, batch: list[PendingEntry], stories: StoryAssigner) -> StoryAssigner:
        """Ingest ``batch``'s pages, then raise the alerts of the stories they touched; the story index after it."""
        fetched: deque[tuple[PendingEntry, str]] = deque()
        touched: list[StoryTouch] = []
        for item in extract_with_articles(self._documents(batch, fetched), self.settings, self._model()):
            pending, digest = fetched.popleft()
            if isinstance(item.result, DocumentFailure) or item.article is None:
                error = item.result.error if isinstance(item.result, DocumentFailure) else "not extracted"
                self._entry_failed(pending, error, give_up=True)
                continue
            stored = with_original(stored_document(item.article, item.result), self.store)
            try:
                touch = self._ingest_one(pending, digest, stored, item.story, stories)
            except UnstorableDocumentError as exc:  # this page's data, not the ledger: go on
                stories = stories.refreshed(self.store)  # the index as saved, without the page refused
                self._entry_failed(pending, str(exc), give_up=True)
                continue
            if touch is not None:
                touched.append(touch)
        if touched:
            created = alerts_after_ingest(self.store, touched, self.settings, webhooks=self.webhooks.urls)
            self.report.alerts += len(created)
        return stories

    def _ingest_one(
        self,
        pending: PendingEntry,
        digest: str,
        stored: StoredDocument,
        story: StoryInput | None,
        stories: StoryAssigner,
    ) -> StoryTouch | None:
        """Store one page in its story with the entry's mark (one transaction); what it changed, if added."""
        run_id = self._run()
        changes = None
        # A page already in the ledger (another feed's entry) keeps its story; the index learns it once.
        if story is not None and not self.store.has_document(stored.id, run_id):
            stored = in_story(stored, story, stories)
            changes = stories.changes()
        added = self.ledger.ingest_entry(pending, stored, run_id, content_hash=digest, story_changes=changes)
        self.report.ingested += 1
        if self._on_ingested is not None:
            self._on_ingested(
                IngestedEntry(pending.feed_url, pending.entry, stored.id, stored.document, added)
            )
        return story_touch(stored, pending.first_seen) if added else None

    def _run(self) -> int:
        """This run's id in the ledger (recorded on the first page stored)."""
        if self._run_id is None:
            self._run_id = self.ledger.ensure_run(current_run(self.settings))
        return self._run_id

    def _documents(
        self, batch: list[PendingEntry], fetched: deque[tuple[PendingEntry, str]]
    ) -> Iterator[RawDocument | DocumentFailure]:
        """Each entry's page as a document, in order (``fetched`` keeps which entry each one is)."""
        for pending in batch:
            url = pending.entry.url
            try:
                page = self.fetcher.fetch(url, max_bytes=self.settings.watch.max_page_bytes)
            except FetchRefusedError as exc:
                self._entry_failed(pending, str(exc), give_up=True)
                continue
            except FetchError as exc:
                give_up = pending.attempts + 1 >= self.settings.watch.entry_attempts
                self._entry_failed(pending, str(exc), give_up=give_up)
                continue
            fetched.append((pending, hashlib.sha256(page.body).hexdigest()))
            try:
                yield ingest.page_document(pending.entry, page, self.settings.ingest)
            except InputError as exc:
                yield DocumentFailure(doc=url, origin=url, error=str(exc))

    def _model(self) -> Any:
        """The spaCy pipeline, loaded on first use: polls that find nothing new never load it."""
        if self._nlp is None:
            self._nlp = nlp_stage.load_model(self.settings.nlp.model)
        return self._nlp

    def _entry_failed(self, pending: PendingEntry, error: str, *, give_up: bool) -> None:
        self.ledger.record_entry_failure(pending, error, give_up=give_up)
        self._failed(WatchEvent(pending.feed_url, pending.entry.url, error, pending.entry))

    def _failed(self, event: WatchEvent) -> None:
        logger.info("%s: %s", event.url, event.error)
        self.report.failures += 1
        if self._on_failure is not None:
            self._on_failure(event)
