-- claimtrail ledger, schema version 1 (SQLite). Dates are ISO text, booleans 0/1.
-- *_key columns hold the casefolded name ('' for none) that filters compare.
-- claims.original_id is the claim's document's COALESCE(copy_of, id): copies count once.

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (version, settings_hash)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    outlet_key TEXT NOT NULL,
    published TEXT,
    language TEXT,
    url TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    copy_of TEXT REFERENCES documents (id),
    signature BLOB NOT NULL,
    ingested_at TEXT NOT NULL,
    claims_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_doc ON documents (doc);
CREATE INDEX documents_outlet ON documents (outlet_key);
CREATE INDEX documents_ingested ON documents (ingested_at, id);

CREATE TABLE extractions (
    document_id TEXT NOT NULL REFERENCES documents (id),
    run_id INTEGER NOT NULL REFERENCES runs (id),
    extracted_at TEXT NOT NULL,
    PRIMARY KEY (document_id, run_id)
) WITHOUT ROWID;

CREATE TABLE blocks (
    document_id TEXT NOT NULL REFERENCES documents (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, start)
) WITHOUT ROWID;

CREATE TABLE bands (
    band TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id),
    PRIMARY KEY (band, document_id)
) WITHOUT ROWID;

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    original_id TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    current BOOLEAN NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    quote TEXT NOT NULL,
    value_low REAL,
    value_high REAL,
    qualifier TEXT NOT NULL,
    measure TEXT NOT NULL,
    counted TEXT,
    actor TEXT,
    actor_key TEXT NOT NULL,
    location TEXT,
    when_start TEXT,
    when_end TEXT,
    when_text TEXT,
    stated_by TEXT,
    source TEXT,
    source_key TEXT NOT NULL,
    stated_on TEXT,
    hedged BOOLEAN NOT NULL,
    fact TEXT
);
CREATE INDEX claims_measure ON claims (current, measure, actor_key);
CREATE INDEX claims_fact ON claims (fact, source_key, current, stated_on, original_id);
CREATE INDEX claims_document ON claims (document_id, current);
CREATE INDEX claims_stated ON claims (stated_on);
CREATE INDEX claims_source ON claims (source_key, current, fact);

CREATE TABLE facts (
    fact TEXT PRIMARY KEY,
    measure TEXT NOT NULL,
    actor TEXT,
    actor_key TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    low REAL,
    high REAL,
    period_start TEXT,
    period_end TEXT,
    claims INTEGER NOT NULL,
    sources TEXT NOT NULL,
    independent_outlets INTEGER NOT NULL,
    first_stated TEXT,
    last_stated TEXT,
    hedged BOOLEAN NOT NULL
);
CREATE INDEX facts_measure ON facts (measure, actor_key, claims DESC, fact);
CREATE INDEX facts_claims ON facts (claims DESC, fact);

CREATE TABLE estimates (
    fact TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source TEXT,
    measure TEXT NOT NULL,
    actor TEXT,
    actor_key TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    low REAL,
    high REAL,
    period_start TEXT,
    period_end TEXT,
    stated_on TEXT,
    last_stated TEXT,
    hedged BOOLEAN NOT NULL,
    outlets INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    quote TEXT NOT NULL,
    PRIMARY KEY (fact, source_key)
) WITHOUT ROWID;
-- Timelines read in statement-date order, undated last: COALESCE(stated_on, '9999-12-31')
-- is the expression the queries order by (claimtrail.store.planner.dated_first).
CREATE INDEX estimates_measure_actor ON estimates
    (measure, actor_key, (COALESCE(stated_on, '9999-12-31')), fact, source_key);
CREATE INDEX estimates_measure ON estimates (measure, (COALESCE(stated_on, '9999-12-31')), fact, source_key);
CREATE INDEX estimates_stated ON estimates ((COALESCE(stated_on, '9999-12-31')), fact, source_key);
CREATE INDEX estimates_source ON estimates (source_key, (COALESCE(stated_on, '9999-12-31')), fact);
