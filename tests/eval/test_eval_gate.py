"""CI fails when the seeds' scores drop below the floors pinned in floors.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import eval_gate  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    if not eval_gate.SEEDS.is_dir():
        pytest.fail(f"the seeds are missing: expected them at {eval_gate.SEEDS}")
    return eval_gate.run_scores()


@pytest.mark.parametrize("metric", eval_gate.METRICS)
def test_score_holds_its_floor(scores: dict[str, float], metric: str) -> None:
    floor = eval_gate.read_floors()[metric]
    assert scores[metric] >= floor, f"{metric} fell to {scores[metric]:.4f}, below its floor {floor}"


def test_floors_are_pinned_for_every_metric() -> None:
    assert set(eval_gate.read_floors()) == set(eval_gate.METRICS)
