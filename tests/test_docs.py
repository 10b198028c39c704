"""The README documents every ``claimtrail`` subcommand and each of its options."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from claimtrail.cli import COMMANDS, build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.is_file():
        pytest.fail(f"README.md is missing: expected it at {README}")
    return README.read_text("utf-8")


def subcommand_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {name: sub for action in actions for name, sub in action.choices.items()}


def documented_options() -> list[tuple[str, Sequence[str]]]:
    """(command, option strings) of every option but --help, the global ones under "claimtrail"."""
    parsers = {"claimtrail": build_parser()} | {f"claimtrail {n}": p for n, p in subcommand_parsers().items()}
    return [
        (name, action.option_strings)
        for name, parser in parsers.items()
        for action in parser._actions
        if action.option_strings and action.dest != "help"
    ]


def test_every_parser_subcommand_is_in_commands() -> None:
    assert set(subcommand_parsers()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_is_documented(command: str, readme: str) -> None:
    assert f"claimtrail {command}" in readme, f"README.md does not mention `claimtrail {command}`"


@pytest.mark.parametrize(
    ("command", "option"),
    documented_options(),
    ids=lambda value: value if isinstance(value, str) else "/".join(value),
)
def test_command_options_are_documented(command: str, option: Sequence[str], readme: str) -> None:
    # The flag as a word of its own: "-v" in "[-v]", not in "-verbose" or ".venv".
    assert any(re.search(rf"(?<![\w.-]){re.escape(flag)}(?![\w-])", readme) for flag in option), (
        f"README.md does not document option {' / '.join(option)} of `{command}`"
    )
