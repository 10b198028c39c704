"""The stories seen so far, and which one a new document joins.

    >>> index = StoryIndex()
    >>> index.assign(story_input)          # a new story's id, or an existing one's
    'story-5f0c1e2a9b7d'
    >>> state = index.to_json()            # plain JSON data; StoryIndex.from_json(state) restores it

A document is compared with every story by five classes of evidence, each a
score up to 1 (dates and event kinds can also count against):

1. places it names, each weighted by its rarity among the documents seen;
2. actors it names (people, organisations, peoples), weighted the same way;
3. the kinds of event it reports (earthquake, flood, war: ``data/events.toml``);
4. how near its publication date is to the story's dates;
5. the similarity of its content words to the story's (TF-IDF cosine).

Only stories it shares enough of their own with (names and words: at least
``IDENTITY_MIN``) and that are not years away (``DATE_APART_DAYS``) can take
it; it joins the one with the highest weighted sum when that reaches
``JOIN_THRESHOLD``, and starts a story otherwise. A story's id is fixed when
the story starts (a hash of its first document's text), so ids never change
as documents arrive, and one arrival order always gives the same stories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..errors import StoryStateError
from ..models import StoryInput
from .features import DocumentFeatures, document_features

EvidenceClass = Literal["places", "actors", "events", "dates", "text"]
EVIDENCE_CLASSES: tuple[EvidenceClass, ...] = ("places", "actors", "events", "dates", "text")

# Two names are one when they have the same number of words and each word
# pair shares its first NAME_PREFIX_MIN_CHARS letters or more, with at most
# NAME_ENDING_MAX_CHARS letters after them in either word: a place and its
# people's word ("Kenya"/"Kenyan", "Lebanon"/"Lebanese", "Turkey"/"Turkish")
# are one name; "Iran"/"Iraq" (3 letters in common) and "Austria"/"Australia"
# ("alia" after "austr") stay two. Some pairs merge wrongly ("Niger"/"Nigeria"):
# other evidence must then tell them apart.
NAME_PREFIX_MIN_CHARS = 4
NAME_ENDING_MAX_CHARS = 3

# Version of the serialised state; a state of another version is refused.
STATE_VERSION = 1


@dataclass(frozen=True)
class EvidenceWeights:
    """How much each class of evidence counts towards joining a story (0 turns a class off)."""

    places: float = 1.0
    actors: float = 1.0
    events: float = 1.0
    dates: float = 1.0
    text: float = 1.0

    def without(self, name: EvidenceClass) -> EvidenceWeights:
        """These weights with one class turned off."""
        return replace(self, **{name: 0.0})


DEFAULT_WEIGHTS = EvidenceWeights()

# The weighted evidence a document needs to join a story rather than start one
# (among the stories that pass the IDENTITY_MIN gate below). On the development
# corpus, with every document placed in its true story, a document's own story
# scores 1.11 or more, the best other story that passes the gate -0.02 or less;
# 0.5 sits between, and leaves room for a page whose event words the tables
# lack (without the event class, F1 over 21 orders is 0.85 at 0.5, 0.61 at 1.0).
JOIN_THRESHOLD = 0.5

# What makes a story one event rather than one kind of event: names and words
# of its own. Event kinds and dates only tell two floods of one autumn apart
# from an earthquake, so a document joins a story only when these classes'
# weighted scores add up to IDENTITY_MIN at least. On the development corpus a
# document shares 0.03-0.07 of them with the nearest story of another event of
# its kind and date, and 0.12 or more with its own story (bench/stories.py).
IDENTITY_CLASSES: tuple[EvidenceClass, ...] = ("places", "actors", "text")
IDENTITY_MIN = 0.1

# Dates: within DATE_NEAR_DAYS of a story's dates a document is as near as can
# be (one story's reports run for days); the evidence falls to nothing at
# DATE_FAR_DAYS, then counts against, down to -1 at DATE_APART_DAYS. A story may
# run for a year (a war's reports, read out of order, can be 365 days apart:
# -0.4). A document further than DATE_APART_DAYS from every report of a story
# never joins it, whatever it shares: the same town's earthquake three years
# later is another story, though its place, governor and kind are the same.
# (A second anniversary's look back is lost to its story; it is rare.)
DATE_NEAR_DAYS = 14
DATE_FAR_DAYS = 120
DATE_APART_DAYS = 730

# Event kinds: a document and a story that each use at least this many event
# words, with event profiles whose cosine is below EVENT_CONFLICT_COSINE,
# report different kinds of event. That counts EVENT_CONFLICT_SCORE: as much as
# a shared place and actor together, since the same governor speaks for her
# province's earthquake and for its flood, which are two stories.
EVENT_CONFLICT_MIN_WORDS = 3
EVENT_CONFLICT_COSINE = 0.2
EVENT_CONFLICT_SCORE = -2.0


@dataclass(frozen=True)
class Evidence:
    """A document's evidence for one story: each class's score and the weighted total."""

    story: str
    scores: dict[str, float]
    total: float
    identity: float  # the weighted scores of IDENTITY_CLASSES
    joinable: bool  # identity reaches IDENTITY_MIN and the dates are not DATE_APART_DAYS apart


@dataclass
class Story:
    """One story's state: its members and what they say, summed."""

    id: str
    members: list[str] = field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None
    places: Counter[str] = field(default_factory=Counter)  # name -> members naming it
    actors: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)  # kind -> event words used
    terms: Counter[str] = field(default_factory=Counter)  # term -> summed weight

    def add(self, features: DocumentFeatures) -> None:
        self.members.append(features.key)
        if features.published is not None:
            self.first = min(self.first or features.published, features.published)
            self.last = max(self.last or features.published, features.published)
        self.places.update(features.places)
        self.actors.update(features.actors)
        self.events.update(features.events)
        self.terms.update(features.terms)


