"""The extraction quality gate: run ``claimtrail extract`` on each gold corpus and score it.

    python tests/eval/eval_gate.py                   # print scores and floors
    python tests/eval/eval_gate.py --corpus dev      # one corpus only
    python tests/eval/eval_gate.py --update          # raise floors to the current scores
    python tests/eval/eval_gate.py --update --allow-lower   # also lower them

The corpora are the seeds and the development corpus (real articles, gold written
apart from claimtrail, in ``../shared``) and the samples (our own invented articles).
Each corpus is scored by the shared scorer ``../shared/eval/score.py``; the dev
corpus is also scored per group of stories, so that no group hides behind the
average. The pytest test in ``test_eval_gate.py`` fails when a score drops below
its floor in ``floors.toml``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.json"
SCORER = SHARED / "eval" / "score.py"
FLOORS = Path(__file__).with_name("floors.toml")
# The figures every corpus is gated on.
METRICS = ("detection_f1", "strict_f1", "published", "title", "facts_f1")
# The per-field agreement the scorer reports (share of matched claims with the field right).
FIELDS = ("measure", "qualifier", "when", "stated_by", "source", "stated_on", "hedged")


@dataclass(frozen=True)
class Corpus:
    """A folder of documents with its gold file; ``groups`` name subsets scored on their own."""

    docs: Path
    gold: Path
    metrics: tuple[str, ...] = METRICS
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Subsets scored in full (``<name>.<metric>`` for each of LANGUAGE_METRICS): the languages.
    languages: dict[str, tuple[int, int]] = field(default_factory=dict)


# The dev corpus's three groups of stories (its README): numbers of their documents.
DEV_GROUPS = {"101_118": (101, 118), "121_138": (121, 138), "141_158": (141, 158)}

# The multilingual dev corpus's languages (its README): numbers of their documents.
DEV_ML_LANGUAGES = {"de": (161, 164), "fr": (165, 168), "es": (169, 172), "uk": (181, 186), "ru": (187, 192)}
# What each language is gated on: detection, strict, and the fields of matched claims
# that every language's gold has (when and stated_on are null in some: no claim has one).
LANGUAGE_METRICS = ("detection_f1", "strict_f1", "measure", "qualifier", "stated_by", "source", "hedged")

CORPORA = {
    "seeds": Corpus(SEEDS, GOLD),
    "samples": Corpus(REPO / "samples", REPO / "samples" / "gold.json"),
    "dev": Corpus(
        SHARED / "eval" / "dev" / "docs",
        SHARED / "eval" / "dev.gold.json",
        metrics=METRICS + FIELDS + tuple(f"strict_f1_{g}" for g in DEV_GROUPS),
        groups=DEV_GROUPS,
    ),
    # Issue 13: real excerpts in de, fr, es, uk and ru; the whole set's facts link across them.
    "dev-ml": Corpus(
        SHARED / "eval" / "dev-ml" / "docs",
        SHARED / "eval" / "dev-ml.gold.json",
        metrics=("detection_f1", "strict_f1", "facts_f1")
        + tuple(f"{code}.{m}" for code in DEV_ML_LANGUAGES for m in LANGUAGE_METRICS),
        languages=DEV_ML_LANGUAGES,
    ),
}


def claimtrail_command() -> list[str]:
    exe = Path(sys.executable).with_name("claimtrail")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "claimtrail.cli"]


def extract(docs: Path, out: Path) -> None:
    """The real CLI's JSON Lines for every document of ``docs``."""
    subprocess.run([*claimtrail_command(), "extract", str(docs), "-o", str(out)], check=True)


def score(gold: Path, pred: Path, docs: Path) -> dict[str, Any]:
    """The shared scorer's result as JSON."""
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--docs", str(docs), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def flatten(result: dict[str, Any]) -> dict[str, float]:
    scores = {
        "detection_f1": result["detection"]["f1"],
        "strict_f1": result["strict"]["f1"],
        "published": result["documents"]["published"],
        "title": result["documents"]["title"],
        "facts_f1": result["facts"]["f1"],
    }
    scores.update({f: result["fields"][f] for f in FIELDS})
    return scores


