"""The ledger commands: ``ingest``, ``facts``, ``conflicts``, ``timeline``, ``export``.

    $ claimtrail ingest ARTICLES... [--db ledger.db | --db postgresql://...] [--webhook URL]...
    $ claimtrail facts [--measure killed] [--actor "North Korea"] [--format table|json|csv]
    $ claimtrail conflicts [...same filters] [--dismissed]
    $ claimtrail conflicts dismiss ID [--reason TEXT] | undismiss ID
    $ claimtrail timeline --measure deployed [--actor ...] [--format table|json|csv]
    $ claimtrail export --format jsonl|csv|parquet -o FILE

Each parses options, calls one library function and prints what it returns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from .. import exports
from ..alerts import webhook_config
from ..errors import FilterError, OutputError
from ..models import MEASURES, DocumentFailure, Filters, check_language
from ..pipeline import (
    conflicts_page,
    deliver_alerts,
    dismiss_conflict,
    ingest_paths,
    open_ledger,
    undismiss_conflict,
)
from ..store import open_store
from .alerts import delivery_line
from .engine import TerminalListener, add_engine_options, engine_options
from .options import add_ledger_options, ledger_and_settings
from .render import render_rows

QUERY_FORMATS = ("table", "json", "csv")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
# Rows a query prints unless --limit says otherwise: a screenful of a table.
DEFAULT_LIMIT = 100
# The largest --limit or --offset: both backends take LIMIT/OFFSET as 64-bit
# signed integers, and a bigger number would crash the query instead of paging.
MAX_ROWS_ARGUMENT = 2**63 - 1


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected an ISO date such as 2025-02-27, not {text!r}") from exc


def _rows(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``minimum`` to :data:`MAX_ROWS_ARGUMENT`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if not minimum <= value <= MAX_ROWS_ARGUMENT:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {minimum} to {MAX_ROWS_ARGUMENT:,} (2**63 - 1, "
                f"the most a ledger query pages by), not {text}"
            )
        return value

    return parse


def _measure(text: str) -> str:
    if text not in MEASURES:
        raise argparse.ArgumentTypeError(f"unknown measure {text!r}; valid measures: {', '.join(MEASURES)}")
    return text


def _language(text: str) -> str:
    try:
        return check_language(text)
    except FilterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_filters(p: argparse.ArgumentParser, *, measure_required: bool = False) -> None:
    add_ledger_options(p)
    p.add_argument(
        "--measure", type=_measure, required=measure_required, help=f"one of: {', '.join(MEASURES)}"
    )
    p.add_argument("--actor", help='whose people or things, e.g. "North Korea"')
    p.add_argument("--source", help='the cited source, e.g. "National Intelligence Service"')
    p.add_argument("--outlet", help="the publishing outlet")
    p.add_argument(
        "--language", type=_language, metavar="CODE", help="the documents' language code, e.g. en or fr"
    )
    p.add_argument("--since", type=_iso_date, help="statement date from (ISO date)")
    p.add_argument("--until", type=_iso_date, help="statement date to (ISO date)")
    p.add_argument("--hedged", choices=("yes", "no"), help="only hedged, or only unhedged, claims")
    p.add_argument("--text", help="words in the claim text")
    p.add_argument("--story", help="a story id (see `claimtrail stories`): only its documents' claims")
    p.add_argument(
        "--limit", type=_rows(1), default=DEFAULT_LIMIT, help=f"rows at most (default {DEFAULT_LIMIT})"
    )
    p.add_argument("--offset", type=_rows(0), default=0, help="rows to skip, for paging")
    p.add_argument("--format", choices=QUERY_FORMATS, default="table", help="output format (default: table)")


def filters_from(args: argparse.Namespace) -> Filters:
    if args.limit < 1 or args.offset < 0:
        raise FilterError("--limit must be at least 1 and --offset at least 0")
    return Filters(
        measure=args.measure,
        actor=args.actor,
        source=args.source,
        outlet=args.outlet,
        language=args.language,
        since=args.since,
        until=args.until,
        hedged=None if args.hedged is None else args.hedged == "yes",
        text=args.text,
        story=args.story,
        limit=args.limit,
        offset=args.offset,
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="extract articles into the ledger",
        description="Extract the claims of articles into the ledger (idempotent).",
    )
    p.add_argument("paths", nargs="+", metavar="ARTICLES", help="files or folders of articles")
    add_ledger_options(p)
    p.add_argument(
        "--webhook",
        action="append",
        default=[],
        metavar="URL",
        help="also POST each new contradiction or update here (besides [alerts] webhooks; "
        "signed with the secret in $CLAIMTRAIL_WEBHOOK_SECRET)",
    )
    add_engine_options(p, parts_dir=False)
    p.set_defaults(run=run_ingest)
    for name, run, text in (
        ("facts", run_facts, "facts: claims asserting the same figure for the same thing"),
        ("conflicts", run_conflicts, "contradictions and updates between estimates"),
        ("timeline", run_timeline, "each estimate of a measure by statement date"),
    ):
        q = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        _add_filters(q, measure_required=name == "timeline")
        q.set_defaults(run=run)
        if name == "conflicts":
            _add_conflict_actions(q)
    e = sub.add_parser(
        "export",
        help="write the whole ledger to a file",
        description="Write the ledger: jsonl (the spec's per-document JSON), csv or parquet.",
    )
    add_ledger_options(e)
    e.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="jsonl, csv or parquet")
    e.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="the file to write; - for standard output (parquet only when it is not a terminal)",
    )
    e.set_defaults(run=run_export)


def _add_conflict_actions(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Contradictions and updates between estimates, each with its id and why it is one. "
        "`conflicts dismiss ID` marks one wrong: the ledger remembers it and queries leave it out "
        "(--dismissed shows it); `conflicts undismiss ID` undoes that."
    )
    p.add_argument("--dismissed", action="store_true", help="also show the conflicts marked wrong")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    dismiss = actions.add_parser("dismiss", help="mark conflict ID wrong; queries leave it out")
    dismiss.add_argument("conflict", metavar="ID", help="a conflict's id, as `conflicts` lists it (c-...)")
    dismiss.add_argument("--reason", help="why it is wrong, kept with it")
    add_ledger_options(dismiss)
    dismiss.set_defaults(run=run_dismiss)
    undismiss = actions.add_parser("undismiss", help="undo `conflicts dismiss ID`")
    undismiss.add_argument("conflict", metavar="ID", help="a dismissed conflict's id")
    add_ledger_options(undismiss)
    undismiss.set_defaults(run=run_undismiss)


def run_ingest(args: argparse.Namespace) -> int:
    url, settings = ledger_and_settings(args)
    options = engine_options(args)
    webhooks = webhook_config(settings.alerts, args.webhook)  # a missing secret stops the run here
    if options is None:
        with open_ledger(url, create=True) as store:
            report = ingest_paths(args.paths, store, settings, on_result=_report_failure, webhooks=webhooks)
    else:
        from ..scale import ingest_distributed

        with TerminalListener(settings, "ingesting", _failure_line) as listener:
            report = ingest_distributed(
                args.paths, url, settings, options=options, listener=listener, webhooks=webhooks.urls
            )
    if report.alerts:
        print(
            f"claimtrail: {len(report.alerts)} new alert(s) (`claimtrail alerts` lists them)", file=sys.stderr
        )
    if webhooks.urls:
        with open_ledger(url, create=False) as store:
            sent = deliver_alerts(store, settings, webhooks, wait_s=settings.alerts.ingest_wait_s)
        print(f"claimtrail: {delivery_line(sent)}", file=sys.stderr)
    print(
        f"ingested {report.added} document(s), {report.skipped} already in the ledger, "
        f"{report.copies} near-duplicate copies, {len(report.failures)} failed",
        file=sys.stderr,
    )
    return 1 if report.failures else 0


def _report_failure(result: object) -> None:
    if isinstance(result, DocumentFailure):
        print(f"claimtrail: {_failure_line(result)}", file=sys.stderr)


def _failure_line(failure: DocumentFailure) -> str:
    return f"{failure.origin}: {failure.error}"


def run_facts(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    with open_store(url, create=False) as store:
        rows = store.facts(filters_from(args))
    render_rows(rows, args.format, sys.stdout, title="facts")
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    filters = filters_from(args)
    with open_store(url, create=False) as store:
        page = conflicts_page(store, filters, dismissed=args.dismissed)
    render_rows(page.rows, args.format, sys.stdout, title="conflicts")
    if len(page.rows) < page.total:
        print(f"claimtrail: {_shown(len(page.rows), filters.offset, page.total)}", file=sys.stderr)
    if page.hidden:
        print(f"claimtrail: {page.hidden} dismissed hidden; --dismissed shows them", file=sys.stderr)
    return 0


def run_dismiss(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    with open_store(url, create=False) as store:
        dismiss_conflict(store, args.conflict, reason=args.reason, by=_user())
    print(
        f"dismissed conflict {args.conflict}: `conflicts` leaves it out (--dismissed shows it)",
        file=sys.stderr,
    )
    return 0


def run_undismiss(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    with open_store(url, create=False) as store:
        undismiss_conflict(store, args.conflict)
    print(f"conflict {args.conflict} is no longer dismissed", file=sys.stderr)
    return 0


def _user() -> str | None:
    """Who dismisses: the login name, when the system knows one."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no USER variable and no password entry (some containers)
        return None


def _shown(count: int, offset: int, total: int) -> str:
    """ "100 of 171 conflicts shown; ...": what a page of ``count`` rows from ``offset`` left out."""
    where = "" if offset == 0 else f" (from number {offset + 1})"
    return f"{count} of {total} conflicts shown{where}; use --limit/--offset to see the others"


def run_timeline(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    with open_store(url, create=False) as store:
        rows = store.timeline(filters_from(args))
    render_rows(rows, args.format, sys.stdout, title=f"timeline: {args.measure}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    url, _ = ledger_and_settings(args)
    to_stdout = str(args.output) == "-"
    if to_stdout and args.format == "parquet" and sys.stdout.isatty():
        raise OutputError("parquet is binary: redirect standard output to a file or pipe, or give -o FILE")
    with open_store(url, create=False) as store:
        if to_stdout:
            count = exports.write_ledger_to(store, args.format, sys.stdout)
        else:
            count = exports.write_ledger(store, args.format, args.output)
    print(f"wrote {count} document(s) to {'standard output' if to_stdout else args.output}", file=sys.stderr)
    return 0
