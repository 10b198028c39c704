"""The claims stage's word lists and patterns, built from the tables of a language pack (``claims/lang``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# The code of the language pack read when none is asked for.
DEFAULT_LANGUAGE = "en"


def _read(name: str, language: str) -> dict[str, Any]:
    """A table of the language pack ``language``."""
    from .lang import read_table  # the pack loader builds on this module

    return read_table(language, name)


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class Lexicon:
    """Every word list of a pack's ``lexicon.toml``."""

    not_counted: frozenset[str]
    ordinal_nouns: frozenset[str]
    not_story_nouns: frozenset[str]
    label_before: frozenset[str]
    area_units: tuple[str, ...]
    currency_before: tuple[str, ...]
    currency_after: frozenset[str]
    personnel: frozenset[str]
    personnel_suffixes: tuple[str, ...]
    materiel: frozenset[str]
    noun_measures: dict[str, str]
    measure_words: dict[str, str]
    sending: frozenset[str]
    crossing: frozenset[str]
    reaching: frozenset[str]
    reporting: frozenset[str]
    figure_verbs: frozenset[str]
    figure_nouns: frozenset[str]
    displaced_phrases: tuple[str, ...]
    not_speakers: frozenset[str]
    relative_pronouns: frozenset[str]
    taking_objects: frozenset[str]
    taking_verbs: frozenset[str]
    subordinate_markers: frozenset[str]
    source_labels: frozenset[str]
    hearsay_nouns: frozenset[str]
    document_nouns: frozenset[str]
    owned_statement_nouns: frozenset[str]
    contrast_conjunctions: frozenset[str]
    citation_cues: tuple[str, ...]
    generic_heads: frozenset[str]
    earlier: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_passive: frozenset[str]
    hedge_raising: frozenset[str]
    hedge_phrases: tuple[str, ...]
    hedge_confirmed: frozenset[str]
    hedge_ability_verbs: frozenset[str]
    lost_people: frozenset[str]
    unharmed: frozenset[str]
    displacing_nouns: frozenset[str]
    employing: frozenset[str]
    including: frozenset[str]
    homeward: frozenset[str]
    deployment_cues: tuple[str, ...]
    # Attribution carried across sentences (``attribution.toml``).
    group_pronouns: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    breakdown_openers: tuple[str, ...] = ()


def load_lexicon() -> Lexicon:
    """The active language pack's lexicon."""
    from .lang import active

    return active().lexicon


def build_lexicon(data: dict[str, Any], carried: dict[str, Any]) -> Lexicon:
    """The lexicon of a pack's ``lexicon.toml`` and ``attribution.toml``, parsed."""
    nc = data["not_counted"]
    nouns = data["nouns"]
    noun_measures: dict[str, str] = {}
    for key, measure in (
        ("casualty_nouns", "casualties"),
        ("killed_nouns", "killed"),
        ("wounded_nouns", "wounded"),
        ("captured_nouns", "captured"),
        ("displaced_nouns", "displaced"),
        ("missing_nouns", "missing"),
    ):
        for word in nouns[key]:
            noun_measures[word.lower()] = measure
    measure_words: dict[str, str] = {}
    # Later measures in the file do not override earlier ones: the file lists
    # the specific senses before the general ones.
    for measure, words in data["measure_words"].items():
        if measure == "territory":
            continue
        for word in words:
            measure_words.setdefault(word.lower(), measure)
    hedges = data["hedges"]
    return Lexicon(
        group_pronouns=_set(carried["group_pronouns"]),
        demonstratives=_set(carried["demonstratives"]),
        breakdown_openers=tuple(o.lower() for o in carried["breakdown_openers"]),
        not_counted=_set(nc["time"] + nc["ratio"] + nc["measure"] + nc["furniture"]),
        ordinal_nouns=_set(nc["ordinal_nouns"]),
        not_story_nouns=_set(data["not_story_nouns"]["words"]),
        label_before=_set(data["label_before"]["words"]),
        area_units=tuple(sorted((u.lower() for u in data["area_units"]["words"]), key=len, reverse=True)),
        currency_before=tuple(c.lower() for c in data["currency"]["before"]),
        currency_after=_set(data["currency"]["after"]),
        personnel=_set(nouns["personnel"]),
        personnel_suffixes=tuple(nouns["personnel_suffixes"]),
        materiel=_set(nouns["materiel"]),
        noun_measures=noun_measures,
        measure_words=measure_words,
        sending=_set(data["sending"]["verbs"]),
        crossing=_set(data["thresholds"]["crossing"]),
        reaching=_set(data["thresholds"]["reaching"]),
        reporting=_set(data["reporting"]["verbs"]),
        figure_verbs=_set(data["reporting"]["figure_verbs"]),
        figure_nouns=_set(data["reporting"]["figure_nouns"]),
        displaced_phrases=tuple(p.lower() for p in data["citation"]["displaced_phrases"]),
        not_speakers=_set(data["reporting"]["not_speakers"]),
        relative_pronouns=_set(data["reporting"]["relative_pronouns"]),
        taking_objects=_set(data["reporting"]["taking_objects"]),
        taking_verbs=_set(data["reporting"]["taking_verbs"]),
        subordinate_markers=_set(data["reporting"]["subordinate_markers"]),
        source_labels=_set(data["reporting"]["source_labels"]),
        hearsay_nouns=_set(data["reporting"]["hearsay_nouns"]),
        document_nouns=_set(data["reporting"]["document_nouns"]),
        owned_statement_nouns=_set(data["reporting"]["owned_statement_nouns"]),
        contrast_conjunctions=_set(data["reporting"]["contrast_conjunctions"]),
        citation_cues=tuple(data["citation"]["according"]),
        generic_heads=_set(data["citation"]["generic_heads"]),
        earlier=_set(data["citation"]["earlier"]),
        hedge_adverbs=_set(hedges["adverbs"]),
        hedge_modals=_set(hedges["modals"]),
        hedge_passive=_set(hedges["passive"]),
        hedge_raising=_set(hedges["raising"]),
        hedge_phrases=tuple(p.lower() for p in hedges["phrases"]),
        hedge_confirmed=_set(hedges["confirmed"]),
        hedge_ability_verbs=_set(hedges["ability_verbs"]),
        lost_people=_set(data["breakdowns"]["lost_people"]),
        unharmed=_set(data["breakdowns"]["unharmed"]),
        displacing_nouns=_set(data["breakdowns"]["displacing_nouns"]),
        employing=_set(data["deployments"]["employing"]),
        including=_set(data["deployments"]["including"]),
        homeward=_set(data["deployments"]["homeward"]),
        deployment_cues=tuple(v.lower() for v in data["deployments"]["paragraph_cues"]),
    )


