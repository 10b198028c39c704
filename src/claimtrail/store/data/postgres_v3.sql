-- claimtrail ledger, schema version 3 (PostgreSQL): what the web view's claims table reads fast.

-- Claims sorted by statement date or figure, missing values last either way: the
-- queries order by these very expressions (claimtrail.store.planner.SORT_KEYS), so a
-- page is read off an index instead of sorting every matching claim.
CREATE INDEX claims_sort_stated_asc ON claims ((COALESCE(stated_on, '9999-12-31')), id);
CREATE INDEX claims_sort_stated_desc ON claims ((COALESCE(stated_on, '0001-01-01')), id);
CREATE INDEX claims_sort_value_asc ON claims ((COALESCE(value_low, value_high, 1e300)), id);
CREATE INDEX claims_sort_value_desc ON claims ((COALESCE(value_low, value_high, -1e300)), id);
