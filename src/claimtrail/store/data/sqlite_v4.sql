-- claimtrail ledger, schema version 4 (SQLite): text search reads current claims, and estimates.

-- A search counts and lists current claims, the ones every query reads: with only
-- them in the index, counting a search's matches reads the index alone instead of
-- checking each match's claim (0.6 s -> 0.15 s for a word in all 1,000,000 claims of
-- the benchmark ledger). Claims enter the index when current and leave it when an
-- extraction supersedes them; the triggers delete exactly what they inserted, as an
-- external-content index requires.
DROP TRIGGER claims_search_insert;
DROP TRIGGER claims_search_delete;
DROP TRIGGER claims_search_update;
INSERT INTO claims_search (claims_search) VALUES ('delete-all');
INSERT INTO claims_search (rowid, text, counted) SELECT id, text, counted FROM claims WHERE current;
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims WHEN new.current BEGIN
    INSERT INTO claims_search (rowid, text, counted) VALUES (new.id, new.text, new.counted);
END;
CREATE TRIGGER claims_search_delete AFTER DELETE ON claims WHEN old.current BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, counted) VALUES ('delete', old.id, old.text, old.counted);
END;
CREATE TRIGGER claims_search_update AFTER UPDATE OF text, counted, current ON claims BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, counted)
        SELECT 'delete', old.id, old.text, old.counted WHERE old.current;
    INSERT INTO claims_search (rowid, text, counted) SELECT new.id, new.text, new.counted WHERE new.current;
END;

-- Each estimate keeps the distinct texts and counted nouns of its current claims,
-- each between U+001F characters (claimtrail.store.facts.SEARCH_SEPARATOR), so a text
-- search over the timeline reads one column per estimate, not every claim of it
-- (a much-repeated estimate has thousands).
ALTER TABLE estimates ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE estimates SET search = COALESCE((
    SELECT group_concat(DISTINCT char(31) || COALESCE(q.text, '') || char(31) || COALESCE(q.counted, '') || char(31))
    FROM claims q
    WHERE q.fact = estimates.fact AND q.source_key = estimates.source_key AND q.current
), '');

-- A measure's claims by figure: measures differ in magnitude by orders (hundreds
-- killed, millions of shells supplied), so walking the whole ledger's figure order
-- for one measure's claims may pass most of the ledger first; these read its own.
CREATE INDEX claims_measure_value_asc ON claims (measure, (COALESCE(value_low, value_high, 1e300)));
CREATE INDEX claims_measure_value_desc ON claims (measure, (COALESCE(value_low, value_high, -1e300)));

-- Who cites whom over the whole ledger, kept as documents are written: the sources
-- page's first view would otherwise group every current claim (2.2 s for 1,000,000).
-- One row per outlet, speaker and source of current claims; '' stands for none.
CREATE TABLE citations (
    outlet TEXT NOT NULL,
    stated_by TEXT NOT NULL,
    source TEXT NOT NULL,
    claims INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (outlet, stated_by, source)
) WITHOUT ROWID;
INSERT INTO citations (outlet, stated_by, source, claims, documents)
SELECT COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, ''), COUNT(*), COUNT(DISTINCT c.document_id)
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE c.current
GROUP BY COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, '');
