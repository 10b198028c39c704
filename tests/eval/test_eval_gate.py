"""CI fails when a corpus's scores drop below the floors pinned in floors.toml.

The corpora: the seeds and the development corpus (real articles in ``../shared``,
gold written apart from claimtrail; the dev corpus also per group of stories) and
the samples (our own invented articles).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import eval_gate


@pytest.fixture(scope="module", params=sorted(eval_gate.CORPORA))
def corpus_scores(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    name: str = request.param
    corpus = eval_gate.CORPORA[name]
    if not corpus.docs.is_dir() or not corpus.gold.is_file():
        pytest.fail(f"the {name} corpus is missing: expected {corpus.docs} and {corpus.gold}")
    return name, eval_gate.run_scores(corpus)


@pytest.mark.slow
def test_scores_hold_their_floors(corpus_scores: tuple[str, dict[str, float]]) -> None:
    name, scores = corpus_scores
    floors = eval_gate.read_floors(name)
    below = {m: (scores[m], floors[m]) for m in eval_gate.CORPORA[name].metrics if scores[m] < floors[m]}
    assert not below, f"{name}: scores below their floors (score, floor): {below}"


@pytest.mark.parametrize("name", sorted(eval_gate.CORPORA))
def test_floors_are_pinned_for_every_metric(name: str) -> None:
    assert set(eval_gate.read_floors(name)) == set(eval_gate.CORPORA[name].metrics)


def test_a_group_keeps_only_its_own_documents(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"docs": [{"doc": "101.txt"}, {"doc": "121.txt"}, {"doc": "x.txt"}]}))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps({"doc": d}) + "\n" for d in ("121.txt", "101.txt", "118.txt")))
    sub_gold, sub_pred = eval_gate.group_files(gold, pred, (101, 118), tmp_path)
    assert [d["doc"] for d in json.loads(sub_gold.read_text())["docs"]] == ["101.txt"]
    assert [json.loads(line)["doc"] for line in sub_pred.read_text().splitlines()] == ["101.txt", "118.txt"]