def _smoothed_idf(documents: int, df: int) -> float:
    """Smoothed: a name or term in every document still weighs a little (log 2), and one in a
    single document of many weighs most."""
    return math.log(1.0 + (documents + 1) / max(df, 1))


class StoryIndex:
    """Stories seen so far; :meth:`assign` puts each new document into one."""

    def __init__(
        self, *, weights: EvidenceWeights = DEFAULT_WEIGHTS, threshold: float = JOIN_THRESHOLD
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.stories: list[Story] = []
        self._by_document: dict[str, str] = {}  # document key -> story id
        self._name_df: Counter[str] = Counter()  # name -> documents naming it
        self._term_df: Counter[str] = Counter()  # term -> documents using it
        self._by_prefix: dict[str, list[str]] = {}  # a name's first letters -> names known, as first seen
        self._by_last_word: dict[str, str] = {}  # last word -> the first name of several words ending so
        self._idf_documents = -1  # the document count self._idf_by_df was computed for
        self._idf_by_df: dict[int, float] = {}

    @property
    def documents(self) -> int:
        return len(self._by_document)

    def assign(self, document: StoryInput | DocumentFeatures) -> str:
        """The id of the story ``document`` joins, or of the story it starts.

        A document seen before (the same text) keeps its story.
        """
        # 1. the document's features; a document seen before keeps its story
        features = document if isinstance(document, DocumentFeatures) else document_features(document)
        if features.key in self._by_document:
            return self._by_document[features.key]
        # 2. its names in the forms seen first ("Kenyan" -> "kenya"); it counts in their rarity
        features = self._canonical(features)
        self._name_df.update(features.places | features.actors)
        self._term_df.update(features.terms)
        # 3. the best story by weighted evidence, if it reaches the threshold
        best = max((e for e in self.evidence(features) if e.joinable), key=lambda e: e.total, default=None)
        if best is not None and best.total >= self.threshold:
            story = next(s for s in self.stories if s.id == best.story)
        else:
            story = Story(id=self._new_id(features.key))
            self.stories.append(story)
        # 4. the story takes the document in
        story.add(features)
        self._by_document[features.key] = story.id
        return story.id

    def _canonical(self, features: DocumentFeatures) -> DocumentFeatures:
        """``features`` with each name replaced by the first known name it matches."""

        def known(name: str, *, actor: bool) -> str:
            for other in self._by_prefix.get(name[:NAME_PREFIX_MIN_CHARS], ()):
                if same_name(name, other):
                    return other
            if actor and " " not in name and name in self._by_last_word:
                return self._by_last_word[name]  # "talvek" is "orin talvek", named in full before
            self._remember(name)
            return name

        places = frozenset(known(n, actor=False) for n in sorted(features.places))
        actors = frozenset(known(n, actor=True) for n in sorted(features.actors)) - places
        return replace(features, places=places, actors=actors)

    def _remember(self, name: str) -> None:
        self._by_prefix.setdefault(name[:NAME_PREFIX_MIN_CHARS], []).append(name)
        if " " in name:
            self._by_last_word.setdefault(name.rsplit(" ", 1)[1], name)

    def evidence(self, features: DocumentFeatures) -> list[Evidence]:
        """The document's evidence for every story, in the stories' order of creation."""
        return [self._evidence(features, story) for story in self.stories]

    def _evidence(self, features: DocumentFeatures, story: Story) -> Evidence:
        scores = {
            "places": self._name_score(features.places, story.places, len(story.members)),
            "actors": self._name_score(features.actors, story.actors, len(story.members)),
            "events": event_score(features.events, story.events),
            "dates": date_score(features.published, story.first, story.last),
            "text": self._text_score(features.terms, story.terms),
        }
        weighted = {name: getattr(self.weights, name) * score for name, score in scores.items()}
        identity = sum(weighted[name] for name in IDENTITY_CLASSES)
        gap = days_apart(features.published, story.first, story.last)
        apart = self.weights.dates > 0 and gap is not None and gap > DATE_APART_DAYS
        return Evidence(
            story=story.id,
            scores=scores,
            total=sum(weighted.values()),
            identity=identity,
            joinable=identity >= IDENTITY_MIN and not apart,
        )

    def _idf_cache(self) -> dict[int, float]:
        """The idf by document frequency for the current number of documents. Kept while that
        number stays the same: a story's norm sums it over all its terms, for every document."""
        if self._idf_documents != self.documents:
            self._idf_documents, self._idf_by_df = self.documents, {}
        return self._idf_by_df

    def _idf(self, df: int) -> float:
        cache = self._idf_cache()
        found = cache.get(df)
        if found is None:
            found = cache[df] = _smoothed_idf(self.documents, df)
        return found

    def _name_score(self, names: frozenset[str], story_names: Counter[str], members: int) -> float:
        """Share of the document's names, by rarity, that the story names, each by the share of
        its members naming it (a story's central names count fully, an aside a little)."""
        if not names or not members:
            return 0.0
        weights = {n: self._idf(self._name_df[n]) for n in names}
        shared = sum(w * math.sqrt(story_names[n] / members) for n, w in weights.items())
        return shared / sum(weights.values())

    def _text_score(self, terms: Mapping[str, float], story_terms: Counter[str]) -> float:
        """Cosine of the TF-IDF vectors of the document and the story's summed members."""
        idf = {t: self._idf(self._term_df[t]) for t in terms}
        dot = sum(w * idf[t] * story_terms[t] * idf[t] for t, w in terms.items() if t in story_terms)
        if dot == 0.0:
            return 0.0
        norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in terms.items()))
        cache, df, documents = self._idf_cache(), self._term_df, self.documents
        squares = 0.0
        for t, w in story_terms.items():  # every term of the story, for every document: kept tight
            d = df[t]
            v = cache.get(d)
            if v is None:
                v = cache[d] = _smoothed_idf(documents, d)
            squares += (w * v) ** 2
        story_norm = math.sqrt(squares)
        return dot / (norm * story_norm)

    def _new_id(self, key: str) -> str:
        base = "story-" + hashlib.blake2b(key.encode("ascii"), digest_size=6).hexdigest()
        taken = {s.id for s in self.stories}
        story_id, n = base, 1
        while story_id in taken:  # two founding texts whose hashes share 48 bits: never in practice
            n += 1
            story_id = f"{base}-{n}"
        return story_id

    # --- state ---

    def to_json(self) -> dict[str, Any]:
        """The index as plain JSON data (what a store keeps)."""
        return {
            "version": STATE_VERSION,
            "stories": [
                {
                    "id": s.id,
                    "members": s.members,
                    "first": s.first.isoformat() if s.first else None,
                    "last": s.last.isoformat() if s.last else None,
                    "places": dict(s.places),
                    "actors": dict(s.actors),
                    "events": dict(s.events),
                    "terms": dict(s.terms),
                }
                for s in self.stories
            ],
            "name_df": dict(self._name_df),
            "term_df": dict(self._term_df),
        }

    @classmethod
    def from_json(
        cls,
        state: Mapping[str, Any],
        *,
        weights: EvidenceWeights = DEFAULT_WEIGHTS,
        threshold: float = JOIN_THRESHOLD,
    ) -> StoryIndex:
        """The index that :meth:`to_json` wrote; raises :class:`StoryStateError` for anything else."""
        if state.get("version") != STATE_VERSION:
            raise StoryStateError(
                f"story index state has version {state.get('version')!r}; expected {STATE_VERSION}"
            )
        index = cls(weights=weights, threshold=threshold)
        try:
            for item in state["stories"]:
                story = Story(
                    id=str(item["id"]),
                    members=[str(m) for m in item["members"]],
                    first=_date(item["first"]),
                    last=_date(item["last"]),
                    places=Counter(item["places"]),
                    actors=Counter(item["actors"]),
                    events=Counter(item["events"]),
                    terms=Counter(item["terms"]),
                )
                index.stories.append(story)
                index._by_document.update((m, story.id) for m in story.members)
            index._name_df = Counter(state["name_df"])
            for name in index._name_df:  # in the order first seen: the same canonical names as before
                index._remember(name)
            index._term_df = Counter(state["term_df"])
        except (KeyError, TypeError, ValueError) as exc:
            raise StoryStateError(
                f"story index state is malformed ({exc!r}); expected what StoryIndex.to_json() writes"
            ) from exc
        return index


