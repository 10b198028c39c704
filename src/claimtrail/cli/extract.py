"""``claimtrail extract``: claims of articles as JSON Lines (or a table)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rich.console import Console

from ..api import count_documents, extract_files
from ..errors import OutputError, ScaleError
from ..models import Document, DocumentFailure
from ..settings import Settings, load_settings
from .engine import TerminalListener, add_engine_options, engine_options
from .options import add_settings_option

if TYPE_CHECKING:
    from ..scale import EngineOptions

FORMATS = ("jsonl", "table")
TABLE_COLUMNS = (
    "doc",
    "text",
    "value",
    "qualifier",
    "measure",
    "actor",
    "stated by",
    "source",
    "stated on",
    "hedged",
    "fact",
)
# Wide enough that a claim's text rarely wraps when the table goes to a file or pipe.
TABLE_WIDTH_CHARS = 200


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="extract the claims of articles",
        description=(
            "Extract numeric claims from .txt, .html/.htm, .jsonl and .warc/.warc.gz articles "
            "(files or folders)."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="ARTICLES", help="files or folders of articles")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    add_settings_option(p)
    add_engine_options(p, parts_dir=True)
    p.set_defaults(run=run)


def _count_inputs(paths: list[str]) -> int | None:
    """How many documents ``paths`` hold, for the progress bar: a file each, a JSON Lines file a line each.

    None when a WARC file is among them: counting its records means reading it all.
    """
    total = 0
    for raw in paths:
        path = Path(raw)
        files = [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
        for file in files:
            if file.name.endswith(".meta.json"):
                continue
            count = count_documents(file)
            if count is None:
                return None
            total += count
    return total


@contextlib.contextmanager
def _progress(total: int | None, settings: Settings) -> Iterator[Callable[[], None]]:
    """A function advancing a progress bar on stderr, shown when more than a handful of documents come.

    ``total`` None: unknown (the bar counts without an end).
    """
    console = Console(stderr=True)
    # A bar is only worth drawing for a person watching a terminal.
    few = total is not None and total <= settings.cli.progress_min_documents
    if few or not console.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=total)
        yield lambda: progress.advance(task)


def _open_output(path: Path | None, stack: contextlib.ExitStack) -> IO[str]:
    if path is None:
        return sys.stdout
    try:
        return stack.enter_context(path.open("w", encoding="utf-8"))
    except OSError as exc:
        raise OutputError(f"cannot write the output file {path}: {exc.strerror}") from exc


def failure_message(failure: DocumentFailure) -> str:
    """One line naming the failed document once (ingest errors already open with its path)."""
    path, _, line = failure.origin.rpartition(":")
    named = failure.error.startswith(failure.origin) or (
        line.isdigit() and failure.error.startswith(f"{path} line {line}")
    )
    return failure.error if named else f"{failure.origin}: {failure.error}"


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    options = engine_options(args)
    if options is not None:
        return _run_dask(args, settings, options)
    results = extract_files(args.paths, settings=settings)
    failures = 0
    with contextlib.ExitStack() as stack:
        out = _open_output(args.output, stack)
        advance = stack.enter_context(_progress(_count_inputs(args.paths), settings))
        documents: list[Document] = []
        for result in results:
            advance()
            if isinstance(result, DocumentFailure):
                failures += 1
                print(f"claimtrail: {failure_message(result)}", file=sys.stderr)
                continue
            if args.format == "jsonl":
                out.write(result.to_json_line())
                out.flush()
            else:
                documents.append(result)
        if args.format == "table":
            _print_table(documents, out)
    return _finish(failures)


def _finish(failures: int) -> int:
    if failures:
        print(f"claimtrail: {failures} document(s) failed; the others were written", file=sys.stderr)
    return 1 if failures else 0  # EXIT_FAILURES / EXIT_OK (see the cli package)


def _run_dask(args: argparse.Namespace, settings: Settings, options: EngineOptions) -> int:
    """The same output on a Dask cluster: JSON Lines only, written as partitions finish in order."""
    from ..scale import extract_distributed

    if args.format != "jsonl":
        # A table needs every document at once; the Dask engine never holds them in the client.
        raise ScaleError("--engine dask writes --format jsonl only; use the local engine for a table")
    with contextlib.ExitStack() as stack:
        out = _open_output(args.output, stack)
        listener = stack.enter_context(TerminalListener(settings, "extracting", failure_message))
        report = extract_distributed(args.paths, settings, out, options=options, listener=listener)
    return _finish(len(report.failures))


def _format_value(low: float | None, high: float | None) -> str:
    if low == high:
        return f"{low}"
    return f"{'' if low is None else low}..{'' if high is None else high}"


def _print_table(documents: list[Document], out: IO[str]) -> None:
    from rich.table import Table

    table = Table(title="claims", show_lines=False)
    for column in TABLE_COLUMNS:
        table.add_column(column, overflow="fold")
    for document in documents:
        for c in document.claims:
            table.add_row(
                document.doc,
                c.text,
                _format_value(c.value.low, c.value.high),
                c.qualifier,
                c.measure,
                c.actor or "",
                c.stated_by or "",
                c.source or "",
                c.stated_on.isoformat() if c.stated_on else "",
                "yes" if c.hedged else "",
                c.fact or "",
            )
    Console(file=out, width=None if out.isatty() else TABLE_WIDTH_CHARS).print(table)
