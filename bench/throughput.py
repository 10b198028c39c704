"""Throughput of claim extraction, against a bare spaCy pass over the same texts.

    $ .venv/bin/python bench/throughput.py                 # 500 documents, seed 13
    $ .venv/bin/python bench/throughput.py --docs 2000 --seed 7
    $ .venv/bin/python bench/throughput.py --corpus-only   # build the corpus, print its stats
    $ .venv/bin/python bench/throughput.py --runs 1        # one timing of each instead of three

The corpus is built deterministically from the five seeds (``../shared/seeds``) and
the bundled text samples (``samples/*.txt``): each document is a variant made by
shuffling, dropping and duplicating paragraphs, substituting numbers and names, and
mixing the paragraphs of two articles. Then, in one run and with one loaded model,
it times

  (a) ``claimtrail.pipeline.extract_raw`` over the corpus, consuming every result;
  (b) a bare ``nlp.pipe`` over the same raw texts with all default components,

after warming both up on a few documents (model loading is in neither timing), and
prints seconds, articles/s and words/s for each and the ratio (a)/(b). Extraction
parses only the sentences that can hold a claim, so the ratio should stay at or
below TARGET_RATIO. Each pair of timings is taken ``--runs`` times (three by
default) and the median ratio is the verdict: on a shared machine one run varies by
about 0.05, and by far more when other processes compete for the cores; the ratio of
the CPU seconds each pass used is printed beside it, for it hardly moves with the
machine's load. The same is then measured on the development corpus's real pages
(``../shared/eval/dev/docs``, as they are), whose share of figures differs from the
seeds'. Last, extraction alone per language: the English dev pages and the
multilingual corpus's pages (``../shared/eval/dev-ml/docs``, read with their
sidecars) grouped by language, in words and documents per second (``--languages``
alone skips the rest). A language read without a parse (de, es, uk, ru: no model
on the registry) has no bare spaCy pass to compare with.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
SAMPLES_DIR = REPO_ROOT / "samples"
DEV_DIR = REPO_ROOT.parent / "shared" / "eval" / "dev" / "docs"
DEV_ML_DIR = REPO_ROOT.parent / "shared" / "eval" / "dev-ml" / "docs"
# Timings per corpus; the median ratio of three is steady to about 0.02 here.
DEFAULT_RUNS = 3

DEFAULT_DOCS = 500
DEFAULT_SEED = 13
# Extraction should cost at most half a full parse of every text: it skips menus,
# footers and number-free sentences, which are most of a scraped page.
TARGET_RATIO = 0.5
# Enough documents to load lazily built tables and fill the model's caches,
# few enough to leave the timed corpus almost whole.
WARMUP_DOCS = 5
# Every variant applies between these many operations, so that no two documents of
# a 500-document corpus are likely to be identical.
MIN_OPERATIONS = 1
MAX_OPERATIONS = 4
# Share of paragraphs dropped by the "drop" operation; at least MIN_PARAGRAPHS stay.
DROP_PROBABILITY = 0.2
MIN_PARAGRAPHS = 3
# A text split on blank lines into fewer pieces than this is split on line breaks
# instead (some dumps hold one paragraph per line with no blank lines).
MIN_BLANK_LINE_PARAGRAPHS = 4
# Redraws of a variant identical to an earlier document before it is kept anyway.
MAX_REDRAWS = 10

# Names swapped by the "names" operation: each group's members stand for one another.
NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("North Korea", "Russia", "Ukraine", "South Korea", "Veloria", "Kastavia", "Morland", "Estrava"),
    ("Seoul", "Pyongyang", "Moscow", "Kyiv", "Calderin", "Port Aldric", "Varosz", "Dunholm"),
    ("Lee Seong-kweun", "Yoo Yong-won", "Mirela Dastan", "Aurel Benning", "Sabine Kroll", "Dario Pell"),
    ("Kursk", "Orvena", "Tessa", "Sumy", "Kestel", "Ebbenhall"),
)
# Four-digit numbers in this range are years; substituting them would make dates
# nonsense rather than vary the figures.
YEAR_RANGE = range(1900, 2100)
NUMBER_PATTERN = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d+(?![\d,])")
BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class BaseText:
    """One article the corpus is built from."""

    name: str
    text: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    """One corpus document: its text, the article it came from and what was done to it."""

    doc: str
    text: str
    base: str
    operations: tuple[str, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Timing:
    """One timed pass over the corpus."""

    label: str
    seconds: float
    documents: int
    words: int

    def report(self) -> str:
        per_s = self.documents / self.seconds if self.seconds else float("inf")
        words_s = self.words / self.seconds if self.seconds else float("inf")
        return f"{self.label:<12} {self.seconds:8.2f} s  {per_s:8.1f} articles/s  {words_s:10,.0f} words/s"


# --- building the corpus --------------------------------------------------------------


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs on blank lines; on line breaks when the dump has hardly any blank lines."""
    pieces = [p for p in BLANK_LINES.split(text) if p.strip()]
    if len(pieces) < MIN_BLANK_LINE_PARAGRAPHS:
        pieces = [line for line in text.split("\n") if line.strip()]
    return tuple(pieces)


