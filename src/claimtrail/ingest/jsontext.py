"""JSON input parsed with a bound on nesting: a JSON Lines record or a sidecar.

    >>> load_json('{"id": "a1", "text": "..."}', where="batch.jsonl line 1")
    {'id': 'a1', 'text': '...'}

Python's parser recurses once per level, so a line nested a few thousand levels
deep raises RecursionError; here it is a MalformedInputError giving the bound.
"""

from __future__ import annotations

import json
import re

from ..errors import MalformedInputError

# The deepest nesting accepted. A record or sidecar of ours nests 1 level (an
# object of strings); 200 leaves room for foreign fields while staying far below
# Python's recursion limit (1,000 frames, part of them already used by the
# pipeline, a Dask worker or a test runner), where json.loads would crash.
MAX_JSON_DEPTH = 200

# A JSON string (skipped whole: brackets inside strings do not nest) or a bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def too_deep(source: str) -> bool:
    """Whether ``source`` nests arrays and objects more than :data:`MAX_JSON_DEPTH` levels deep."""
    # Counting brackets is fast; only a text with that many opening ones is walked.
    if source.count("[") + source.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(source):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif token in "]}":
            depth -= 1
    return False


def load_json(source: str, *, where: str, expected: str) -> object:
    """Parse ``source`` (named ``where`` in messages); ``expected`` says what a valid one holds.

    Raises :class:`MalformedInputError` for nesting deeper than :data:`MAX_JSON_DEPTH`
    and :class:`json.JSONDecodeError` for invalid JSON (each caller words where it is).
    """
    deep = MalformedInputError(
        f"{where}: the JSON nests arrays or objects more than {MAX_JSON_DEPTH} levels deep "
        f"(the most accepted); {expected}"
    )
    if too_deep(source):
        raise deep
    try:
        return json.loads(source)
    except RecursionError as exc:  # the stack was already deep when parsing began
        raise deep from exc
