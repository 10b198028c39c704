"""Alternations guarded by a lookahead on their first characters match what they matched without it."""

from __future__ import annotations

import re

import pytest

from claimtrail.metadata.dates import CAPTION_MARKERS
from claimtrail.metadata.scan import compile_alternation, first_characters, guard


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        pytest.param(
            [r"\bReuters\b", "^CNA$", r"\bi24NEWS\b", r"\bBBC( News)?\b", "/AFP"], "/BCRi", id="plain starts"
        ),
        pytest.param([r"\bReuters\b", r"\b[Rr]euters\b"], None, id="a class first"),
        pytest.param([r"\bReuters\b", r"\bA?FP\b"], None, id="an optional first letter"),
        pytest.param([r"\bReuters\b", r"\bAFP|Agence\b"], None, id="an alternative of its own"),
        pytest.param([r"\bReuters\b", r"(?i)\breuters\b"], None, id="an inline flag"),
        pytest.param([r"\bReuters\b", r"\.AFP"], None, id="an escape first"),
    ],
)
def test_first_characters(patterns: list[str], expected: str | None) -> None:
    assert first_characters(patterns) == expected


def test_a_pattern_without_plain_first_characters_is_left_as_it_is() -> None:
    assert guard(r"(?:\b[Rr]euters\b)", [r"\b[Rr]euters\b"]) == r"(?:\b[Rr]euters\b)"


CAPTIONS = (
    "North Korean soldiers march in Pyongyang. REUTERS/Kim Hong-Ji/File Photo",
    "FILE PHOTO: A view of the border, September 13, 2023. Sputnik/Pool via REUTERS",
    "A tank in a field (AP Photo/Efrem Lukatsky)",
    "Photo: Getty Images",
    "Image: EPA-EFE/STRINGER",
    "Credit : AFP/Anatolii Stepanov",
    "Troops crossed the border on Monday, the ministry said.",
    "PHOTOGRAPHS of the REUTERSHIP and photo: none of these is a caption /APEX",
)


def test_the_caption_markers_match_where_they_matched_unguarded() -> None:
    guarded = compile_alternation(CAPTION_MARKERS)
    assert guarded.pattern.startswith("(?=[")
    unguarded = re.compile("|".join(CAPTION_MARKERS))
    for text in CAPTIONS:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in unguarded.finditer(text)]
    assert sum(guarded.search(text) is not None for text in CAPTIONS) == 6