def load_base_texts(seeds_dir: Path, samples_dir: Path) -> list[BaseText]:
    """The seed and sample ``.txt`` articles, in a fixed order."""
    paths = sorted(seeds_dir.glob("*.txt")) + sorted(samples_dir.glob("*.txt"))
    bases = []
    for path in paths:
        text = path.read_text("utf-8")
        bases.append(BaseText(name=path.name, text=text, paragraphs=split_paragraphs(text)))
    return bases


def shuffle_paragraphs(paragraphs: list[str], rng: random.Random) -> list[str]:
    # The first paragraph (menu or headline) stays on top, as on a real page.
    body = paragraphs[1:]
    rng.shuffle(body)
    return paragraphs[:1] + body


def drop_paragraphs(paragraphs: list[str], rng: random.Random) -> list[str]:
    kept = [p for p in paragraphs if rng.random() >= DROP_PROBABILITY]
    return kept if len(kept) >= MIN_PARAGRAPHS else paragraphs


def duplicate_paragraph(paragraphs: list[str], rng: random.Random) -> list[str]:
    # A repeated paragraph right after itself, like a caption printed twice.
    index = rng.randrange(len(paragraphs))
    return paragraphs[: index + 1] + [paragraphs[index]] + paragraphs[index + 1 :]


def substitute_number(match: re.Match[str], rng: random.Random) -> str:
    original = match.group(0)
    digits = original.replace(",", "")
    if len(digits) == 4 and int(digits) in YEAR_RANGE:
        return original
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
    value = rng.randrange(low, 10 ** len(digits))
    return f"{value:,}" if "," in original else str(value)


def substitute_numbers(paragraphs: list[str], rng: random.Random) -> list[str]:
    return [NUMBER_PATTERN.sub(lambda m: substitute_number(m, rng), p) for p in paragraphs]


def substitute_names(paragraphs: list[str], rng: random.Random) -> list[str]:
    mapping: dict[str, str] = {}
    for group in NAME_GROUPS:
        shuffled = list(group)
        rng.shuffle(shuffled)
        mapping.update(zip(group, shuffled, strict=True))
    # One alternation, longest names first, so that a replaced name is never replaced again.
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    return [pattern.sub(lambda m: mapping[m.group(0)], p) for p in paragraphs]


Operation = Callable[[list[str], random.Random], list[str]]
OPERATIONS: dict[str, Operation] = {
    "shuffle": shuffle_paragraphs,
    "drop": drop_paragraphs,
    "duplicate": duplicate_paragraph,
    "numbers": substitute_numbers,
    "names": substitute_names,
}


def mix_paragraphs(paragraphs: list[str], other: BaseText, rng: random.Random) -> list[str]:
    """The head of this article followed by the tail of another, cut at random points."""
    cut_this = rng.randrange(1, len(paragraphs) + 1)
    cut_other = rng.randrange(len(other.paragraphs))
    return paragraphs[:cut_this] + list(other.paragraphs[cut_other:])


def make_variant(index: int, bases: Sequence[BaseText], rng: random.Random) -> Variant:
    """One document: an original for the first pass over the bases, a variant after that."""
    base = bases[index % len(bases)]
    if index < len(bases):
        return Variant(doc=f"bench_{index:05d}.txt", text=base.text, base=base.name, operations=())
    count = rng.randint(MIN_OPERATIONS, MAX_OPERATIONS)
    names = rng.sample([*OPERATIONS, "mix"], k=count)
    paragraphs = list(base.paragraphs)
    for name in names:
        if name == "mix":
            other = rng.choice([b for b in bases if b.name != base.name] or list(bases))
            paragraphs = mix_paragraphs(paragraphs, other, rng)
        else:
            paragraphs = OPERATIONS[name](paragraphs, rng)
    text = "\n\n".join(paragraphs) + "\n"
    return Variant(doc=f"bench_{index:05d}.txt", text=text, base=base.name, operations=tuple(names))


