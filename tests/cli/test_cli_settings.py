"""A bad settings file stops a command before any document is read: exit 2, one line on stderr."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from cli_process import run_cli

from claimtrail.settings import NlpSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture()
def bad_aliases(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text('[claims]\nalias_files = ["no-such-aliases.toml"]\n', encoding="utf-8")
    return path


def test_extract_with_a_missing_alias_file_stops_at_start(bad_aliases: Path, tmp_path: Path) -> None:
    run = run_cli("extract", SAMPLES, "--settings", bad_aliases, cwd=tmp_path)

    assert run.code == 2
    assert run.stdout == ""
    [line] = run.stderr.splitlines()  # one line, no per-document failures: nothing was parsed
    assert line.startswith(f"claimtrail: error: {bad_aliases}: cannot read alias file no-such-aliases.toml")


def test_ingest_with_a_misspelt_key_creates_no_ledger(tmp_path: Path) -> None:
    settings = tmp_path / "typo.toml"
    settings.write_text("[nlp]\nbatch_sise = 8\n", encoding="utf-8")
    ledger = tmp_path / "ledger.db"

    run = run_cli("ingest", SAMPLES, "--db", ledger, "--settings", settings, cwd=tmp_path)

    valid = ", ".join(sorted(f.name for f in fields(NlpSettings)))
    expected = (
        f"claimtrail: error: {settings}: unknown key nlp.batch_sise (did you mean batch_size?); "
        f"valid keys: {valid}"
    )
    assert run.code == 2
    assert run.stderr.splitlines() == [expected]
    assert not ledger.exists()
