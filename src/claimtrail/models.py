"""The frozen dataclasses that cross stage boundaries.

Every stage takes one of these and returns the next one:

    RawDocument -> CleanDocument -> Article -> (nlp) -> list[Claim] -> Document

Offsets (``start``, ``end``, ``span``) always index the ORIGINAL decoded text
held by :class:`RawDocument.text`, never a cleaned copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Literal

from .errors import ConflictDismissalError, FilterError, OutputError
from .names import name_key

InputFormat = Literal["text", "html", "jsonl"]

MEASURES: tuple[str, ...] = (
    "deployed",
    "killed",
    "wounded",
    "casualties",
    "captured",
    "missing",
    "displaced",
    "supplied",
    "territory",
    "other",
)

# Characters JSON leaves raw inside strings but that JSON Lines readers splitting
# on every line break (JavaScript's line terminators, Python's str.splitlines)
# cut a line at: written as escapes, which every JSON reader reads back the same.
_LINE_BREAK_ESCAPES = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(value: object, *, what: str) -> str:
    """``value`` as one line of JSON Lines (newline included), ``what`` naming it in errors.

    Non-ASCII text is written as itself except the line breaks above, which are
    escaped. Raises :class:`OutputError` for what JSON cannot hold (NaN, infinity)
    rather than write a line a strict reader refuses.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise OutputError(f"{what} cannot be written as JSON ({exc}); expected finite numbers only") from exc
    return text.translate(_LINE_BREAK_ESCAPES) + "\n"


QUALIFIERS: tuple[str, ...] = (
    "exact",
    "approx",
    "nearly",
    "more_than",
    "at_least",
    "up_to",
    "at_most",
    "range",
    "vague",
)


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata given from outside the text (a sidecar, a JSON Lines record, HTML tags).

    What is given here wins over what the text suggests.
    """

    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One input document, decoded. ``text`` is the original every span points into.

    For HTML inputs ``text`` is the article text that trafilatura extracted
    (the HTML source itself holds no readable offsets); for text and JSON
    Lines inputs it is the input exactly as decoded.
    """

    doc: str
    text: str
    origin: str
    format: InputFormat
    meta: DocumentMeta = field(default_factory=DocumentMeta)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed (RSS, Atom) or news sitemap: the page it points at and what the feed says of it.

    ``key`` identifies the entry within its feed: its guid or id, else its link.
    The feed's title, date and outlet are the publisher's own and win over what
    the page's markup or text suggests.
    """

    key: str
    url: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None

    @property
    def meta(self) -> DocumentMeta:
        return DocumentMeta(url=self.url, published=self.published, outlet=self.outlet, title=self.title)


@dataclass(frozen=True)
class DocumentFailure:
    """A document that could not be processed; a batch records it and goes on."""

    doc: str
    origin: str
    error: str


class BlockKind(str, Enum):
    """What the cleaner decided a line or block of the original text is."""

    BODY = "body"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Block:
    """A line (or paragraph) of the original text: ``text[start:end]``, with its kind."""

    start: int
    end: int
    kind: BlockKind
    reason: str = ""

    @property
    def is_content(self) -> bool:
        return self.kind in (BlockKind.BODY, BlockKind.CAPTION)

    @property
    def is_list_item(self) -> bool:
        """An item of a list in the prose ("lost: • 45 tanks; • 99 guns."), a part of what opens it."""
        return self.reason == LIST_ITEM_REASON


# The clean stage's reason for a line of a list in the article's prose.
LIST_ITEM_REASON = "list item"


@dataclass(frozen=True)
class CleanDocument:
    """The raw document with every non-blank line classified (offsets into ``raw.text``)."""

    raw: RawDocument
    blocks: tuple[Block, ...]

    @property
    def content_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_content)


@dataclass(frozen=True)
class Article:
    """A cleaned document with its document-level metadata resolved."""

    clean: CleanDocument
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None

    @property
    def doc(self) -> str:
        return self.clean.raw.doc

    @property
    def text(self) -> str:
        return self.clean.raw.text


@dataclass(frozen=True)
class Period:
    """An inclusive period of calendar days, with the words that gave it."""

    start: dt.date
    end: dt.date
    text: str

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text}


@dataclass(frozen=True)
class Value:
    """Bounds of a figure; ``None`` is an open side. A bound is a finite number (JSON has no NaN or Infinity)."""

    low: int | float | None
    high: int | float | None

    def __post_init__(self) -> None:
        for side in (self.low, self.high):
            if side is not None and not math.isfinite(side):
                raise ValueError(f"a figure's bound must be a finite number or None (open), not {side!r}")

    def to_json(self) -> dict[str, int | float | None]:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class Claim:
    """One number phrase of the article's content that counts a thing of the story."""

    span: tuple[int, int]
    text: str
    value: Value
    qualifier: str
    measure: str
    counted: str | None
    actor: str | None = None
    location: str | None = None
    when: Period | None = None
    stated_by: str | None = None
    source: str | None = None
    stated_on: dt.date | None = None
    hedged: bool = False
    fact: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "value": self.value.to_json(),
            "qualifier": self.qualifier,
            "measure": self.measure,
            "counted": self.counted,
            "actor": self.actor,
            "location": self.location,
            "when": self.when.to_json() if self.when else None,
            "stated_by": self.stated_by,
            "source": self.source,
            "stated_on": self.stated_on.isoformat() if self.stated_on else None,
            "hedged": self.hedged,
            "fact": self.fact,
        }