def build_corpus(bases: Sequence[BaseText], documents: int, seed: int) -> list[Variant]:
    """``documents`` variants of ``bases``; the same seed always gives the same corpus."""
    if not bases:
        raise ValueError("no .txt articles to build the corpus from")
    rng = random.Random(seed)
    corpus: list[Variant] = []
    seen: set[str] = set()
    for index in range(documents):
        variant = make_variant(index, bases, rng)
        # A variant can come out equal to an earlier one (a shuffle of two paragraphs,
        # names that do not occur): draw again, a bounded number of times.
        for _ in range(MAX_REDRAWS):
            if variant.text not in seen:
                break
            variant = make_variant(index, bases, rng)
        seen.add(variant.text)
        corpus.append(variant)
    return corpus


def describe_corpus(corpus: Sequence[Variant], seed: int) -> str:
    words = [v.words for v in corpus]
    operations = Counter(op for v in corpus for op in v.operations)
    bases = Counter(v.base for v in corpus)
    distinct = len({v.text for v in corpus})
    lines = [
        (
            f"corpus       {len(corpus):,} documents ({distinct:,} distinct), {sum(words):,} words, "
            f"{sum(len(v.text) for v in corpus):,} characters, seed {seed}"
        ),
        f"words/doc    min {min(words):,}  median {statistics.median(words):,.0f}  max {max(words):,}",
        f"base texts   {len(bases)}: " + ", ".join(f"{name} x{n}" for name, n in sorted(bases.items())),
        "operations   " + ", ".join(f"{name} {n}" for name, n in sorted(operations.items())),
    ]
    return "\n".join(lines)


# --- timing ---------------------------------------------------------------------------


def raw_documents(corpus: Sequence[Variant]) -> list[Any]:
    from claimtrail.models import RawDocument

    return [RawDocument(doc=v.doc, text=v.text, origin="bench", format="text") for v in corpus]


def run_extraction(docs: Sequence[Any], settings: Any, nlp: Any) -> tuple[int, int]:
    """Consume every result of ``extract_raw``; return (claims, failures)."""
    from claimtrail.models import Document
    from claimtrail.pipeline import extract_raw

    claims = failures = 0
    for result in extract_raw(docs, settings, nlp=nlp):
        if isinstance(result, Document):
            claims += len(result.claims)
        else:
            failures += 1
    return claims, failures


