"""Fact linking: claims asserting the same figure for the same thing share a ``fact`` id.

The spec's rule: the exact, ``approx``, ``nearly`` and ``at_least`` forms of one figure
share a fact; ``more_than``, ``up_to`` and ``range`` forms are facts of their own; vague
magnitudes ("thousands", "several thousand") are one fact per magnitude.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from claimtrail.link import fact_key, link_facts
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
    "an actor and none": [claim("exact", 600, 600, actor="Russia"), claim("exact", 600, 600, actor=None)],
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
