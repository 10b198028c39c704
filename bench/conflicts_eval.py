"""Precision of ``claimtrail conflicts`` on the seeds and the dev corpus, against hand labels.

    $ PYTHONPATH=src .venv/bin/python bench/conflicts_eval.py            # extract, find, score
    $ PYTHONPATH=src .venv/bin/python bench/conflicts_eval.py --show     # and print every row
    $ PYTHONPATH=src .venv/bin/python bench/conflicts_eval.py --ledger /tmp/dev.db   # keep the ledger

It extracts ``../shared/seeds`` and ``../shared/eval/dev/docs`` into a temporary
SQLite ledger with the library's ``ingest_paths`` (what ``claimtrail ingest``
runs), reads the ledger's timeline as ``claimtrail conflicts`` does (at most
CONFLICT_ROWS_LIMIT estimates, each with the story the story stage gave its
evidence claim; with ``--stand-in-stories``, the hand-made grouping of
``../shared/eval/dev/stories.json`` instead, which gives the same figures), runs
``link.find_conflicts`` and scores the rows against LABELS
(``tests/link/data/conflicts_labelled.jsonl``):

- contradictions precision and updates precision: of the listed rows of that
  kind that are labelled, the share labelled true (unlabelled rows are counted
  and printed, so a change that lists new rows shows them to be judged);
- revisions listed: of the corpus's real revisions (labels of kind
  ``revision``), how many are listed as updates.

A pair is identified by each estimate's evidence claim: document, span and
figure (``doc:start-end=low..high``), which survives re-extraction as long as
the extractor finds the same words.

How the rows were judged (one line of reason per label in LABELS). Each row was
read with both evidence sentences and both documents' stories:

- a **contradiction** is true when both figures count the same population (the
  same people or things: not a part against its whole, not one region against
  the national toll, not men against women, not a battle's losses against the
  war's), over the same period, as of about the same time, and the two sources
  do not agree: a reader would have to decide which figure to believe. A later
  larger toll from another body, when the earlier figure was a toll still
  rising, is not a contradiction (it is the toll rising); an extraction error
  (a wrong measure, actor or figure) makes the row false;
- an **update** is true when one counting body (under whatever name form)
  gave a later figure for the same population and period that replaces its
  earlier one; a part restated, another body's figure, or a different
  population make it false;
- a **revision** (the recall side) is a pair in the corpus where one body gave
  a figure and later a different figure for the same thing, found by reading
  each story's estimates sorted by source and date; it counts as listed when
  ``find_conflicts`` lists that pair (or a pair of the same two figures with one
  of its two estimates: the body's figure as another document printed it) as
  an update.

Second pass (issue 11): every estimate of every story was read again (383, sorted
by story, measure and source, with both documents at hand) to find the
revisions (21 labelled; the Pakistan "119 in the previous 24 hours -> 1,033"
label was dropped: a day's deaths, not a toll), and each listed row was judged
with these further rules, the same for every row:

- the time of an undated statement is read from its document where a reader
  can (109 was written after Kyiv lost most of Kursk; 116 says "earlier, in
  April"); figures of one document are of one day;
- approximate figures within a tenth of each other ("11,000" and "nearly
  12,000"; "around 750" and "up to 700") are one estimate rounded two ways;
- a count its sentence calls unfinished ("so far they could enlist 524") is at
  least that figure, so a larger figure does not contradict it;
- one health body's list in progress and its verified count (DGHS's 524 and the
  health ministry's 631) is one body's count rising, not a contradiction, even
  where no rule can know that the directorate is the ministry's.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from claimtrail import link
from claimtrail.models import Conflict, Filters, TimelineRow
from claimtrail.pipeline import CONFLICT_ROWS_LIMIT, ingest_paths, open_ledger
from claimtrail.settings import load_settings
from claimtrail.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV_DOCS = SHARED / "eval" / "dev" / "docs"
STORIES = SHARED / "eval" / "dev" / "stories.json"
LABELS = ROOT / "tests" / "link" / "data" / "conflicts_labelled.jsonl"
# The targets (issue 11): precision of each kind, and revisions listed as updates.
TARGET_PRECISION = 0.80
TARGET_REVISIONS = 10


def stories_by_doc(path: Path = STORIES) -> dict[str, str]:
    """Each document's file name -> its story."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {Path(name).name: story for name, story in table.items()}


def build_ledger(path: Path) -> Store:
    store = open_ledger(str(path), create=True)
    report = ingest_paths([SEEDS, DEV_DOCS], store, load_settings())
    if report.failures:
        print(f"{len(report.failures)} document(s) failed: {report.failures}", file=sys.stderr)
    return store


def evidence(store: Store) -> dict[int, str]:
    """Each current claim's id -> its identity ``doc:start-end``."""
    records = store.claims(Filters(limit=1_000_000))
    return {r.id: f"{r.doc}:{r.claim.span[0]}-{r.claim.span[1]}" for r in records}


