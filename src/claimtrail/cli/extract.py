"""``claimtrail extract``: claims of articles as JSON Lines (or a table)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..api import extract_files
from ..models import Document, DocumentFailure
from ..settings import Settings, load_settings

FORMATS = ("jsonl", "table")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="extract the claims of articles",
        description="Extract numeric claims from .txt, .html/.htm and .jsonl articles (files or folders).",
    )
    p.add_argument("paths", nargs="+", metavar="ARTICLES", help="files or folders of articles")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--settings", type=Path, help="a TOML file overriding defaults.toml")
    p.set_defaults(run=run)


def _count_inputs(paths: list[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            total += sum(1 for f in path.rglob("*") if f.is_file() and not f.name.endswith(".meta.json"))
        else:
            total += 1
    return total


@contextlib.contextmanager
def _progress(total: int, settings: Settings) -> Iterator[Any]:
    """A progress bar on stderr when more than a handful of documents are extracted."""
    if total <= settings.cli.progress_min_documents:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=_stderr_console(), transient=True,
    ) as progress:
        yield (progress, progress.add_task("extract", total=total))


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    results = extract_files(args.paths, settings=settings)
    failures = 0
    with contextlib.ExitStack() as stack:
        out: IO[str] = stack.enter_context(args.output.open("w", encoding="utf-8")) if args.output else sys.stdout
        bar = stack.enter_context(_progress(_count_inputs(args.paths), settings))
        documents: list[Document] = []
        for result in results:
            if bar is not None:
                bar[0].advance(bar[1])
            if isinstance(result, DocumentFailure):
                failures += 1
                print(f"claimtrail: {result.origin}: {result.error}", file=sys.stderr)
                continue
            if args.format == "jsonl":
                out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                out.flush()
            else:
                documents.append(result)
        if args.format == "table":
            _print_table(documents, out)
    if failures:
        print(f"claimtrail: {failures} document(s) failed; the others were written", file=sys.stderr)
    return 1 if failures else 0


def _print_table(documents: list[Document], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="claims", show_lines=False)
    for column in ("doc", "text", "value", "qualifier", "measure", "actor", "stated by", "source", "stated on",
                   "hedged", "fact"):
        table.add_column(column, overflow="fold")
    for document in documents:
        for c in document.claims:
            low, high = c.value.low, c.value.high
            value = f"{low}" if low == high else f"{low if low is not None else ''}..{high if high is not None else ''}"
            table.add_row(
                document.doc, c.text, value, c.qualifier, c.measure, c.actor or "", c.stated_by or "",
                c.source or "", c.stated_on.isoformat() if c.stated_on else "", "yes" if c.hedged else "",
                c.fact or "",
            )
    Console(file=out, width=200 if not out.isatty() else None).print(table)
