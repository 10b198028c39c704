"""Uploaded articles: saved safely inside the upload folder, then ingested one job at a time.

    >>> jobs = UploadJobs(folder, ingest=lambda paths, progress: ...)
    >>> job = jobs.submit([("a.txt", file_object)], max_bytes=20_000_000)
    >>> jobs.get(job.id).state
    'running'

A file name from a browser is untrusted: only its last path component is kept,
it must end in an accepted suffix, and the file it names must land inside the
job's own folder. Jobs run on one background thread (the ledger has one writer),
and a job's progress is read while it runs.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import threading
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from ..api import count_documents
from ..errors import ClaimtrailError, StoreError, UploadError
from ..pipeline import IngestReport

__all__ = ["IngestFunction", "JobProgress", "UploadJob", "UploadJobs", "safe_file_name"]

logger = logging.getLogger(__name__)

# File names longer than this are refused: every common file system allows 255 bytes.
MAX_NAME_CHARS = 200
# Files one upload may hold: enough for a folder of a week's articles.
MAX_FILES_PER_UPLOAD = 200
# Bytes copied at a time from the request to disk.
COPY_CHUNK_BYTES = 1 << 20
# Finished jobs kept for their progress pages; older ones are forgotten first.
MAX_KEPT_JOBS = 100

JobState = Literal["queued", "running", "done", "failed"]


@dataclass
class JobProgress:
    """What a running ingest reports: called once per document result."""

    done: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)


@dataclass
class UploadJob:
    """One upload and its ingest; mutable while it runs, read under the jobs' lock."""

    id: str
    folder: Path
    files: tuple[str, ...]
    total: int
    state: JobState = "queued"
    progress: JobProgress = field(default_factory=JobProgress)
    added: int = 0
    skipped: int = 0
    copies: int = 0
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "files": list(self.files),
            "total": self.total,
            "done": self.progress.done,
            "added": self.added,
            "skipped": self.skipped,
            "copies": self.copies,
            "failures": list(self.progress.failures),
            "error": self.error,
        }


# Ingests the files under a folder, calling ``progress(doc, error_or_None)`` per document.
IngestFunction = Callable[[Path, Callable[[str, str | None], None]], IngestReport]


def safe_file_name(name: str, accepted: Sequence[str]) -> str:
    """The last component of an uploaded file's name, checked; raises :class:`UploadError`."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not base or base in {".", ".."} or base.startswith("."):
        raise UploadError(f"file name {name!r} is empty or hidden; name the file like article.txt")
    if any(unicodedata.category(c).startswith("C") for c in base):
        raise UploadError(f"file name {name!r} holds control characters")
    if len(base) > MAX_NAME_CHARS:
        raise UploadError(f"file name {name[:40]!r}... is over {MAX_NAME_CHARS} characters")
    if not base.lower().endswith(tuple(accepted)):
        raise UploadError(f"{base!r} is not an article file; accepted: {', '.join(accepted)}")
    return base


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it resolves to a file directly inside ``folder``."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise UploadError(f"file name {name!r} would be written outside the upload folder")
    return target


def _save(source: BinaryIO, target: Path, max_bytes: int) -> None:
    written = 0
    with target.open("xb") as out:  # "x": never overwrite, never follow an existing link
        while chunk := source.read(COPY_CHUNK_BYTES):
            written += len(chunk)
            if written > max_bytes:
                break
            out.write(chunk)
    if written > max_bytes:
        target.unlink()
        raise UploadError(f"{target.name} is larger than {max_bytes:,} bytes, the most an article may be")


class UploadJobs:
    """Saves uploads under ``root`` and ingests them, one job at a time, on a background thread."""

    def __init__(self, root: Path, ingest: IngestFunction, accepted: Sequence[str]) -> None:
        self.root = root
        self._ingest = ingest
        self._accepted = tuple(accepted)
        self._jobs: dict[str, UploadJob] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimtrail-upload")

    def submit(self, files: Sequence[tuple[str, BinaryIO]], *, max_bytes: int) -> UploadJob:
        """Save ``(name, content)`` files into a new job folder and queue their ingest.

        Every name is checked before anything is written, so a refused upload leaves nothing behind.
        """
        if not files:
            raise UploadError("no files were uploaded; choose one or more article files")
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise UploadError(f"{len(files)} files in one upload; at most {MAX_FILES_PER_UPLOAD}")
        names = _unique([safe_file_name(name, self._accepted) for name, _ in files])
        job_id = secrets.token_hex(8)
        folder = self.root / job_id
        folder.mkdir(parents=True)
        try:
            for name, (_, content) in zip(names, files, strict=True):
                _save(content, _inside(folder, name), max_bytes)
        except (UploadError, OSError):
            shutil.rmtree(folder, ignore_errors=True)
            raise
        # A WARC file's records are not counted ahead (that means reading it all): one each.
        total = sum(count_documents(folder / n) or 1 for n in names)
        job = UploadJob(id=job_id, folder=folder, files=tuple(names), total=total)
        with self._lock:
            self._forget_old()
            self._jobs[job_id] = job
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> dict[str, object] | None:
        """A snapshot of the job's progress as JSON, or None for an unknown job."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else job.to_json()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: UploadJob) -> None:
        def progress(doc: str, error: str | None) -> None:
            with self._lock:
                job.progress.done += 1
                if error is not None:
                    job.progress.failures.append({"doc": doc, "error": _relative(error, job.folder)})

        with self._lock:
            job.state = "running"
        try:
            outcome = self._ingest(job.folder, progress)
        except StoreError as exc:
            logger.error("upload job %s: the ledger failed: %s", job.id, exc)
            self._finish(job, "failed", error="the ledger cannot be written; the server log has the details")
        except ClaimtrailError as exc:
            self._finish(job, "failed", error=_relative(str(exc), job.folder))
        except Exception:  # the app must outlive any one job
            logger.exception("upload job %s failed", job.id)
            self._finish(
                job, "failed", error="internal error while ingesting; the server log has the details"
            )
        else:
            self._finish(job, "done", outcome=outcome)

    def _finish(
        self,
        job: UploadJob,
        state: JobState,
        *,
        error: str | None = None,
        outcome: IngestReport | None = None,
    ) -> None:
        with self._lock:
            job.state, job.error = state, error
            job.progress.done = job.total
            if outcome is not None:
                job.added, job.skipped, job.copies = outcome.added, outcome.skipped, outcome.copies

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in ("done", "failed")]
        for job in finished[: max(0, len(self._jobs) - MAX_KEPT_JOBS + 1)]:
            del self._jobs[job.id]


def _relative(message: str, folder: Path) -> str:
    """``message`` naming the job's files as they were uploaded, not where the server keeps them."""
    for prefix in {str(folder), str(folder.resolve())}:
        message = message.replace(prefix + os.sep, "")
    return message


def _unique(names: list[str]) -> list[str]:
    """Names made distinct: a repeated ``a.txt`` becomes ``a-2.txt``."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        stem, dot, suffix = name.partition(".")
        while candidate.lower() in seen:
            n += 1
            candidate = f"{stem}-{n}{dot}{suffix}"
        seen.add(candidate.lower())
        out.append(candidate)
    return out
