-- claimtrail ledger, schema version 2 (sqlite): each estimate names the claim its quote
-- comes from (its source's earliest claim of the fact), so a reader can open the evidence.

ALTER TABLE estimates ADD COLUMN claim_id INTEGER;
UPDATE estimates SET claim_id = (
    SELECT q.id FROM claims q
    WHERE q.fact = estimates.fact AND q.source_key = estimates.source_key AND q.current
    ORDER BY COALESCE(q.stated_on, '9999-12-31'), q.id LIMIT 1
);
