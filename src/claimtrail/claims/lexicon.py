"""The claims stage's word lists and patterns, loaded once from ``claims/data``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


def _set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@dataclass(frozen=True)
class Lexicon:
    """Every word list the claims stage applies (see ``data/lexicon.toml``)."""

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


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = _read("lexicon.toml")
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
    """Organisation aliases and place names (``data/aliases.toml``, ``data/places.toml``)."""

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
def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """Bundled aliases and places, with the user's files (tried first) on top."""
    orgs: list[Org] = []
    places: list[tuple[str, re.Pattern[str]]] = []
    for path in extra_files:
        user_orgs, user_places = read_alias_file(path)
        orgs += user_orgs
        places += user_places
    orgs += _orgs(_read("aliases.toml"))
    places += _places(_read("places.toml"))
    return Gazetteer(orgs=tuple(orgs), places=tuple(places))


@dataclass(frozen=True)
class TimeWords:
    """The time words of ``data/time.toml``: parts of a year, open periods, comparisons, statement dates."""

    months_from_start: frozenset[str]
    months_from_end: frozenset[str]
    open_start: frozenset[str]
    clause_start: frozenset[str]
    comparison: frozenset[str]
    statement_participles: frozenset[str]
    statement_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    data = _read("time.toml")
    return TimeWords(
        months_from_start=_set(data["year_months"]["from_start"]),
        months_from_end=_set(data["year_months"]["from_end"]),
        open_start=_set(data["open_start"]["prepositions"]),
        clause_start=_set(data["clause_start"]["marks"]),
        comparison=_set(data["comparison"]["cues"]),
        statement_participles=_set(data["statement"]["participles"]),
        statement_nouns=_set(data["statement"]["nouns"]),
    )


@lru_cache(maxsize=1)
def load_role_titles() -> tuple[str, ...]:
    """The title words that introduce a person in plain text (``data/roles.toml``)."""
    return tuple(_read("roles.toml")["titles"])


@lru_cache(maxsize=1)
def load_headline_verbs() -> tuple[str, ...]:
    """The reporting verbs that close a headline after its speaker (``data/roles.toml``)."""
    return tuple(_read("roles.toml")["headline_verbs"])


@dataclass(frozen=True)
class SpeakerWords:
    """Words that decide which speaker a figure has (``data/speakers.toml``)."""

    resumptive_pronouns: frozenset[str]
    releasing_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_speaker_words() -> SpeakerWords:
    data = _read("speakers.toml")
    return SpeakerWords(
        resumptive_pronouns=_set(data["resumptive_pronouns"]),
        releasing_verbs=_set(data["releasing_verbs"]),
    )


@lru_cache(maxsize=1)
def load_instance_nouns() -> frozenset[str]:
    """Nouns that count occurrences of their "of" phrase (``data/instances.toml``)."""
    return _set(_read("instances.toml")["instance_nouns"])
