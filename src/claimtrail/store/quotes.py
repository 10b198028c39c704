"""The quote kept with each claim: the sentence around its span, for a reader.

>>> quote_around("Calm. Floods killed 27 people. More later.", 20, 29)
'Floods killed 27 people.'
"""

from __future__ import annotations

import re

__all__ = ["QUOTE_MAX_CHARS", "quote_around"]

# A sentence of news prose is rarely over 300 characters; a longer "sentence" is
# a run-on page dump, so the quote is cut to a window around the span.
QUOTE_MAX_CHARS = 300
# How far to look either side of a span for a sentence boundary: beyond this the
# quote would be cut to QUOTE_MAX_CHARS anyway.
_SCAN_CHARS = 2 * QUOTE_MAX_CHARS
# A sentence ends at . ! or ? (and closing quotes) before white space and a word
# that does not start lower-case (not "1.5", "U.S.-led" or "the U.S. sent"), or at a newline.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[^\sa-z])|\n")
_ELLIPSIS = "…"


def quote_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]``, at most about QUOTE_MAX_CHARS long."""
    window_start = max(0, start - _SCAN_CHARS)
    left = window_start
    for boundary in _BOUNDARY.finditer(text, window_start, start):
        left = boundary.end()
    if window_start > 0 and left == window_start:
        left = start - QUOTE_MAX_CHARS // 2
    window_end = min(len(text), end + _SCAN_CHARS)
    following = _BOUNDARY.search(text, end, window_end)
    right = following.end() if following else window_end
    quote = text[left:right].strip()
    if len(quote) <= QUOTE_MAX_CHARS:
        return quote
    return _cut(text, start, end, left, right)


def _cut(text: str, start: int, end: int, left: int, right: int) -> str:
    """A QUOTE_MAX_CHARS window of ``text[left:right]`` centred on the span, marked as cut."""
    context = max(0, (QUOTE_MAX_CHARS - (end - start)) // 2)
    cut_left = max(left, start - context)
    cut_right = min(right, end + context)
    body = text[cut_left:cut_right].strip()
    prefix = _ELLIPSIS if cut_left > left else ""
    suffix = _ELLIPSIS if cut_right < right else ""
    return f"{prefix}{body}{suffix}"
