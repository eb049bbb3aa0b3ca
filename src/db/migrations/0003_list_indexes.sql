-- Indexes for the orders the public lists use (newest first with NULLS LAST, price) and for the
-- "does this database hold demo data" check made on every page.

DROP INDEX tbmt_search_published_idx;
CREATE INDEX tbmt_search_published_idx ON tbmt_search (published_at DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_published_idx IS 'Newest first, as every list orders (published_at DESC NULLS LAST, tbmt_id DESC).';

CREATE INDEX tbmt_search_price_idx ON tbmt_search (price_vnd DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_price_idx IS 'Search sorted by price, highest first.';

CREATE INDEX tbmt_demo_idx ON tbmt (id) WHERE source = 'demo';
COMMENT ON INDEX tbmt_demo_idx IS 'Finds demo notices without scanning the table (demo banner).';
