"""Number phrases that are not counts of the story's things, judged from their context.

Dates, times, years, ordinals, ages, durations, ratios, physical measures,
labels ("No. 5", "F-16"), adjectival compounds ("a 300-seat parliament") and
page furniture are not claims (see the spec's "Not claims").
"""

from __future__ import annotations

import re

from ..calendar import month_number
from .lexicon import Lexicon
from .quantities import Quantity

# Hyphenated compounds that still count people or things ("a 1,000-strong force").
COUNTING_COMPOUNDS = frozenset({"strong", "member", "man", "men", "person", "people", "odd"})

# Three or more digit groups in a row: a phone number, not a count.
_PHONE = re.compile(r"(?:\+?\d[\d-]*\s+){2,}\d+|\b0\d+")
_NEXT_WORD = re.compile(r"^\s*([^\s,.;:()]+)")
_PREV_WORD = re.compile(r"([^\s(]+)\s*$")


def _next_word(sentence: str, end: int) -> str:
    m = _NEXT_WORD.match(sentence[end:])
    return m.group(1).lower() if m else ""


def _prev_word(sentence: str, start: int) -> str:
    m = _PREV_WORD.search(sentence[:start])
    return m.group(1).lower().rstrip(",") if m else ""


def _in_phone(q: Quantity, sentence: str) -> bool:
    for m in _PHONE.finditer(sentence):
        if m.start() <= q.number_start < m.end():
            return True
    return False


# The largest day of a month: "March, 31" may still be a date, "March, 880" is not.
MAX_MONTH_DAY = 31


def _after_dated_phrase(q: Quantity, sentence: str) -> bool:
    """ "Between 1 January and 31 March, 1,660 persons were killed": a count after a dated phrase's comma."""
    size = q.value.low if q.value.low is not None else q.value.high
    comma = re.search(r",\s*$", sentence[: q.start])
    return comma is not None and not q.is_plain_year and size is not None and size > MAX_MONTH_DAY


def rejects(q: Quantity, sentence: str, lex: Lexicon) -> str:
    """Why ``q`` is not a claim, or ``""`` when it may be one."""
    after = sentence[q.end : q.end + 12]
    before = sentence[max(0, q.number_start - 3) : q.number_start]
    if q.value.low == 0 or q.value.high == 0:
        return "zero"
    if _in_phone(q, sentence):
        return "phone number or code"
    if re.match(r"[:/.]\d", after) or re.search(r"\d[:/.]$", before) or re.match(r"(st|nd|rd|th)\b", after):
        return "time, date or ordinal"
    compound = re.match(r"-([a-z]+)", after, re.IGNORECASE)
    if compound and compound.group(1).lower() not in COUNTING_COMPOUNDS:
        return "adjectival compound"
    if after.startswith("%"):
        return "ratio"
    nxt = _next_word(sentence, q.end)
    prev = _prev_word(sentence, q.number_start)
    if nxt in lex.not_counted or nxt.rstrip("s") in lex.not_counted:
        return "unit"
    if nxt in lex.ordinal_nouns and prev in ("the", "its", "their"):
        return "ordinal label"
    if prev in lex.label_before or before.endswith(("-", "+")):
        return "label"
    if month_number(nxt) or (month_number(prev.rstrip(".")) and not _after_dated_phrase(q, sentence)):
        return "date"
    if re.search(r"\b(one|a|\d+)\s+(in|out of)\s*$", sentence[: q.number_start], re.IGNORECASE):
        return "ratio"  # "one in five households"
    return ""
