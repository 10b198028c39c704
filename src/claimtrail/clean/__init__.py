"""Stage 2, clean: classify each line of a raw document as body, caption,
boilerplate or duplicate, keeping offsets into the original text.

    >>> clean = clean_document(raw, settings.clean)
    >>> [clean.raw.text[b.start:b.end] for b in clean.content_blocks]
"""

from __future__ import annotations

from ..models import CleanDocument, RawDocument
from ..settings import CleanSettings
from .boilerplate import classify_lines, stopword_ratio

__all__ = ["clean_document", "stopword_ratio"]


def clean_document(raw: RawDocument, settings: CleanSettings) -> CleanDocument:
    """Return ``raw`` with every non-blank line classified."""
    return classify_lines(raw, settings)