@dataclass(frozen=True)
class Document:
    """The extractor's result for one document: the spec's per-document JSON object."""

    doc: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    claims: tuple[Claim, ...]
    story: str | None = None  # the story stage's id, once one is assigned (``extract``, the ledger)

    def to_json(self) -> dict[str, object]:
        return {
            "doc": self.doc,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "story": self.story,
            "claims": [c.to_json() for c in self.claims],
        }

    def to_json_line(self) -> str:
        """The document as one line of ``claimtrail extract``'s JSON Lines output, newline included."""
        return json_line(self.to_json(), what=f"document {self.doc!r}")


@dataclass(frozen=True)
class StoryInput:
    """What the story stage reads of one document: plain data filled from the earlier stages.

    ``text`` is the content (body and caption lines joined, menus and footers
    left out); ``entities`` are the parser's named entities as (text, label)
    pairs ("Valencia", "GPE"); ``places``, ``actors`` and ``measures`` come from
    the document's claims (their ``location``; ``actor``, ``stated_by`` and
    ``source``; ``measure``).
    """

    doc: str
    title: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    text: str
    entities: tuple[tuple[str, str], ...] = ()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedSentence:
    """A sentence of an article's content, ``text[start:end]``, with its spaCy ``Doc``.

    ``doc`` is a ``spacy.tokens.Doc`` over exactly ``text[start:end]``, so a
    token's original offset is ``start + token.idx``. ``block`` indexes the
    content block (line) the sentence came from.
    """

    start: int
    end: int
    block: int
    doc: Any


@dataclass(frozen=True)
class AnnotatedArticle:
    """The nlp stage's output: the article and its parsed sentences, in text order.

    Only sentences that can hold a claim (a number or a magnitude word), or
    that carry attribution context (a citation cue), are parsed.
    """

    article: Article
    sentences: tuple[ParsedSentence, ...]


# --- the ledger (issue 3): what the store keeps and what its queries return ---


@dataclass(frozen=True)
class Run:
    """One configuration of the extractor: its version and a hash of its settings."""

    version: str
    settings_hash: str
    settings_json: str


@dataclass(frozen=True)
class StoredDocument:
    """A document as the ledger keeps it: the extractor's result plus provenance.

    ``id`` is the SHA-256 of ``text`` (a content hash), so the same article
    ingested twice is one row. ``copy_of`` is the id of the first document of
    its near-duplicate group (the same wire copy in two outlets), or ``None``.
    ``signature`` is the document's MinHash signature, ``bands`` its LSH band keys.
    """

    id: str
    document: Document
    text: str
    origin: str
    url: str | None
    blocks: tuple[Block, ...]
    copy_of: str | None
    signature: bytes
    bands: tuple[str, ...]
    story: str | None = None  # the story the document joined (its claims' facts include it)


