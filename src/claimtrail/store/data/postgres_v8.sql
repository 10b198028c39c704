-- claimtrail ledger, schema version 8 (PostgreSQL): what `claimtrail watch` follows and has read.

-- Each feed watched (RSS, Atom or a news sitemap): how often it is polled, the
-- validators its server last sent (sent back so an unchanged feed costs a 304),
-- when it was last and will next be polled, and its health: consecutive failed
-- polls and the last error; id keeps the order they were added in.
CREATE TABLE feeds (
    id BIGSERIAL PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    interval_s DOUBLE PRECISION NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_poll TIMESTAMPTZ,
    last_status TEXT,
    next_poll TIMESTAMPTZ NOT NULL,
    polls BIGINT NOT NULL DEFAULT 0,
    failures BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);

-- Every entry seen in a feed, once per feed and key (its guid or id, else its link).
-- A poll records new entries as 'pending' together with the feed's validators, in
-- one transaction; an entry becomes 'ingested' in the same transaction as its
-- document (document_id; content_hash is the SHA-256 of the page's bytes), or
-- 'failed' when its page is refused or failed watch.entry_attempts times. A killed
-- watcher thus leaves each entry either pending (read again) or done, never both.
CREATE TABLE feed_entries (
    id BIGSERIAL PRIMARY KEY,
    feed_url TEXT NOT NULL REFERENCES feeds (url),
    key TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    published DATE,
    outlet TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ingested', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    first_seen TIMESTAMPTZ NOT NULL,
    done_at TIMESTAMPTZ,
    document_id TEXT REFERENCES documents (id),
    content_hash TEXT,
    UNIQUE (feed_url, key)
);
CREATE INDEX feed_entries_pending ON feed_entries (id) WHERE state = 'pending';
CREATE INDEX feed_entries_document ON feed_entries (document_id);

-- Every failure of a poll or a page, as it happened (the feeds' and entries' last
-- errors say only the latest): what `watch --status` counts and shows.
CREATE TABLE watch_failures (
    id BIGSERIAL PRIMARY KEY,
    feed_url TEXT NOT NULL,
    entry_key TEXT,
    url TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    error TEXT NOT NULL
);
CREATE INDEX watch_failures_feed ON watch_failures (feed_url, id);

-- Where newly ingested documents are announced (`watch --webhook URL`).
CREATE TABLE watch_webhooks (
    url TEXT PRIMARY KEY,
    added_at TIMESTAMPTZ NOT NULL
);
