"""The ``claimtrail`` command: parses options and calls library functions.

    $ claimtrail extract ARTICLES... [-o claims.jsonl] [--format jsonl|table]
    $ claimtrail ingest ARTICLES... [--db ledger.db]
    $ claimtrail facts | conflicts | timeline | export ...
    $ claimtrail stories [merge STORY INTO | split STORY DOC_ID...]
    $ claimtrail serve [--db ledger.db] [--host 127.0.0.1] [--port 8000]
    $ claimtrail alerts [--story ID] [--json] | alerts retry [--dead]
    $ claimtrail watch FEED... [--db ledger.db] [--every 10m] [--once] | watch --status

Only this package configures logging and output; every command is a thin
wrapper over a library function that returns data.

Exit codes (a script can tell each outcome apart):

    0    every document was read and written (or the query answered)
    1    some documents failed, each reported on stderr; the others were written
    2    bad usage, settings or ledger: nothing was done (one-line error)
    3    the run aborted on an internal error, a bug: one line on stderr, the
         traceback with -v; documents written before it stay written
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from typing import Protocol

from ..errors import ClaimtrailError
from . import alerts, extract, ledger, serve, stories, watch

__all__ = [
    "COMMANDS",
    "EXIT_ABORTED",
    "EXIT_FAILURES",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "entry_point",
    "main",
]

EXIT_OK = 0
EXIT_FAILURES = 1  # some documents failed; the others were written
EXIT_USAGE = 2  # argparse's own code for bad usage; also bad settings or ledger
EXIT_ABORTED = 3  # an unexpected exception: a bug


class Command(Protocol):
    """A command module: ``add_parser`` adds its subcommand, whose ``run`` default does the work."""

    def add_parser(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


# Every subcommand, by name; tests/test_docs.py checks that the README documents each.
COMMANDS: dict[str, Command] = {
    "extract": extract,
    "ingest": ledger,
    "facts": ledger,
    "conflicts": ledger,
    "timeline": ledger,
    "export": ledger,
    "stories": stories,
    "serve": serve,
    "alerts": alerts,
    "watch": watch,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimtrail",
        description="Turn scraped news articles into a ledger of numeric claims.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in dict.fromkeys(COMMANDS.values()):  # a module adds all its commands at once
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        code: int = args.run(args)
    except ClaimtrailError as exc:
        print(f"claimtrail: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("claimtrail: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - any other exception is a bug: say so on one line
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        print(
            f"claimtrail: internal error: {reason} (a bug; please report it with the traceback from -v)",
            file=sys.stderr,
        )
        return EXIT_ABORTED
    return code


def entry_point() -> None:
    sys.exit(main())