@dataclass(frozen=True)
class Filters:
    """Filters shared by every ledger query; ``None`` means no filter.

    ``since``/``until`` bound the statement date (inclusive); ``text`` searches
    the claim text and its counted noun. ``limit``/``offset`` page the rows.
    """

    measure: str | None = None
    actor: str | None = None
    source: str | None = None
    outlet: str | None = None
    language: str | None = None  # the document's language code ("en"): see check_language
    since: dt.date | None = None
    until: dt.date | None = None
    hedged: bool | None = None
    text: str | None = None
    document: str | None = None
    story: str | None = None  # a story id: only its documents' claims, facts and estimates
    limit: int = 100
    offset: int = 0
    sort: str = "stored"  # claims only: one of CLAIM_SORTS, "-" in front for descending


# The orders a claims query can take (``Filters.sort``); "-stated_on" is newest first.
# Each is read off an index, so a page of a million-claim ledger costs milliseconds.
CLAIM_SORTS: tuple[str, ...] = ("stored", "stated_on", "value")


def check_claim_sort(sort: str) -> str:
    """The order ``sort`` names (without its ``-``); raises FilterError listing the valid ones."""
    name = sort.removeprefix("-")
    if name not in CLAIM_SORTS:
        raise FilterError(
            f"unknown sort {sort!r}; valid sorts: {', '.join(CLAIM_SORTS)} (prefix - for descending)"
        )
    return name


# A language filter names a document's language as the metadata stage stores it:
# an ISO 639-1 code (two letters) or an ISO 639-2/3 one (three), in lower case.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def check_language(code: str) -> str:
    """``code`` if it is a language code like ``en`` or ``fra``; raises FilterError saying what is valid."""
    if LANGUAGE_CODE.fullmatch(code) is None:
        raise FilterError(
            f"language must be a code of two or three lowercase letters, like en, fr or fra, not {code[:40]!r}"
        )
    return code


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim of the current extraction of its document, with the document's metadata."""

    id: int
    claim: Claim
    document_id: str
    doc: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None  # the document's
    copy_of: str | None
    run_id: int
    quote: str  # the sentence around the claim, for a reader


@dataclass(frozen=True)
class FactRow:
    """One fact: every claim asserting the same figure for the same measure and actor."""

    fact: str
    measure: str
    actor: str | None
    qualifier: str  # the assertion's form: "point", "more_than", "up_to", "at_most", "range", "vague"
    low: float | None
    high: float | None
    period_start: dt.date | None
    period_end: dt.date | None
    claims: int
    sources: tuple[str, ...]
    independent_outlets: int  # outlets, with near-duplicate copies counted once
    first_stated: dt.date | None
    last_stated: dt.date | None
    hedged: bool  # every claim of the fact is hedged
    story: str | None = None  # the story of the fact's documents (a fact never spans two)


@dataclass(frozen=True)
class TimelineRow:
    """One estimate on a timeline: a fact as one source gave it, by statement date."""

    stated_on: dt.date | None
    fact: str
    measure: str
    actor: str | None
    qualifier: str
    low: float | None
    high: float | None
    period_start: dt.date | None
    period_end: dt.date | None
    source: str | None
    hedged: bool  # every claim of the estimate is hedged
    outlets: int  # independent outlets (near-duplicate copies counted once)
    claims: int
    quote: str  # one claim's sentence, for a reader
    claim_id: int | None = None  # the stored claim the quote comes from: the estimate's evidence
    # What the evidence claim says it counts, read by the link stage to tell a part
    # from its whole (ESTIMATE_COLUMNS leaves them out: the store reads them off the
    # claim ``claim_id``, not off the estimates table).
    text: str | None = None  # the claim's words: "another 1,000", "at least 300"
    stated_as: str | None = None  # the claim's qualifier ("at_least"), where ``qualifier`` is the fact's form
    counted: str | None = None
    location: str | None = None
    story: str | None = None  # the story of the evidence claim's document, once a story stage assigns one
    # The evidence claim's document: its publication day (an undated statement's day) and its id
    # (figures of one document are of one day).
    published: dt.date | None = None
    document: str | None = None


@dataclass(frozen=True)
class CitationRow:
    """Who cites whom: claims an outlet printed from a speaker citing a source, with counts."""

    outlet: str | None
    stated_by: str | None
    source: str | None
    claims: int
    documents: int


