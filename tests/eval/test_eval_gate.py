"""CI fails when the seeds' or the samples' scores drop below the floors pinned in floors.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import eval_gate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(eval_gate.CORPORA))
def corpus_scores(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    corpus: str = request.param
    docs, gold = eval_gate.CORPORA[corpus]
    if not docs.is_dir() or not gold.is_file():
        pytest.fail(f"the {corpus} are missing: expected {docs} and {gold}")
    return corpus, eval_gate.run_scores(docs, gold)


def test_scores_hold_their_floors(corpus_scores: tuple[str, dict[str, float]]) -> None:
    corpus, scores = corpus_scores
    floors = eval_gate.read_floors(corpus)
    below = {m: (scores[m], floors[m]) for m in eval_gate.METRICS if scores[m] < floors[m]}
    assert not below, f"{corpus}: scores below their floors (score, floor): {below}"


@pytest.mark.parametrize("corpus", sorted(eval_gate.CORPORA))
def test_floors_are_pinned_for_every_metric(corpus: str) -> None:
    assert set(eval_gate.read_floors(corpus)) == set(eval_gate.METRICS)
