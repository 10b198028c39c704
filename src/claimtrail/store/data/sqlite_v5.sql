-- claimtrail ledger, schema version 5 (SQLite): stories (issue 11).

-- Each document's story, as the story stage assigned it (corrections applied); a
-- ledger made before stories has none (NULL) for its documents. Claims, facts and
-- estimates carry their document's story too, so that a story filter is one indexed
-- column of the table a query reads, not a join to the documents (a fact belongs to
-- one story: the story is part of its key, claimtrail.link.fact_key).
ALTER TABLE documents ADD COLUMN story TEXT;
CREATE INDEX documents_story ON documents (story, ingested_at, id);
ALTER TABLE claims ADD COLUMN story TEXT;
CREATE INDEX claims_story ON claims (story, current);
ALTER TABLE facts ADD COLUMN story TEXT;
CREATE INDEX facts_story ON facts (story, claims DESC, fact);
ALTER TABLE estimates ADD COLUMN story TEXT;
-- A story's timeline in statement-date order (claimtrail.store.planner.dated_first).
CREATE INDEX estimates_story ON estimates (story, (COALESCE(stated_on, '9999-12-31')), fact, source_key);

-- One row per story, kept as documents are written and stories corrected: the title
-- of its earliest-ingested document that has one, its publication dates, counts.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    documents INTEGER NOT NULL,
    claims INTEGER NOT NULL
);
CREATE INDEX stories_last ON stories ((COALESCE(last_published, '0001-01-01')) DESC, id);

-- The story stage's index (claimtrail.story.StoryIndex.to_json), saved with the
-- documents it assigned, so that a later ingest continues the same stories.
CREATE TABLE story_index (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A user's corrections (merge one story into another; split documents out into a
-- new story), replayed in order after the index assigns a story, so they survive
-- a re-ingest. documents: a JSON array of document ids (a split's).
CREATE TABLE story_corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    story TEXT NOT NULL,
    into_story TEXT NOT NULL,
    documents TEXT NOT NULL,
    created_at TEXT NOT NULL
);
