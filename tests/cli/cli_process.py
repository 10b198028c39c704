"""``python -m claimtrail.cli`` run as a real process, as a user runs it: what the CLI tests call."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A run loads the spaCy model anew, and the Dask ones start a cluster.
CLI_TIMEOUT_S = 300


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def documents(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines()]


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "claimtrail.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=CLI_TIMEOUT_S,
        cwd=cwd,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)
