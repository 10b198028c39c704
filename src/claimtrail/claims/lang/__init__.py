"""Language packs of the claims stage: one folder of tables per language code.

    >>> english = load_language("en")
    >>> "nsubj" in english.parser.labels(("subject",))
    True

A pack (``claims/lang/<code>/``) holds every word, phrasing and pattern the claims stage
applies (``lexicon.toml``, ``words.toml``, ``roles.toml``, ``time.toml``,
``quantities.toml``, ``timex.toml``, ``aliases.toml``, ``places.toml``) and the mapping of its parser's
labels onto the roles the stage reads (``parser.toml``). A pack may leave out a table, or
a top-level key or section of one: the default pack's (English) stands in for it, so a
new language starts with the tables that matter for it (the number grammar, measure
words, hedges) and grows; the English words standing in rarely occur in its text.
The claims code names no word
and no parser label: it reads them from the active pack (:func:`active`), which
:func:`speaking` sets for one article; a new language is a new folder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..lexicon import (
    DEFAULT_LANGUAGE,
    Lexicon,
    RoleWords,
    TimeWords,
    build_lexicon,
    build_role_words,
    build_time_words,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "Language",
    "Parser",
    "UnknownLanguageError",
    "Words",
    "active",
    "available_languages",
    "has_entity",
    "has_role",
    "has_tag",
    "is_entity",
    "load_language",
    "read_table",
    "speaking",
    "words",
]

# The table every pack must hold; a folder without it is no pack.
PACK_MARKER = "lexicon.toml"


class UnknownLanguageError(LookupError):
    """No language pack has the requested code."""


def _root(root: str | None) -> Traversable:
    return Path(root) if root is not None else resources.files(__package__)


def available_languages(root: str | None = None) -> list[str]:
    """The codes of the packs under ``root`` (default: the bundled ``claims/lang``)."""
    folder = _root(root)
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_dir() and not entry.name.startswith("_") and entry.joinpath(PACK_MARKER).is_file()
    )


def _pack(code: str, root: str | None) -> Traversable:
    folder = _root(root).joinpath(code)
    if not code or code.startswith((".", "_")) or not folder.joinpath(PACK_MARKER).is_file():
        known = ", ".join(available_languages(root)) or "none"
        raise UnknownLanguageError(
            f"no claims language pack {code!r} in {_root(root)}; the packs there are: {known}"
        )
    return folder


def read_table(code: str, name: str, root: str | None = None) -> dict[str, Any]:
    """One table of a pack, parsed (``read_table("en", "lexicon.toml")``).

    What the pack leaves out (the file, or a top-level key or section of it) is the
    default pack's under the same root, when that pack has the table.
    """
    path = _pack(code, root).joinpath(name)
    own: dict[str, Any] = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    if code == DEFAULT_LANGUAGE or not _root(root).joinpath(DEFAULT_LANGUAGE, name).is_file():
        if not path.is_file():
            raise FileNotFoundError(f"no table {name} in the claims language pack {code!r} ({path})")
        return own
    return {**read_table(DEFAULT_LANGUAGE, name, root), **own}


@dataclass(frozen=True)
class Parser:
    """The parser's labels for each role the claims stage reads (``parser.toml``)."""

    dependencies: dict[str, frozenset[str]]
    entities: dict[str, frozenset[str]]
    tags: dict[str, frozenset[str]]
    # Unions of roles, computed once per combination asked for.
    _unions: dict[tuple[str, tuple[str, ...]], frozenset[str]] = field(default_factory=dict, compare=False)

    def labels(self, roles: tuple[str, ...], kind: str = "dependencies") -> frozenset[str]:
        """The labels that fill any of ``roles`` (of ``kind``: dependencies, entities or tags)."""
        key = (kind, roles)
        found = self._unions.get(key)
        if found is None:
            table: dict[str, frozenset[str]] = getattr(self, kind)
            unknown = [r for r in roles if r not in table]
            if unknown:
                raise KeyError(f"no {kind} role {', '.join(unknown)} in parser.toml")
            found = frozenset().union(*(table[r] for r in roles))
            self._unions[key] = found
        return found


