"""Alternations of many patterns, scanned only where one of them can start.

    >>> compile_alternation([r"\\bReuters\\b", "/AFP"]).pattern
    '(?=[/R])(?:(?:\\\\bReuters\\\\b)|(?:/AFP))'

Python's ``re`` tries every branch of an alternation at every character of the text
when the branches open with ``\\b`` or ``^``; a lookahead on their first characters
lets it skip most positions at the cost of one character test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["compile_alternation", "first_characters", "guard"]

# A pattern whose first character is plain: after an optional word boundary or line
# start, a letter, digit or slash that no quantifier makes optional, and no
# alternative of its own ("|" anywhere, escaped or not, is taken as one).
_PLAIN_START = re.compile(r"(?:\\b|\^)?([A-Za-z0-9/])(?![?*{])")


def first_characters(patterns: Sequence[str]) -> str | None:
    """The characters every match of ``patterns`` starts with, or ``None`` when one is not plain.

    Patterns are taken as case-sensitive: an inline flag is not plain, so it gives ``None``.
    """
    firsts: set[str] = set()
    for pattern in patterns:
        match = _PLAIN_START.match(pattern)
        if match is None or "|" in pattern:
            return None
        firsts.add(match.group(1))
    return "".join(sorted(firsts))


def guard(alternation: str, patterns: Sequence[str]) -> str:
    """``alternation`` (of ``patterns``) behind a lookahead on their first characters.

    The lookahead rejects only positions where no pattern can match, so the result
    matches exactly what ``alternation`` matches. Without plain first characters
    (:func:`first_characters` is ``None``) ``alternation`` is returned as it is:
    slower, never wrong.
    """
    firsts = first_characters(patterns)
    if firsts is None:
        return alternation
    return f"(?=[{re.escape(firsts)}])(?:{alternation})"


def compile_alternation(patterns: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` (each in its own group), guarded by :func:`guard`."""
    return re.compile(guard("|".join(f"(?:{p})" for p in patterns), patterns), flags)
