"""``claimtrail extract`` run as a real process, as a user runs it.

Every test starts ``python -m claimtrail.cli`` (or the installed ``claimtrail`` script)
with the interpreter running the tests, so each one loads the model anew: the runs
are shared between tests through module-scoped fixtures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_process import CLI_TIMEOUT_S, Run, run_cli

pytestmark = pytest.mark.slow

# The spec's document keys, and the story the document joined (an addition the scorer ignores).
DOCUMENT_KEYS = {"doc", "title", "outlet", "published", "language", "story", "claims"}


@pytest.fixture(scope="module")
def seeds_run(seeds_dir: Path) -> Run:
    return run_cli("extract", seeds_dir)


def test_seeds_give_one_json_object_per_document(seeds_run: Run, seeds_dir: Path) -> None:
    assert seeds_run.code == 0, seeds_run.stderr
    assert seeds_run.stderr == ""

    documents = seeds_run.documents()

    assert [d["doc"] for d in documents] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert len(documents) == 5
    for document in documents:
        assert set(document) == DOCUMENT_KEYS
        assert document["language"] == "en"
        assert document["claims"], f"{document['doc']}: no claims"


def test_seed_claims_quote_their_original_text(seeds_run: Run, seeds_dir: Path) -> None:
    for document in seeds_run.documents():
        original = (seeds_dir / document["doc"]).read_text("utf-8")
        for claim in document["claims"]:
            start, end = claim["span"]
            assert original[start:end] == claim["text"], f"{document['doc']}: {claim}"


def test_output_file_holds_what_stdout_would(seeds_run: Run, seeds_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "claims.jsonl"

    run = run_cli("extract", seeds_dir, "-o", output)

    assert (run.code, run.stdout, run.stderr) == (0, "", "")
    assert output.read_text("utf-8") == seeds_run.stdout


def test_table_format_prints_the_claims(seeds_run: Run, seeds_dir: Path) -> None:
    doc = "001_33aced630bfce5d4.txt"
    claims = next(d["claims"] for d in seeds_run.documents() if d["doc"] == doc)
    shortest = min((c["text"] for c in claims), key=len)

    run = run_cli("extract", seeds_dir / doc, "--format", "table")

    assert run.code == 0, run.stderr
    assert "qualifier" in run.stdout and "measure" in run.stdout
    assert shortest in run.stdout
    assert not run.stdout.lstrip().startswith("{")


GOOD_TEXT = (
    "Floods kill 27 people in northern province\n"
    "Floods killed 27 people and displaced about 4,000 residents in the north, the ministry said on Monday.\n"
    "Rescue teams reached the last cut-off villages by boat on Tuesday, officials said.\n"
)
GOOD_RECORD = {
    "id": "rec-1",
    "text": "About 300 soldiers were deployed to the border, officials said.",
    "published": "2025-03-10",
}
LAST_RECORD = {"id": "rec-3", "text": "Officials said 12 people were killed in the landslide on Sunday."}
# What each bad input's message must say, besides naming it.
BAD_INPUTS = {
    "b_empty.txt": "empty",
    "c_binary.txt": "binary",
    "d_huge.txt": "larger than",
    "e_broken.html": "HTML",
    "f_records.jsonl line 2": "invalid JSON",
}


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    with (folder / "d_huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # 50 MB in no time: a sparse file
    (folder / "e_broken.html").write_text("<!DOCTYPE html><html", encoding="utf-8")
    lines = [json.dumps(GOOD_RECORD), '{"id": "rec-2", "text": ', json.dumps(LAST_RECORD)]
    (folder / "f_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "g_good.txt").write_text(GOOD_TEXT.replace("27", "31"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_folder: Path) -> Run:
    return run_cli("extract", mixed_folder)


def test_bad_documents_fail_one_by_one_and_the_batch_goes_on(mixed_run: Run) -> None:
    assert mixed_run.code == 1

    assert [d["doc"] for d in mixed_run.documents()] == ["a_good.txt", "rec-1", "rec-3", "g_good.txt"]
    assert all(d["claims"] for d in mixed_run.documents())


@pytest.mark.parametrize(("name", "problem"), BAD_INPUTS.items())
def test_each_bad_document_gets_a_clear_message(
    mixed_run: Run, mixed_folder: Path, name: str, problem: str
) -> None:
    messages = [line for line in mixed_run.stderr.splitlines() if line.startswith("claimtrail: ")]

    about = [m for m in messages if f"{mixed_folder / name}" in m]

    assert len(about) == 1, mixed_run.stderr
    assert problem in about[0]
    # The document is named once, not twice.
    assert about[0].count(name.split()[0]) == 1


def test_the_failures_are_summed_up_without_a_traceback(mixed_run: Run) -> None:
    assert "Traceback" not in mixed_run.stderr
    assert mixed_run.stderr.rstrip().endswith("claimtrail: 5 document(s) failed; the others were written")


def test_a_missing_path_is_a_failure(tmp_path: Path) -> None:
    run = run_cli("extract", tmp_path / "nowhere.txt")

    assert run.code == 1
    assert run.stdout == ""
    assert "nowhere.txt: no such file or folder" in run.stderr


def test_unknown_settings_key_exits_2_naming_the_valid_keys(seeds_dir: Path, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[clean]\nmin_words = 3\n", encoding="utf-8")

    run = run_cli("extract", seeds_dir, "--settings", settings)

    assert run.code == 2
    assert run.stdout == ""
    assert "unknown key clean.min_words" in run.stderr
    assert "valid keys: max_menu_words, min_body_words, min_stopword_ratio" in run.stderr
    assert "Traceback" not in run.stderr


def test_unwritable_output_exits_2_without_a_traceback(seeds_dir: Path, tmp_path: Path) -> None:
    run = run_cli("extract", seeds_dir, "-o", tmp_path / "no" / "such" / "folder" / "out.jsonl")

    assert run.code == 2
    assert "cannot write the output file" in run.stderr
    assert "Traceback" not in run.stderr


def installed_script() -> Path:
    script = Path(sys.executable).with_name("claimtrail")
    if not script.exists():
        pytest.skip(f"the claimtrail script is not installed beside {sys.executable} (pip install -e .)")
    return script


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["usage: claimtrail", "extract"]),
        (("extract",), ["usage: claimtrail extract", "--format", "--settings", "--output"]),
    ],
)
def test_help(args: tuple[str, ...], expected: list[str]) -> None:
    for command in ([str(installed_script())], [sys.executable, "-m", "claimtrail.cli"]):
        done = subprocess.run(
            [*command, *args, "--help"], capture_output=True, text=True, timeout=CLI_TIMEOUT_S, check=False
        )

        assert done.returncode == 0, done.stderr
        for word in expected:
            assert word in done.stdout


def test_no_command_is_a_usage_error() -> None:
    run = run_cli()

    assert run.code == 2
    assert "usage: claimtrail" in run.stderr
