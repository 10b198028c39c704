"""Issue 11's rules for what counts as the same thing: stories, parts and wholes,
counted nouns, open bounds, one counting body under several names, and the why."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

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


# --- second pass (issue 11): parts, plans, sources a reader can weigh, and time ---


def told(figure: float, source: str, sentence: str, text: str, **kw: object) -> TimelineRow:
    """An estimate whose evidence is ``text`` in ``sentence``."""
    return replace(est(figure, source, **kw), text=text, quote=sentence)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        pytest.param("Moscow announced a second deployment of 4,000 troops.", "4,000 troops", id="ordinal-batch"),
        pytest.param("The coastal province alone has lost at least 98 people.", "at least 98 people", id="alone-before"),
        pytest.param("Officials reported 30 dead in the county of Arden alone.", "30", id="alone-after"),
        pytest.param("Three districts reported 3 deaths each.", "3 deaths", id="each"),
        pytest.param("Protests took place in 35 out of 47 counties.", "35", id="out-of"),
        pytest.param(
            "Of the 4,000 soldiers who became casualties, around 1,000 were killed.", "around 1,000", id="partitive"
        ),
        pytest.param(
            "Five of the deaths were in the north and 11 were in the south, the coroner said.", "11",
            id="breakdown-after-a-partitive",
        ),
        pytest.param("The ministry said it would send 6,000 personnel.", "6,000 personnel", id="plan-would"),
        pytest.param("Pyongyang is expected to send a total of 10,000 troops.", "10,000 troops", id="plan-expected"),
        pytest.param("Approximately 300 people remain critically wounded.", "Approximately 300 people", id="critical"),
        pytest.param("Some 119 people had died in the previous 24 hours.", "119 people", id="last-24-hours"),
        pytest.param("45 people were killed from Friday to Saturday.", "45 people", id="one-day-span"),
        pytest.param("Rebels sent 3,000 more soldiers.", "3,000 more soldiers", id="n-more"),
        pytest.param("Losses reached 62,400 people, 25,200 of which were killed.", "25,200 of which", id="of-which"),
    ],
)  # fmt: skip
def test_a_part_a_plan_or_a_day_s_batch_is_compared_with_nothing(sentence: str, text: str) -> None:
    assert population(told(1000, "UN", sentence, text)) is None


def test_more_than_is_a_bound_not_a_batch() -> None:
    row = told(1000, "UN", "More than 1,000 people were killed, the UN said.", "More than 1,000 people")

    assert population(row) == ""


def test_sources_that_name_no_one_and_word_magnitudes_contradict_no_one() -> None:
    named = est(600, "Red Crescent")

    for source in (
        "reports",
        "the authorities",
        "relevant authorities and the foreign media",
        "neighboring states",
    ):
        assert find_conflicts([named, est(400, source)]) == [], source
    hundreds = replace(est(200, "UN", stated_as="vague", text="hundreds"), high=999.0)
    assert find_conflicts([est(150, "Health Ministry"), hundreds]) == []
    assert [c.kind for c in find_conflicts([named, est(400, "Health Ministry")])] == ["contradiction"]


@pytest.mark.parametrize(
    ("first", "second", "contradicts"),
    [
        pytest.param(
            est(11000, "UN", stated_as="nearly"), est(12000, "NIS"), False, id="nearly-12000-vs-11000"
        ),
        pytest.param(est(3000, "UN", stated_as="approx"), est(4000, "NIS"), True, id="around-3000-vs-4000"),
        pytest.param(est(600, "UN"), est(300, "NIS"), False, id="half-or-less-is-a-part"),
        pytest.param(est(600, "UN"), est(350, "NIS"), True, id="under-twice-is-a-rival"),
    ],
)
def test_roundings_agree_and_rivals_are_within_twice(
    first: TimelineRow, second: TimelineRow, contradicts: bool
) -> None:
    assert [c.kind for c in find_conflicts([first, second])] == (["contradiction"] if contradicts else [])


def test_a_count_so_far_is_at_least_that() -> None:
    so_far = told(524, "Health Directorate", "Officials said that so far they could list 524 dead.", "524")

    assert find_conflicts([so_far, est(819, "Rights Watch")]) == []
    assert (
        find_conflicts([so_far, est(400, "Rights Watch")])[0].reason
        == "524 so far (Health Directorate) vs 400 (Rights Watch)"
    )


def test_a_row_with_no_actor_counts_its_story_s_one_actor() -> None:
    named = replace(est(9, "Health Ministry", on=D(2024, 9, 17)), actor="Lebanon")
    unnamed = est(12, "the Health Ministry", on=D(2024, 9, 18))

    assert [(c.kind, c.earlier.low, c.later.low) for c in find_conflicts([named, unnamed])] == [
        ("update", 9, 12)
    ]
    other_actor = replace(est(3, "UN"), actor="Syria")
    assert find_conflicts([named, unnamed, other_actor]) == []  # two named actors: None stays apart
    assert find_conflicts([replace(named, story=None), replace(unnamed, story=None)]) == []


@pytest.mark.parametrize(
    ("short", "full"),
    [
        pytest.param("Iran Human Rights", "Norway-based Iran Human Rights (IHR) NGO", id="aside-and-ngo"),
        pytest.param("staff", "General Staff of the Armed Forces", id="head-before-of"),
        pytest.param("Oleksandr Syrsky", "Oleksandr Syrskyi", id="spelling"),
        pytest.param("an updated Interior ministry toll", "Moroccan Interior Ministry", id="toll-of-a-body"),
    ],
)
def test_short_forms_and_spellings_stand_for_the_full_name(short: str, full: str) -> None:
    assert source_aliases([short, full]) == {name_key(short): name_key(full)}


def test_spellings_of_two_names_stay_two() -> None:
    assert source_aliases(["Iran", "Iraq"]) == {}
    assert source_aliases(["Karin Olsen", "Karin Olsson Berg"]) == {}


def test_figures_of_one_document_are_of_one_day_and_an_undated_one_is_placed_by_its_story() -> None:
    dated = est(600, "Red Crescent", on=D(2024, 8, 1))
    months_later = est(900, "Red Crescent", on=D(2024, 11, 1))
    undated = replace(est(400, "Army"), stated_on=None)

    # The story's known days span months: an undated figure of another document cannot be placed.
    found = find_conflicts([dated, months_later, undated])
    assert [(c.kind, c.earlier.low, c.later.low) for c in found] == [("update", 600, 900)]
    # One news cycle: it is taken as of that cycle.
    assert [c.kind for c in find_conflicts([dated, undated])] == ["contradiction"]
    # One document: one day, whatever the story spans.
    same_doc = [replace(dated, document="d1"), months_later, replace(undated, document="d1")]
    assert "contradiction" in [c.kind for c in find_conflicts(same_doc)]


def test_a_later_figure_that_still_holds_the_earlier_is_no_update() -> None:
    earlier = est(711, "General Staff", on=D(2024, 10, 25))
    later = est(700, "General Staff", on=D(2025, 1, 1), stated_as="more_than", text="over 700 people")

    assert find_conflicts([earlier, later]) == []


def test_a_toll_with_no_period_and_one_to_its_own_day_are_one_count() -> None:
    february = est(40000, "General Staff", on=D(2025, 2, 6))
    since_august = replace(
        est(62400, "General Staff", on=D(2025, 4, 26)), period_start=D(2024, 8, 6), period_end=D(2025, 4, 26)
    )
    one_month = replace(since_august, period_start=D(2025, 3, 1), period_end=D(2025, 3, 31), fact="f-march")

    assert [(c.kind, c.later.low) for c in find_conflicts([february, since_august])] == [("update", 62400)]
    assert find_conflicts([february, one_month]) == []


def test_a_name_of_no_one_is_its_document_s_one_named_body() -> None:
    saturday = replace(est(2012, "the authorities", on=D(2023, 9, 9)), document="d1")
    ministry = replace(est(2100, "Interior Ministry", on=D(2023, 9, 9), counted="deaths"), document="d1")
    sunday = replace(est(2122, "Interior Ministry", on=D(2023, 9, 10)), document="d2")

    found = find_conflicts([saturday, ministry, sunday])

    assert [(c.kind, c.earlier.low, c.later.low) for c in found] == [
        ("update", 2012, 2122),
        ("update", 2100, 2122),
    ]
    rights_group = replace(est(1990, "Rights Watch", on=D(2023, 9, 9)), document="d1")
    assert ("update", 2012, 2122) not in [
        (c.kind, c.earlier.low, c.later.low)
        for c in find_conflicts([saturday, ministry, sunday, rights_group])
    ]  # two named bodies in the document: "the authorities" is neither


def test_one_document_s_headline_and_text_are_one_count() -> None:
    headline = replace(
        est(1000, "Disaster Authority", stated_as="more_than", text="more than 1,000"), document="d"
    )
    text = replace(est(1033, "Disaster Authority"), document="d", stated_on=None)

    assert find_conflicts([replace(headline, stated_on=None), text]) == []
