"""The extraction quality gate: run ``claimtrail extract`` on the seeds and score it.

    python tests/eval/eval_gate.py            # print scores and floors
    python tests/eval/eval_gate.py --update   # raise floors to the current scores
    python tests/eval/eval_gate.py --update --allow-lower   # also lower them

The pytest test in ``test_eval_gate.py`` fails when a score drops below its floor.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.json"
SCORER = SHARED / "eval" / "score.py"
FLOORS = Path(__file__).with_name("floors.toml")
METRICS = ("detection_f1", "strict_f1", "published", "title", "facts_f1")


def claimtrail_command() -> list[str]:
    exe = Path(sys.executable).with_name("claimtrail")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "claimtrail.cli"]


def run_scores(seeds: Path = SEEDS, gold: Path = GOLD) -> dict[str, float]:
    """Extract the seeds with the real CLI and score them with the shared scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "seeds.jsonl"
        subprocess.run([*claimtrail_command(), "extract", str(seeds), "-o", str(pred)], check=True)
        out = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(pred), "--docs", str(seeds), "--json"],
            check=True, capture_output=True, text=True,
        )
    result = json.loads(out.stdout)
    return {
        "detection_f1": result["detection"]["f1"],
        "strict_f1": result["strict"]["f1"],
        "published": result["documents"]["published"],
        "title": result["documents"]["title"],
        "facts_f1": result["facts"]["f1"],
    }


def read_floors() -> dict[str, float]:
    return dict(tomllib.loads(FLOORS.read_text("utf-8"))["seeds"])


def write_floors(scores: dict[str, float], *, allow_lower: bool) -> dict[str, float]:
    floors = read_floors()
    new = {m: (scores[m] if allow_lower else max(scores[m], floors.get(m, 0.0))) for m in METRICS}
    text = FLOORS.read_text("utf-8")
    head = text[: text.index("[seeds]")]
    body = "".join(f"{m} = {new[m]}\n" for m in METRICS)
    FLOORS.write_text(f"{head}[seeds]\n{body}", "utf-8")
    return new


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    ap.add_argument("--allow-lower", action="store_true", help="with --update, also lower floors")
    args = ap.parse_args()
    scores = run_scores()
    floors = write_floors(scores, allow_lower=args.allow_lower) if args.update else read_floors()
    for m in METRICS:
        mark = "ok" if scores[m] >= floors[m] else "BELOW FLOOR"
        print(f"{m:<14} {scores[m]:.4f}  floor {floors[m]:.4f}  {mark}")
    return 0 if all(scores[m] >= floors[m] for m in METRICS) else 1


if __name__ == "__main__":
    sys.exit(main())