def run_bare(texts: Sequence[str], nlp: Any, batch_size: int) -> None:
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of ``action`` (CPU time hardly moves with other processes' load)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - start, time.process_time() - cpu_start, result


def benchmark(name: str, corpus: Sequence[Variant], batch_size: int | None, runs: int, nlp: Any) -> str:
    """Time extraction and the bare pipeline over ``corpus`` ``runs`` times; return the printed report."""
    from claimtrail.settings import load_settings

    settings = load_settings()
    docs, texts = raw_documents(corpus), [v.text for v in corpus]
    words = sum(v.words for v in corpus)
    pipe_batch = batch_size or settings.nlp.batch_size
    # 1. warm both up (the model is loaded once, outside every timing)
    run_extraction(docs[:WARMUP_DOCS], settings, nlp)
    run_bare(texts[:WARMUP_DOCS], nlp, pipe_batch)
    # 2. time each over the whole corpus, ``runs`` times
    lines = [f"--- {name}: {len(docs):,} documents, {words:,} words"]
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    for run in range(1, runs + 1):
        extract_s, extract_cpu, (claims, failures) = timed(lambda: run_extraction(docs, settings, nlp))
        bare_s, bare_cpu, _ = timed(lambda: run_bare(texts, nlp, pipe_batch))
        ratios.append(extract_s / bare_s if bare_s else float("inf"))
        cpu_ratios.append(extract_cpu / bare_cpu if bare_cpu else float("inf"))
        lines += [
            f"run {run}",
            Timing("extract", extract_s, len(docs), words).report(),
            Timing("bare spaCy", bare_s, len(texts), words).report(),
            (
                f"ratio        extract / bare = {ratios[-1]:.3f} "
                f"(CPU time: {extract_cpu:.2f} s / {bare_cpu:.2f} s = {cpu_ratios[-1]:.3f})"
            ),
        ]
    # 3. report
    median = statistics.median(ratios)
    verdict = "ok" if median <= TARGET_RATIO else "ABOVE TARGET"
    lines += [
        (
            f"median ratio {median:.3f} of {runs} run(s) (target <= {TARGET_RATIO}: {verdict}); "
            f"CPU-time median {statistics.median(cpu_ratios):.3f}"
        ),
        f"claims       {claims:,} extracted ({claims / len(docs):.1f} per document), {failures} failures",
    ]
    return "\n".join(lines)


def language_throughput(folders: Sequence[Path], runs: int, nlp: Any) -> str:
    """Extraction alone over the pages of ``folders`` grouped by language: words and documents per second."""
    from claimtrail import ingest
    from claimtrail.models import RawDocument
    from claimtrail.settings import load_settings

    settings = load_settings()
    by_language: dict[str, list[RawDocument]] = {}
    for folder in folders:
        for raw in ingest.iter_documents([folder], settings.ingest):
            if isinstance(raw, RawDocument):
                by_language.setdefault(raw.meta.language or "en", []).append(raw)
    lines = ["--- extraction per language (median of the runs)"]
    for language, docs in sorted(by_language.items()):
        words = sum(len(d.text.split()) for d in docs)
        run_extraction(docs[:WARMUP_DOCS], settings, nlp)  # loads the language's model or tables
        seconds = statistics.median(
            timed(partial(run_extraction, docs, settings, nlp))[0] for _ in range(runs)
        )
        lines.append(
            f"{language:<4} {len(docs):>4} documents {words:>7,} words  {seconds:6.2f} s  "
            f"{words / seconds:>8,.0f} words/s  {len(docs) / seconds:6.1f} documents/s"
        )
    return "\n".join(lines)


def dev_corpus(folder: Path) -> list[Variant]:
    """The development corpus's real pages, as they are."""
    return [
        Variant(doc=path.name, text=path.read_text("utf-8"), base=path.name, operations=())
        for path in sorted(folder.glob("*.txt"))
    ]


# --- command line ---------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help=f"documents (default {DEFAULT_DOCS})")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="nlp.pipe batch size of the bare pass (default: settings nlp.batch_size)",
    )
    parser.add_argument("--corpus-only", action="store_true", help="build the corpus, print its stats, stop")
    parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help=f"default {SEEDS_DIR}")
    parser.add_argument("--samples-dir", type=Path, default=SAMPLES_DIR, help=f"default {SAMPLES_DIR}")
    parser.add_argument("--dev-dir", type=Path, default=DEV_DIR, help=f"real pages, default {DEV_DIR}")
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"timings per corpus (default {DEFAULT_RUNS})"
    )
    parser.add_argument("--dev-ml-dir", type=Path, default=DEV_ML_DIR, help=f"default {DEV_ML_DIR}")
    parser.add_argument("--languages", action="store_true", help="only the per-language extraction figures")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.docs < 1 or args.runs < 1:
        print("--docs and --runs must be at least 1", file=sys.stderr)
        return 2
    bases = load_base_texts(args.seeds_dir, args.samples_dir)
    if not bases:
        print(f"no .txt articles in {args.seeds_dir} or {args.samples_dir}", file=sys.stderr)
        return 2
    corpus = build_corpus(bases, args.docs, args.seed)
    print(describe_corpus(corpus, args.seed), flush=True)
    if args.corpus_only:
        return 0
    from claimtrail.nlp import load_model
    from claimtrail.settings import load_settings

    settings = load_settings()
    nlp = load_model(settings.nlp.model)
    print(f"model        {settings.nlp.model} ({', '.join(nlp.pipe_names)})", flush=True)
    if not args.languages:
        print(benchmark("seeds and samples, varied", corpus, args.batch_size, args.runs, nlp), flush=True)
        real = dev_corpus(args.dev_dir)
        if real:
            print(
                benchmark(f"real pages of {args.dev_dir}", real, args.batch_size, args.runs, nlp), flush=True
            )
        else:
            print(f"--- no .txt pages in {args.dev_dir}: the real-page ratio is not measured")
    folders = [f for f in (args.dev_dir, args.dev_ml_dir) if f.is_dir()]
    print(language_throughput(folders, args.runs, nlp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
