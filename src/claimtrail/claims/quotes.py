"""Speakers of quotations, for figures inside a quote whose speaker is named outside it.

    “After dispatching 11,000 personnel ... to assist in rebuilding Kursk,” said Lee.

The parse of one sentence misses the speaker when a quotation runs over
several sentences; this reads the whole line around the quote instead.
"""

from __future__ import annotations

import re

from ..models import AnnotatedArticle, ParsedSentence
from .syntax import Token

_QUOTE = re.compile(r"[\"“]([^\"“”]{10,}?)[\"”]")
_NAME = r"(?P<name>(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3}|he|she|they)"
_VERBS = r"(?:said|says|added|adds|told\s+\w+|stated|noted|explained|wrote|continued)"
_AFTER = [
    re.compile(rf"^\s*,?\s*{_VERBS}\s+(?:the\s+)?{_NAME}"),
    re.compile(rf"^\s*,?\s*(?:the\s+)?{_NAME}\s+{_VERBS}"),
]
_BEFORE = re.compile(rf"{_NAME}\s+{_VERBS}\s*[:,]?\s*$")


def quote_speaker(annotated: AnnotatedArticle, sentence: ParsedSentence, anchor: Token) -> str | None:
    """The named speaker of the quotation holding ``anchor``, if any."""
    block = annotated.article.clean.blocks[sentence.block]
    text = annotated.article.text
    position = sentence.start + anchor.idx
    quotes = list(_QUOTE.finditer(text, block.start, block.end))
    for index, m in enumerate(quotes):
        if not m.start() < position < m.end():
            continue
        # The quote's own speaker, else that of the quotes before it in the paragraph
        # ('"We see ...," Yusov said. "At least 1,000 soldiers have returned ..."').
        for earlier in reversed(quotes[: index + 1]):
            name = _named_around(text, earlier, block.start, block.end)
            if name:
                return name
    return None


def _named_around(text: str, m: re.Match[str], start: int, end: int) -> str | None:
    after = text[m.end() : end]
    for pattern in _AFTER:
        found = pattern.match(after)
        if found:
            return found.group("name")
    before = _BEFORE.search(text[start : m.start()])
    return before.group("name") if before else None


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
