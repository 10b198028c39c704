"""The story stage at ledger scale: time per document as the index grows, and the candidates' agreement.

    $ .venv/bin/python bench/story_scale.py                        # 20,000 reports, then 4,000 compared
    $ .venv/bin/python bench/story_scale.py --documents 5000 --compare 2000

The reports are the watch benchmark's invented dam bursts (``tests/feedserver.py``
``dam_report``: two contradicting reports of each burst, 90 date slots 800 days
apart, two paragraphs of words drawn from a few thousand invented ones, so every
page shares words with thousands of others). Their story inputs are built
without spaCy: each capitalised word of a page is given as a place, which is
about what the parser finds on them. The run prints, per thousand documents, the
seconds the index took and the stories it holds, then the time of one document
at the end, then ``--compare`` documents assigned again by an index that weighs
every story (``StoryIndex(exhaustive=True)``): how many were put in a story other
than the one the candidates chose (the candidates' cost in accuracy; 0 means none).

Measured on the shared 2-core development machine (other jobs running): 20,000
reports into 3,241 stories (bursts of one slot and kind read alike and merge),
see docs/benchmarks.md for the figures; the 4,000 compared: 0 differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from feedserver import dam_report
from watch import DATE_SLOTS, FIRST_DATE, SLOT_DAYS  # the watch benchmark's dates of the bursts

from claimtrail.models import StoryInput
from claimtrail.story import DocumentFeatures, StoryIndex, document_features

DEFAULT_DOCUMENTS = 20_000
DEFAULT_COMPARE = 4_000
# Words capitalised in every report: the template's, not a burst's names.
_TEMPLATE_WORDS = {"The", "Dam", "Teams", "Relief", "Agency", "Water", "Board"}
_PARAGRAPH = re.compile(r"<p>(.*?)</p>")
_TITLE = re.compile(r"<title>(.*?)</title>")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def report_input(n: int) -> StoryInput:
    """The story input of invented report ``n``."""
    page = dam_report(n).decode()
    title_match = _TITLE.search(page)
    title = html.unescape(title_match.group(1)) if title_match else ""
    text = html.unescape(" ".join(_PARAGRAPH.findall(page)))
    names = [w for w in _CAPITALISED.findall(f"{title} {text}") if w not in _TEMPLATE_WORDS]
    day = FIRST_DATE + dt.timedelta(days=SLOT_DAYS * ((n // 2) % DATE_SLOTS))
    return StoryInput(
        doc=f"{n}.html",
        title=title,
        url=None,
        published=day,
        language="en",
        text=text,
        entities=tuple((name, "GPE") for name in names),
    )


def grow(features: list[DocumentFeatures], index: StoryIndex, label: str) -> list[str]:
    """Assign every document in order, printing the seconds per thousand; the stories assigned."""
    assigned: list[str] = []
    started = time.perf_counter()
    for i, f in enumerate(features, 1):
        assigned.append(index.assign(f))
        if i % 1000 == 0 or i == len(features):
            now = time.perf_counter()
            print(
                f"  {label:>10} {i:>7,} documents  {len(index.stories):>6,} stories  {now - started:6.2f} s"
            )
            started = now
    return assigned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
    parser.add_argument("--compare", type=int, default=DEFAULT_COMPARE, help="documents to compare (0: none)")
    args = parser.parse_args()

    started = time.perf_counter()
    features = [document_features(report_input(n)) for n in range(args.documents)]
    print(f"{args.documents:,} reports read in {time.perf_counter() - started:.1f} s")

    index = StoryIndex()
    grow(features, index, "candidates")
    timings = []
    for n in range(args.documents, args.documents + 50):  # one document more, at the final size
        f = document_features(report_input(n))
        t = time.perf_counter()
        index.assign(f)
        timings.append(time.perf_counter() - t)
    print(f"one document more at {args.documents:,}: median {statistics.median(timings) * 1000:.1f} ms")

    if args.compare:
        subset = features[: args.compare]
        with_candidates = grow(subset, StoryIndex(), "candidates")
        every_story = grow(subset, StoryIndex(exhaustive=True), "all")
        differ = sum(a != b for a, b in zip(with_candidates, every_story, strict=True))
        print(
            f"{args.compare:,} documents compared: {differ} put in another story than every story's weighing"
        )


if __name__ == "__main__":
    main()
