-- claimtrail ledger, schema version 4 (PostgreSQL): text search through trigram indexes.

-- A search finds a substring (ILIKE '%...%') of the claim text or the counted noun;
-- pg_trgm's GIN indexes answer that for searches of three characters or more
-- without reading every claim. Only current claims are indexed: every query reads
-- only those. pg_trgm ships with PostgreSQL and is a trusted extension, so the
-- ledger's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX claims_text_trigrams ON claims USING gin (text gin_trgm_ops) WHERE current;
CREATE INDEX claims_counted_trigrams ON claims USING gin (counted gin_trgm_ops) WHERE current;

-- Each estimate keeps the distinct texts and counted nouns of its current claims,
-- each between U+001F characters (claimtrail.store.sql.SEARCH_SEPARATOR), so a text
-- search over the timeline reads one column per estimate, not every claim of it
-- (a much-repeated estimate has thousands).
ALTER TABLE estimates ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE estimates SET search = COALESCE((
    SELECT string_agg(DISTINCT chr(31) || COALESCE(q.text, '') || chr(31) || COALESCE(q.counted, '') || chr(31), '')
    FROM claims q
    WHERE q.fact = estimates.fact AND q.source_key = estimates.source_key AND q.current
), '');
CREATE INDEX estimates_search_trigrams ON estimates USING gin (search gin_trgm_ops);

-- A measure's claims by figure: measures differ in magnitude by orders (hundreds
-- killed, millions of shells supplied), so walking the whole ledger's figure order
-- for one measure's claims may pass most of the ledger first; these read its own.
CREATE INDEX claims_measure_value_asc ON claims (measure, (COALESCE(value_low, value_high, 1e300)), id);
CREATE INDEX claims_measure_value_desc ON claims (measure, (COALESCE(value_low, value_high, -1e300)), id);
