-- claimtrail ledger, schema version 3 (SQLite): what the web view's claims table reads fast.

-- Claims sorted by statement date or figure, missing values last either way: the
-- queries order by these very expressions (claimtrail.store.planner.SORT_KEYS), so a
-- page is read off an index instead of sorting every matching claim.
CREATE INDEX claims_sort_stated_asc ON claims ((COALESCE(stated_on, '9999-12-31')));
CREATE INDEX claims_sort_stated_desc ON claims ((COALESCE(stated_on, '0001-01-01')));
CREATE INDEX claims_sort_value_asc ON claims ((COALESCE(value_low, value_high, 1e300)));
CREATE INDEX claims_sort_value_desc ON claims ((COALESCE(value_low, value_high, -1e300)));

-- Words in a claim's text or counted noun, found without reading every claim: a
-- trigram index (any substring of three or more characters, case-insensitive).
CREATE VIRTUAL TABLE claims_search USING fts5(
    text, counted, content='claims', content_rowid='id', tokenize='trigram'
);
INSERT INTO claims_search (claims_search) VALUES ('rebuild');
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_search (rowid, text, counted) VALUES (new.id, new.text, new.counted);
END;
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, counted) VALUES ('delete', old.id, old.text, old.counted);
END;
CREATE TRIGGER claims_search_update AFTER UPDATE OF text, counted ON claims BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, counted) VALUES ('delete', old.id, old.text, old.counted);
    INSERT INTO claims_search (rowid, text, counted) VALUES (new.id, new.text, new.counted);
END;