@dataclass(frozen=True)
class Org:
    name: str
    country: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Gazetteer:
    """Organisation aliases and place names (a pack's ``aliases.toml`` and ``places.toml``)."""

    orgs: tuple[Org, ...]
    places: tuple[tuple[str, re.Pattern[str]], ...]


def _orgs(data: dict[str, Any]) -> list[Org]:
    return [
        Org(
            name=o["name"],
            country=o.get("country", ""),
            patterns=tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in o["patterns"]),
        )
        for o in data.get("org", [])
    ]


def _places(data: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for country, names in data.get("countries", {}).items():
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        out.append((country, re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")))
    return out


def read_alias_file(path: str) -> tuple[list[Org], list[tuple[str, re.Pattern[str]]]]:
    """The organisations and places of one user alias file.

    Raises ``OSError``, ``tomllib.TOMLDecodeError``, ``re.error``, ``KeyError`` or
    ``TypeError`` when it cannot be read or is not an alias table.
    """
    data = tomllib.loads(Path(path).read_text("utf-8"))
    return _orgs(data), _places(data)


@lru_cache(maxsize=8)
def load_gazetteer(extra_files: tuple[str, ...] = (), language: str = DEFAULT_LANGUAGE) -> Gazetteer:
    """The aliases and places of the pack ``language``, with the user's files (tried first) on top."""
    orgs: list[Org] = []
    places: list[tuple[str, re.Pattern[str]]] = []
    for path in extra_files:
        user_orgs, user_places = read_alias_file(path)
        orgs += user_orgs
        places += user_places
    orgs += _orgs(_read("aliases.toml", language))
    if language != DEFAULT_LANGUAGE:  # English names of bodies occur in every language's text
        orgs += [o for o in _orgs(_read("aliases.toml", DEFAULT_LANGUAGE)) if o not in orgs]
    places += _places(_read("places.toml", language))
    return Gazetteer(orgs=tuple(orgs), places=tuple(places))


@dataclass(frozen=True)
class TimeWords:
    """The time words of a pack's ``time.toml``: parts of a year, open periods, comparisons, statement dates."""

    months_from_start: frozenset[str]
    months_from_end: frozenset[str]
    open_start: frozenset[str]
    clause_start: frozenset[str]
    comparison: frozenset[str]
    statement_participles: frozenset[str]
    statement_nouns: frozenset[str]


def load_time_words() -> TimeWords:
    """The active language pack's time words."""
    from .lang import active

    return active().time


def build_time_words(data: dict[str, Any]) -> TimeWords:
    """The time words of a pack's ``time.toml``, parsed."""
    return TimeWords(
        months_from_start=_set(data["year_months"]["from_start"]),
        months_from_end=_set(data["year_months"]["from_end"]),
        open_start=_set(data["open_start"]["prepositions"]),
        clause_start=_set(data["clause_start"]["marks"]),
        comparison=_set(data["comparison"]["cues"]),
        statement_participles=_set(data["statement"]["participles"]),
        statement_nouns=_set(data["statement"]["nouns"]),
    )


@dataclass(frozen=True)
class RoleWords:
    """The words of a pack's ``roles.toml``: titles of people and headline verbs."""

    # Title words that introduce a person in plain text ("Education Minister Karin Olsen").
    titles: tuple[str, ...]
    # Title words that name a person's role around their name or in a bare role ("the minister").
    role_titles: frozenset[str]
    # Reporting verbs that close a headline after its speaker ("..., Ortiz says").
    headline_verbs: tuple[str, ...]


def build_role_words(data: dict[str, Any]) -> RoleWords:
    """The role words of a pack's ``roles.toml``, parsed."""
    titles = data["titles"]
    return RoleWords(
        titles=tuple(titles["shared"] + titles["introducing"]),
        role_titles=_set(titles["shared"] + titles["naming"]),
        headline_verbs=tuple(data["headline_verbs"]),
    )


def load_role_titles() -> tuple[str, ...]:
    """The title words that introduce a person in plain text (the pack's ``roles.toml``)."""
    from .lang import active

    return active().roles.titles


def load_headline_verbs() -> tuple[str, ...]:
    """The reporting verbs that close a headline after its speaker (the pack's ``roles.toml``)."""
    from .lang import active

    return active().roles.headline_verbs
