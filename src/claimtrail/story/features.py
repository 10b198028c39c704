"""What a document is about, as the story stage compares it: names, event kinds, terms, date.

>>> features = document_features(story_input)   # a StoryInput: see claimtrail.models
>>> features.places, features.events
(frozenset({'valencia', 'spain'}), {'flood': 7})
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..models import StoryInput
from .words import StoryWords, load_words

# Letters only: figures and punctuation say nothing of a story's subject
# (two stories share "2,000" by chance), and hyphenated words count as their parts.
_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_EDGE_PUNCTUATION = ".,;:|!?\"'\u2018\u2019\u201c\u201d()[]"
# Words one space apart. A run of capitalised words among them is a name when a word of
# its sentence comes right before it (a letter, or a comma, then a space), not an opener.
_SPACED_WORDS = re.compile(r"[^\W\d_]\w*(?: [^\W\d_]\w*)*")

# A term needs this many letters: two-letter words are initials and function
# words in every language; names of two letters ("UN", "EU") come in as names.
MIN_TERM_CHARS = 3

# A word the page only ever writes capitalised ("Dhaka", "Ruto") names a
# place or a person of the story, whether or not the parser saw it: its term
# weighs this many times a common word's. At 1 a page's names drown among the
# hundred common words it shares with every report of its kind.
NAME_TERM_WEIGHT = 3.0

# The title and the address say what the page is about in a few words, so each
# of their terms counts as much as this many mentions in the body.
TITLE_TERM_REPEATS = 2


@dataclass(frozen=True)
class DocumentFeatures:
    """A document as the story stage compares it (keys lower-cased, see :func:`normalise_name`).

    ``places`` and ``actors`` are the names the document gives; ``events`` the
    event words it uses, counted by kind; ``terms`` its content words with
    weight ``1 + log(count)``; ``key`` a hash of its text that identifies it.
    """

    doc: str
    key: str
    published: dt.date | None
    places: frozenset[str]
    actors: frozenset[str]
    events: dict[str, int]
    terms: dict[str, float]


def document_features(story: StoryInput) -> DocumentFeatures:
    """The features of one document, read with its language's tables."""
    words = load_words(story.language)
    titled = " ".join(filter(None, [story.title, story.text]))
    listed = _table_names(titled, words) if words.names_by_initial else set()
    places, actors = _names(story, words, listed)
    read = _tokens(story.text, words)
    read_heading = _tokens(" ".join(filter(None, [story.title, _address_words(story.url)])), words)
    tokens, heading = [t for _, t in read], [t for _, t in read_heading]
    counts = Counter(tokens) + Counter({t: n * TITLE_TERM_REPEATS for t, n in Counter(heading).items()})
    events = _event_kinds(read + read_heading, words)
    names = _name_words(titled, words) | {w for name in listed for w in name.split()}
    terms = {
        t: (1.0 + math.log(n)) * (NAME_TERM_WEIGHT if t in names else 1.0)
        for t, n in counts.items()
        if t not in words.stopwords
    }
    return DocumentFeatures(
        doc=story.doc,
        key=hashlib.blake2b(story.text.encode("utf-8"), digest_size=16).hexdigest(),
        published=story.published,
        places=places,
        actors=actors,
        events=dict(events),
        terms=terms,
    )


def normalise_name(text: str, words: StoryWords) -> str:
    """The comparison key of a name: "The Kremlin's" -> "kremlin"."""
    name = _SPACES.sub(" ", text.strip(_EDGE_PUNCTUATION + " \t\n"))
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCTUATION + " ")
    first, _, rest = name.partition(" ")
    if rest and first.lower() in words.name_articles:
        name = rest
    return name.casefold()


def _tokens(text: str, words: StoryWords) -> list[tuple[str, str]]:
    """(word as written, lower case; its term) of each word of ``text`` long enough to be a term.

    A name the language's table lists ("Corée du Nord") is its English name's words ("north",
    "korea"), as an English page writes them.
    """
    found = _WORD.findall(text.casefold())
    if not words.names_by_initial:
        pairs = [(w, words.term(w)) for w in found]
    else:
        pairs, at = [], 0
        while at < len(found):
            word = found[at]
            form = next((f for f in words.names_by_initial.get(word[:1], ()) if f.matches(found, at)), None)
            if form is None:
                pairs.append((word, words.term(word)))
                at += 1
            else:
                pairs.extend((w, w) for w in form.name.split())
                at += len(form.words)
    return [(w, t) for w, t in pairs if len(t) >= MIN_TERM_CHARS]


