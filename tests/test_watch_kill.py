"""``claimtrail watch`` killed with SIGKILL at random moments neither loses nor repeats an entry.

The local server serves a feed of ENTRIES invented pages (repeating and reordering
them on every poll, one page changing after each fetch, each page a little slow);
``claimtrail watch`` runs as a real process and is killed KILLS times at random
moments (during start-up, a poll, a fetch, an extraction or a commit), restarted
each time, then finished with ``--once``. The ledger must then hold each entry
once, ingested, each page one document.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedserver import FeedServer, article_page, rss_feed

ENTRIES = 120
KILLS = 12
# A life of the watcher before its kill: from before the model is loaded (about
# 2 s) to well into ingesting, so the kills land in every phase of a run.
LIFE_S = (0.8, 4.5)
# Each page answers after this long, so a life is spent fetching as well as extracting.
PAGE_DELAY_S = 0.08
FINISH_TIMEOUT_S = 300
SEED = int(os.environ.get("CLAIMTRAIL_KILL_SEED", "20250310"))

SETTINGS = """
[nlp]
# Commits every two pages, so that kills also land between and during commits.
articles_per_batch = 2
[watch]
fetch_timeout_s = 2
host_interval_s = 0
fetch_retries = 1
retry_backoff_s = 0.01
"""


def _ingested(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(
                conn.execute("SELECT COUNT(*) FROM feed_entries WHERE state = 'ingested'").fetchone()[0]
            )
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.slow
def test_watch_survives_sigkill_at_random_moments_without_duplicates_or_losses(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    links = []
    for n in range(ENTRIES):
        body = (lambda k: article_page(0, version=k + 1)) if n == 0 else article_page(n)
        feed_server.route(f"/a/{n}", body, delay_s=PAGE_DELAY_S)
        links.append(feed_server.url(f"/a/{n}"))

    def feed(request: int) -> bytes:
        order = links[request % ENTRIES :] + links[: request % ENTRIES] + links[:3]  # rotated, three repeated
        return rss_feed("Invented Gazette", order)

    feed_server.route("/rss", feed, content_type="application/rss+xml")
    settings = tmp_path / "settings.toml"
    settings.write_text(SETTINGS)
    db = tmp_path / "ledger.db"
    command = [sys.executable, "-m", "claimtrail.cli", "watch", feed_server.url("/rss"), "--db", str(db)]
    command += ["--settings", str(settings)]

    done_after_kill = []
    for _ in range(KILLS):
        child = subprocess.Popen(
            [*command, "--every", "1s"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(rng.uniform(*LIFE_S))
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, stderr.decode()
        done_after_kill.append(_ingested(db))

    finish = subprocess.run(
        [*command, "--once"], capture_output=True, text=True, timeout=FINISH_TIMEOUT_S, check=False
    )

    assert finish.returncode == 0, finish.stderr
    # The kills interrupted real work: some lives ended with part of the entries done.
    assert any(0 < done < ENTRIES for done in done_after_kill), done_after_kill
    assert done_after_kill == sorted(done_after_kill)
    conn = sqlite3.connect(db)
    try:
        entries = conn.execute("SELECT url, state, document_id FROM feed_entries ORDER BY url").fetchall()
        documents = conn.execute("SELECT url, COUNT(*) FROM documents GROUP BY url").fetchall()
    finally:
        conn.close()
    assert sorted(url for url, _, _ in entries) == sorted(links)
    assert {state for _, state, _ in entries} == {"ingested"}
    assert len({doc for _, _, doc in entries}) == ENTRIES
    assert dict(documents) == dict.fromkeys(links, 1)
