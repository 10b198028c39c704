"""The stories seen so far, and which one a new document joins.

    >>> index = StoryIndex()
    >>> index.assign(story_input)          # a new story's id, or an existing one's
    'story-5f0c1e2a9b7d'
    >>> state = index.to_json()            # plain JSON data; StoryIndex.from_json(state) restores it

A document is compared with the stories by five classes of evidence, each a
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

With more than ``CANDIDATE_STORIES`` stories a document is weighed in full
against the ``CANDIDATE_STORIES`` that a cheap estimate ranks first (its names'
scores, read off an index of names, and the cosine over its heaviest terms,
read off an index of terms), not against every story: a ledger of years of news
costs each document about the same. :meth:`StoryIndex.take_changes` gives what
the index learnt since it was last saved, so that a ledger saves each
document's share, not the whole index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..errors import StoryStateError
from ..models import StoryDelta, StoryIndexDelta, StoryInput
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

# Candidates. Up to CANDIDATE_STORIES stories, a document is weighed against
# every story (so small ledgers and the development corpus, 15 stories, see
# exactly the full comparison). Beyond, only against the CANDIDATE_STORIES
# stories that rank first by an estimate of the identity evidence: the name
# scores (exact, read off the name postings) plus the text cosine over the
# document's CANDIDATE_TERMS heaviest terms (by weight x idf). A document's own
# story shares its rare names and words, so it ranks near the top: on the
# first 4,000 of bench/story_scale.py's invented reports (1,535 stories; every
# page shares words with thousands of others) the candidates put every
# document where weighing every story puts it. 64 and 40 leave a wide margin
# over that, and keep a document's cost to milliseconds in a ledger of 20,000.
CANDIDATE_STORIES = 64
CANDIDATE_TERMS = 40
# A term that more than CANDIDATE_TERM_MAX_SHARE of the stories use is the
# vocabulary of a kind of event or of news itself ("killed", "rescue",
# "minister"), not of one story: the estimate leaves it out (the full evidence
# of the candidates still counts it), so that a document's cost does not grow
# with the ledger through its commonest words.
CANDIDATE_TERM_MAX_SHARE = 0.05

# The estimate divides by a story's TF-IDF norm, which every new document moves
# a little (the idf of all terms depends on the document count). A story's norm
# is kept until the story changes or the index has grown by NORM_REFRESH_SHARE
# since: an idf moves by less than log(1.01) then, under 1.5 % of the least idf
# (log 2), which cannot reorder candidates that matter. Only the estimate uses
# the kept norm; the evidence of the candidates is computed exactly.
NORM_REFRESH_SHARE = 0.01


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
    position: int = 0  # its place in the order stories were started
    members: list[str] = field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None
    places: Counter[str] = field(default_factory=Counter)  # name -> members naming it
    actors: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)  # kind -> event words used
    terms: Counter[str] = field(default_factory=Counter)  # term -> summed weight
    # The TF-IDF norm last computed for the candidate estimate, and the index's
    # document count then (see NORM_REFRESH_SHARE); None once the story changes.
    norm: float | None = field(default=None, compare=False, repr=False)
    norm_documents: int = field(default=0, compare=False, repr=False)

    def add(self, features: DocumentFeatures) -> None:
        self.norm = None
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
        self,
        *,
        weights: EvidenceWeights = DEFAULT_WEIGHTS,
        threshold: float = JOIN_THRESHOLD,
        exhaustive: bool = False,
        track_changes: bool = False,
    ) -> None:
        """``exhaustive``: weigh every story, never candidates only (to measure the candidates);
        ``track_changes``: keep what each assignment adds, for :meth:`take_changes`."""
        self.weights = weights
        self.threshold = threshold
        self.exhaustive = exhaustive
        self.stories: list[Story] = []
        self._by_id: dict[str, Story] = {}
        self._by_document: dict[str, str] = {}  # document key -> story id
        # Postings: which stories name a place / an actor, or use a term (in order started).
        self._postings: dict[str, dict[str, list[Story]]] = {"places": {}, "actors": {}, "terms": {}}
        self._changes: _Changes | None = _Changes() if track_changes else None
        # The document being weighed: its terms, the document count, their idf, its norm.
        self._vector: tuple[Mapping[str, float], int, dict[str, float], float] | None = None
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
        names = sorted(features.places | features.actors)  # sorted: one order of first sight, always
        new_names = [n for n in names if n not in self._name_df]
        self._name_df.update(names)
        self._term_df.update(features.terms)
        # 3. the best story by weighted evidence (among the candidates), if it reaches the threshold
        weighed = [self._evidence(features, s) for s in self._candidates(features)]
        best = max((e for e in weighed if e.joinable), key=lambda e: e.total, default=None)
        if best is not None and best.total >= self.threshold:
            story = self._by_id[best.story]
        else:
            story = Story(id=self._new_id(features.key), position=len(self.stories))
            self.stories.append(story)
            self._by_id[story.id] = story
        # 4. the story takes the document in
        self._post(story, features)
        story.add(features)
        self._by_document[features.key] = story.id
        if self._changes is not None:
            self._changes.record(story, features, names, new_names, len(self._name_df) - len(new_names))
        return story.id

    def take_changes(self) -> StoryIndexDelta:
        """What the index learnt since the last call (or since it was made or read), to save.

        Needs ``track_changes``; after :meth:`from_json` of a whole saved state
        (schema 5 to 8) the first changes are the whole index, marked ``whole``.
        """
        if self._changes is None:
            raise ValueError("this StoryIndex keeps no changes: make it with track_changes=True")
        changes, self._changes = self._changes.delta(), _Changes()
        return changes

    def _post(self, story: Story, features: DocumentFeatures) -> None:
        """Enter ``story`` in the postings of the document's names and terms it lacks so far."""
        for kind, keys, held in (
            ("places", features.places, story.places),
            ("actors", features.actors, story.actors),
            ("terms", features.terms, story.terms),
        ):
            postings = self._postings[kind]
            for key in keys:
                if key not in held:
                    postings.setdefault(key, []).append(story)

    def _candidates(self, features: DocumentFeatures) -> list[Story]:
        """The stories to weigh the document against, in the order they were started.

        Every story while there are at most ``CANDIDATE_STORIES``; else those the
        estimate ranks first among the stories that share a name or a heavy term
        and are not too far apart in time to join.
        """
        if self.exhaustive or len(self.stories) <= CANDIDATE_STORIES:
            return self.stories
        estimate: defaultdict[int, float] = defaultdict(float)
        for kind, names in (("places", features.places), ("actors", features.actors)):
            weight = getattr(self.weights, kind)
            idf = {n: self._idf(self._name_df[n]) for n in names}
            total = sum(idf.values())
            for name, w in idf.items():
                for story in self._postings[kind].get(name, ()):
                    held = story.places if kind == "places" else story.actors
                    estimate[story.position] += (
                        weight * w * math.sqrt(held[name] / len(story.members)) / total
                    )
        if self.weights.text and features.terms:
            self._estimate_text(features.terms, estimate)
        ranked = sorted(estimate.items(), key=lambda item: (-item[1], item[0]))
        chosen: list[int] = []
        for position, _ in ranked:
            if not self._too_far(features.published, self.stories[position]):
                chosen.append(position)
                if len(chosen) == CANDIDATE_STORIES:
                    break
        return [self.stories[position] for position in sorted(chosen)]

    def _estimate_text(self, terms: Mapping[str, float], estimate: defaultdict[int, float]) -> None:
        """Add each story's share of the text cosine over the document's heaviest distinctive terms."""
        idf, norm = self._document_vector(terms)
        heavy = heapq.nlargest(CANDIDATE_TERMS, terms.items(), key=lambda tw: tw[1] * idf[tw[0]])
        common = max(CANDIDATE_STORIES, CANDIDATE_TERM_MAX_SHARE * len(self.stories))
        documents, refresh = self.documents, 1.0 + NORM_REFRESH_SHARE
        for term, w in heavy:
            postings = self._postings["terms"].get(term, ())
            if len(postings) > common:
                continue
            factor = self.weights.text * w * idf[term] ** 2 / norm
            for story in postings:  # the hot loop of a large index: kept tight
                story_norm = story.norm
                if story_norm is None or documents > story.norm_documents * refresh:
                    story_norm = self._norm(story)
                estimate[story.position] += factor * story.terms[term] / story_norm

    def _too_far(self, published: dt.date | None, story: Story) -> bool:
        gap = days_apart(published, story.first, story.last)
        return self.weights.dates > 0 and gap is not None and gap > DATE_APART_DAYS

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
            "text": self._text_score(features.terms, story),
        }
        weighted = {name: getattr(self.weights, name) * score for name, score in scores.items()}
        identity = sum(weighted[name] for name in IDENTITY_CLASSES)
        apart = self._too_far(features.published, story)
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

    def _text_score(self, terms: Mapping[str, float], story: Story) -> float:
        """Cosine of the TF-IDF vectors of the document and the story's summed members."""
        idf, norm = self._document_vector(terms)
        story_terms = story.terms
        dot = sum(w * idf[t] * story_terms[t] * idf[t] for t, w in terms.items() if t in story_terms)
        if dot == 0.0:
            return 0.0
        return dot / (norm * self._norm(story))

    def _document_vector(self, terms: Mapping[str, float]) -> tuple[dict[str, float], float]:
        """The idf of each of the document's terms and its TF-IDF norm (kept while it is weighed)."""
        kept = self._vector
        if kept is None or kept[0] is not terms or kept[1] != self.documents:
            idf = {t: self._idf(self._term_df[t]) for t in terms}
            norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in terms.items()))
            kept = self._vector = (terms, self.documents, idf, norm)
        return kept[2], kept[3]

    def _norm(self, story: Story) -> float:
        """The story's TF-IDF norm as kept: recomputed when the story changed or the index grew
        by ``NORM_REFRESH_SHARE`` since (so at every document while it holds under 100)."""
        if story.norm is None or self.documents > story.norm_documents * (1.0 + NORM_REFRESH_SHARE):
            story.norm, story.norm_documents = self._story_norm(story.terms) or 1.0, self.documents
        return story.norm

    def _story_norm(self, story_terms: Counter[str]) -> float:
        """The TF-IDF norm of a story's summed terms, at the current idf."""
        cache, df, documents = self._idf_cache(), self._term_df, self.documents
        squares = 0.0
        for t, w in story_terms.items():  # every term of the story, for every candidate: kept tight
            d = df[t]
            v = cache.get(d)
            if v is None:
                v = cache[d] = _smoothed_idf(documents, d)
            squares += (w * v) ** 2
        return math.sqrt(squares)

    def _new_id(self, key: str) -> str:
        base = "story-" + hashlib.blake2b(key.encode("ascii"), digest_size=6).hexdigest()
        story_id, n = base, 1
        while story_id in self._by_id:  # two founding texts whose hashes share 48 bits: never in practice
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
        track_changes: bool = False,
    ) -> StoryIndex:
        """The index that :meth:`to_json` wrote (or a store assembled from its saved changes,
        ``"stored_as": "rows"``); raises :class:`StoryStateError` for anything else."""
        if state.get("version") != STATE_VERSION:
            raise StoryStateError(
                f"story index state has version {state.get('version')!r}; expected {STATE_VERSION}"
            )
        index = cls(weights=weights, threshold=threshold, track_changes=track_changes)
        try:
            for position, item in enumerate(state["stories"]):
                story = Story(
                    id=str(item["id"]),
                    position=position,
                    members=[str(m) for m in item["members"]],
                    first=_date(item["first"]),
                    last=_date(item["last"]),
                    places=Counter(item["places"]),
                    actors=Counter(item["actors"]),
                    events=Counter(item["events"]),
                    terms=Counter(item["terms"]),
                )
                index.stories.append(story)
                index._by_id[story.id] = story
                index._by_document.update((m, story.id) for m in story.members)
                for kind, held in (
                    ("places", story.places),
                    ("actors", story.actors),
                    ("terms", story.terms),
                ):
                    for key in held:
                        index._postings[kind].setdefault(key, []).append(story)
            index._name_df = Counter(state["name_df"])
            for name in index._name_df:  # in the order first seen: the same canonical names as before
                index._remember(name)
            index._term_df = Counter(state["term_df"])
            if track_changes and state.get("stored_as") != "rows":
                index._changes = _Changes.whole(index)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoryStateError(
                f"story index state is malformed ({exc!r}); expected what StoryIndex.to_json() writes"
            ) from exc
        return index


