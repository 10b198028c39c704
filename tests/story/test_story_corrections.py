"""A user's merges and splits, replayed over the story the index assigns."""

from __future__ import annotations

import pytest

from claimtrail.errors import StoryCorrectionError
from claimtrail.models import StoryCorrection
from claimtrail.story import corrected_story, merge_correction, split_correction

MERGE_A_INTO_B = StoryCorrection("merge", "story-a", "story-b")
MERGE_B_INTO_C = StoryCorrection("merge", "story-b", "story-c")
SPLIT_D1 = StoryCorrection("split", "story-b", "story-new", ("d1",))


@pytest.mark.parametrize(
    ("story", "document", "corrections", "expected"),
    [
        ("story-a", "d9", [], "story-a"),
        ("story-a", "d9", [MERGE_A_INTO_B], "story-b"),
        ("story-a", "d9", [MERGE_A_INTO_B, MERGE_B_INTO_C], "story-c"),  # in the order made
        ("story-b", "d9", [MERGE_B_INTO_C, MERGE_A_INTO_B], "story-c"),
        ("story-a", "d9", [MERGE_B_INTO_C, MERGE_A_INTO_B], "story-b"),
        ("story-a", "d1", [MERGE_A_INTO_B, SPLIT_D1], "story-new"),
        ("story-a", "d2", [MERGE_A_INTO_B, SPLIT_D1], "story-b"),
        ("story-x", "d1", [SPLIT_D1, MERGE_B_INTO_C], "story-new"),  # a split document follows its split
    ],
)
def test_corrections_are_replayed_in_order(
    story: str, document: str, corrections: list[StoryCorrection], expected: str
) -> None:
    assert corrected_story(story, document, corrections) == expected


def test_a_merge_needs_two_known_different_stories() -> None:
    assert merge_correction("story-a", "story-b", ["story-a", "story-b"]) == MERGE_A_INTO_B
    with pytest.raises(StoryCorrectionError, match="no story 'story-z' in the ledger"):
        merge_correction("story-a", "story-z", ["story-a", "story-b"])
    with pytest.raises(StoryCorrectionError, match="into itself"):
        merge_correction("story-a", "story-a", ["story-a"])


def test_a_split_takes_the_storys_own_documents_into_a_stable_new_story() -> None:
    first = split_correction("story-b", ["d2", "d1"], ["d1", "d2", "d3"])
    again = split_correction("story-b", ["d1", "d2"], ["d1", "d2", "d3"])

    assert first == again
    assert first.documents == ("d1", "d2")
    assert first.into.startswith("story-") and first.into != "story-b"
    with pytest.raises(StoryCorrectionError, match="not in story 'story-b'"):
        split_correction("story-b", ["d4"], ["d1", "d2", "d3"])
    with pytest.raises(StoryCorrectionError, match="no documents given"):
        split_correction("story-b", [], ["d1"])
