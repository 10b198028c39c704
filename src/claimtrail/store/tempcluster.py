"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temporary folder.

    >>> with start_cluster() as cluster:
    ...     url = cluster.create_database("ledger")
    ...     store = open_store(url, create=True)

The cluster listens only on a Unix socket in its own folder (no TCP), on a
free port number, runs as an unprivileged user (``postgres`` when we are
root, since PostgreSQL refuses to run as root), and is deleted on stop. It
trades durability for speed (``fsync=off``): it is for data that may be lost.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from ..errors import StoreError

__all__ = ["Cluster", "find_postgres_bin", "start_cluster"]

POSTGRES_ROOT = Path("/usr/lib/postgresql")
# PostgreSQL refuses to run as root; this Debian package user runs it instead.
SERVICE_USER = "postgres"
SUPERUSER = "postgres"
START_TIMEOUT_S = 60
# A cluster for tests: nothing need survive a crash, and a small one starts faster.
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c shared_buffers=256MB -c max_connections=50"
)
FILE_COPY_SINCE = 150000
INSTALL_HINT = "install PostgreSQL (`apt-get install postgresql`) or run .ci/run, which installs it"


@dataclass(frozen=True)
class Cluster:
    """A running temporary cluster: its folder, socket folder and port."""

    root: Path
    bin_dir: Path
    socket_dir: Path
    port: int
    run_as: str | None

    def url(self, database: str = "postgres") -> str:
        """A psycopg URL for ``database`` over the cluster's socket."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self, name: str) -> str:
        """Create database ``name`` (letters, digits, underscores); its URL."""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"database name {name!r}: use letters, digits and underscores")
        with psycopg.connect(self.url(), autocommit=True) as conn:
            # FILE_COPY (PostgreSQL 15+) copies the template's files: with fsync off,
            # several times faster than logging every block.
            strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= FILE_COPY_SINCE else ""
            conn.execute(f'CREATE DATABASE "{name}"{strategy}')  # a checked identifier: no injection
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def find_postgres_bin() -> Path | None:
    """The ``bin`` folder of the newest installed PostgreSQL, or None."""
    found = [p.parent for p in POSTGRES_ROOT.glob("*/bin/initdb")]
    if extra := shutil.which("initdb"):
        found.append(Path(extra).resolve().parent)
    versions = [(_major(p), p) for p in found]
    return max(versions)[1] if versions else None


def _major(bin_dir: Path) -> int:
    match = re.search(r"/(\d+)/bin$", str(bin_dir))
    return int(match.group(1)) if match else 0


@contextlib.contextmanager
def start_cluster() -> Iterator[Cluster]:
    """Start a temporary cluster, yield it, then stop it and delete its folder."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        raise StoreError(f"no PostgreSQL server binaries under {POSTGRES_ROOT}; {INSTALL_HINT}")
    run_as = SERVICE_USER if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="claimtrail-pg-"))
    cluster = Cluster(root=root, bin_dir=bin_dir, socket_dir=root, port=_free_port(), run_as=run_as)
    try:
        if run_as is not None:
            user = pwd.getpwnam(run_as)
            os.chown(root, user.pw_uid, user.pw_gid)
        _run(cluster, "initdb", "-D", str(root / "data"), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync")  # fmt: skip
        options = f"-p {cluster.port} -k {cluster.socket_dir} {SERVER_OPTIONS}"
        _run(cluster, "pg_ctl", "-D", str(root / "data"), "-l", str(root / "server.log"), "-o", options,
             "-w", "-t", str(START_TIMEOUT_S), "start")  # fmt: skip
        yield cluster
    finally:
        with contextlib.suppress(StoreError):
            _run(cluster, "pg_ctl", "-D", str(root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _run(cluster: Cluster, program: str, *args: str) -> None:
    command = [str(cluster.bin_dir / program), *args]
    if cluster.run_as is not None:
        command = ["runuser", "-u", cluster.run_as, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cluster.root)
    if done.returncode != 0:
        log = cluster.root / "server.log"
        tail = log.read_text("utf-8", errors="replace")[-2000:] if log.is_file() else ""
        raise StoreError(f"{program} failed ({done.returncode}): {done.stderr.strip()} {tail}".strip())


def _free_port() -> int:
    # The server listens on no TCP port, but the number names its socket file;
    # a port free on this machine avoids surprising anyone reading the process list.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
