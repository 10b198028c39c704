"""The story stage's word tables, loaded once per language from ``story/data``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

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

    def stem(self, word: str) -> str:
        """``word`` without its plural ending ("floods" -> "flood"), when enough of it is left."""
        if word.endswith(self.not_plural_endings):
            return word
        for ending in self.plural_endings:
            if word.endswith(ending) and len(word) - len(ending) >= self.min_stem:
                return word[: -len(ending)]
        return word


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


def languages() -> tuple[str, ...]:
    """The languages with their own tables."""
    return tuple(sorted(_read("words.toml")))


@lru_cache(maxsize=8)
def load_words(language: str | None) -> StoryWords:
    """The tables for ``language`` (an ISO 639-1 code), or :data:`FALLBACK_LANGUAGE`'s."""
    words, events = _read("words.toml"), _read("events.toml")
    code = language if language in words and language in events else FALLBACK_LANGUAGE
    table, labels = words[code], words[code]["entity_labels"]
    kinds = {w.lower(): kind for kind, listed in sorted(events[code].items()) for w in listed}
    return StoryWords(
        language=code,
        stopwords=frozenset(w.lower() for w in table["stopwords"]),
        plural_endings=tuple(table["plural_endings"]),
        not_plural_endings=tuple(table["not_plural_endings"]),
        min_stem=int(table["min_stem"]),
        name_articles=frozenset(w.lower() for w in table["name_articles"]),
        place_labels=frozenset(labels["places"]),
        actor_labels=frozenset(labels["actors"]),
        event_kinds=kinds,
    )
