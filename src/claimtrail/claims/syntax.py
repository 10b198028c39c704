"""Small helpers over spaCy tokens shared by the claims modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
    """Tokens of ``doc`` overlapping the character range ``[start, end)``."""
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def phrase(token: Token, *, stop_at_punct: bool = True) -> str:
    """The text of ``token``'s subtree, cut at the first comma or dash after the head."""
    tokens = list(token.subtree)
    if stop_at_punct:
        kept = []
        for t in tokens:
            if t.i > token.i and (t.text in {",", "(", "—", "–", ";"} or t.dep_ in ("relcl", "acl", "appos")):
                break
            kept.append(t)
        tokens = kept
    if not tokens:
        return ""
    doc = token.doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def strip_determiners(name: str) -> str:
    """Drop leading articles and trailing punctuation from a name."""
    words = name.strip(" ,.;:\"'“”‘’").split()
    while words and words[0].lower() in {"the", "a", "an", "its", "their"}:
        words = words[1:]
    return " ".join(words)
