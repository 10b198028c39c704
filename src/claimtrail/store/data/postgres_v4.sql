-- claimtrail ledger, schema version 4 (PostgreSQL): text search through trigram indexes.

-- A search finds a substring (ILIKE '%...%') of the claim text or the counted noun.
-- claim_search holds those two columns of every current claim, and pg_trgm's GIN
-- indexes on them answer searches of three characters or more. The table is narrow:
-- checking a search's candidates reads a few thousand pages instead of the claims'
-- own (each holds its quote), which made counting a common word's 150,000 matches
-- take 0.26 s instead of 0.08 s on the 1,000,000-claim benchmark ledger. pg_trgm
-- ships with PostgreSQL and is a trusted extension, so the ledger's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE claim_search (
    id BIGINT PRIMARY KEY,
    text TEXT NOT NULL,
    counted TEXT
);
INSERT INTO claim_search (id, text, counted) SELECT id, text, counted FROM claims WHERE current;
-- The operator class is named with the schema pg_trgm was installed in, which is
-- another ledger's when a database holds several (the extension is once per database).
DO '
DECLARE
    trgm TEXT := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                  WHERE e.extname = ''pg_trgm'');
BEGIN
    EXECUTE format(''CREATE INDEX claim_search_text ON claim_search USING gin (text %I.gin_trgm_ops)'', trgm);
    EXECUTE format(''CREATE INDEX claim_search_counted ON claim_search USING gin (counted %I.gin_trgm_ops)'', trgm);
END';

-- Claims enter claim_search when current and leave it when an extraction supersedes
-- them; statement-level triggers move each write's rows at once.
CREATE FUNCTION claim_search_insert() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    INSERT INTO claim_search (id, text, counted) SELECT id, text, counted FROM inserted WHERE current;
    RETURN NULL;
END';
CREATE FUNCTION claim_search_update() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    DELETE FROM claim_search s USING before_rows b WHERE s.id = b.id;
    INSERT INTO claim_search (id, text, counted) SELECT id, text, counted FROM after_rows WHERE current;
    RETURN NULL;
END';
CREATE FUNCTION claim_search_delete() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    DELETE FROM claim_search s USING before_rows b WHERE s.id = b.id;
    RETURN NULL;
END';
CREATE TRIGGER claim_search_insert AFTER INSERT ON claims
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION claim_search_insert();
CREATE TRIGGER claim_search_update AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_search_update();
CREATE TRIGGER claim_search_delete AFTER DELETE ON claims
    REFERENCING OLD TABLE AS before_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_search_delete();

-- Each estimate keeps the distinct texts and counted nouns of its current claims,
-- each between U+001F characters (claimtrail.store.facts.SEARCH_SEPARATOR), so a text
-- search over the timeline reads one column per estimate, not every claim of it
-- (a much-repeated estimate has thousands).
ALTER TABLE estimates ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE estimates SET search = COALESCE((
    SELECT string_agg(DISTINCT chr(31) || COALESCE(q.text, '') || chr(31) || COALESCE(q.counted, '') || chr(31), '')
    FROM claims q
    WHERE q.fact = estimates.fact AND q.source_key = estimates.source_key AND q.current
), '');

-- A measure's claims by figure: measures differ in magnitude by orders (hundreds
-- killed, millions of shells supplied), so walking the whole ledger's figure order
-- for one measure's claims may pass most of the ledger first; these read its own.
CREATE INDEX claims_measure_value_asc ON claims (measure, (COALESCE(value_low, value_high, 1e300)), id);
CREATE INDEX claims_measure_value_desc ON claims (measure, (COALESCE(value_low, value_high, -1e300)), id);

-- Who cites whom over the whole ledger, kept as documents are written: the sources
-- page's first view would otherwise group every current claim (2.2 s for 1,000,000).
-- One row per outlet, speaker and source of current claims; '' stands for none.
CREATE TABLE citations (
    outlet TEXT NOT NULL,
    stated_by TEXT NOT NULL,
    source TEXT NOT NULL,
    claims BIGINT NOT NULL,
    documents BIGINT NOT NULL,
    PRIMARY KEY (outlet, stated_by, source)
);
INSERT INTO citations (outlet, stated_by, source, claims, documents)
SELECT COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, ''), COUNT(*), COUNT(DISTINCT c.document_id)
FROM claims c JOIN documents d ON d.id = c.document_id
WHERE c.current
GROUP BY COALESCE(d.outlet, ''), COALESCE(c.stated_by, ''), COALESCE(c.source, '');
