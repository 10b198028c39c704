"""Small helpers over spaCy tokens shared by the claims modules."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from .lang import has_role, has_tag, words

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span

# A claim's clause rarely sits deeper than this under its reporting verb;
# walking further only reaches unrelated clauses.
MAX_CHAIN_STEPS = 8


def ancestors(token: Token, limit: int = MAX_CHAIN_STEPS) -> Iterator[Token]:
    """``token`` then its heads up to the root, at most ``limit`` steps."""
    steps = 0
    while steps <= limit:
        yield token
        if token.head.i == token.i:
            return
        token = token.head
        steps += 1


def tokens_in(doc: Any, start: int, end: int) -> list[Token]:
    """Tokens of ``doc`` overlapping the character range ``[start, end)``.

    Found by bisection, so a figure's tokens cost the same in a long sentence as in a short one.
    """
    first = bisect_right(range(len(doc)), start, key=lambda i: doc[i].idx + len(doc[i].text))
    found = []
    for i in range(first, len(doc)):
        token = doc[i]
        if token.idx >= end:
            break
        found.append(token)
    return found


def phrase(token: Token, *, stop_at_punct: bool = True) -> str:
    """The text of ``token``'s subtree, cut at the first comma or dash after the head."""
    tokens = list(token.subtree)
    if stop_at_punct:
        kept = []
        for t in tokens:
            clause = has_role(t, "relative_clause", "clausal_modifier", "appositive") or has_tag(
                t, "relative_word"
            )
            if t.i > token.i and (t.text in {",", "(", "—", "–", ";"} or clause):
                break
            kept.append(t)
        tokens = kept
    if not tokens:
        return ""
    doc = token.doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def strip_determiners(name: str) -> str:
    """Drop leading articles and trailing punctuation from a name."""
    determiners = words().name_determiners
    parts = name.strip(" ,.;:\"'“”‘’").split()
    while parts and parts[0].lower() in determiners:
        parts = parts[1:]
    return " ".join(parts)
