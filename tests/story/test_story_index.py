"""Which story a document joins: one invented case per class of evidence, ids, state.

Every place, person and event here is invented, so that no rule can lean on
the development corpus's names. Each class of evidence is shown deciding a
case, and the same case decided otherwise with that class turned off.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from claimtrail.errors import StoryStateError
from claimtrail.models import StoryInput
from claimtrail.story import (
    DEFAULT_WEIGHTS,
    StoryIndex,
    assign_stories,
    date_score,
    document_features,
    event_score,
)
from claimtrail.story import index as index_module
from claimtrail.story.index import EVENT_CONFLICT_SCORE, IDENTITY_MIN


def page(doc: str, text: str, published: str | None = None, **fields: object) -> StoryInput:
    values: dict[str, object] = {"title": None, "url": None, "language": "en"}
    values.update(fields)
    day = dt.date.fromisoformat(published) if published else None
    return StoryInput(doc=doc, text=text, published=day, **values)  # type: ignore[arg-type]


QUAKE_VELMORA = page(
    "q1",
    "A powerful earthquake struck Velmora before dawn, flattening houses in the old town. "
    "Governor Ilse Darrow said rescuers were digging through rubble with their hands as "
    "aftershocks followed the quake.",
    "2031-03-03",
    entities=(("Velmora", "GPE"), ("Ilse Darrow", "PERSON")),
)
QUAKE_VELMORA_LATER = page(
    "q2",
    "The toll from the Velmora earthquake climbed as aftershocks rattled the province. "
    "Darrow appealed for tents and blankets for the homeless.",
    "2031-03-06",
    entities=(("Velmora", "GPE"), ("Darrow", "PERSON")),
)
QUAKE_DRASSEL = page(
    "q3",
    "A strong tremor hit Drassel on the northern coast, cracking a dam and a bridge. "
    "Mayor Tomas Kuroth ordered schools closed while engineers inspect them.",
    "2031-03-05",
    entities=(("Drassel", "GPE"), ("Tomas Kuroth", "PERSON")),
)


def test_places_join_reports_of_one_earthquake_and_part_another_of_the_same_week() -> None:
    index = StoryIndex()
    first = index.assign(QUAKE_VELMORA)
    assert index.assign(QUAKE_VELMORA_LATER) == first
    other = index.assign(QUAKE_DRASSEL)
    assert other != first
    assert len(index.stories) == 2


def test_same_kind_and_week_alone_do_not_make_one_story() -> None:
    index = StoryIndex()
    index.assign(QUAKE_VELMORA)
    (evidence,) = index.evidence(document_features(QUAKE_DRASSEL))
    assert evidence.scores["events"] > 0.9 and evidence.scores["dates"] == 1.0
    assert evidence.identity < IDENTITY_MIN and not evidence.joinable


PROTEST_A = page(
    "p1",
    "Police fired tear gas at crowds marching against the new fuel tax. Interior minister "
    "Orin Talvek said 40 officers were hurt.",
    entities=(("Orin Talvek", "PERSON"),),
    actors=("Orin Talvek",),
)
PROTEST_B = page(
    "p2",
    "Demonstrators returned to the streets on Friday. Talvek defended the crackdown and "
    "blamed opposition leader Mara Quist for the unrest.",
    entities=(("Talvek", "PERSON"), ("Mara Quist", "PERSON")),
    actors=("Orin Talvek",),
)


@pytest.mark.parametrize(
    ("weights", "joined"), [(DEFAULT_WEIGHTS, True), (DEFAULT_WEIGHTS.without("actors"), False)]
)
def test_a_shared_actor_joins_two_protest_reports(weights: object, joined: bool) -> None:
    index = StoryIndex(weights=weights)  # type: ignore[arg-type]
    assert (index.assign(PROTEST_A) == index.assign(PROTEST_B)) is joined


def test_a_surname_alone_is_the_full_name_given_before() -> None:
    index = StoryIndex()
    index.assign(PROTEST_A)
    surname_only = page("p3", "Talvek resigned.", entities=(("Talvek", "PERSON"),))
    (evidence,) = index.evidence(index._canonical(document_features(surname_only)))
    assert evidence.scores["actors"] == 1.0


FLOOD_VELMORA = page(
    "f1",
    "Floodwater swept through Velmora after days of torrential rain, and the river burst "
    "its banks. Governor Ilse Darrow said the flooding was the worst in memory.",
    "2031-08-20",
    entities=(("Velmora", "GPE"), ("Ilse Darrow", "PERSON")),
)


@pytest.mark.parametrize(
    ("weights", "joined"), [(DEFAULT_WEIGHTS, False), (DEFAULT_WEIGHTS.without("events"), True)]
)
def test_another_kind_of_event_in_the_same_place_is_another_story(weights: object, joined: bool) -> None:
    index = StoryIndex(weights=weights)  # type: ignore[arg-type]
    assert (index.assign(QUAKE_VELMORA) == index.assign(FLOOD_VELMORA)) is joined


QUAKE_VELMORA_YEARS_LATER = page(
    "q4",
    "An earthquake shook Velmora again, three years after the last one; Governor Ilse Darrow "
    "said the rebuilt schools held.",
    "2034-04-10",
    entities=(("Velmora", "GPE"), ("Ilse Darrow", "PERSON")),
)


@pytest.mark.parametrize(
    ("weights", "joined"), [(DEFAULT_WEIGHTS, False), (DEFAULT_WEIGHTS.without("dates"), True)]
)
def test_the_same_place_and_kind_years_apart_is_another_story(weights: object, joined: bool) -> None:
    index = StoryIndex(weights=weights)  # type: ignore[arg-type]
    assert (index.assign(QUAKE_VELMORA) == index.assign(QUAKE_VELMORA_YEARS_LATER)) is joined


# No names given (as from a page the parser found none in) and no dates: only the words.
WRECK_A = page(
    "w1",
    "A fishing trawler packed with migrants capsized off the cape; coastguard divers "
    "recovered survivors clinging to the hull of the trawler.",
)
WRECK_B = page(
    "w2",
    "Survivors of the trawler that capsized off the cape told coastguard officers the "
    "hull was packed below deck.",
)


@pytest.mark.parametrize(
    ("weights", "joined"), [(DEFAULT_WEIGHTS, True), (DEFAULT_WEIGHTS.without("text"), False)]
)
def test_shared_words_join_two_reports_that_name_nothing(weights: object, joined: bool) -> None:
    index = StoryIndex(weights=weights)  # type: ignore[arg-type]
    assert (index.assign(WRECK_A) == index.assign(WRECK_B)) is joined


ALL = [
    QUAKE_VELMORA,
    PROTEST_A,
    QUAKE_DRASSEL,
    WRECK_A,
    QUAKE_VELMORA_LATER,
    PROTEST_B,
    FLOOD_VELMORA,
    WRECK_B,
]


def test_ids_never_change_and_one_order_always_gives_the_same_ids() -> None:
    index = StoryIndex()
    given: dict[str, str] = {}
    for document in ALL:
        given[document.doc] = index.assign(document)
        # every earlier document still belongs to the story it was given
        assert all(index.assign(d) == given[d.doc] for d in ALL if d.doc in given)
    assert assign_stories(ALL) == [given[d.doc] for d in ALL]
    assert len(set(given.values())) == 5


def test_the_state_restored_from_json_goes_on_as_the_index_would_have() -> None:
    whole = StoryIndex()
    expected = [whole.assign(d) for d in ALL]
    first = StoryIndex()
    head = [first.assign(d) for d in ALL[:4]]
    restored = StoryIndex.from_json(json.loads(json.dumps(first.to_json())))
    assert head + [restored.assign(d) for d in ALL[4:]] == expected
    assert restored.to_json() == whole.to_json()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"version": 99, "stories": []}, "version 99; expected 1"),
        ({"version": 1, "stories": [{"id": "s"}]}, "malformed"),
    ],
)
def test_a_state_it_did_not_write_is_refused(state: dict[str, object], message: str) -> None:
    with pytest.raises(StoryStateError, match=message):
        StoryIndex.from_json(state)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2031-03-10", 1.0),  # within the story's dates
        ("2031-03-30", 1.0),  # 10 days after its last
        ("2031-09-10", -(174 - 120) / (730 - 120)),  # past DATE_FAR_DAYS: against
        ("2040-01-01", -1.0),
        (None, 0.0),  # no date: no evidence either way
    ],
)
def test_date_score(published: str | None, expected: float) -> None:
    day = dt.date.fromisoformat(published) if published else None
    assert date_score(day, dt.date(2031, 3, 1), dt.date(2031, 3, 20)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("events", "story", "expected"),
    [
        ({"flood": 4}, {"flood": 10, "storm": 0}, 1.0),
        ({"flood": 4}, {"earthquake": 5}, EVENT_CONFLICT_SCORE),  # both clear, different kinds
        ({"flood": 1}, {"earthquake": 5}, 0.0),  # one word is no clear kind
        ({}, {"earthquake": 5}, 0.0),
    ],
)
def test_event_score(events: dict[str, int], story: dict[str, int], expected: float) -> None:
    assert event_score(events, story) == pytest.approx(expected)


def _invented_reports(stories: int, seed: int) -> list[StoryInput]:
    """Two or three reports of each of ``stories`` invented events: places and people of their own,
    words of their kind of event, common words of the news, and words every page has at random."""
    rng = random.Random(seed)
    syllables = "ka lo mer tis van dru pel sor nim qua bex tol ir gan".split()  # noqa: SIM905 - one line

    def word(parts: int = 3) -> str:
        return "".join(rng.choice(syllables) for _ in range(parts))

    kinds = {
        "quake": "earthquake rubble aftershock tremor",
        "flood": "flood river rain swept",
        "fire": "wildfire blaze flames burned",
        "war": "shelling troops front drones",
    }
    common = [
        "officials",
        "said",
        "people",
        "killed",
        "injured",
        "rescuers",
        "town",
        "residents",
        "police",
        "minister",
        "report",
    ]
    pages: list[StoryInput] = []
    for n in range(stories):
        place, person = word().capitalize(), f"{word(2).capitalize()} {word().capitalize()}"
        kind = rng.choice(sorted(kinds))
        day = dt.date(2031, 1, 1) + dt.timedelta(days=rng.randrange(60))
        for k in range(rng.choice((2, 3))):
            words = [*rng.sample(common, 3), rng.choice(kinds[kind].split()), *(word(2) for _ in range(12))]
            rng.shuffle(words)
            text = f"In {place}, {person} spoke. " + " ".join(words) + f". {place} waits."
            pages.append(
                page(
                    f"{n}-{k}",
                    text,
                    (day + dt.timedelta(days=k)).isoformat(),
                    entities=((place, "GPE"), (person, "PERSON")),
                )
            )
    rng.shuffle(pages)
    return pages


@pytest.mark.parametrize("seed", [1, 2])
def test_candidates_give_the_stories_the_full_comparison_gives(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Beyond CANDIDATE_STORIES stories only the best-estimated are weighed in full: the same stories."""
    monkeypatch.setattr(index_module, "CANDIDATE_STORIES", 8)
    pages = _invented_reports(60, seed)
    features = [document_features(p) for p in pages]

    pruned, full = StoryIndex(), StoryIndex(exhaustive=True)
    assert [pruned.assign(f) for f in features] == [full.assign(f) for f in features]
    assert len(pruned.stories) > 3 * 8  # far more stories than candidates: the estimate had to find them


def test_a_large_index_weighs_only_its_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "CANDIDATE_STORIES", 8)
    index = StoryIndex()
    for f in (document_features(p) for p in _invented_reports(30, 3)):
        index.assign(f)
    weighed: list[int] = []
    real = index._evidence
    monkeypatch.setattr(index, "_evidence", lambda f, s: weighed.append(s.position) or real(f, s))

    index.assign(document_features(_invented_reports(1, 4)[0]))

    assert 0 < len(weighed) <= 8 < len(index.stories)
