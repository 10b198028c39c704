"""The story stage's reading of one document: names, event kinds, terms.

Documents are invented (places, people and events that do not exist), so no
test depends on the corpus the thresholds were measured on.
"""

from __future__ import annotations

import pytest

from claimtrail.models import StoryInput
from claimtrail.story import document_features, normalise_name
from claimtrail.story.features import NAME_TERM_WEIGHT
from claimtrail.story.index import same_name
from claimtrail.story.words import FALLBACK_LANGUAGE, load_words


def page(text: str, **fields: object) -> StoryInput:
    values: dict[str, object] = {
        "doc": "p.txt",
        "title": None,
        "url": None,
        "published": None,
        "language": "en",
    }
    values.update(fields)
    return StoryInput(text=text, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Kremlin's", "kremlin"),
        ("  Velmora, ", "velmora"),
        ("the Castrane Valley", "castrane valley"),
        ("Northern Ostrians\u2019", "northern ostrians"),
        ("The", "the"),  # an article alone is not dropped: nothing would be left
    ],
)
def test_a_name_is_compared_without_article_possessive_or_case(text: str, key: str) -> None:
    assert normalise_name(text, load_words("en")) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("velmora", "velmoran", True),  # a place and its people's word
        ("lebanon", "lebanese", True),  # "on" and "ese" after "leban"
        ("turkey", "turkish", True),
        ("iran", "iraq", False),  # 3 letters in common
        ("austria", "australia", False),  # "alia" after "austr": too long an ending
        ("north ostria", "north ostrian", True),
        ("south ostria", "north ostria", False),
        ("ostria", "north ostria", False),  # a different number of words
    ],
)
def test_names_that_differ_by_an_ending_are_one_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


def test_entities_split_into_places_and_actors_by_their_labels() -> None:
    story = page(
        "Rescuers in Velmora searched the rubble, Mayor Ilse Darrow said.",
        entities=(("Velmora", "GPE"), ("Ilse Darrow", "PERSON"), ("Tuesday", "DATE")),
        places=("Velmora",),
        actors=("Ilse Darrow",),
    )
    features = document_features(story)
    assert features.places == {"velmora"}
    assert features.actors == {"ilse darrow"}


def test_a_capitalised_common_word_is_not_a_name() -> None:
    # "Reports" opens a sentence; "reports" in lower case shows it is a common word.
    story = page(
        "Reports said the dam broke. Later reports from Velmora agreed.",
        entities=(("Reports", "ORG"), ("Velmora", "GPE")),
        actors=("Reports", "officials"),
    )
    features = document_features(story)
    assert features.actors == frozenset()
    assert features.places == {"velmora"}


def test_event_words_are_counted_by_kind_with_plurals() -> None:
    story = page(
        "Floods swept the valley after the flood barrier failed; an aftershock followed the quake.",
        title="Flooding in Velmora",
    )
    assert document_features(story).events == {"flood": 3, "earthquake": 2}


def test_title_and_address_words_count_like_the_body() -> None:
    story = page("Rescuers searched the valley.", url="https://example.org/2031/velmora-earthquake-toll")
    features = document_features(story)
    assert features.events == {"earthquake": 1}
    assert "velmora" in features.terms


def test_a_word_only_ever_capitalised_weighs_more_than_a_common_word() -> None:
    features = document_features(page("Rescuers in Velmora dug. The rescuers in the valley dug."))
    assert features.terms["velmora"] == pytest.approx(NAME_TERM_WEIGHT * features.terms["valley"])
    assert "the" not in features.terms  # stop words are left out


def test_a_language_without_tables_is_read_with_the_fallback_tables() -> None:
    assert load_words("xx").language == FALLBACK_LANGUAGE
    assert document_features(page("Floods in Velmora.", language="xx")).events == {"flood": 1}


def test_the_document_key_is_a_hash_of_its_text() -> None:
    assert document_features(page("Same text.")).key == document_features(page("Same text.", doc="q")).key
    assert document_features(page("Same text.")).key != document_features(page("Other text.")).key
