"""Stage 6, story: which developing story each document belongs to.

    >>> index = StoryIndex()
    >>> story_id = index.assign(story_input)   # StoryInput: see claimtrail.models
    >>> state = index.to_json()                # StoryIndex.from_json(state) restores it

Documents arrive one at a time; each joins the story it shares the most
weighted evidence with (places, actors, event kinds, dates, content words), or
starts one. Ids never change once given; one arrival order always gives the
same stories. A user's merges and splits (:mod:`.corrections`) are replayed
over each assignment. Word and event tables are data (``story/data/*.toml``, by language).
"""

from __future__ import annotations

from .corrections import corrected_story, merge_correction, split_correction
from .features import DocumentFeatures, document_features, normalise_name
from .index import (
    DEFAULT_WEIGHTS,
    EVIDENCE_CLASSES,
    JOIN_THRESHOLD,
    Evidence,
    EvidenceClass,
    EvidenceWeights,
    Story,
    StoryIndex,
    assign_stories,
    date_score,
    event_score,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "EVIDENCE_CLASSES",
    "JOIN_THRESHOLD",
    "DocumentFeatures",
    "Evidence",
    "EvidenceClass",
    "EvidenceWeights",
    "Story",
    "StoryIndex",
    "assign_stories",
    "corrected_story",
    "date_score",
    "document_features",
    "event_score",
    "merge_correction",
    "normalise_name",
    "split_correction",
]
