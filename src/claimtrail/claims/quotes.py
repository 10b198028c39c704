"""Speakers of quotations, for figures inside a quote whose speaker is named outside it.

    “After dispatching 11,000 personnel ... to assist in rebuilding Kursk,” said Lee.

The parse of one sentence misses the speaker when a quotation runs over
several sentences; this reads the whole line around the quote instead.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..models import AnnotatedArticle, ParsedSentence
from .lang import Words, words
from .syntax import Token
from .timex import find_time_mentions

_QUOTE = re.compile(r"[\"“]([^\"“”]{10,}?)[\"”]")


@dataclass(frozen=True)
class _Patterns:
    """The attribution patterns around a quotation, built from a pack's ``[quotes]`` words."""

    after: tuple[re.Pattern[str], ...]
    before: re.Pattern[str]
    named_speaker: re.Pattern[str]


# Capitalised words of a long title before the name ('," Harbor County Fire Chief Ana
# Ruiz said'): skipped, so that the name is the last words before the verb. A title of a
# place and an office ("Harbor County Fire Chief") runs to four words.
MAX_TITLE_WORDS = 4
_TITLE = rf"(?:[A-Z][\w.'’-]*\s+){{0,{MAX_TITLE_WORDS}}}?"


@lru_cache(maxsize=4)
def _build(verbs: str, pronouns: tuple[str, ...], the: str) -> _Patterns:
    name = rf"(?P<name>(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){{0,3}}|{'|'.join(pronouns)})"
    return _Patterns(
        after=(
            re.compile(rf"^\s*,?\s*{verbs}\s+{the}{name}"),
            re.compile(rf"^\s*,?\s*{the}{_TITLE}{name}\s+{verbs}"),
        ),
        before=re.compile(rf"{name}\s+{verbs}\s*[:,]?\s*$"),
        # A named speaker and a reporting verb anywhere in a paragraph ("Sheriff Ana Ruiz said ...").
        named_speaker=re.compile(rf"{name}\s+{verbs}\b"),
    )


def _patterns(w: Words) -> _Patterns:
    return _build(w.quote_verbs, w.quote_pronouns, w.quote_determiner)


# How far before or after a quotation its speaker is looked for: a name of up to
# four words and a reporting verb ("said Defence Minister Shin Won-sik") fit in
# well under this, and a window keeps the look-up local on a line of megabytes.
SPEAKER_WINDOW_CHARS = 200
# Quotations of one speaker run over a few in a paragraph; the speaker of a quote
# is looked for in it and at most this many quotes before it.
MAX_QUOTES_BACK = 10
# The date of a quotation's statement follows its speaker and verb at once ('," Luna said
# on Sunday.', '," she said Tuesday'): a time phrase starting within this many characters
# after them, no further.
DATE_AFTER_SPEAKER_CHARS = 2
# How much text after the speaker is read for that date: "on Wednesday afternoon" fits.
DATE_WINDOW_CHARS = 40


def quote_speaker(annotated: AnnotatedArticle, sentence: ParsedSentence, anchor: Token) -> str | None:
    """The named speaker of the quotation holding ``anchor``, if any."""
    found = _quote_attribution(annotated, sentence, anchor)
    return found[0] if found else None


def quote_date(
    annotated: AnnotatedArticle, sentence: ParsedSentence, anchor: Token, published: dt.date | None
) -> dt.date | None:
    """The date of the statement quoted around ``anchor``: '"...," Luna said on Sunday. "We have 16 ..."'."""
    found = _quote_attribution(annotated, sentence, anchor)
    if found is None:
        return None
    text, end = annotated.article.text, found[1]
    for mention in find_time_mentions(text[end : end + DATE_WINDOW_CHARS], published):
        if mention.start <= DATE_AFTER_SPEAKER_CHARS and mention.is_point and mention.period is not None:
            return mention.period.start
    return None


def _quote_attribution(
    annotated: AnnotatedArticle, sentence: ParsedSentence, anchor: Token
) -> tuple[str, int] | None:
    """The named speaker of the quotation holding ``anchor`` and where the attribution after it ends."""
    block = annotated.article.clean.blocks[sentence.block]
    text = annotated.article.text
    position = sentence.start + anchor.idx
    quotes, starts = _quotations(text, block.start, block.end)
    index = bisect_left(starts, position) - 1  # the last quotation opening before the figure
    if index < 0 or not position < quotes[index].end():
        return None
    # The quote's own speaker, else that of the quotes before it in the paragraph
    # ('"We see ...," Yusov said. "At least 1,000 soldiers have returned ..."').
    for earlier in reversed(quotes[max(0, index + 1 - MAX_QUOTES_BACK) : index + 1]):
        named = _named_around(text, earlier, block.start, block.end)
        if named:
            return named
    return None


@lru_cache(maxsize=1)
def _quotations(text: str, start: int, end: int) -> tuple[list[re.Match[str]], list[int]]:
    """The quotations of the paragraph ``text[start:end]`` and where each opens, found once for all its figures.

    The figures of an article come paragraph by paragraph, so the last paragraph is all to keep.
    """
    quotes = list(_QUOTE.finditer(text, start, end))
    return quotes, [m.start() for m in quotes]


def _named_around(text: str, m: re.Match[str], start: int, end: int) -> tuple[str, int] | None:
    """The speaker named right after or before the quotation, and where that attribution ends."""
    after = text[m.end() : min(end, m.end() + SPEAKER_WINDOW_CHARS)]
    patterns = _patterns(words())
    for pattern in patterns.after:
        found = pattern.match(after)
        if found:
            return found.group("name"), m.end() + found.end()
    before = patterns.before.search(text[max(start, m.start() - SPEAKER_WINDOW_CHARS) : m.start()])
    return (before.group("name"), m.start()) if before else None


_OPENING = "“"
_CLOSING = "”"


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` inside quotation marks.

    A closing mark with no opening one means the sentence began inside a
    quotation that opened earlier; an opening mark never closed runs to the end.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        straight = ch == '"'
        opens = ch == _OPENING or (straight and open_at is None and (i == 0 or not text[i - 1].isalnum()))
        closes = ch == _CLOSING or (straight and open_at is not None)
        if opens and open_at is None:
            open_at = i
        elif closes:
            ranges.append((open_at if open_at is not None else 0, i + 1))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, len(text)))
    return ranges


def paragraph_speaker(annotated: AnnotatedArticle, block: int) -> str | None:
    """The last person the paragraph ``block`` names as speaking, read from its text.

    For a paragraph that opens a quotation after "Sheriff Ana Ruiz said ...":
    the paragraph before need not hold a figure, so it may not have been parsed.
    """
    article = annotated.article
    b = article.clean.blocks[block]
    w = words()
    found = [
        m.group("name")
        for m in _patterns(w).named_speaker.finditer(article.text, b.start, b.end)
        if m.group("name").split()[0].lower() not in w.not_names and " " in m.group("name")
    ]
    return found[-1] if found else None
