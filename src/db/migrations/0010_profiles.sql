-- Organisation profiles (docs/profiles.md): the plans of an investor, newest first, are read from an
-- index instead of a scan of every plan. The other lists of a profile use the indexes of 0001
-- (tbmt_version investor/procuring entity, bid_opening_bidder and kqlcnt_bidder contractor) and the
-- unique keys (kqlcnt (tbmt_id, version), bid_opening_bidder (bid_opening_id, …)).

CREATE INDEX khlcnt_investor_idx ON khlcnt (investor_id, published_at DESC NULLS LAST, id DESC);
COMMENT ON INDEX khlcnt_investor_idx IS 'Plans (KHLCNT) of an investor, newest first: the plans list of an organisation profile.';
