"""The extraction quality gate: run ``claimtrail extract`` on the seeds (and samples) and score it.

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
# Each corpus the gate scores: its documents and its gold file. The samples are
# our own invented articles with a gold file written apart from the extractor.
CORPORA = {
    "seeds": (SEEDS, GOLD),
    "samples": (REPO / "samples", REPO / "samples" / "gold.json"),
}


def claimtrail_command() -> list[str]:
    exe = Path(sys.executable).with_name("claimtrail")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "claimtrail.cli"]


def run_scores(seeds: Path = SEEDS, gold: Path = GOLD) -> dict[str, float]:
    """Extract a corpus with the real CLI and score it with the shared scorer."""
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


def read_floors(corpus: str = "seeds") -> dict[str, float]:
    return dict(tomllib.loads(FLOORS.read_text("utf-8"))[corpus])


def write_floors(all_scores: dict[str, dict[str, float]], *, allow_lower: bool) -> None:
    text = FLOORS.read_text("utf-8")
    head = text[: text.index("[")]
    sections = []
    for corpus, scores in all_scores.items():
        floors = read_floors(corpus)
        new = {m: (scores[m] if allow_lower else max(scores[m], floors.get(m, 0.0))) for m in METRICS}
        sections.append(f"[{corpus}]\n" + "".join(f"{m} = {new[m]}\n" for m in METRICS))
    FLOORS.write_text(head + "\n".join(sections), "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    ap.add_argument("--allow-lower", action="store_true", help="with --update, also lower floors")
    args = ap.parse_args()
    all_scores = {corpus: run_scores(docs, gold) for corpus, (docs, gold) in CORPORA.items()}
    if args.update:
        write_floors(all_scores, allow_lower=args.allow_lower)
    ok = True
    for corpus, scores in all_scores.items():
        floors = read_floors(corpus)
        for m in METRICS:
            mark = "ok" if scores[m] >= floors[m] else "BELOW FLOOR"
            ok &= scores[m] >= floors[m]
            print(f"{corpus:<8} {m:<14} {scores[m]:.4f}  floor {floors[m]:.4f}  {mark}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
