"""The story stage's word tables, loaded once per language from ``story/data``.

Besides stop words and event words, a language's tables say how its words meet
other languages' (``data/names.toml``): its letters in Latin ones ("Курськ" ->
"kursk"), and the names of countries and peoples that differ by language, read
as their English name ("Nordkorea", "Corée du Nord", "Северная Корея" ->
"north korea"), so that one story told in five languages shares its names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

# A word of the tables ending in this is a prefix: it stands for every word that
# begins with the rest ("überschwemm*": "Überschwemmung", "überschwemmt"), as
# an inflected language's words take many endings.
PREFIX_MARK = "*"

# The language whose tables a page in a language without its own tables is
# read with: its stop words are wrong there, but harmlessly so (they are
# simply not found), and the rarity weights still single out names.
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class StoryWords:
    """One language's tables (``data/words.toml``, ``data/events.toml``)."""

    language: str
    stopwords: frozenset[str]
    plural_endings: tuple[str, ...]
    not_plural_endings: tuple[str, ...]
    min_stem: int
    name_articles: frozenset[str]
    place_labels: frozenset[str]
    actor_labels: frozenset[str]
    event_kinds: dict[str, str]  # event word -> its kind ("quake" -> "earthquake")
    event_prefixes: tuple[tuple[str, str], ...] = ()  # (word prefix, kind), longest first
    letters: dict[int, str] = field(default_factory=dict)  # str.translate table to Latin letters
    names: tuple[NameForm, ...] = ()  # forms of names read as their English name, longest first
    names_by_initial: dict[str, tuple[NameForm, ...]] = field(default_factory=dict)  # by first letter

    def stem(self, word: str) -> str:
        """``word`` without its plural ending ("floods" -> "flood"), when enough of it is left."""
        if word.endswith(self.not_plural_endings):
            return word
        for ending in self.plural_endings:
            if word.endswith(ending) and len(word) - len(ending) >= self.min_stem:
                return word[: -len(ending)]
        return word

    def event_kind(self, word: str, term: str) -> str | None:
        """The kind of event ``word`` (lower case, as written; ``term`` its stem) reports, if any."""
        kind = self.event_kinds.get(term)
        if kind is None and self.event_prefixes:
            kind = next((k for prefix, k in self.event_prefixes if word.startswith(prefix)), None)
        return kind

    def term(self, word: str) -> str:
        """The term of ``word`` (lower case): stemmed, then in Latin letters."""
        return self.in_latin(self.stem(word))

    def in_latin(self, word: str) -> str:
        """``word`` in Latin letters, by the language's letter table (as it is without one)."""
        return word.translate(self.letters) if self.letters else word


@dataclass(frozen=True)
class NameForm:
    """One way a language writes a name: its words (prefixes where ``prefix``) and the English name."""

    words: tuple[str, ...]
    prefix: tuple[bool, ...]
    name: str  # the English name key ("north korea")

    def matches(self, words: list[str], at: int) -> bool:
        """Whether ``words[at:]`` begins with this form."""
        if at + len(self.words) > len(words):
            return False
        return all(
            words[at + i].startswith(w) if p else words[at + i] == w
            for i, (w, p) in enumerate(zip(self.words, self.prefix, strict=True))
        )


def _name_forms(table: dict[str, list[str]]) -> tuple[NameForm, ...]:
    forms = []
    for name, written in table.items():
        for form in written:
            parts = form.casefold().split()  # as pages are read: "Großbritannien" -> "grossbritannien"
            forms.append(
                NameForm(
                    words=tuple(p.removesuffix(PREFIX_MARK) for p in parts),
                    prefix=tuple(p.endswith(PREFIX_MARK) for p in parts),
                    name=name.casefold(),
                )
            )
    # the longest form first: "південна корея" is South Korea before "корея" is Korea
    return tuple(sorted(forms, key=lambda f: (-len(f.words), -sum(map(len, f.words)), f.words)))


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


def languages() -> tuple[str, ...]:
    """The languages with their own tables."""
    return tuple(sorted(_read("words.toml")))


@lru_cache(maxsize=8)
def load_words(language: str | None) -> StoryWords:
    """The tables for ``language`` (an ISO 639-1 code), or :data:`FALLBACK_LANGUAGE`'s."""
    words, events, names = _read("words.toml"), _read("events.toml"), _read("names.toml")
    code = language if language in words and language in events else FALLBACK_LANGUAGE
    table, labels = words[code], words[code]["entity_labels"]
    listed = [(w.casefold(), kind) for kind, ws in sorted(events[code].items()) for w in ws]
    kinds = {w: kind for w, kind in listed if not w.endswith(PREFIX_MARK)}
    prefixes = sorted(
        ((w.removesuffix(PREFIX_MARK), kind) for w, kind in listed if w.endswith(PREFIX_MARK)),
        key=lambda pair: (-len(pair[0]), pair),
    )
    letters = names.get(code, {}).get("letters", {})
    stem_stopwords = bool(table.get("stem_stopwords", False))
    stopwords = frozenset(w.casefold() for w in table["stopwords"])
    found = StoryWords(
        language=code,
        stopwords=stopwords,
        plural_endings=tuple(table["plural_endings"]),
        not_plural_endings=tuple(table["not_plural_endings"]),
        min_stem=int(table["min_stem"]),
        name_articles=frozenset(w.lower() for w in table["name_articles"]),
        place_labels=frozenset(labels["places"]),
        actor_labels=frozenset(labels["actors"]),
        event_kinds=kinds,
        event_prefixes=tuple(prefixes),
        letters=str.maketrans({k.lower(): v.lower() for k, v in letters.items()}),
        names=_name_forms(names.get(code, {}).get("names", {})),
    )
    initials: dict[str, list[NameForm]] = {}
    for form in found.names:
        initials.setdefault(form.words[0][:1], []).append(form)
    # Stop words are compared with terms, which are stemmed and then in Latin letters.
    if stem_stopwords:  # an inflected language's stop words, cut as its words are ("которые" -> "котор")
        stopwords |= {found.stem(w) for w in stopwords}
    stopwords |= {found.in_latin(w) for w in stopwords}
    return replace(found, stopwords=stopwords, names_by_initial={k: tuple(v) for k, v in initials.items()})
