"""Number phrases that are not counts of the story's things, judged from their context.

Dates, times, years, ordinals, ages, durations, ratios, physical measures,
labels ("No. 5", "F-16"), adjectival compounds ("a 300-seat parliament") and
page furniture are not claims (see the spec's "Not claims").
"""

from __future__ import annotations

import re

from ..calendar import month_number
from .lang import words
from .lexicon import Lexicon
from .quantities import Quantity

# Hyphenated compounds that still count people or things ("a 1,000-strong force") are the
# pack's ``[filters] counting_compounds``.

# Three or more digit groups in a row: a phone number, not a count.
_PHONE = re.compile(r"(?:\+?\d[\d-]*\s+){2,}\d+|\b0\d+")
# A figure that could be a day of the month or a year: only these are dates beside a month
# name ("March 31", "in March 2024"); "31 March, 1,660 people" counts people.
MAX_DAY_OF_MONTH = 31
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# A person's age in apposition ("Ms Amini, 22, died"): a name, a comma, a figure up to this, a comma.
MAX_AGE = 120
_APPOSITION_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
# "a 737 Max", "an A320": a figure between "a" and a capitalised name is a model, not a count
# (the pack's ``[filters] model_article``).
# A US postal code after a state's two-letter code ("Paradise, CA 95969").
_POSTAL = re.compile(r"\b[A-Z]{2}\s+$")
_NEXT_WORD = re.compile(r"^\s*([^\s,.;:()]+)")
_PREV_WORD = re.compile(r"([^\s(]+)\s*$")


def _next_word(sentence: str, end: int) -> str:
    m = _NEXT_WORD.match(sentence[end:])
    return m.group(1).lower() if m else ""


def _prev_word(sentence: str, start: int) -> str:
    m = _PREV_WORD.search(sentence[:start])
    return m.group(1).lower().rstrip(",") if m else ""


def _in_phone(q: Quantity, sentence: str) -> bool:
    """Inside a run of digit groups longer than the figure ("1 200 000" is one figure)."""
    for m in _PHONE.finditer(sentence):
        if m.start() <= q.number_start < m.end() and not (q.number_start <= m.start() and m.end() <= q.end):
            return True
    return False


def _day_or_year(q: Quantity) -> bool:
    figure = q.text[q.number_start - q.start :]
    if _YEAR.fullmatch(figure):
        return True
    return figure.isdigit() and int(figure) <= MAX_DAY_OF_MONTH


def rejects(q: Quantity, sentence: str, lex: Lexicon) -> str:
    """Why ``q`` is not a claim, or ``""`` when it may be one."""
    after = sentence[q.end : q.end + 12]
    before = sentence[max(0, q.number_start - 3) : q.number_start]
    w = words()
    if q.value.low == 0 or q.value.high == 0:
        return "zero"
    if _in_phone(q, sentence):
        return "phone number or code"
    if re.match(r"[:/.]\d", after) or re.search(r"\d[:/.]$", before) or w.ordinal_suffix.match(after):
        return "time, date or ordinal"
    compound = re.match(r"-([^\W\d_]+)", after)  # letters of any script: "20-минутный"
    if compound and compound.group(1).lower() not in w.counting_compounds:
        return "adjectival compound"
    if after.startswith("%"):
        return "ratio"
    nxt = _next_word(sentence, q.end)
    prev = _prev_word(sentence, q.number_start)
    if nxt in lex.not_counted or nxt.rstrip(w.plural_ending) in lex.not_counted:
        return "unit"
    if nxt in lex.ordinal_nouns and prev in w.ordinal_determiners:
        return "ordinal label"
    prefix = sentence[: q.number_start]
    apposition = prefix.rstrip().endswith(",")  # "the highest number, 25," is not "number 25"
    if (prev in lex.label_before and not apposition) or before.endswith(("-", "+")):
        return "label"
    if month_number(nxt) or (month_number(prev.rstrip(".")) and _day_or_year(q)):
        return "date"
    figure = sentence[q.number_start : q.end]
    closed = re.match(r"\s*[,)]", sentence[q.end :])  # "Ms Amini, 22, died"
    if (
        figure.isdigit()
        and apposition
        and closed
        and _APPOSITION_AGE.search(prefix)
        and int(figure) <= MAX_AGE
    ):
        return "age"
    if figure.isdigit() and re.match(r"\s+[A-Z]", sentence[q.end :]) and w.model_article.search(prefix):
        return "model name"
    if re.fullmatch(r"\d{5}", figure) and _POSTAL.search(prefix):
        return "postal code"
    if w.ratio_before.search(sentence[: q.number_start]):
        return "ratio"  # "one in five households"
    return ""