def _listed_name(text: str, words: StoryWords) -> str | None:
    """The English name of ``text`` when all of it is a form of the language's table ("Corée du Nord")."""
    if not words.names_by_initial:
        return None
    found = _WORD.findall(text.casefold())
    forms = words.names_by_initial.get(found[0][:1], ()) if found else ()
    return next((f.name for f in forms if len(f.words) == len(found) and f.matches(found, 0)), None)


def _event_kinds(read: list[tuple[str, str]], words: StoryWords) -> Counter[str]:
    """The event kinds of the (word, term) pairs ``read``, counted."""
    if not words.event_prefixes:  # whole words only (English): a look-up per term
        return Counter(words.event_kinds[t] for _, t in read if t in words.event_kinds)
    kinds = (words.event_kind(w, t) for w, t in read)
    return Counter(kind for kind in kinds if kind is not None)


def _table_names(text: str, words: StoryWords) -> set[str]:
    """The English names of the names ``text`` writes as its language's table lists them."""
    found = _WORD.findall(text.casefold())
    return {
        form.name
        for at, word in enumerate(found)
        for form in words.names_by_initial.get(word[:1], ())
        if form.matches(found, at)
    }


def _name_words(text: str, words: StoryWords) -> set[str]:
    """Terms of the words ``text`` only ever writes capitalised: names, not sentence openers."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for word in _WORD.findall(text):
        (capitalised if word[0].isupper() else lower).add(word.casefold())
    return {words.term(w) for w in capitalised - lower if len(w) >= MIN_TERM_CHARS}


def _address_words(url: str | None) -> str:
    """The words of a page address's path ("/2024/10/floods-in-spain" -> "2024 10 floods in spain")."""
    if not url:
        return ""
    return " ".join(_WORD.findall(urlsplit(url).path))


def _names(story: StoryInput, words: StoryWords, listed: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(places, actors): named entities by the majority of their labels, with the claims' own names
    and the ``listed`` names of the language's table (countries and their peoples: places)."""
    votes: Counter[tuple[str, str]] = Counter((name, "place") for name in listed)
    checked: dict[str, bool] = {}  # a page names the same entity many times: one look each

    def is_name(text: str) -> bool:
        found = checked.get(text)
        if found is None:
            found = checked[text] = _is_name(text, story.text, words)
        return found

    def name_key(text: str) -> str:  # in Latin letters, as other languages write it
        return _listed_name(text, words) or words.in_latin(normalise_name(text, words))

    for text, label in story.entities:
        kind = "place" if label in words.place_labels else "actor" if label in words.actor_labels else ""
        if kind and is_name(text):
            votes[name_key(text), kind] += 1
    for text in story.places:
        if is_name(text):
            votes[name_key(text), "place"] += 1
    if not story.entities and not words.nouns_capitalised:  # read without a parser: names by their capitals
        for text in _inner_names(story.text):
            if is_name(text):
                votes[name_key(text), "place"] += 1
    for text in story.actors:
        if is_name(text):
            votes[name_key(text), "actor"] += 1
    names = {name for name, _ in votes}
    places = frozenset(n for n in names if votes[n, "place"] >= votes[n, "actor"])
    return places, frozenset(names - places)


def _inner_names(text: str) -> set[str]:
    """Runs of capitalised words inside a sentence: the names of a page that no parser read
    ("повідомило Міністерство внутрішніх справ Велорії": "Міністерство", "Велорії")."""
    names: set[str] = set()
    for m in _SPACED_WORDS.finditer(text):
        inside = _follows_a_word(text, m.start())  # after a lower-case word, always inside
        run: list[str] = []
        for word in [*m.group().split(" "), ""]:  # "" ends the last run
            if word[:1].isupper():
                run.append(word)
                continue
            if run and inside:
                names.add(" ".join(run))
            run, inside = [], True
    return names


def _follows_a_word(text: str, at: int) -> bool:
    """Whether a letter or a comma, then spaces, stand right before ``text[at]``."""
    if at < 2 or text[at - 1] != " ":
        return False
    before = at - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    return before >= 0 and (text[before].isalpha() or text[before] == ",")


def _is_name(text: str, content: str, words: StoryWords) -> bool:
    """A capitalised name that the page never writes in lower case ("Reports" opens a sentence;
    "reports" elsewhere shows it is a common word), and not a stop word."""
    name = text.strip(_EDGE_PUNCTUATION + " ")
    if not name or not name[0].isupper() or not any(c.isalpha() for c in name):
        return False
    lowered = name.lower()
    if lowered in words.stopwords or lowered in words.name_articles:
        return False
    if lowered not in content:  # most names: no regex needed to see it is never written lower case
        return True
    return re.search(rf"\b{re.escape(lowered)}\b", content) is None
