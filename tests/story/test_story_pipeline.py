"""The pipeline fills each extracted document's StoryInput from the earlier stages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimtrail.models import DocumentMeta, RawDocument
from claimtrail.pipeline import extract_with_articles
from claimtrail.settings import Settings
from claimtrail.story import StoryIndex

pytestmark = pytest.mark.slow

TEXT = (
    "Floods in Velmora kill 12\n\n"
    "At least 12 people were killed when floods swept through Velmora on Tuesday, "
    "Governor Ilse Darrow said, and 300 residents were evacuated from the river valley.\n"
)


def test_an_extracted_document_carries_its_story_input(nlp: Any, settings: Settings) -> None:
    meta = DocumentMeta(url="https://example.org/velmora-floods", published=dt.date(2031, 3, 4))
    raw = RawDocument(doc="v.txt", text=TEXT, origin="v.txt", format="text", meta=meta)
    (item,) = extract_with_articles([raw], settings, nlp)
    story = item.story
    assert story is not None
    assert story.doc == "v.txt" and story.published == dt.date(2031, 3, 4)
    assert story.url == "https://example.org/velmora-floods"
    assert "Governor Ilse Darrow said" in story.text
    assert ("Velmora", "GPE") in story.entities
    assert "killed" in story.measures
    assert "Ilse Darrow" in story.actors
    assert StoryIndex().assign(story).startswith("story-")
