"""The ``--engine`` options of ``extract`` and ``ingest``, and what a distributed run prints.

    $ claimtrail extract CORPUS... --engine dask [--scheduler tcp://host:8786] [--workers N]
    $ claimtrail ingest CORPUS... --engine dask --db postgresql://...

The Dask engine is imported only when asked for: the local engine needs no Dask.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Self

from rich.console import Console

from ..errors import ScaleError
from ..models import DocumentFailure
from ..settings import Settings

if TYPE_CHECKING:
    from ..scale import EngineOptions

ENGINES = ("local", "dask")


def add_engine_options(p: argparse.ArgumentParser, *, parts_dir: bool) -> None:
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: one process (default); dask: partitions on a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a Dask scheduler such as tcp://host:8786 (default: start a local cluster)",
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="with --engine dask: worker processes of the local cluster, or workers to wait for",
    )
    if parts_dir:
        p.add_argument(
            "--parts-dir",
            type=Path,
            metavar="DIR",
            help="with --engine dask: where workers write part files, a folder shared with the client "
            "(default: a temporary folder, enough when the workers run on this machine)",
        )


def engine_options(args: argparse.Namespace) -> EngineOptions | None:
    """The Dask engine's options, or None for the local engine; dask options without it are an error."""
    parts_dir: Path | None = getattr(args, "parts_dir", None)
    given = [
        flag
        for flag, value in (
            ("--scheduler", args.scheduler),
            ("--workers", args.workers),
            ("--parts-dir", parts_dir),
        )
        if value is not None
    ]
    if args.engine == "local":
        if given:
            raise ScaleError(f"{', '.join(given)} only apply with --engine dask; add it or leave them out")
        return None
    try:
        from ..scale import EngineOptions
    except ImportError as exc:
        raise ScaleError(
            f"--engine dask needs Dask ({exc.name or exc} is not installed): pip install 'claimtrail[scale]'"
        ) from exc
    if not getattr(args, "verbose", False):
        # Dask configures its loggers on import to log each connection and worker at
        # INFO; a run shows its warnings (a lost worker) only.
        logging.getLogger("distributed").setLevel(logging.WARNING)
    return EngineOptions(scheduler=args.scheduler, workers=args.workers, parts_dir=parts_dir)


class TerminalListener:
    """Prints a distributed run on stderr: the dashboard, failures, and a progress bar on a terminal."""

    def __init__(self, settings: Settings, verb: str, describe: Callable[[DocumentFailure], str]) -> None:
        self._console = Console(stderr=True)
        self._settings = settings
        self._verb = verb
        self._describe = describe
        self._stack = contextlib.ExitStack()
        self._advance: Callable[[int], None] = lambda _: None
        self._set_total: Callable[[int], None] = lambda _: None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def started(self, dashboard: str | None, workers: int) -> None:
        where = f"dashboard {dashboard}" if dashboard else "no dashboard"
        print(f"claimtrail: Dask cluster of {workers} worker(s), {where}", file=sys.stderr, flush=True)
        # A bar is only worth drawing for a person watching a terminal.
        if self._console.is_terminal:
            self._advance, self._set_total = self._stack.enter_context(self._bar())

    def planned(self, documents: int, complete: bool) -> None:
        if complete and documents > self._settings.cli.progress_min_documents:
            self._set_total(documents)

    def finished(self, documents: int) -> None:
        self._advance(documents)

    def failed(self, failure: DocumentFailure) -> None:
        print(f"claimtrail: {self._describe(failure)}", file=sys.stderr)

    @contextlib.contextmanager
    def _bar(self) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn(self._verb),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
        ) as progress:
            task = progress.add_task(self._verb, total=None)
            yield (
                lambda n: progress.advance(task, n),
                lambda total: progress.update(task, total=total),
            )