def in_group(doc: str, bounds: tuple[int, int]) -> bool:
    stem = Path(doc).stem
    return stem.isdigit() and bounds[0] <= int(stem) <= bounds[1]


def group_files(gold: Path, pred: Path, bounds: tuple[int, int], folder: Path) -> tuple[Path, Path]:
    """A gold file and a prediction file holding only the documents of one group."""
    gold_json = json.loads(gold.read_text("utf-8"))
    gold_json["docs"] = [d for d in gold_json["docs"] if in_group(d["doc"], bounds)]
    lines = [line for line in pred.read_text("utf-8").splitlines() if line.strip()]
    kept = [line for line in lines if in_group(json.loads(line)["doc"], bounds)]
    sub_gold, sub_pred = folder / f"gold-{bounds[0]}.json", folder / f"pred-{bounds[0]}.jsonl"
    sub_gold.write_text(json.dumps(gold_json), "utf-8")
    sub_pred.write_text("".join(f"{line}\n" for line in kept), "utf-8")
    return sub_gold, sub_pred


def run_scores(corpus: Corpus) -> dict[str, float]:
    """Extract a corpus with the real CLI and score it (and its groups) with the shared scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        extract(corpus.docs, pred)
        scores = flatten(score(corpus.gold, pred, corpus.docs))
        for name, bounds in corpus.groups.items():
            sub_gold, sub_pred = group_files(corpus.gold, pred, bounds, Path(tmp))
            scores[f"strict_f1_{name}"] = score(sub_gold, sub_pred, corpus.docs)["strict"]["f1"]
        for code, bounds in corpus.languages.items():
            sub_gold, sub_pred = group_files(corpus.gold, pred, bounds, Path(tmp))
            result = flatten(score(sub_gold, sub_pred, corpus.docs))
            scores.update({f"{code}.{m}": result[m] or 0.0 for m in LANGUAGE_METRICS})  # None: no match
    return {m: scores[m] for m in corpus.metrics}


def read_floors(corpus: str = "seeds") -> dict[str, float]:
    """The floors of ``corpus``; those of a ``[corpus.sub]`` section named ``sub.metric``."""
    floors: dict[str, float] = {}
    for key, value in tomllib.loads(FLOORS.read_text("utf-8"))[corpus].items():
        if isinstance(value, dict):
            floors.update({f"{key}.{m}": v for m, v in value.items()})
        else:
            floors[key] = value
    return floors


def write_floors(all_scores: dict[str, dict[str, float]], *, allow_lower: bool) -> None:
    text = FLOORS.read_text("utf-8")
    head = text[: text.index("\n[") + 1]
    sections = []
    for corpus, spec in CORPORA.items():
        floors = read_floors(corpus) if f"[{corpus}]" in text else {}
        scores = all_scores.get(corpus, floors)
        new = {
            m: (scores[m] if allow_lower or m not in floors else max(scores[m], floors[m]))
            for m in spec.metrics
        }
        top = [m for m in spec.metrics if "." not in m]
        sections.append(f"[{corpus}]\n" + "".join(f"{m} = {new[m]}\n" for m in top))
        for sub in dict.fromkeys(m.split(".")[0] for m in spec.metrics if "." in m):
            own = [m for m in spec.metrics if m.startswith(f"{sub}.")]
            sections.append(
                f"[{corpus}.{sub}]\n" + "".join(f"{m.split('.', 1)[1]} = {new[m]}\n" for m in own)
            )
    FLOORS.write_text(head + "\n".join(sections), "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="score only these")
    ap.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    ap.add_argument("--allow-lower", action="store_true", help="with --update, also lower floors")
    args = ap.parse_args()
    names = args.corpus or list(CORPORA)
    all_scores = {name: run_scores(CORPORA[name]) for name in names}
    if args.update:
        write_floors(all_scores, allow_lower=args.allow_lower)
    ok = True
    for corpus, scores in all_scores.items():
        floors = read_floors(corpus)
        for m in CORPORA[corpus].metrics:
            floor = floors.get(m, 0.0)
            mark = "ok" if scores[m] >= floor else "BELOW FLOOR"
            ok &= scores[m] >= floor
            print(f"{corpus:<8} {m:<20} {scores[m]:.4f}  floor {floor:.4f}  {mark}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
