"""The documentation: README.md for a newcomer, docs/ for the reference.

docs/cli.md is generated from ``--help`` (docs/gen_cli.py) and must match the
parser; every setting of defaults.toml is documented in docs/; every link
between the pages resolves; the README's first code block holds the two
set-up commands that .ci/run reads and runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from claimtrail.cli import COMMANDS, build_parser

REPO_ROOT = Path(__file__).resolve().parent.parent
README = REPO_ROOT / "README.md"
DOCS = REPO_ROOT / "docs"
CLI_MD = DOCS / "cli.md"
DEFAULTS = REPO_ROOT / "src" / "claimtrail" / "defaults.toml"
# Issue 9: a README a newcomer reads in one sitting, about 150 lines; the reference lives in docs/.
README_MAX_LINES = 160
# A Markdown link to a local page or image: [text](target), not http(s) or mailto.
LOCAL_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s#]+)(#[^)\s]*)?\)")


def read(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO_ROOT)} is missing: expected it at {path}")
    return path.read_text("utf-8")


def load_gen_cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli", DOCS / "gen_cli.py")
    if spec is None or spec.loader is None:
        pytest.fail(f"cannot load {DOCS / 'gen_cli.py'}: the CLI reference generator is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli_md() -> str:
    return read(CLI_MD)


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


def test_the_cli_reference_is_what_help_prints_now(cli_md: str) -> None:
    gen_cli = load_gen_cli()
    assert gen_cli.generated_part(cli_md) == gen_cli.render(), (
        "docs/cli.md differs from `claimtrail COMMAND --help`: run python docs/gen_cli.py"
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_is_documented(command: str, cli_md: str) -> None:
    assert f"### `claimtrail {command}`" in cli_md, f"docs/cli.md has no section for `claimtrail {command}`"


@pytest.mark.parametrize(
    ("command", "option"),
    documented_options(),
    ids=lambda value: value if isinstance(value, str) else "/".join(value),
)
def test_command_options_are_documented(command: str, option: Sequence[str], cli_md: str) -> None:
    # The flag as a word of its own: "-v" in "[-v]", not in "-verbose" or ".venv".
    assert any(re.search(rf"(?<![\w.-]){re.escape(flag)}(?![\w-])", cli_md) for flag in option), (
        f"docs/cli.md does not document option {' / '.join(option)} of `{command}`"
    )


def test_the_exit_codes_are_documented(cli_md: str) -> None:
    section = cli_md.partition("## Exit codes")[2]
    for code in ("0", "1", "2", "130"):
        assert f"| {code} |" in section, f"docs/cli.md's Exit codes section does not list exit status {code}"


def default_settings() -> list[str]:
    with DEFAULTS.open("rb") as handle:
        tables = tomllib.load(handle)
    return [f"{section}.{key}" for section, keys in tables.items() for key in keys]


@pytest.mark.parametrize("setting", default_settings())
def test_every_setting_is_documented_in_docs(setting: str) -> None:
    pages = {path.name: path.read_text("utf-8") for path in sorted(DOCS.glob("*.md"))}
    assert any(f"`{setting}`" in text for text in pages.values()), (
        f"no page of docs/ documents the setting `{setting}` of defaults.toml (docs/settings.md lists them)"
    )


def markdown_pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_every_local_link_resolves(page: Path) -> None:
    broken = [
        target
        for target, _ in LOCAL_LINK.findall(page.read_text("utf-8"))
        if not (page.parent / target).exists()
    ]
    assert broken == [], f"{page.relative_to(REPO_ROOT)} links to files that do not exist: {broken}"


def test_the_readme_links_every_docs_page() -> None:
    linked = {(README.parent / target).resolve() for target, _ in LOCAL_LINK.findall(read(README))}
    unlinked = [p.name for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked]
    assert unlinked == [], f"README.md's More list does not link these docs/ pages: {unlinked}"


def test_the_readme_is_short() -> None:
    lines = read(README).count("\n")
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines, over {README_MAX_LINES}: move reference material to docs/"
    )


def test_the_readme_starts_with_the_two_commands_ci_runs() -> None:
    """.ci/run reads and runs these two lines as written, so their shape is a contract."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", read(README), flags=re.DOTALL | re.MULTILINE)
    assert blocks, "README.md has no code block: its first must hold the two set-up commands"
    commands = blocks[0].splitlines()
    assert len(commands) == 2, f"README.md's first code block must hold exactly two commands: {commands}"
    install, test = commands
    assert "pip install -e ." in install and install.endswith("claimtrail extract samples --format table")
    assert "pip install -e '.[test]'" in test and test.endswith("python -m pytest")