def same_name(a: str, b: str) -> bool:
    """Whether two name keys are one name (see ``NAME_PREFIX_MIN_CHARS``): "kenya" and "kenyan"."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    return all(_same_word(x, y) for x, y in zip(words_a, words_b))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= NAME_PREFIX_MIN_CHARS and max(len(a), len(b)) - common <= NAME_ENDING_MAX_CHARS


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def event_score(events: Mapping[str, int], story_events: Mapping[str, int]) -> float:
    """Cosine of the two event-kind profiles; ``EVENT_CONFLICT_SCORE`` when both clearly report
    different kinds."""
    dot = sum(n * story_events.get(kind, 0) for kind, n in events.items())
    norm = math.sqrt(sum(n * n for n in events.values()))
    story_norm = math.sqrt(sum(n * n for n in story_events.values()))
    if not norm or not story_norm:
        return 0.0
    cosine = dot / (norm * story_norm)
    clear = (
        sum(events.values()) >= EVENT_CONFLICT_MIN_WORDS
        and sum(story_events.values()) >= EVENT_CONFLICT_MIN_WORDS
    )
    return EVENT_CONFLICT_SCORE if clear and cosine < EVENT_CONFLICT_COSINE else cosine


def days_apart(published: dt.date | None, first: dt.date | None, last: dt.date | None) -> int | None:
    """Days from ``published`` to the nearest of the days ``first`` to ``last``; None without dates."""
    if published is None or first is None or last is None:
        return None
    return max((first - published).days, (published - last).days, 0)


def date_score(published: dt.date | None, first: dt.date | None, last: dt.date | None) -> float:
    """1 within ``DATE_NEAR_DAYS`` of the story's dates, falling to 0 at ``DATE_FAR_DAYS`` and to -1
    at ``DATE_APART_DAYS`` and beyond; 0 (no evidence) when either side has no date."""
    gap = days_apart(published, first, last)
    if gap is None:
        return 0.0
    if gap <= DATE_NEAR_DAYS:
        return 1.0
    if gap <= DATE_FAR_DAYS:
        return 1.0 - (gap - DATE_NEAR_DAYS) / (DATE_FAR_DAYS - DATE_NEAR_DAYS)
    return -min(1.0, (gap - DATE_FAR_DAYS) / (DATE_APART_DAYS - DATE_FAR_DAYS))


def assign_stories(documents: Iterable[StoryInput], index: StoryIndex | None = None) -> list[str]:
    """The story id of each document, assigned in order (into ``index``, or a fresh one)."""
    target = index if index is not None else StoryIndex()
    return [target.assign(d) for d in documents]
