-- claimtrail ledger, schema version 9 (SQLite): the story index saved by parts.
--
-- Until version 8 the story stage's index was one JSON value (story_index),
-- rewritten whole with every document: a cost that grew with the ledger. From
-- version 9 each document adds its own share, in its own transaction: the story
-- it joined (started, or its dates moved), its key among the story's members,
-- what it adds to the story's counters, and the document frequencies of its
-- names and terms. Every part adds to what is there, so saving a document costs
-- what the document holds. A version 8 ledger's JSON value is read once more and
-- written into these tables by the next ingest, which then empties story_index.

-- Each story of the index: its place in the order stories were started, and
-- the first and last publication dates of its documents (ISO 8601 text).
CREATE TABLE story_index_stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT
);

-- The documents (by the story stage's key, a hash of their text) each story
-- took in; id keeps the order they came in.
CREATE TABLE story_index_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL UNIQUE,
    story TEXT NOT NULL
);

-- A story's counters: kind 'place' and 'actor' (documents naming the name),
-- 'event' (event words of the kind), 'term' (summed term weights). id keeps the
-- order keys were first added in, the order the index reads them back in.
CREATE TABLE story_index_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    story TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'actor', 'event', 'term')),
    key TEXT NOT NULL,
    amount REAL NOT NULL,
    UNIQUE (story, kind, key)
);

-- Documents naming each name (kind 'name') or using each term (kind 'term');
-- seq: the order names were first seen in, which decides their canonical forms.
CREATE TABLE story_index_df (
    kind TEXT NOT NULL CHECK (kind IN ('name', 'term')),
    key TEXT NOT NULL,
    df INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
