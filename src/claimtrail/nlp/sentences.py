"""Cheap sentence splitting and the candidate filter that decides what to parse.

The full spaCy pipeline is the costly part of extraction, so only sentences
that can hold a claim (or carry attribution context) are parsed. Splitting is
a regular expression over each content line: lines are never joined, since
the parser would otherwise glue menus into one sentence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..calendar import MONTH_PATTERN

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets)
# before whitespace and an opening capital, digit or quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
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


@dataclass(frozen=True)
class SentenceRules:
    abbreviations: frozenset[str]
    number_words: re.Pattern[str]
    context_cues: re.Pattern[str]


@lru_cache(maxsize=1)
def load_sentence_rules() -> SentenceRules:
    raw = resources.files(__package__).joinpath("data/sentences.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    words = "|".join(sorted(data["number_words"], key=len, reverse=True))
    cues = "|".join(re.escape(c) for c in data["context_cues"])
    return SentenceRules(
        abbreviations=frozenset(data["abbreviations"]),
        number_words=re.compile(rf"\b(?:{words})\b", re.IGNORECASE),
        context_cues=re.compile(rf"\b(?:{cues})\b", re.IGNORECASE),
    )


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` (absolute offsets)."""
    rules = load_sentence_rules()
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _ends_with_abbreviation(text, cursor, m.start(), rules.abbreviations):
            continue
        stop = m.start() + len(m.group().rstrip())
        if stop > cursor:
            spans.append((cursor, stop))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _ends_with_abbreviation(text: str, start: int, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``dot - 1`` closes an abbreviation such as "Mr." or "U.S."."""
    if text[dot - 1] != ".":
        return False
    word_start = dot - 1
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot - 1].lstrip('("“‘').lower()
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def is_candidate(sentence: str) -> bool:
    """Whether ``sentence`` can hold a claim: a digit outside dates, or a number word."""
    if load_sentence_rules().number_words.search(sentence):
        return True
    return bool(_DIGIT.search(sentence)) and bool(_DIGIT.search(_DATES.sub(" ", sentence)))


def is_context(sentence: str) -> bool:
    """Whether ``sentence`` carries attribution context worth parsing."""
    return bool(load_sentence_rules().context_cues.search(sentence))
