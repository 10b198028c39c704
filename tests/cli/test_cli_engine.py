"""``--engine dask`` on ``extract`` and ``ingest``, run as real processes starting a real local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_process import run_cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.slow
def test_extract_on_a_local_cluster_prints_what_one_process_prints() -> None:
    local = run_cli("extract", SAMPLES)
    dask = run_cli("extract", SAMPLES, "--engine", "dask", "--workers", "2")

    assert (local.code, dask.code) == (0, 0), dask.stderr
    assert dask.stdout == local.stdout
    assert len(dask.stdout.splitlines()) == 8
    assert "claimtrail: Dask cluster of 2 worker(s), dashboard http://" in dask.stderr
    assert "Traceback" not in dask.stderr
    assert "INFO" not in dask.stderr  # Dask's connection chatter stays out of the way


@pytest.mark.slow
def test_ingest_on_a_local_cluster_reports_like_one_process(tmp_path: Path) -> None:
    local = run_cli("ingest", SAMPLES, "--db", tmp_path / "local.db")
    dask = run_cli("ingest", SAMPLES, "--db", tmp_path / "dask.db", "--engine", "dask", "--workers", "1")
    facts = [
        run_cli("facts", "--db", tmp_path / db, "--format", "json").stdout for db in ("local.db", "dask.db")
    ]

    assert (local.code, dask.code) == (0, 0), dask.stderr
    summary = "ingested 8 document(s), 0 already in the ledger"
    assert summary in local.stderr and summary in dask.stderr
    assert "claimtrail: Dask cluster of 1 worker(s)" in dask.stderr
    assert facts[0] == facts[1] and facts[0].count('"fact"') > 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract", "--workers", "2"), "--workers only apply with --engine dask"),
        (
            ("extract", "--scheduler", "tcp://h:8786", "--parts-dir", "."),
            "--scheduler, --parts-dir only apply",
        ),
        (("ingest", "--workers", "2", "--db", "x.db"), "--workers only apply with --engine dask"),
        (("extract", "--engine", "dask", "--format", "table"), "--engine dask writes --format jsonl only"),
    ],
)
def test_engine_options_out_of_place_exit_2_saying_why(
    args: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    command, *rest = args
    run = run_cli(command, SAMPLES, *rest, cwd=tmp_path)

    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "x.db").exists()


def test_ingest_has_no_parts_dir() -> None:
    run = run_cli("ingest", SAMPLES, "--engine", "dask", "--parts-dir", ".")

    assert run.code == 2
    assert "unrecognized arguments: --parts-dir" in run.stderr
