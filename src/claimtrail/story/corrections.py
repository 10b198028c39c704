"""A user's corrections of the stories, replayed over what the index assigns.

    >>> corrected_story("story-a", "3f2c...", corrections)   # the index said story-a
    'story-b'                                                 # merged into story-b by the user

The index is never changed by a correction: it keeps assigning as it learnt, and
each assignment goes through the corrections in the order they were made, so a
correction holds for the documents it moved when they are ingested again, and a
merge also for documents that arrive later and join the merged story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from ..errors import StoryCorrectionError
from ..models import StoryCorrection

__all__ = ["corrected_story", "merge_correction", "split_correction"]


def corrected_story(story: str, document_id: str, corrections: Iterable[StoryCorrection]) -> str:
    """The story of document ``document_id`` (a ledger id) that the index put in ``story``, corrected."""
    for c in corrections:
        merged = c.kind == "merge" and story == c.story
        split_off = c.kind == "split" and document_id in c.documents
        if merged or split_off:
            story = c.into
    return story


def merge_correction(story: str, into: str, known: Iterable[str]) -> StoryCorrection:
    """The correction moving every document of ``story`` into ``into`` (both among the ``known`` stories)."""
    stories = set(known)
    unknown = [s for s in (story, into) if s not in stories]
    if unknown:
        raise StoryCorrectionError(
            f"no story {', '.join(map(repr, unknown))} in the ledger; `claimtrail stories` lists the ids"
        )
    if story == into:
        raise StoryCorrectionError(f"cannot merge story {story!r} into itself; give two different stories")
    return StoryCorrection("merge", story, into)


def split_correction(story: str, documents: Sequence[str], members: Sequence[str]) -> StoryCorrection:
    """The correction moving ``documents`` (ledger ids, among the story's ``members``) into a new story.

    The new story's id is a hash of the story and the documents split off, so
    the same split gives the same id.
    """
    if not documents:
        raise StoryCorrectionError(f"no documents given to split out of story {story!r}")
    outside = [d for d in documents if d not in members]
    if outside:
        raise StoryCorrectionError(
            f"document(s) {', '.join(d[:12] for d in outside)} are not in story {story!r}; "
            f"it holds {len(members)} document(s), listed by the API: /api/documents?story={story}"
        )
    chosen = tuple(sorted(set(documents)))
    digest = hashlib.blake2b("\n".join((story, *chosen)).encode("utf-8"), digest_size=6).hexdigest()
    return StoryCorrection("split", story, f"story-{digest}", chosen)