class _Changes:
    """What assignments added to the index since it was last saved (see StoryIndex.take_changes)."""

    def __init__(self) -> None:
        self.stories: list[StoryDelta] = []
        self.name_df: Counter[str] = Counter()
        self.name_order: dict[str, int] = {}  # a name first seen since: its place in the order of sight
        self.term_df: Counter[str] = Counter()
        self.is_whole = False

    def record(
        self, story: Story, features: DocumentFeatures, names: list[str], new_names: list[str], known: int
    ) -> None:
        named = dict.fromkeys(sorted(features.places), 1), dict.fromkeys(sorted(features.actors), 1)
        counts = _counts(*named, features.events, features.terms)
        self.stories.append(
            StoryDelta(story.id, story.position, story.first, story.last, (features.key,), counts)
        )
        self.name_df.update(names)
        self.name_order.update((n, known + i) for i, n in enumerate(new_names))
        self.term_df.update(features.terms)

    @classmethod
    def whole(cls, index: StoryIndex) -> _Changes:
        """Changes that write all of ``index`` (read from a state saved whole)."""
        changes = cls()
        changes.is_whole = True
        for s in index.stories:
            counts = _counts(s.places, s.actors, s.events, s.terms)
            changes.stories.append(StoryDelta(s.id, s.position, s.first, s.last, tuple(s.members), counts))
        changes.name_df = Counter(index._name_df)
        changes.name_order = {n: i for i, n in enumerate(index._name_df)}
        changes.term_df = Counter(index._term_df)
        return changes

    def delta(self) -> StoryIndexDelta:
        return StoryIndexDelta(
            stories=tuple(self.stories),
            name_df=tuple((n, c, self.name_order.get(n, -1)) for n, c in self.name_df.items()),
            term_df=tuple(self.term_df.items()),
            whole=self.is_whole,
        )


def _counts(
    places: Mapping[str, int],
    actors: Mapping[str, int],
    events: Mapping[str, int],
    terms: Mapping[str, float],
) -> tuple[tuple[str, str, float], ...]:
    """A story's counters as ``StoryDelta.counts``: (kind, key, amount), in each counter's order."""
    return (
        *(("place", n, float(c)) for n, c in places.items()),
        *(("actor", n, float(c)) for n, c in actors.items()),
        *(("event", k, float(c)) for k, c in events.items()),
        *(("term", t, w) for t, w in terms.items()),
    )


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