def _parser(data: dict[str, Any]) -> Parser:
    def roles(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
        return {role: frozenset(labels) for role, labels in table.items()}

    return Parser(roles(data["dependencies"]), roles(data["entities"]), roles(data["tags"]))


@dataclass(frozen=True)
class Words:
    """The words and patterns the claims modules test (``words.toml``), one field per table.

    Word sets are lower case; patterns are compiled as written (flags inline, ``(?i)``).
    """

    name_determiners: frozenset[str] = field(metadata={"kind": "set", "section": "syntax"})
    bearing_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "actors"})
    origin_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "actors"})
    location_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "actors"})
    tally_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "actors"})
    source_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    citing_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    briefing_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    briefing_nouns: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    past_perfect_auxiliaries: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    complementizers: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    cue_heads: dict[str, str] = field(metadata={"kind": "map", "section": "attribution"})
    cue_openers: dict[str, str] = field(metadata={"kind": "map", "section": "attribution"})
    reported_participles: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    possessive_end: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "attribution"})
    count_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    agent_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    releasing_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    resumptive_pronouns: frozenset[str] = field(metadata={"kind": "set", "section": "attribution"})
    blocking_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    toll_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    partitive_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    partitive_relatives: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    complement_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    beneficiary_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    group_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    presence_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    presence_prepositions: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    providing_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    losing_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    skipped_after_figure: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    instance_nouns: frozenset[str] = field(metadata={"kind": "set", "section": "measure"})
    counting_compounds: frozenset[str] = field(metadata={"kind": "set", "section": "filters"})
    plural_ending: str = field(metadata={"kind": "text", "section": "filters"})
    ordinal_determiners: frozenset[str] = field(metadata={"kind": "set", "section": "filters"})
    ordinal_suffix: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "filters"})
    model_article: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "filters"})
    ratio_before: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "filters"})
    fear_verbs: frozenset[str] = field(metadata={"kind": "set", "section": "hedges"})
    comparison_tail: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "extract"})
    label_platform: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "extract"})
    quote_verbs: str = field(metadata={"kind": "text", "section": "quotes"})
    quote_pronouns: tuple[str, ...] = field(metadata={"kind": "tuple", "section": "quotes"})
    quote_determiner: str = field(metadata={"kind": "text", "section": "quotes"})
    not_names: frozenset[str] = field(metadata={"kind": "set", "section": "quotes"})
    role_fillers: frozenset[str] = field(metadata={"kind": "set", "section": "speakers"})
    pronouns: frozenset[str] = field(metadata={"kind": "set", "section": "speakers"})
    organisation_pronouns: frozenset[str] = field(metadata={"kind": "set", "section": "speakers"})
    name_articles: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "speakers"})
    name_possessive: re.Pattern[str] = field(metadata={"kind": "pattern", "section": "speakers"})


def _words(data: dict[str, Any]) -> Words:
    values: dict[str, Any] = {}
    for f in fields(Words):
        raw = data[f.metadata["section"]][f.name]
        kind = f.metadata["kind"]
        if kind == "set":
            values[f.name] = frozenset(w.lower() for w in raw)
        elif kind == "tuple":
            values[f.name] = tuple(raw)
        elif kind == "map":
            values[f.name] = {k.lower(): v.lower() for k, v in raw.items()}
        elif kind == "pattern":
            values[f.name] = re.compile(raw)
        else:
            values[f.name] = str(raw)
    return Words(**values)


@dataclass(frozen=True)
class Language:
    """One language pack, loaded: its word tables and its parser's role mapping."""

    code: str
    lexicon: Lexicon
    time: TimeWords
    roles: RoleWords
    words: Words
    parser: Parser
    # The folder of packs it was read from (None: the bundled packs), for the tables that
    # modules compile from it once per pack (quantities.toml, timex.toml).
    root: str | None = None


@lru_cache(maxsize=8)
def load_language(code: str = DEFAULT_LANGUAGE, root: str | None = None) -> Language:
    """The pack of ``code`` under ``root`` (default: the bundled packs), read once.

    Raises :class:`UnknownLanguageError`, naming the packs that exist, for an unknown code.
    """

    def read(name: str) -> dict[str, Any]:
        return read_table(code, name, root)

    _pack(code, root)  # the clear error first, before any table is read
    return Language(
        code=code,
        lexicon=build_lexicon(read("lexicon.toml"), read("attribution.toml")),
        time=build_time_words(read("time.toml")),
        roles=build_role_words(read("roles.toml")),
        words=_words(read("words.toml")),
        parser=_parser(read("parser.toml")),
        root=root,
    )


_ACTIVE: ContextVar[Language | None] = ContextVar("claims_language", default=None)


def active() -> Language:
    """The pack the claims stage reads now: the one :func:`speaking` set, else the default."""
    found = _ACTIVE.get()
    return found if found is not None else load_language()


@contextmanager
def speaking(language: Language) -> Iterator[Language]:
    """Make ``language`` the active pack for the claims read inside the block."""
    token = _ACTIVE.set(language)
    try:
        yield language
    finally:
        _ACTIVE.reset(token)


def words() -> Words:
    """The active pack's word tables."""
    return active().words


def has_role(token: Any, *roles: str) -> bool:
    """Whether ``token``'s dependency label fills one of ``roles`` (``parser.toml``)."""
    return token.dep_ in active().parser.labels(roles)


def has_entity(token: Any, *roles: str) -> bool:
    """Whether ``token``'s entity type fills one of ``roles``."""
    return token.ent_type_ in active().parser.labels(roles, "entities")


def is_entity(span: Any, *roles: str) -> bool:
    """Whether the entity ``span``'s label fills one of ``roles``."""
    return span.label_ in active().parser.labels(roles, "entities")


def has_tag(token: Any, *roles: str) -> bool:
    """Whether ``token``'s fine-grained tag fills one of ``roles``."""
    return token.tag_ in active().parser.labels(roles, "tags")
