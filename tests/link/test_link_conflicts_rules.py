"""Issue 11's rules for what counts as the same thing: stories, parts and wholes,
counted nouns, open bounds, one counting body under several names, and the why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from claimtrail.link import find_conflicts
from claimtrail.link.conflicts import population, source_aliases
from claimtrail.models import TimelineRow
from claimtrail.names import name_key

D = dt.date
AUG_1 = dt.date(2024, 8, 1)
LABELS = Path(__file__).parent / "data" / "conflicts_labelled.jsonl"


def est(
    figure: float,
    source: str | None,
    *,
    on: dt.date = AUG_1,
    story: str | None = "s",
    text: str | None = None,
    counted: str | None = "people",
    measure: str = "killed",
    quote: str | None = None,
    stated_as: str | None = None,
    location: str | None = None,
) -> TimelineRow:
    words = text or f"{figure:,.0f} {counted or ''}".strip()
    return TimelineRow(
        on, f"f-{measure}-{figure}-{stated_as}", measure, None, "point", figure, figure, None, None, source,
        False, 1, 1, quote or f"{words} were killed, {source} said.", None, words, stated_as, counted, location,
        story,
    )  # fmt: skip


def test_no_conflict_across_two_stories_and_no_story_only_with_no_story() -> None:
    rows = [est(600, "UN", story="a"), est(400, "Army", story="b"), est(300, "Police", story=None)]

    assert find_conflicts(rows) == []
    assert [c.story for c in find_conflicts([*rows, est(500, "Army", story="a")])] == ["a"]


def test_a_batch_or_subgroup_is_not_set_against_its_whole() -> None:
    whole = est(12000, "HUR", measure="deployed", counted="troops")
    batch = est(
        10000, "NIS", measure="deployed", counted="troops", text="10,000 troops",
        quote="North Korea sent another 10,000 troops, NIS said.",
    )  # fmt: skip
    including = est(
        11000, "Seoul", measure="deployed", counted="soldiers", text="11,000 soldiers",
        quote="It sent 14,000 troops, including 11,000 soldiers, Seoul said.",
    )  # fmt: skip
    of_whom = est(500, "AP", text="500 of the dead")

    assert [population(r) for r in (batch, including, of_whom)] == [None, None, None]
    assert find_conflicts([whole, batch, including]) == []
    assert population(whole) == ""


def test_a_contingent_compares_only_with_the_same_contingent_and_a_region_with_its_region() -> None:
    men = est(900, "Health Ministry", counted="men")
    women = est(300, "Health Ministry", counted="women", on=D(2024, 8, 2))
    province = est(700, "Governor", location="Sylhet")
    national = est(1000, "UN")

    assert find_conflicts([men, women, province, national]) == []
    rival_women = est(500, "UN", counted="women")
    assert [c.kind for c in find_conflicts([women, rival_women])] == ["contradiction"]


def test_other_figures_compare_only_when_their_counted_nouns_match() -> None:
    buildings = est(6217, "AFAD", measure="other", counted="buildings")
    aftershocks = est(5000, "USGS", measure="other", counted="aftershocks")
    nameless = est(4000, "USGS", measure="other", counted=None)

    assert find_conflicts([buildings, aftershocks, nameless]) == []
    assert len(find_conflicts([buildings, est(4000, "UN", measure="other", counted="Buildings")])) == 1


def test_an_open_bound_agrees_with_a_larger_figure() -> None:
    at_least = est(300, "Health Ministry", stated_as="at_least", text="at least 300 people")

    assert find_conflicts([at_least, est(600, "UN")]) == []
    assert [c.kind for c in find_conflicts([at_least, est(200, "UN")])] == ["contradiction"]


def test_a_later_larger_toll_of_another_body_weeks_later_is_not_a_contradiction() -> None:
    assert find_conflicts([est(300, "Ministry"), est(650, "UN", on=D(2024, 8, 20))]) == []


def test_one_body_under_several_names_gives_an_update_not_a_contradiction() -> None:
    rows = [
        est(400, "Bangladesh's Health Ministry", on=D(2024, 7, 30)),
        est(524, "the ministry", on=D(2024, 8, 2)),
        est(631, "DGHS", on=D(2024, 8, 4), measure="wounded"),
        est(650, "Directorate General of Health Services", on=D(2024, 8, 6), measure="wounded"),
    ]

    found = find_conflicts(rows)

    assert [(c.kind, c.earlier.low, c.later.low) for c in found] == [
        ("update", 400, 524),
        ("update", 631, 650),
    ]


def test_aliases_need_one_full_name() -> None:
    assert source_aliases(["the ministry", "Health Ministry", "Interior Ministry"]) == {}
    assert source_aliases(["the ministry", "Bangladesh's Health Ministry"]) == {
        "ministry": "bangladesh health ministry"
    }
    assert source_aliases(["DGHS officials", "Directorate General of Health Services"]) == {
        "dghs officials": "directorate general of health services"
    }


def test_the_store_and_the_link_stage_share_one_name_key() -> None:
    from claimtrail.store import sql

    assert sql.name_key is name_key
    assert (
        name_key("the U.S. Defense Department")
        == name_key("US  defense department")
        == "us defense department"
    )
    assert name_key(None) == ""


def test_each_conflict_says_why() -> None:
    [conflict] = find_conflicts([est(600, "NIS"), est(400, "Yoo Yong-won", on=D(2024, 8, 3))])

    assert conflict.why is not None
    assert conflict.why.story == "same story: s"
    assert conflict.why.sources == "different sources: 'NIS'; 'Yoo Yong-won'"
    assert conflict.why.bounds == "600 and 400 do not overlap, stated 2 day(s) apart (at most 7)"
    assert "no period given for either" in conflict.why.periods
    assert "people" in conflict.why.population


def test_the_labelled_pairs_are_well_formed() -> None:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]

    assert {x["kind"] for x in labels} == {"contradiction", "update", "revision"}
    assert all(x["why"] and isinstance(x["true"], bool) for x in labels)
    assert all("=" in x["earlier"] and ":" in x["earlier"] for x in labels)
    assert len({(x["kind"], x["earlier"], x["later"]) for x in labels}) == len(labels)
