-- claimtrail ledger, schema version 7 (SQLite): alerts and their webhook deliveries (issue 12, part 2).

-- One alert per conflict id (claimtrail.models.conflict_id), ever: the primary key
-- is what makes "none sent twice" hold across processes and crashes, since two
-- ingests that find the same new conflict both try to insert it and one inserts
-- nothing. payload is the JSON body webhooks receive (and the Atom entry reads).
-- document_started_at is when the ingest of the document that raised it began,
-- so created_at - document_started_at is the alert's delay (bench/watch.py).
CREATE TABLE alerts (
    conflict TEXT PRIMARY KEY,
    story TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('update', 'contradiction')),
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    document_id TEXT,
    document_started_at TEXT
);
-- The per-story alerts page and feed, newest first.
CREATE INDEX alerts_story ON alerts (story, created_at);
CREATE INDEX alerts_created ON alerts (created_at);

-- One row per alert and webhook, written in the alert's transaction. A delivery
-- is pending until delivered_at or dead_lettered_at (given up after the last
-- try) is set; next_try_at is when it is due, pushed ahead while a sender holds it.
CREATE TABLE alert_deliveries (
    alert TEXT NOT NULL REFERENCES alerts (conflict) ON DELETE CASCADE,
    url TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER,
    last_error TEXT,
    next_try_at TEXT,
    delivered_at TEXT,
    dead_lettered_at TEXT,
    PRIMARY KEY (alert, url)
);
-- The due deliveries: only pending ones carry a next_try_at.
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_try_at);
