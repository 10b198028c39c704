"""Cheap sentence splitting and the candidate filter that decides what to parse.

The full spaCy pipeline is the costly part of extraction, so only sentences
that can hold a claim (or carry attribution context) are parsed. Splitting is
a regular expression over each content block: a block is one line, or a
paragraph of a hard-wrapped page that the cleaner joined (its sentences may
run over line breaks); other lines are never joined, since the parser would
otherwise glue menus into one sentence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..calendar import MONTH_PATTERN

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets)
# before whitespace and an opening capital (of any script: the character after the
# opening quote is checked with ``str.isupper``), digit or quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]»“]*\s+(?=[\"“‘«„¿¡(\[]?(\w))")
_DIGIT = re.compile(r"\d")
# Digits that only date a sentence: "on Feb 27", "27 February 2025", "in 2024",
# "2024-2025", "10:30", "27/02/2025". A sentence whose every digit is one of
# these holds no figure, so it is not parsed (the parse is the costly part).
_DATES = re.compile(
    rf"\b{MONTH_PATTERN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}\.?(?:,?\s+\d{{4}})?"
    r"|\b(?:in|since|of|from|until|by|during|early|late|mid|before|after|the|and)[\s-]+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d(?=[,.;:)–—-]|\s*$)"
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
)
# The longest span handed to the parser as one sentence. Real sentences are under
# a few hundred words (the longest of the seeds and eval corpora is about 1,000
# characters); a longer "sentence" is a page with its full stops stripped, a
# flattened table or a dump. Parsed whole it costs time and memory growing with
# its length, and spaCy refuses one over 1,000,000 characters (E088), so it is cut
# at whitespace into pieces of at most this many characters.
MAX_SENTENCE_CHARS = 2_000
_LAST_SPACE = re.compile(r"\s(?=\S*$)")
# A figure of one or two digits closing with its full stop: in the languages whose
# ``ordinal_dot`` is set, an ordinal ("14. Juli"), not a sentence's end.
_ORDINAL_DOT = re.compile(r"(?<![\d.,])\b\d{1,2}\.$")
_FIRST_WORD = re.compile(r"[\"“‘«„(\[]?(\w+)")


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset[str]
    number_words: re.Pattern[str]
    context_cues: re.Pattern[str]
    # Whether a full stop after a figure of one or two digits marks an ordinal ("am
    # 14. Juli", "die 3. Armee") rather than a sentence's end.
    ordinal_dot: bool = False
    # Words that never follow an ordinal (articles, prepositions, pronouns: an ordinal
    # goes before its noun), so that after "auf mindestens 28." they open a new sentence.
    ordinal_breakers: frozenset[str] = frozenset()


@lru_cache(maxsize=16)
def load_sentence_rules(language: str | None = None) -> SentenceRules:
    """The rules for text in ``language``: the default tables (English) and, where
    ``sentences.toml`` has a ``[languages.<code>]`` section, that language's words added."""
    raw = resources.files(__package__).joinpath("data/sentences.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    own: dict[str, Any] = data.get("languages", {}).get(language or "", {})

    def table(key: str) -> list[str]:
        return [*data[key], *own.get(key, [])]

    words = "|".join(sorted(table("number_words"), key=len, reverse=True))
    cues = "|".join(re.escape(c) for c in table("context_cues"))
    return SentenceRules(
        abbreviations=frozenset(table("abbreviations")),
        number_words=re.compile(rf"\b(?:{words})\b", re.IGNORECASE),
        context_cues=re.compile(rf"\b(?:{cues})\b", re.IGNORECASE),
        ordinal_dot=bool(own.get("ordinal_dot", False)),
        ordinal_breakers=frozenset(w.lower() for w in own.get("ordinal_breakers", [])),
    )


def split_sentences(text: str, start: int, end: int, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` (absolute offsets), none over ``MAX_SENTENCE_CHARS``."""
    return [piece for s, e in unbroken_runs(text, start, end, language) for piece in _pieces(text, s, e)]


def unbroken_runs(text: str, start: int, end: int, language: str | None = None) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between sentence breaks, however long (absolute offsets)."""
    rules = load_sentence_rules(language)
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        opening = m.group(1)
        if not (opening.isupper() or opening.isdigit()):
            continue
        if _ends_with_abbreviation(text, cursor, m.start(), rules.abbreviations):
            continue
        if (
            rules.ordinal_dot
            and _ORDINAL_DOT.search(text, cursor, m.start())
            and not _opens_sentence(text, m.end(), rules)
        ):
            continue
        stop = m.start() + len(m.group().rstrip())
        if stop > cursor:
            spans.append((cursor, stop))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _opens_sentence(text: str, start: int, rules: SentenceRules) -> bool:
    """Whether the word at ``start`` is one that never follows an ordinal ("28. Nach Angaben ...")."""
    word = _FIRST_WORD.match(text, start)
    return word is not None and word.group(1).lower() in rules.ordinal_breakers


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at whitespace into spans of at most ``MAX_SENTENCE_CHARS``.

    A stretch of that length without whitespace is cut where the limit falls.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = _LAST_SPACE.search(text, start + 1, limit + 1)
        stop = space.start() if space else limit
        pieces.append((start, stop))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _ends_with_abbreviation(text: str, start: int, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``dot - 1`` closes an abbreviation such as "Mr." or "U.S."."""
    if text[dot - 1] != ".":
        return False
    word_start = dot - 1
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot - 1].lstrip('("“‘').lower()
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def is_candidate(sentence: str, language: str | None = None) -> bool:
    """Whether ``sentence`` can hold a claim: a digit outside dates, or a number word."""
    if load_sentence_rules(language).number_words.search(sentence):
        return True
    return bool(_DIGIT.search(sentence)) and bool(_DIGIT.search(_DATES.sub(" ", sentence)))


def is_context(sentence: str, language: str | None = None) -> bool:
    """Whether ``sentence`` carries attribution context worth parsing."""
    return bool(load_sentence_rules(language).context_cues.search(sentence))
