"""Updates vs contradictions among the estimates of one measure and actor.

A later, different figure from the same source is an update (a toll revised from 600 to
2,000); figures from different sources for overlapping periods whose value intervals do
not overlap are a contradiction (600 vs 400 killed). Intervals follow the spec's
qualifier table: an open side is infinite.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace
from types import EllipsisType

import pytest

from claimtrail.link import conflicts as conflicts_module
from claimtrail.link import find_conflicts, intervals_overlap, periods_overlap, source_key
from claimtrail.models import Conflict, TimelineRow

D = dt.date
DAY = D(2025, 3, 9)


def row(
    low: float | None,
    high: float | None | EllipsisType = ...,
    *,
    source: str | None = "National Intelligence Service",
    stated_on: dt.date | None = DAY,
    qualifier: str = "exact",
    measure: str = "killed",
    actor: str | None = "North Korea",
    period: tuple[dt.date | None, dt.date | None] = (None, None),
    claims: int = 1,
    fact: str | None = None,
) -> TimelineRow:
    """An estimate; ``high`` defaults to ``low`` (a point figure), the fact id to the figure."""
    upper = low if isinstance(high, EllipsisType) else high
    return TimelineRow(
        stated_on=stated_on,
        fact=fact or f"f-{measure}-{actor}-{qualifier}-{low}-{upper}",
        measure=measure,
        actor=actor,
        qualifier=qualifier,
        low=low,
        high=upper,
        period_start=period[0],
        period_end=period[1],
        source=source,
        hedged=False,
        outlets=1,
        claims=claims,
        quote=f"{low} {measure}",
    )


def kinds(found: list[Conflict]) -> list[tuple[str, float | None, float | None]]:
    return [(c.kind, c.earlier.low, c.later.low) for c in found]


# --- updates ---


def test_a_later_figure_from_the_same_source_is_an_update() -> None:
    before = row(600, stated_on=D(2025, 1, 10))
    after = row(2000, stated_on=D(2025, 3, 9))

    [conflict] = find_conflicts([after, before])

    assert (conflict.kind, conflict.earlier, conflict.later) == ("update", before, after)
    assert (conflict.measure, conflict.actor) == ("killed", "North Korea")
    assert conflict.reason == "National Intelligence Service revised 600 to 2,000 (2025-01-10 -> 2025-03-09)"


def test_three_revisions_give_two_consecutive_updates() -> None:
    ministry = "Interior Ministry"
    rows = [
        row(45, source=ministry, stated_on=D(2025, 3, 13)),
        row(27, source=ministry, stated_on=D(2025, 3, 9)),
        row(41, source=ministry, stated_on=D(2025, 3, 11)),
    ]

    found = find_conflicts(rows)

    assert kinds(found) == [("update", 27, 41), ("update", 41, 45)]
    assert found[0].reason == "Interior Ministry revised 27 to 41 (2025-03-09 -> 2025-03-11)"


def test_source_names_compare_without_case_or_determiners() -> None:
    rows = [
        row(27, source="the Interior Ministry", stated_on=D(2025, 3, 9)),
        row(41, source="Interior ministry", stated_on=D(2025, 3, 11)),
    ]

    assert kinds(find_conflicts(rows)) == [("update", 27, 41)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(D(2025, 3, 9), D(2025, 3, 9), id="same day"),
        pytest.param(None, D(2025, 3, 9), id="undated earlier"),
        pytest.param(D(2025, 3, 9), None, id="undated later"),
    ],
)
def test_no_update_without_a_strictly_later_date(first: dt.date | None, second: dt.date | None) -> None:
    # The same source, so never a contradiction either; the missing are found, so a
    # missing count may fall and an undated one is ordered by nothing.
    rows = [row(27, stated_on=first, measure="missing"), row(41, stated_on=second, measure="missing")]

    assert find_conflicts(rows) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(None, D(2025, 3, 9), id="undated smaller"),
        pytest.param(D(2025, 3, 9), None, id="undated larger"),
        pytest.param(None, None, id="both undated"),
    ],
)
def test_an_undated_toll_is_ordered_by_its_figure(first: dt.date | None, second: dt.date | None) -> None:
    [update] = find_conflicts([row(41, stated_on=second), row(27, stated_on=first)])

    assert (update.kind, update.earlier.low, update.later.low) == ("update", 27, 41)
    assert update.why is not None and "ordered by the figures" in update.why.bounds


def test_an_undated_figure_follows_the_one_its_sentence_says_it_replaced() -> None:
    earlier = row(79, stated_on=D(2023, 6, 14))
    later = replace(row(78, stated_on=None), text="78", quote="Officials revised the toll from 79 to 78.")

    [update] = find_conflicts([earlier, later])

    assert (update.earlier.low, update.later.low) == (79, 78)
    assert update.why is not None and "changed from 79" in update.why.bounds


def test_an_undated_statement_holds_as_of_its_document_s_publication_day() -> None:
    monday = replace(row(600, stated_on=None), published=D(2025, 3, 3))
    rows = [monday, row(400, source="Yoo Yong-won", stated_on=D(2025, 3, 20))]

    assert find_conflicts(rows) == []  # 17 days apart: the toll rising, not a contradiction
    assert [c.kind for c in find_conflicts([replace(monday, published=D(2025, 3, 18)), rows[1]])] == [
        "contradiction"
    ]


def test_unattributed_figures_are_neither_updates_nor_contradictions() -> None:
    # The outlet's own restatements are background more often than a rival count (issue 11).
    rows = [row(27, 27, source=None, stated_on=D(2025, 3, 9)), row(29, source=None, stated_on=D(2025, 3, 11))]

    assert find_conflicts(rows) == []


def test_a_figure_for_another_period_is_not_a_revision() -> None:
    rows = [
        row(11000, measure="deployed", stated_on=D(2024, 11, 1), period=(D(2024, 10, 1), D(2024, 10, 31))),
        row(3000, measure="deployed", stated_on=D(2025, 2, 27), period=(D(2025, 1, 1), D(2025, 2, 28))),
    ]

    assert find_conflicts(rows) == []


def test_the_same_figure_restated_is_not_an_update_and_the_next_revision_pairs_with_the_latest() -> None:
    rows = [
        row(600, stated_on=D(2025, 1, 10)),
        row(600, stated_on=D(2025, 2, 10)),
        row(2000, stated_on=D(2025, 3, 9)),
    ]

    [conflict] = find_conflicts(rows)

    assert (conflict.kind, conflict.earlier.stated_on, conflict.later.low) == ("update", D(2025, 2, 10), 2000)


# --- contradictions ---


def test_disagreeing_sources_are_a_contradiction() -> None:
    nis = row(600, source="National Intelligence Service", stated_on=D(2025, 1, 13))
    yoo = row(400, source="Yoo Yong-won", stated_on=D(2025, 1, 14))

    [conflict] = find_conflicts([yoo, nis])

    assert (conflict.kind, conflict.earlier, conflict.later) == ("contradiction", nis, yoo)
    assert conflict.reason == "600 (National Intelligence Service) vs 400 (Yoo Yong-won)"


@pytest.mark.parametrize(
    ("first", "second", "contradicts"),
    [
        pytest.param(
            row(10000, None, qualifier="more_than"), row(11000), False, id="more than 10,000 vs 11,000"
        ),
        pytest.param(row(None, 4000, qualifier="up_to"), row(5000), True, id="up to 4,000 vs 5,000"),
        pytest.param(row(None, 4000, qualifier="up_to"), row(3000), False, id="up to 4,000 vs 3,000"),
        pytest.param(row(1000, 3000, qualifier="range"), row(2500), False, id="range holds the figure"),
        pytest.param(row(1000, 3000, qualifier="range"), row(3001), True, id="just above a range"),
        pytest.param(row(200, 999, qualifier="vague"), row(400), False, id="hundreds vs 400"),
        pytest.param(
            row(2000, 9999, qualifier="vague"), row(1000), False, id="several thousand: a word, no count"
        ),
        pytest.param(row(3000), row(600), False, id="5x apart: a part, not a rival count"),
        pytest.param(row(3000, None, qualifier="at_least"), row(4000), False, id="at least 3,000 vs 4,000"),
    ],
)
def test_value_intervals_follow_the_spec(first: TimelineRow, second: TimelineRow, contradicts: bool) -> None:
    rows = [first, replace(second, source="Yoo Yong-won")]

    assert [c.kind for c in find_conflicts(rows)] == (["contradiction"] if contradicts else [])


def test_reasons_write_open_bounds_as_words() -> None:
    rows = [row(None, 4000, qualifier="up_to", stated_on=D(2025, 3, 5)), row(5000, source="Yoo Yong-won")]

    assert (
        find_conflicts(rows)[0].reason
        == "up to 4,000 (National Intelligence Service) vs 5,000 (Yoo Yong-won)"
    )


@pytest.mark.parametrize(
    ("first", "second", "contradicts"),
    [
        pytest.param(
            (D(2023, 1, 1), D(2023, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31)), False, id="2023 vs 2024"
        ),
        pytest.param(
            (D(2023, 1, 1), D(2023, 12, 31)), (D(2023, 12, 31), D(2024, 3, 1)), False, id="one day shared"
        ),
        pytest.param(
            (D(2025, 1, 1), D(2025, 3, 1)), (D(2024, 12, 30), D(2025, 3, 3)), True, id="the same days"
        ),
        pytest.param(
            (None, None), (D(2024, 1, 1), D(2024, 12, 31)), False, id="a period before the statement"
        ),
        pytest.param(
            (None, None), (D(2025, 1, 1), D(2025, 12, 31)), True, id="a period holding the statement"
        ),
    ],
)
def test_periods_must_be_the_same_or_hold_the_other_statement(
    first: tuple[dt.date | None, dt.date | None],
    second: tuple[dt.date | None, dt.date | None],
    contradicts: bool,
) -> None:
    rows = [row(600, period=first), row(400, source="Yoo Yong-won", period=second)]

    assert [c.kind for c in find_conflicts(rows)] == (["contradiction"] if contradicts else [])


def test_the_outlet_s_own_voice_contradicts_no_one() -> None:
    rows = [row(600, source=None), row(400)]

    assert find_conflicts(rows) == []


def test_each_pair_of_figures_is_one_contradiction_the_first_time_it_was_given() -> None:
    rows = [
        row(600, source="National Intelligence Service", stated_on=D(2025, 1, 13)),
        row(600, source="Yonhap", stated_on=D(2025, 1, 15)),
        row(400, source="Yoo Yong-won", stated_on=D(2025, 1, 14)),
        row(400, source="Kim Byung-kee", stated_on=D(2025, 1, 16)),
    ]

    [conflict] = find_conflicts(rows)

    assert (conflict.earlier.source, conflict.later.source) == (
        "National Intelligence Service",
        "Yoo Yong-won",
    )


# --- groups and order ---


def test_different_measures_and_actors_never_pair() -> None:
    rows = [
        row(600, measure="killed"),
        row(400, measure="wounded", source="Yoo Yong-won"),
        row(300, actor="Russia", source="Yoo Yong-won"),
        row(200, actor=None, source="Yoo Yong-won"),
        row(700, measure="wounded", stated_on=D(2025, 3, 10)),
        row(500, actor="Russia", stated_on=D(2025, 3, 10), source="Kim"),
    ]

    found = find_conflicts(rows)

    assert all(c.earlier.measure == c.later.measure == c.measure for c in found)
    assert all(c.earlier.actor == c.later.actor == c.actor for c in found)
    assert [(c.measure, c.actor, c.earlier.low, c.later.low) for c in found] == [
        ("killed", "Russia", 300, 500),
        ("wounded", "North Korea", 400, 700),
    ]


def test_actors_compare_case_insensitively() -> None:
    rows = [row(600, actor="North Korea"), row(400, actor="north korea", source="Yoo Yong-won")]

    assert [c.kind for c in find_conflicts(rows)] == ["contradiction"]


def test_conflicts_are_sorted_by_measure_actor_and_earlier_statement() -> None:
    rows = [
        row(27, source="Ministry", stated_on=D(2025, 3, 9), measure="wounded"),
        row(41, source="Ministry", stated_on=D(2025, 3, 11), measure="wounded"),
        row(600, stated_on=D(2025, 1, 13)),
        row(400, source="Yoo Yong-won", stated_on=D(2025, 1, 14)),
        row(2000, stated_on=D(2025, 3, 9)),
        row(300, source="Kim", stated_on=None),
    ]

    found = find_conflicts(rows)

    keys = [
        (c.measure, c.actor or "", c.earlier.stated_on is None, c.earlier.stated_on or D.min) for c in found
    ]
    assert keys == sorted(keys)
    assert found == find_conflicts(list(reversed(rows)))  # the input order does not matter
    assert ("update", 600, 2000) in kinds(found)


# --- the public helpers ---


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((10000, None), (11000, 11000), True),
        ((None, 4000), (5000, 5000), False),
        ((None, 4000), (4000, 4000), True),
        ((None, None), (1, 1), True),
        ((1000, 3000), (3001, 4000), False),
        ((600, 600), (400, 400), False),
    ],
)
def test_intervals_overlap(
    a: tuple[float | None, float | None], b: tuple[float | None, float | None], expected: bool
) -> None:
    assert intervals_overlap(*a, *b) is expected
    assert intervals_overlap(*b, *a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2023, 1, 1), D(2023, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31)), False),
        ((D(2023, 1, 1), D(2024, 1, 1)), (D(2024, 1, 1), D(2024, 12, 31)), True),
        ((None, None), (D(2024, 1, 1), D(2024, 12, 31)), True),
        ((None, D(2023, 6, 1)), (D(2024, 1, 1), None), False),
    ],
)
def test_periods_overlap(
    a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None], expected: bool
) -> None:
    assert periods_overlap(*a, *b) is expected
    assert periods_overlap(*b, *a) is expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The Interior Ministry", "interior ministry", True),
        ("the U.S. Defense Department", "US Defense Department", True),
        ("National Intelligence Service", "Yoo Yong-won", False),
    ],
)
def test_source_key(a: str, b: str, same: bool) -> None:
    assert (source_key(a) == source_key(b)) is same
    assert source_key(None) is None


# --- against the definition, and at scale ---


def random_rows(n: int, facts: int, seed: int, span_days: int = 60) -> list[TimelineRow]:
    """``n`` estimates of one measure and actor: ``facts`` figures, some ranges and open bounds."""
    rnd = random.Random(seed)
    shapes = [(1.0, 1.0, "exact"), (1.0, None, "more_than"), (None, 1.0, "up_to"), (0.8, 1.2, "range")]
    rows = []
    for _ in range(n):
        figure = rnd.randrange(facts)
        low, high, qualifier = shapes[figure % len(shapes)]
        value = 100.0 * (1 + figure // len(shapes))
        start = rnd.choice([None, D(2024, 1, 1), D(2025, 1, 1)])
        rows.append(
            row(
                None if low is None else low * value,
                None if high is None else high * value,
                qualifier=qualifier,
                fact=f"f-{figure}",
                source=rnd.choice([None, "the Ministry", "ministry", "NIS", "Yoo", "Kim", "Reuters"]),
                stated_on=rnd.choice([None, D(2025, 1, 1) + dt.timedelta(days=rnd.randrange(span_days))]),
                period=(start, None if start is None else start + dt.timedelta(days=364)),
                claims=rnd.randrange(1, 4),
            )
        )
    return rows


def _one_period(a: TimelineRow, b: TimelineRow) -> bool:
    slack = conflicts_module.PERIOD_SLACK_DAYS
    if a.period_start is None and b.period_start is None:
        return True
    if a.period_start is not None and b.period_start is not None:
        assert a.period_end is not None and b.period_end is not None
        return (
            abs((a.period_start - b.period_start).days) <= slack
            and abs((a.period_end - b.period_end).days) <= slack
        )
    given, other = (a, b) if a.period_start is not None else (b, a)
    assert given.period_start is not None and given.period_end is not None
    return other.stated_on is None or given.period_start <= other.stated_on <= given.period_end


def _rivals(a: TimelineRow, b: TimelineRow) -> bool:
    def side(r: TimelineRow, low: bool) -> float:
        value = (r.low if r.low is not None else r.high) if low else (r.high if r.high is not None else r.low)
        assert value is not None
        return value

    return max(side(a, True), side(b, True)) < conflicts_module.RIVAL_RATIO * min(
        side(a, False), side(b, False)
    )


def one_cycle(rows: list[TimelineRow]) -> bool:
    """Whether the known days of ``rows`` (one group) lie within a week of each other."""
    days = [r.stated_on for r in rows if r.stated_on is not None]
    return not days or (max(days) - min(days)).days <= conflicts_module.CONTEMPORARY_DAYS


def contradicts(a: TimelineRow, b: TimelineRow, *, cycle: bool) -> bool:
    """The issue's definition, pair by pair: two named sources, one period, within a week (an
    undated one only in a group of one news ``cycle``), rival figures."""
    days = conflicts_module.CONTEMPORARY_DAYS
    dated = a.stated_on is not None and b.stated_on is not None
    return (
        a.fact != b.fact
        and a.source is not None
        and b.source is not None
        and conflicts_module.is_named(source_key(a.source) or "")
        and conflicts_module.is_named(source_key(b.source) or "")
        and source_key(a.source) != source_key(b.source)
        and _one_period(a, b)
        and (
            abs((a.stated_on - b.stated_on).days) <= days
            if a.stated_on and b.stated_on
            else cycle and not dated
        )
        and _rivals(a, b)
        and not intervals_overlap(a.low, a.high, b.low, b.high)
    )


@pytest.mark.parametrize(("seed", "span_days"), [(seed, days) for seed in range(5) for days in (7, 60)])
def test_every_disagreeing_pair_of_figures_is_listed_and_nothing_else(seed: int, span_days: int) -> None:
    rows = random_rows(120, facts=30, seed=seed, span_days=span_days)
    cycle = one_cycle(rows)

    found = [c for c in find_conflicts(rows) if c.kind == "contradiction"]

    assert all(contradicts(c.earlier, c.later, cycle=cycle) for c in found)
    listed = {frozenset((c.earlier.fact, c.later.fact)) for c in found}
    assert len(listed) == len(found)
    expected = {
        frozenset((a.fact, b.fact))
        for a, b in itertools.combinations(rows, 2)
        if contradicts(a, b, cycle=cycle)
    }
    assert listed == expected


def test_a_group_beyond_the_cap_is_compared_with_its_most_claimed_facts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conflicts_module, "MAX_ROWS_PER_GROUP", 50)
    monkeypatch.setattr(conflicts_module, "ANCHOR_ROWS", 10)
    rows = random_rows(120, facts=30, seed=1, span_days=7)  # one news cycle: undated ones compare too
    cycle = one_cycle(rows)
    claims: dict[str, int] = {}
    for r in rows:
        claims[r.fact] = claims.get(r.fact, 0) + r.claims
    top = min(claims, key=lambda f: (-claims[f], f))

    found = [c for c in find_conflicts(rows) if c.kind == "contradiction"]

    assert found and all(contradicts(c.earlier, c.later, cycle=cycle) for c in found)
    # Every pair found has an estimate of a most-claimed fact; the most-claimed one misses no disagreement.
    expected_top = {
        frozenset((a.fact, b.fact))
        for a, b in itertools.combinations(rows, 2)
        if top in (a.fact, b.fact) and contradicts(a, b, cycle=cycle)
    }
    listed = {frozenset((c.earlier.fact, c.later.fact)) for c in found}
    assert expected_top <= listed
    assert len(listed) < len(
        {
            frozenset((a.fact, b.fact))
            for a, b in itertools.combinations(rows, 2)
            if contradicts(a, b, cycle=cycle)
        }
    )


def test_many_facts_give_the_same_conflicts_without_the_table_of_fact_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = random_rows(200, facts=60, seed=3)
    with_table = find_conflicts(rows)
    monkeypatch.setattr(conflicts_module, "_DENSE_FACT_PAIRS", 0)

    assert find_conflicts(rows) == with_table


def test_no_rows_no_conflicts() -> None:
    assert find_conflicts([]) == []
