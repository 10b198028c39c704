"""Fact linking: claims asserting the same figure for the same thing share a ``fact`` id.

The spec's rule: the exact, ``approx``, ``nearly`` and ``at_least`` forms of one figure
share a fact; ``more_than``, ``up_to`` and ``range`` forms are facts of their own; vague
magnitudes ("thousands", "several thousand") are one fact per magnitude.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from claimtrail.link import fact_form, fact_key, link_facts, usual_actor
from claimtrail.models import Claim, Value


def claim(
    qualifier: str,
    low: float | None,
    high: float | None,
    *,
    measure: str = "deployed",
    actor: str | None = "North Korea",
    text: str = "11,000 troops",
    counted: str | None = "troops",
) -> Claim:
    return Claim(
        span=(0, len(text)),
        text=text,
        value=Value(low, high),
        qualifier=qualifier,
        measure=measure,
        counted=counted,
        actor=actor,
    )


SAME_FACT = {
    "exact, approx, nearly and at least of one figure": [
        claim("exact", 11000, 11000),
        claim("approx", 11000, 11000, text="about 11,000 soldiers", counted="soldiers"),
        claim("nearly", 11000, 11000, text="nearly 11,000 personnel", counted="personnel"),
        claim("at_least", 11000, None, text="at least 11,000 troops"),
    ],
    "an integer and a float figure": [claim("exact", 11000, 11000), claim("approx", 11000.0, 11000.0)],
    "thousands and several thousand": [
        claim("vague", 2000, None, text="thousands of troops"),
        claim("vague", 2000, 9999, text="several thousand troops"),
        claim("vague", 2000, 9999, text="a few thousand soldiers", counted="soldiers"),
    ],
    "the same range": [
        claim("range", 1000, 3000),
        claim("range", 1000, 3000, text="between 1,000 and 3,000"),
    ],
    "the same more-than figure": [claim("more_than", 10000, None), claim("more_than", 10000, None)],
    "actor named in other cases": [
        claim("exact", 600, 600, actor="North Korea"),
        claim("exact", 600, 600, actor="north korea"),
    ],
    "no actor in both": [claim("exact", 27, 27, measure="killed", actor=None)] * 2,
}

DIFFERENT_FACTS = {
    "more than is not exact": [claim("exact", 10000, 10000), claim("more_than", 10000, None)],
    "up to is not exact": [claim("exact", 4000, 4000), claim("up_to", None, 4000)],
    "at most is not up to": [claim("at_most", None, 4000), claim("up_to", None, 4000)],
    "a range is not its bounds": [
        claim("range", 1000, 3000),
        claim("exact", 1000, 1000),
        claim("exact", 3000, 3000),
    ],
    "different ranges": [claim("range", 1000, 3000), claim("range", 1000, 4000)],
    "different figures": [claim("exact", 11000, 11000), claim("exact", 12000, 12000)],
    "different measures": [
        claim("exact", 600, 600, measure="killed"),
        claim("exact", 600, 600, measure="wounded"),
    ],
    "different actors": [
        claim("exact", 600, 600, actor="North Korea"),
        claim("exact", 600, 600, actor="Russia"),
    ],
    "thousands and hundreds": [claim("vague", 2000, None), claim("vague", 200, 999)],
    "thousands and tens of thousands": [claim("vague", 2000, None), claim("vague", 20000, 99999)],
    "several million and several thousand": [claim("vague", 2000000, 9999999), claim("vague", 2000, 9999)],
    "vague thousands and exact 2,000": [claim("vague", 2000, None), claim("exact", 2000, 2000)],
}


@pytest.mark.parametrize("claims", SAME_FACT.values(), ids=SAME_FACT.keys())
def test_claims_share_a_fact(claims: list[Claim]) -> None:
    linked = link_facts(claims)

    assert len({c.fact for c in linked}) == 1


@pytest.mark.parametrize("claims", DIFFERENT_FACTS.values(), ids=DIFFERENT_FACTS.keys())
def test_claims_are_different_facts(claims: list[Claim]) -> None:
    linked = link_facts(claims)

    assert len({c.fact for c in linked}) == len(claims)


def test_link_facts_keeps_everything_but_the_fact() -> None:
    claims = [claim("exact", 11000, 11000), claim("range", 1000, 3000, text="1,000-3,000 soldiers")]

    linked = link_facts(claims)

    assert [c.fact for c in claims] == [None, None]
    assert [replace(c, fact=None) for c in linked] == claims
    assert all(c.fact is not None and re.fullmatch(r"f-[0-9a-f]{10}", c.fact) for c in linked)


def test_fact_ids_are_deterministic_across_runs_and_documents() -> None:
    first = link_facts([claim("exact", 11000, 11000), claim("vague", 2000, None)])
    again = link_facts([claim("vague", 2000, 9999), claim("approx", 11000, 11000)])

    assert [c.fact for c in first] == [again[1].fact, again[0].fact]
    assert fact_key(first[0]) == "deployed|north korea|point:11000"
    assert fact_key(first[1]) == "deployed|north korea|vague:1e3"
    # A hash of the key, not a counter: the same id in every process, pinned so it stays so.
    assert first[0].fact == "f-2d96e6624a"


def test_no_claims_link_to_nothing() -> None:
    assert link_facts([]) == []


# A claim that names no actor is keyed under its document's usual actor (the one
# most of the document's claims name). Each entry: the documents, each a list of
# claims passed to one ``link_facts`` call, and the claim of each document to compare.
ACROSS_DOCUMENTS_SAME = {
    # "Ruritania sent about 3,200 soldiers." / "Ruritanian officers ... the 3,200 soldiers arrived"
    "a bare re-mention in a document about the same actor": [
        [claim("approx", 3200, 3200, actor="Ruritania", text="about 3,200 soldiers")],
        [
            claim("exact", 3200, 3200, actor=None, text="the 3,200 soldiers"),
            claim("exact", 40, 40, measure="killed", actor="Ruritania", text="40 Ruritanian troops"),
        ],
    ],
    # "Floods in Freedonia killed 212 people" / "the toll rose to 212" in a Freedonia report
    "a toll without its country beside the same toll with it": [
        [
            claim("exact", 212, 212, measure="killed", actor=None, text="the toll rose to 212"),
            claim("exact", 9000, 9000, measure="displaced", actor="Freedonia", text="9,000 Freedonians"),
        ],
        [claim("at_least", 212, None, measure="killed", actor="Freedonia", text="at least 212 Freedonians")],
    ],
    "two bare tolls in documents that name no actor": [
        [claim("exact", 27, 27, measure="killed", actor=None, text="27 deaths")],
        [claim("exact", 27, 27, measure="killed", actor=None, text="a toll of 27")],
    ],
}

ACROSS_DOCUMENTS_DIFFERENT = {
    # "Three deaths were recorded in the capital" in a Ruritania story and in a Freedonia story
    "the same small bare toll in stories about two countries": [
        [
            claim("exact", 3, 3, measure="killed", actor=None, text="Three deaths"),
            claim("exact", 500, 500, measure="wounded", actor="Ruritania", text="500 Ruritanians"),
        ],
        [
            claim("exact", 3, 3, measure="killed", actor=None, text="3 deaths"),
            claim("exact", 60, 60, measure="captured", actor="Freedonia", text="60 Freedonian protesters"),
        ],
    ],
    "a bare toll in a story about one country and a toll that names another": [
        [claim("exact", 600, 600, actor="Russia")],
        [
            claim("exact", 600, 600, actor=None, text="the 600 troops"),
            claim("exact", 90, 90, measure="killed", actor="Freedonia", text="90 Freedonians"),
        ],
    ],
    "an actor and none in a document that names no actor": [
        [claim("exact", 600, 600, actor="Russia")],
        [claim("exact", 600, 600, actor=None)],
    ],
}


def _first_facts(documents: list[list[Claim]]) -> set[str | None]:
    return {link_facts(claims)[0].fact for claims in documents}


@pytest.mark.parametrize("documents", ACROSS_DOCUMENTS_SAME.values(), ids=ACROSS_DOCUMENTS_SAME.keys())
def test_actorless_claims_share_the_fact_of_their_documents_actor(documents: list[list[Claim]]) -> None:
    assert len(_first_facts(documents)) == 1


@pytest.mark.parametrize(
    "documents", ACROSS_DOCUMENTS_DIFFERENT.values(), ids=ACROSS_DOCUMENTS_DIFFERENT.keys()
)
def test_actorless_claims_of_other_documents_are_different_facts(documents: list[list[Claim]]) -> None:
    assert len(_first_facts(documents)) == len(documents)


def test_usual_actor_is_the_most_named_and_ties_go_to_the_first() -> None:
    claims = [
        claim("exact", 1, 1, actor=None),
        claim("exact", 2, 2, actor="Freedonia"),
        claim("exact", 3, 3, actor="Ruritania"),
        claim("exact", 4, 4, actor="ruritania"),
    ]

    assert usual_actor(claims) == "ruritania"
    assert usual_actor(claims[:3]) == "freedonia"
    assert usual_actor(claims[:1]) is None
    assert fact_key(claims[0], "ruritania") == "deployed|ruritania|point:1"


@pytest.mark.parametrize(
    ("qualifier", "form"),
    [("exact", "point"), ("approx", "point"), ("nearly", "point"), ("at_least", "point"),
     ("more_than", "more_than"), ("up_to", "up_to"), ("at_most", "at_most"), ("range", "range"),
     ("vague", "vague")],
)  # fmt: skip
def test_fact_form_names_the_assertion_the_fact_key_groups_by(qualifier: str, form: str) -> None:
    assert fact_form(qualifier) == form
    assert fact_key(claim(qualifier, 11000, 11000)).split("|")[2].startswith(f"{form}:")


# One figure reported in several languages: each page's claims come out with the
# canonical measure and, through the claims packs' aliases, English names; only the
# figure's words differ ("Soldaten", "soldats", "солдатів"). Once the story stage
# puts the pages in one story, the claims are one fact; in two stories, two.
ONE_FIGURE_IN_FIVE_LANGUAGES = [
    claim("approx", 3000, 3000, text="rund 3.000 Soldaten", counted="Soldaten"),
    claim("approx", 3000, 3000, text="environ 3 000 soldats", counted="soldats"),
    claim("exact", 3000, 3000, text="3000 soldados", counted="soldados"),
    claim("approx", 3000, 3000, text="близько 3000 солдатів", counted="солдатів"),
    claim("at_least", 3000, None, text="не менее 3000 военных", counted="военных"),
]


def test_one_figure_in_five_languages_is_one_fact_within_one_story() -> None:
    facts = {link_facts([c], story="story-a")[0].fact for c in ONE_FIGURE_IN_FIVE_LANGUAGES}
    assert len(facts) == 1


def test_one_figure_in_two_stories_is_two_facts() -> None:
    german, ukrainian = ONE_FIGURE_IN_FIVE_LANGUAGES[0], ONE_FIGURE_IN_FIVE_LANGUAGES[3]
    assert link_facts([german], story="story-a")[0].fact != link_facts([ukrainian], story="story-b")[0].fact