@dataclass(frozen=True)
class StoryRow:
    """One story of the ledger: a title from its documents, its dates and counts, its top figures."""

    id: str
    title: str | None  # its earliest-ingested document's title
    first_published: dt.date | None
    last_published: dt.date | None
    documents: int
    claims: int  # current claims of its documents
    top_facts: tuple[FactRow, ...] = ()  # its most claimed facts

    def to_json(self) -> dict[str, object]:
        """The story as ``claimtrail stories --json`` and the API give it; each top fact's figure and count."""
        return {
            "id": self.id,
            "title": self.title,
            "first_published": self.first_published.isoformat() if self.first_published else None,
            "last_published": self.last_published.isoformat() if self.last_published else None,
            "documents": self.documents,
            "claims": self.claims,
            "top_facts": [
                {
                    "fact": f.fact,
                    "measure": f.measure,
                    "actor": f.actor,
                    "qualifier": f.qualifier,
                    "low": f.low,
                    "high": f.high,
                    "claims": f.claims,
                    "sources": list(f.sources),
                }
                for f in self.top_facts
            ],
        }


StoryCorrectionKind = Literal["merge", "split"]


@dataclass(frozen=True)
class StoryCorrection:
    """A user's correction of the story stage, replayed whenever a document is assigned a story.

    ``merge``: every document of ``story`` goes to ``into``. ``split``: the
    ``documents`` (ledger ids) go to the new story ``into``.
    """

    kind: StoryCorrectionKind
    story: str
    into: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryDelta:
    """What the story index added to one story since it was last saved.

    ``members`` are the document keys it took in, ``counts`` what they added to
    its counters as (kind, key, amount): kind ``place``, ``actor``, ``event`` or
    ``term``; ``first``/``last`` are the story's dates after them and
    ``position`` its place in the order stories were started.
    """

    story: str
    position: int
    first: dt.date | None
    last: dt.date | None
    members: tuple[str, ...]
    counts: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class StoryIndexDelta:
    """The story index's changes since it was last saved, written with the documents they came from.

    Every part adds to what is saved (members, counts, document frequencies), so
    a document's changes are written in its own transaction at the cost of that
    document, not of the whole index. ``name_df`` is (name, documents added,
    order the name was first seen in); ``term_df`` (term, documents added).
    ``whole``: these changes are the entire index (read from a ledger that kept
    it as one JSON value, schema 5 to 8), which saving them replaces.
    """

    stories: tuple[StoryDelta, ...]
    name_df: tuple[tuple[str, int, int], ...]
    term_df: tuple[tuple[str, int], ...]
    whole: bool = False


@dataclass(frozen=True)
class StoryMove:
    """One document moved to another story by a correction: its new story and its current claims' new facts.

    ``facts`` pairs each current claim's stored id with the fact id it has in
    the new story (the link stage's key includes the story).
    """

    document_id: str
    story: str
    facts: tuple[tuple[int, str | None], ...]


# The evidence claim's own fields of a TimelineRow: read off the claim, not the estimates table.
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "text", "stated_as", "counted", "location", "story", "published", "document",
)  # fmt: skip
# The columns of a timeline series (``Store.timeline_series``): TimelineRow's fields
# that the estimates table holds.
TIMELINE_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(TimelineRow) if f.name not in EVIDENCE_COLUMNS
)


@dataclass(frozen=True)
class ConflictWhy:
    """Why two estimates are one conflict, each test the pair passed in words a reader checks."""

    story: str  # "same story: nk-troops-russia", "no story known for either"
    measure: str  # "killed, actor North Korea"
    population: str  # "the same counted population: soldiers (general)"
    periods: str  # "no period given for either" / "both 2024-07-01 to 2024-08-05"
    sources: str  # "one counting body: health ministry" / "different sources: X; Y"
    bounds: str  # "600 and 400 do not overlap" / "revised 300 to 650 after 9 days"


@dataclass(frozen=True)
class Conflict:
    """Two estimates of one measure and actor that differ.

    ``kind`` is ``"update"`` (the same counting body gave a later, different figure)
    or ``"contradiction"`` (different sources, the same story, counted population
    and period, value ranges that do not overlap). ``earlier``/``later`` are
    ordered by statement date; ``why`` gives each test the pair passed.
    """

    # Set from the other fields (conflict_id), so that it is never stale: a user's
    # dismissal names it, in the ledger and across processes.
    id: str = field(init=False)
    kind: Literal["update", "contradiction"]
    measure: str
    actor: str | None
    earlier: TimelineRow
    later: TimelineRow
    reason: str
    why: ConflictWhy | None = None
    story: str | None = None
    # A user marked it wrong (``conflicts dismiss ID``); only shown when asked for.
    dismissed: bool = False
    dismissed_reason: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", conflict_id(self))


