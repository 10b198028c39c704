"""Extraction time of single-line pages with no sentence break, by size.

    $ .venv/bin/python bench/longlines.py                    # 25 KB, 100 KB, 1 MB, 10 MB
    $ .venv/bin/python bench/longlines.py --sizes 25000 100000

Each page is one line of invented news-like words and figures ("about 1,200 troops
were deployed near the border while officials said 35 people") with no full stop,
as a scraped page with its punctuation stripped or a log dump can be. The time of
``claimtrail.pipeline.extract_raw`` on each is printed with the number of claims
found, or the error when the document failed; the model is loaded (and warmed up
on a short text) before any timing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace

DEFAULT_SIZES = (25_000, 100_000, 1_000_000, 10_000_000)
DEFAULT_SEED = 5

_PROSE = (
    "the officials said that troops were deployed near the border while the ministry "
    "reported people killed in the region and the government estimated soldiers wounded "
    "after the attack on the city as residents fled their homes during the fighting"
)
_WORDS = tuple(_PROSE.split())
_NOUNS = ("troops", "people", "soldiers", "civilians", "houses", "shells", "rescuers", "refugees")
_QUALIFIERS = ("", "", "about ", "more than ", "some ", "at least ")


def long_line(size: int, seed: int = DEFAULT_SEED) -> str:
    """One line of about ``size`` characters: words with a figure every dozen or so words."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.08:
            word = f"{rng.choice(_QUALIFIERS)}{rng.randint(2, 40_000):,} {rng.choice(_NOUNS)}"
        else:
            word = rng.choice(_WORDS)
        parts.append(word)
        length += len(word) + 1
    return " ".join(parts)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--max-unbroken", type=int, help="override nlp.max_unbroken_chars, to time parsing of longer runs"
    )
    args = parser.parse_args(argv)

    from claimtrail.models import Document, RawDocument
    from claimtrail.nlp import load_model
    from claimtrail.pipeline import extract_raw
    from claimtrail.settings import load_settings

    settings = load_settings()
    if args.max_unbroken is not None:
        settings = replace(settings, nlp=replace(settings.nlp, max_unbroken_chars=args.max_unbroken))
    nlp = load_model(settings.nlp.model)
    warm = RawDocument(
        doc="warm", text="Floods killed 27 people, the ministry said.", origin="<warm>", format="text"
    )
    list(extract_raw([warm], settings, nlp))
    for size in args.sizes:
        raw = RawDocument(doc=f"{size}", text=long_line(size, args.seed), origin="<bench>", format="text")
        began = time.perf_counter()
        try:
            result = next(extract_raw([raw], settings, nlp))
            outcome = (
                f"{len(result.claims)} claims" if isinstance(result, Document) else f"failed: {result.error}"
            )
        except Exception as exc:  # noqa: BLE001 - the run itself died: what the bench is here to show
            outcome = f"run aborted: {exc!r}"[:160]
        seconds = time.perf_counter() - began
        print(f"{size:>11,} chars  {seconds:8.2f} s  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
