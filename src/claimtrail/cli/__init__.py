"""The ``claimtrail`` command: parses options and calls library functions.

    $ claimtrail extract ARTICLES... [-o claims.jsonl] [--format jsonl|table]
    $ claimtrail ingest ARTICLES... [--db ledger.db]
    $ claimtrail facts | conflicts | timeline | export ...
    $ claimtrail serve [--db ledger.db] [--host 127.0.0.1] [--port 8000]

Only this package configures logging and output; every command is a thin
wrapper over a library function that returns data.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Protocol

from ..errors import ClaimtrailError
from . import extract, ledger, serve

__all__ = ["COMMANDS", "build_parser", "entry_point", "main"]


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
    "serve": serve,
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
        return 2
    except KeyboardInterrupt:
        print("claimtrail: interrupted", file=sys.stderr)
        return 130
    return code


def entry_point() -> None:
    sys.exit(main())
