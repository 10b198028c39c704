"""The ledger options every ledger command takes, and how they resolve."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..settings import Settings, load_settings

__all__ = ["add_ledger_options", "add_settings_option", "ledger_and_settings"]


def add_settings_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--settings", type=Path, help="a TOML file overriding defaults.toml")


def add_ledger_options(p: argparse.ArgumentParser) -> None:
    """``--db`` (a SQLite file or a PostgreSQL URL) and ``--settings``."""
    p.add_argument(
        "--db", help="SQLite file or postgresql:// URL (default: [store] database in the settings)"
    )
    add_settings_option(p)


def ledger_and_settings(args: argparse.Namespace) -> tuple[str, Settings]:
    """The ledger ``--db`` names, else the settings' ``[store] database``; and the settings."""
    settings = load_settings(args.settings)
    return str(args.db or settings.store.database), settings
