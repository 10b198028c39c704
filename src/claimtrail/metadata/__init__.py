"""Stage 3, metadata: title, outlet, publication date and language of a cleaned page.

    >>> article = resolve_metadata(clean)

What the document's given metadata (sidecar, JSON Lines record, HTML tags)
says wins over what the text suggests.
"""

from __future__ import annotations

from ..models import Article, CleanDocument
from .dates import find_published_date
from .language import detect_language
from .outlet import find_outlet
from .title import find_title

__all__ = ["detect_language", "find_outlet", "find_published_date", "find_title", "resolve_metadata"]


def resolve_metadata(clean: CleanDocument) -> Article:
    """Return the cleaned document with its document-level metadata."""
    meta = clean.raw.meta
    content = "\n".join(clean.raw.text[b.start : b.end] for b in clean.content_blocks)
    return Article(
        clean=clean,
        title=meta.title or find_title(clean),
        outlet=meta.outlet or find_outlet(clean),
        published=meta.published or find_published_date(clean.raw.text),
        language=meta.language or detect_language(content),
    )