def conflict_id(conflict: Conflict) -> str:
    """A short id for a conflict that the same documents give again in every run and process.

    ``"c-"`` and the first 10 hex digits of SHA-1 over the story, measure and kind,
    then each estimate as ``fact|source key`` (:func:`claimtrail.names.name_key`),
    the two sorted, one per line. Fact ids hash the story, measure, actor and
    figure (``link.fact_id``), so re-extracting the same documents keeps the id;
    sorting keeps it when a changed statement date swaps which estimate is earlier.
    """
    estimates = sorted(f"{row.fact}|{name_key(row.source)}" for row in (conflict.earlier, conflict.later))
    key = "\n".join((conflict.story or "", conflict.measure, conflict.kind, *estimates))
    return "c-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:CONFLICT_ID_HEX]


# Hex digits of a conflict id: 40 bits, so two of a ledger's conflicts share one
# with odds of about n^2 / 2^41: one in 2,000 at a million conflicts.
CONFLICT_ID_HEX = 10


_CONFLICT_ID = re.compile(rf"c-[0-9a-f]{{{CONFLICT_ID_HEX}}}")


def check_conflict_id(text: str) -> str:
    """``text`` when it is a conflict id (:func:`conflict_id`'s form), else :class:`ConflictDismissalError`."""
    if _CONFLICT_ID.fullmatch(text) is None:
        raise ConflictDismissalError(
            f"{text[:40]!r} is not a conflict id: ids are 'c-' and {CONFLICT_ID_HEX} hex digits, "
            "such as c-3094ab1cb1 (`claimtrail conflicts` lists them)"
        )
    return text


@dataclass(frozen=True)
class ConflictDismissal:
    """A user's word that a conflict is wrong: its id, why, when and by whom (when known)."""

    conflict: str
    reason: str | None
    dismissed_at: dt.datetime
    dismissed_by: str | None = None


# What a conflict's alert reports; the alert is keyed by the conflict's id.
AlertKind = Literal["update", "contradiction"]


@dataclass(frozen=True)
class StoryTouch:
    """What one ingested document changed: its story and the estimates (fact, source key) it added to.

    ``started_at`` is when the document's ingest began (read from its file), so
    an alert it raises can say how long it took (``Alert.delay_s``).
    """

    story: str
    document_id: str
    estimates: frozenset[tuple[str, str]]
    measures: frozenset[str]
    started_at: dt.datetime


@dataclass(frozen=True)
class Alert:
    """A conflict newly found after an ingest, as stored and sent: once per conflict id.

    ``payload`` is the JSON body webhooks receive (both estimates with their
    sources, dates, quotes and documents, and the story's page).
    """

    conflict: str  # the conflict's id (models.conflict_id): the alert's id and idempotency key
    story: str | None
    kind: AlertKind
    created_at: dt.datetime
    payload: dict[str, Any]
    document_id: str | None = None  # the ingested document that raised it
    document_started_at: dt.datetime | None = None  # when that document's ingest began

    @property
    def delay_s(self) -> float | None:
        """Seconds from the raising document's ingest start to the alert's creation."""
        if self.document_started_at is None:
            return None
        return (self.created_at - self.document_started_at).total_seconds()


DeliveryState = Literal["pending", "delivered", "dead"]


@dataclass(frozen=True)
class AlertDelivery:
    """One alert's sending to one webhook: tries so far, the last answer, and when to try again."""

    alert: str
    url: str
    attempts: int
    last_status: int | None  # the last HTTP status (None: no answer: timeout, refused connection)
    last_error: str | None
    next_try_at: dt.datetime | None
    delivered_at: dt.datetime | None
    dead_lettered_at: dt.datetime | None  # given up after the last try

    @property
    def state(self) -> DeliveryState:
        if self.delivered_at is not None:
            return "delivered"
        return "dead" if self.dead_lettered_at is not None else "pending"
