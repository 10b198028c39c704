"""The base install runs the main job: no optional extra is imported on the path of ``extract``.

The README's first command installs claimtrail without extras and runs
``claimtrail extract samples``; here the extras' modules are made unimportable in
a real process, as on such a machine, and the same command must still print the
samples' claims. A WARC file then fails alone, with a message naming its extra.
(``.ci/run`` also runs the README's command as written in a fresh venv.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "samples"

# Top-level modules of the optional extras (pyproject.toml's [project.optional-dependencies]).
EXTRA_MODULES = (
    "warcio",
    "dask",
    "distributed",
    "psutil",
    "psycopg",
    "fastapi",
    "starlette",
    "uvicorn",
    "multipart",
    "bokeh",
    "swagger_ui_bundle",
    "hypothesis",
    "playwright",
    # httpx is not here: spaCy's weasel requires it, so every install has it.
    "feedparser",
    "sgmllib",
)

# Runs the CLI with every extra's module refused by the import system.
BLOCKED_CLI = f"""
import sys
BLOCKED = {EXTRA_MODULES!r}

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: not in the base install)")
        return None

sys.meta_path.insert(0, Refuse())
from claimtrail.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run_without_extras(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED_CLI, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_extract_on_the_samples_runs_without_any_extra(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"not read: warcio is missing")
    done = _run_without_extras("extract", SAMPLES, warc, "--format", "table")
    # The samples' claims table is printed; only the WARC file failed, naming its extra.
    assert "claims" in done.stdout and "Floods" not in done.stderr, done.stderr
    assert "27 people" in done.stdout or "27" in done.stdout
    assert done.returncode == 1, done.stderr
    failed = [line for line in done.stderr.splitlines() if "crawl.warc.gz" in line]
    assert len(failed) == 1 and "pip install 'claimtrail[warc]'" in failed[0], done.stderr
    assert "Traceback" not in done.stderr


def test_the_blocker_really_blocks_an_extra() -> None:
    done = _run_without_extras("serve", "--db", "nothing.db")
    assert done.returncode == 2
    assert "pip install 'claimtrail[web]'" in done.stderr


def test_watch_without_its_extra_says_what_to_install_in_one_line(tmp_path: Path) -> None:
    done = _run_without_extras("watch", "http://127.0.0.1:9/feed.rss", "--once", "--db", tmp_path / "l.db")

    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "pip install 'claimtrail[watch]'" in line