def _bound(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def identity(row: TimelineRow, claims: dict[int, str]) -> str:
    """An estimate as its evidence claim: ``doc:start-end=low..high``."""
    where = claims.get(row.claim_id or -1, "?")
    return f"{where}={_bound(row.low)}..{_bound(row.high)}"


def with_stories(rows: list[TimelineRow], store: Store, stories: dict[str, str]) -> list[TimelineRow]:
    """The hand-made grouping: each row's story is its evidence claim's document's in stories.json."""
    docs = {r.id: Path(r.doc).name for r in store.claims(Filters(limit=1_000_000))}
    return [dataclasses.replace(r, story=stories.get(docs.get(r.claim_id or -1, ""))) for r in rows]


def load_labels(path: Path = LABELS) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pair_key(kind: str, earlier: str, later: str) -> tuple[str, str, str]:
    return (kind, earlier, later)


def revision_listed(earlier: str, later: str, updates: set[tuple[str, str]]) -> bool:
    """Whether an update lists this revision: its two estimates, or the same two figures with
    one of its estimates (the body's figure as another document printed it)."""
    figure = lambda key: key.split("=", 1)[1]
    return (earlier, later) in updates or any(
        figure(e) == figure(earlier) and figure(l) == figure(later) and (e == earlier or l == later)
        for e, l in updates
    )


def score(
    conflicts: list[Conflict], claims: dict[int, str], labels: list[dict[str, object]]
) -> dict[str, object]:
    judged = {pair_key(str(x["kind"]), str(x["earlier"]), str(x["later"])): bool(x["true"]) for x in labels}
    tally: dict[str, collections.Counter[str]] = {
        "contradiction": collections.Counter(),
        "update": collections.Counter(),
    }
    unlabelled: list[Conflict] = []
    listed_updates = set()
    for c in conflicts:
        key = pair_key(c.kind, identity(c.earlier, claims), identity(c.later, claims))
        if c.kind == "update":
            listed_updates.add((key[1], key[2]))
        verdict = judged.get(key)
        if verdict is None:
            unlabelled.append(c)
            tally[c.kind]["unlabelled"] += 1
        else:
            tally[c.kind]["true" if verdict else "false"] += 1
    revisions = [x for x in labels if x["kind"] == "revision"]
    found = [x for x in revisions if revision_listed(str(x["earlier"]), str(x["later"]), listed_updates)]
    result: dict[str, object] = {}
    for kind, counts in tally.items():
        labelled = counts["true"] + counts["false"]
        result[kind] = {
            "listed": labelled + counts["unlabelled"],
            "true": counts["true"],
            "false": counts["false"],
            "unlabelled": counts["unlabelled"],
            "precision": round(counts["true"] / labelled, 3) if labelled else None,
        }
    result["revisions"] = {"labelled": len(revisions), "listed_as_updates": len(found)}
    result["unlabelled_rows"] = unlabelled
    return result


def show(conflicts: list[Conflict], claims: dict[int, str], labels: list[dict[str, object]]) -> None:
    judged = {pair_key(str(x["kind"]), str(x["earlier"]), str(x["later"])): x for x in labels}
    for n, c in enumerate(conflicts):
        key = pair_key(c.kind, identity(c.earlier, claims), identity(c.later, claims))
        label = judged.get(key)
        verdict = "?" if label is None else ("TRUE" if label["true"] else "FALSE")
        print(f"#{n} {verdict} {c.kind} [{c.story}] {c.measure}/{c.actor}: {c.reason}")
        print(
            f"   E {key[1]} {c.earlier.stated_on} {c.earlier.source!r} [{c.earlier.text}|{c.earlier.counted}]"
        )
        print(f"     {c.earlier.quote}")
        print(f"   L {key[2]} {c.later.stated_on} {c.later.source!r} [{c.later.text}|{c.later.counted}]")
        print(f"     {c.later.quote}")
        if label is not None:
            print(f"   label: {label['why']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ledger", type=Path, help="build (or reuse, when it exists) this SQLite ledger")
    parser.add_argument("--show", action="store_true", help="print every conflict with both sentences")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--stand-in-stories",
        action="store_true",
        help="group by ../shared/eval/dev/stories.json, not the ledger",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.ledger or Path(tmp) / "ledger.db"
        store = open_store(str(path), create=False) if path.exists() else build_ledger(path)
        with store:
            rows = store.timeline(Filters(limit=CONFLICT_ROWS_LIMIT))
            if args.stand_in_stories:
                rows = with_stories(rows, store, stories_by_doc())
            claims = evidence(store)
    conflicts = link.find_conflicts(rows)
    labels = load_labels()
    if args.show:
        show(conflicts, claims, labels)
    result = score(conflicts, claims, labels)
    unlabelled = result.pop("unlabelled_rows")
    assert isinstance(unlabelled, list)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{len(rows)} estimates, {len(conflicts)} conflicts; labels: {LABELS.relative_to(ROOT)}")
        for kind in ("contradiction", "update"):
            print(f"  {kind}s: {result[kind]}")
        print(f"  revisions: {result['revisions']} (target >= {TARGET_REVISIONS})")
        print(f"  target precision >= {TARGET_PRECISION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
