"""The ledger commands run for real (subprocesses) on the seeds, on SQLite."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimtrail.models import Run, StoredDocument
from claimtrail.pipeline import open_ledger

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
RUN = Run(version="1.0.0", settings_hash="aaaa", settings_json="{}")


def claimtrail(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrail.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ledger") / "ledger.db"
    first = claimtrail("ingest", str(SEEDS), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "ingested 5 document(s)" in first.stderr
    return db


def test_ingesting_twice_adds_nothing(ledger: Path) -> None:
    again = claimtrail("ingest", str(SEEDS), "--db", str(ledger))
    assert again.returncode == 0, again.stderr
    assert "ingested 0 document(s), 5 already in the ledger" in again.stderr


def test_conflicts_list_the_killed_disagreement(ledger: Path) -> None:
    out = claimtrail("conflicts", "--db", str(ledger), "--measure", "killed", "--format", "json")
    assert out.returncode == 0, out.stderr
    pairs = {(c["kind"], c["earlier.low"], c["later.low"]) for c in json.loads(out.stdout)}
    assert ("contradiction", 600, 400) in pairs or ("contradiction", 400, 600) in pairs


def test_timeline_shows_each_deployment_estimate_with_source_and_date(ledger: Path) -> None:
    out = claimtrail("timeline", "--db", str(ledger), "--measure", "deployed", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    figures = {(r["low"], r["high"]) for r in rows}
    assert {(11000, 11000), (1000, 3000), (12000, 12000), (3000, 3000)} <= figures
    dated = [r for r in rows if r["stated_on"]]
    assert dated == sorted(dated, key=lambda r: r["stated_on"])
    assert any(r["source"] == "National Intelligence Service" for r in rows)


def test_facts_csv_and_filters(ledger: Path) -> None:
    out = claimtrail(
        "facts", "--db", str(ledger), "--measure", "deployed", "--actor", "north korea", "--format", "csv"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("fact,measure,actor")
    empty = claimtrail("facts", "--db", str(ledger), "--actor", "x' OR '1'='1", "--format", "json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []


def test_export_jsonl_scores_fact_linking(ledger: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.jsonl"
    done = claimtrail("export", "--db", str(ledger), "--format", "jsonl", "-o", str(out))
    assert done.returncode == 0, done.stderr
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(SHARED / "eval" / "seeds.gold.json"),
            str(out),
            "--docs",
            str(SEEDS),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(scored.stdout)["facts"]["f1"] >= 0.85


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(ledger: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"ledger.{fmt}"
    done = claimtrail("export", "--db", str(ledger), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    if fmt == "csv":
        header = out.read_text("utf-8").splitlines()[0].split(",")
        assert {"doc", "published", "span_start", "measure", "stated_by", "fact"} <= set(header)
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows >= 25 and "fact" in table.column_names


def test_bad_inputs_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    missing = claimtrail("facts", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no ledger" in missing.stderr and "Traceback" not in missing.stderr
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database\n" * 10)
    before = corrupt.read_bytes()
    bad = claimtrail("facts", "--db", str(corrupt))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert corrupt.read_bytes() == before
    unreachable = claimtrail("facts", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert unreachable.returncode == 2 and "Traceback" not in unreachable.stderr
    unknown = claimtrail("timeline", "--db", str(corrupt), "--measure", "exploded")
    assert unknown.returncode == 2 and "valid measures" in unknown.stderr


@pytest.mark.parametrize("option", ["--offset", "--limit"])
@pytest.mark.parametrize("value", ["99999999999999999999", str(2**63)])
def test_a_huge_offset_or_limit_is_a_one_line_usage_error(tmp_path: Path, option: str, value: str) -> None:
    out = claimtrail("facts", "--db", str(tmp_path / "none.db"), option, value)

    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert f"argument {option}: expected a whole number from" in out.stderr
    assert "9,223,372,036,854,775,807" in out.stderr and value in out.stderr


def test_the_largest_offset_is_accepted(tmp_path: Path, make_stored: Callable[..., StoredDocument]) -> None:
    db = tmp_path / "ledger.db"
    with open_ledger(str(db), create=True) as store:
        store.add_document(make_stored("a.txt", "Nothing counted.\n"), store.ensure_run(RUN))

    out = claimtrail("facts", "--db", str(db), "--offset", str(2**63 - 1), "--format", "json")

    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


@pytest.fixture
def broken_ledger(tmp_path: Path, make_stored: Callable[..., StoredDocument]) -> Path:
    """A ledger whose published date was overwritten by hand with one no reader expects."""
    db = tmp_path / "ledger.db"
    with open_ledger(str(db), create=True) as store:
        store.add_document(
            make_stored("a.txt", "Nothing counted.\n", published="2025-01-02"), store.ensure_run(RUN)
        )
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE documents SET published = 'not a date'")
    conn.close()
    return db


def test_an_unexpected_exception_exits_3_on_one_line(broken_ledger: Path, tmp_path: Path) -> None:
    out = claimtrail(
        "export", "--db", str(broken_ledger), "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")
    )

    assert out.returncode == 3
    (line,) = out.stderr.splitlines()
    assert line.startswith("claimtrail: internal error: ValueError: ")
    assert line.endswith("(a bug; please report it with the traceback from -v)")


def test_verbose_shows_the_traceback_of_an_internal_error(broken_ledger: Path, tmp_path: Path) -> None:
    out = claimtrail(
        "-v", "export", "--db", str(broken_ledger), "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")
    )

    assert out.returncode == 3
    assert "Traceback (most recent call last)" in out.stderr
    assert out.stderr.rstrip().splitlines()[-1].startswith("claimtrail: internal error: ValueError")


# An invented report with two disagreements of two named bodies on one day (the seeds
# hold one conflict since parts and plans are no longer set against wholes).
TWO_CONFLICTS = """Floods in the Varna valley have killed 120 people, the Red Crescent said on Monday.
The Interior Ministry said on Monday that 80 people had died in the floods.
The Red Crescent said 900 people were injured, while the Interior Ministry said 500 people were injured.
"""


def test_conflicts_say_how_many_rows_were_left_out(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "varna.txt").write_text(TWO_CONFLICTS, encoding="utf-8")
    ledger = tmp_path / "ledger.db"
    assert claimtrail("ingest", str(tmp_path / "docs"), "--db", str(ledger)).returncode == 0
    every = claimtrail("conflicts", "--db", str(ledger), "--limit", "1000", "--format", "json")
    assert every.returncode == 0, every.stderr
    total = len(json.loads(every.stdout))
    assert total >= 2 and every.stderr == ""  # nothing left out: nothing said

    first = claimtrail("conflicts", "--db", str(ledger), "--limit", "1", "--format", "json")
    later = claimtrail("conflicts", "--db", str(ledger), "--limit", "1", "--offset", "1", "--format", "json")

    assert first.returncode == 0 and len(json.loads(first.stdout)) == 1
    assert (
        first.stderr == f"claimtrail: 1 of {total} conflicts shown; use --limit/--offset to see the others\n"
    )
    assert f"1 of {total} conflicts shown (from number 2)" in later.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_to_standard_output(ledger: Path, tmp_path: Path, fmt: str) -> None:
    written = tmp_path / f"ledger.{fmt}"
    assert claimtrail("export", "--db", str(ledger), "--format", fmt, "-o", str(written)).returncode == 0

    piped = subprocess.run(
        [sys.executable, "-m", "claimtrail.cli", "export", "--db", str(ledger), "--format", fmt, "-o", "-"],
        check=False,
        capture_output=True,
        timeout=300,
    )

    assert piped.returncode == 0, piped.stderr
    assert b"wrote 5 document(s) to standard output" in piped.stderr
    assert not (Path.cwd() / "-").exists()
    if fmt == "parquet":
        import io

        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(piped.stdout)).equals(pq.read_table(written))
    else:
        assert piped.stdout == written.read_bytes()


def test_export_parquet_to_a_terminal_is_refused(ledger: Path) -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "claimtrail.cli",
                "export",
                "--db",
                str(ledger),
                "--format",
                "parquet",
                "-o",
                "-",
            ],
            check=False,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(follower)
        os.close(leader)

    assert done.returncode == 2
    assert "parquet is binary: redirect standard output" in done.stderr


def _stories(db: Path) -> list[dict[str, Any]]:
    out = claimtrail("stories", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    found: list[dict[str, Any]] = json.loads(out.stdout)
    return found


def test_the_seeds_are_one_story_and_the_story_filter_keeps_its_facts(ledger: Path) -> None:
    (story,) = _stories(ledger)
    assert (story["documents"], story["title"]) == (
        5,
        "Report: Thousands of North Korean troops deployed to Russia",
    )
    assert story["first_published"] <= story["last_published"]
    assert story["top_facts"] and story["top_facts"][0]["claims"] >= story["top_facts"][-1]["claims"]
    table = claimtrail("stories", "--db", str(ledger))
    assert table.returncode == 0 and story["id"] in table.stdout

    def facts(*more: str) -> list[dict[str, Any]]:
        out = claimtrail("facts", "--db", str(ledger), "--format", "json", "--limit", "1000", *more)
        assert out.returncode == 0, out.stderr
        rows: list[dict[str, Any]] = json.loads(out.stdout)
        return rows

    assert facts("--story", story["id"]) == facts()
    assert facts("--story", "story-000000000000") == []
    conflicts = claimtrail("conflicts", "--db", str(ledger), "--measure", "killed", "--format", "json")
    assert {c["story"] for c in json.loads(conflicts.stdout)} == {story["id"]}


def test_stories_split_and_merge_move_documents(ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(ledger) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    (story,) = _stories(db)

    split = claimtrail("stories", "split", story["id"], "004_f518fdf54261334a.txt", "--db", str(db))
    assert split.returncode == 0, split.stderr
    assert sorted(s["documents"] for s in _stories(db)) == [1, 4]
    new = next(s["id"] for s in _stories(db) if s["id"] != story["id"])
    merge = claimtrail("stories", "merge", new, story["id"], "--db", str(db))
    assert merge.returncode == 0, merge.stderr
    assert [(s["id"], s["documents"]) for s in _stories(db)] == [(story["id"], 5)]

    unknown = claimtrail("stories", "merge", "story-nope", story["id"], "--db", str(db))
    assert unknown.returncode == 2
    assert "no story 'story-nope' in the ledger" in unknown.stderr


def _conflicts(db: Path, *more: str) -> tuple[list[dict[str, Any]], str]:
    out = claimtrail("conflicts", "--db", str(db), "--measure", "killed", "--format", "json", *more)
    assert out.returncode == 0, out.stderr
    rows: list[dict[str, Any]] = json.loads(out.stdout)
    return rows, out.stderr


def test_conflicts_dismiss_hides_one_until_undismissed(ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(ledger) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    before, _ = _conflicts(db)
    target = before[0]["id"]
    assert target.startswith("c-") and target in claimtrail("conflicts", "--db", str(db)).stdout

    dismissed = claimtrail("conflicts", "dismiss", target, "--reason", "other periods", "--db", str(db))
    assert dismissed.returncode == 0, dismissed.stderr
    after, said = _conflicts(db)
    assert [c["id"] for c in after] == [c["id"] for c in before[1:]]
    assert said == "claimtrail: 1 dismissed hidden; --dismissed shows them\n"
    shown, _ = _conflicts(db, "--dismissed")
    assert [(c["id"], c["dismissed"], c["dismissed_reason"]) for c in shown if c["dismissed"]] == [
        (target, True, "other periods")
    ]

    assert claimtrail("conflicts", "undismiss", target, "--db", str(db)).returncode == 0
    assert _conflicts(db) == (before, "")
    again = claimtrail("conflicts", "undismiss", target, "--db", str(db))
    assert again.returncode == 2 and f"conflict {target} is not dismissed" in again.stderr


def test_conflicts_show_why_and_refuse_a_malformed_id(ledger: Path) -> None:
    rows, _ = _conflicts(ledger)
    assert all(c["why.story"].startswith("same story") and c["why.bounds"] for c in rows)
    table = claimtrail("conflicts", "--db", str(ledger), "--measure", "killed")
    assert "same story" in table.stdout and rows[0]["id"] in table.stdout
    bad = claimtrail("conflicts", "dismiss", "600-vs-400", "--db", str(ledger))
    assert bad.returncode == 2 and "is not a conflict id: ids are 'c-' and 10 hex digits" in bad.stderr


@pytest.fixture
def two_languages(tmp_path: Path, make_stored: Callable[..., StoredDocument]) -> Path:
    """A ledger of two reports of one attack, one stored as English, one as French (the ledger's word)."""
    db = tmp_path / "ledger.db"
    with open_ledger(str(db), create=True) as store:
        run = store.ensure_run(RUN)
        for doc, text, source, low, language in (
            (
                "en.txt",
                "Shelling killed 600 people in the city, the Health Ministry said.\n",
                "Health Ministry",
                600,
                "en",
            ),
            ("fr.txt", "The army said 400 people died in the attack.\n", "Army", 400, "fr"),
        ):
            claim = {
                "phrase": f"{low} people",
                "low": low,
                "fact": f"f-{low}",
                "source": source,
                "stated_by": source,
                "stated_on": dt.date(2025, 1, 3 if low == 600 else 6),
                "actor": "Ukraine",
            }
            store.add_document(make_stored(doc, text, [claim], language=language), run)
    return db


@pytest.mark.parametrize("command", ["facts", "timeline", "conflicts"])
def test_language_keeps_the_claims_of_documents_in_that_language(two_languages: Path, command: str) -> None:
    def shown(*more: str) -> list[dict[str, Any]]:
        out = claimtrail(
            command, "--db", str(two_languages), "--measure", "killed", "--format", "json", *more
        )
        assert out.returncode == 0, out.stderr
        found: list[dict[str, Any]] = json.loads(out.stdout)
        return found

    if command == "conflicts":  # the two figures disagree only while both languages are read
        assert len(shown()) == 1 and shown("--language", "fr") == [] and shown("--language", "en") == []
        return
    assert sorted(r["low"] for r in shown()) == [400, 600]
    assert [r["low"] for r in shown("--language", "fr")] == [400]
    assert [r["low"] for r in shown("--language", "en")] == [600]
    assert shown("--language", "de") == []


@pytest.mark.parametrize("code", ["EN", "french", "en-GB", "e"])
def test_a_malformed_language_is_a_one_line_usage_error(two_languages: Path, code: str) -> None:
    out = claimtrail("facts", "--db", str(two_languages), "--language", code)

    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert (
        "argument --language: language must be a code of two or three lowercase letters, like en"
        in out.stderr
    )
