"""The headline of a flattened page, read from its classified lines.

Steps: 1. a content line that the page prints more than once (headline plus
breadcrumb, or headline above and inside the article) and that reads as a
headline; 2. else the first content line before the first paragraph of prose
that reads as a headline; 3. else ``None``.
"""

from __future__ import annotations

import re

from ..models import Block, BlockKind, CleanDocument

# Headlines run from about four words ("Floods kill 27 people") to about 25.
TITLE_MIN_WORDS = 4
TITLE_MAX_WORDS = 25
# The headline stands near the top: look at this many content lines at most.
TITLE_SEARCH_LINES = 12

_WORDS = re.compile(r"[\w'’-]+")
_LEADING_BULLETS = re.compile(r"^[\s•·■▪►▶●○◦‣⁃*–—|-]+")


def _clean(text: str) -> str:
    return " ".join(_LEADING_BULLETS.sub("", text).split())


def _reads_as_headline(text: str) -> bool:
    words = len(_WORDS.findall(text))
    if not TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS:
        return False
    # A headline is one sentence without a closing full stop (a question may lead a second part).
    # (a full stop after a one-letter abbreviation, "N. Korea", ends nothing)
    if re.search(r"[a-z]{2}\.\s+[A-Z]", text) or text.endswith("."):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“"


def find_title(clean: CleanDocument) -> str | None:
    """The page's headline, or ``None``."""
    text = clean.raw.text
    lines = [b for b in clean.blocks if b.kind is not BlockKind.DUPLICATE]
    counts: dict[str, int] = {}
    for block in clean.blocks:
        key = _clean(text[block.start : block.end]).lower()
        counts[key] = counts.get(key, 0) + 1
    # Captions ("Photo: smoke rises over ...") are often printed twice too, but are not titles.
    content = [b for b in lines if b.kind is BlockKind.BODY][:TITLE_SEARCH_LINES]
    repeated = [b for b in content if counts[_clean(_line(text, b)).lower()] > 1]
    for block in repeated:
        if _reads_as_headline(_clean(_line(text, block))):
            return _clean(_line(text, block))
    for block in content:
        line = _clean(_line(text, block))
        if _reads_as_headline(line):
            return line
        if line.endswith((".", "!", "?", "”", '"')) and len(_WORDS.findall(line)) > TITLE_MAX_WORDS:
            break
    return None


def _line(text: str, block: Block) -> str:
    return text[block.start : block.end]
