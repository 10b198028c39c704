-- claimtrail ledger, schema version 6 (PostgreSQL): conflicts a user dismissed (issue 11, part 4).

-- A user's word that a conflict the link stage finds is wrong (`claimtrail conflicts
-- dismiss ID`, or "mark wrong" in the web view). The id is claimtrail.models.conflict_id:
-- a hash of the story, measure, kind and the two estimates, so it survives re-extraction
-- of the same documents and names no row here (conflicts are found at query time, not
-- stored). A dismissal of a conflict no longer found stays, harmless, until undone.
CREATE TABLE conflict_dismissals (
    id TEXT PRIMARY KEY,
    reason TEXT,
    dismissed_at TIMESTAMPTZ NOT NULL,
    dismissed_by TEXT
);
