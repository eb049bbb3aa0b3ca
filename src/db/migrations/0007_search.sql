-- Search at scale (docs/search.md): the filter columns the public search needs beside those of 0001 —
-- procedure, domestic/international, online/offline, the agencies (investor and procuring entity) and
-- the wards of the current version — with the indexes that let every filter and order of the search
-- use an index. The new columns of existing rows are filled here from the records, exactly as
-- src/procurement/write/search-index.ts fills them on every save.

ALTER TABLE tbmt_search
  ADD COLUMN procedure text,
  ADD COLUMN is_domestic boolean,
  ADD COLUMN is_internet boolean,
  ADD COLUMN agency_codes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN ward_codes text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN tbmt_search.procedure IS 'Normalised procedure (phương thức, codes.ts PROCEDURES) of the current version, else of the package.';
COMMENT ON COLUMN tbmt_search.is_domestic IS 'True for domestic bidding (đấu thầu trong nước), false for international; NULL when not published. Current version, else package.';
COMMENT ON COLUMN tbmt_search.is_internet IS 'True for online bidding on the national system (qua mạng), false for offline; NULL when not published. Current version, else package.';
COMMENT ON COLUMN tbmt_search.agency_codes IS 'Organisation codes (org.code) of the investor and the procuring entity of the current version, sorted: the agency filter.';
COMMENT ON COLUMN tbmt_search.ward_codes IS 'Ward/commune codes of the current version''s locations, sorted: the ward filter.';

UPDATE tbmt_search s
   SET procedure = coalesce(cv.procedure, p.procedure),
       is_domestic = coalesce(cv.is_domestic, p.is_domestic),
       is_internet = coalesce(cv.is_internet, p.is_internet),
       agency_codes = ARRAY(SELECT DISTINCT o.code FROM org o
                             WHERE o.id IN (cv.investor_id, cv.procuring_entity_id) ORDER BY o.code),
       ward_codes = ARRAY(SELECT DISTINCT l.ward_code FROM tbmt_location l
                           WHERE l.tbmt_version_id = cv.id AND l.ward_code IS NOT NULL ORDER BY l.ward_code)
  FROM tbmt t
  JOIN package p ON p.id = t.package_id
  LEFT JOIN LATERAL (SELECT v.* FROM tbmt_version v WHERE v.tbmt_id = t.id
                      ORDER BY length(v.version) DESC, v.version DESC LIMIT 1) cv ON true
 WHERE t.id = s.tbmt_id;

-- Array filters (agency, province, ward): `column && ARRAY[…]`.
CREATE INDEX tbmt_search_agency_idx ON tbmt_search USING gin (agency_codes);
COMMENT ON INDEX tbmt_search_agency_idx IS 'Agency filter (an agency and its sub-units): agency_codes && codes.';
CREATE INDEX tbmt_search_province_idx ON tbmt_search USING gin (province_codes);
COMMENT ON INDEX tbmt_search_province_idx IS 'Province filter: province_codes && codes.';
CREATE INDEX tbmt_search_ward_idx ON tbmt_search USING gin (ward_codes);
COMMENT ON INDEX tbmt_search_ward_idx IS 'Ward filter: ward_codes && codes.';

-- Equality filters, each with the newest-first order behind it, so that "filter + newest" reads the
-- first page straight from the index.
CREATE INDEX tbmt_search_field_idx ON tbmt_search (field, published_at DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_field_idx IS 'Field filter (and field facet counts), newest first.';
CREATE INDEX tbmt_search_method_idx ON tbmt_search (method, published_at DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_method_idx IS 'Method filter (and method facet counts), newest first.';
CREATE INDEX tbmt_search_procedure_idx ON tbmt_search (procedure, published_at DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_procedure_idx IS 'Procedure filter (and procedure facet counts), newest first.';
CREATE INDEX tbmt_search_state_idx ON tbmt_search (state, bid_close_at, tbmt_id);
COMMENT ON INDEX tbmt_search_state_idx IS 'State filter: stored stage, with the closing time that splits published notices into open and closed (and closing within N days).';
CREATE INDEX tbmt_search_flags_idx ON tbmt_search (is_domestic, is_internet);
COMMENT ON INDEX tbmt_search_flags_idx IS 'Domestic/international and online/offline filters and facet counts.';

-- Orders: closing soonest and cheapest first (price highest first and newest exist since 0003). The
-- closing index replaces the single-column one of 0001, which it covers.
DROP INDEX tbmt_search_close_idx;
CREATE INDEX tbmt_search_closing_idx ON tbmt_search (bid_close_at, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_closing_idx IS 'Closing soonest first among open notices, and closing-date ranges.';
CREATE INDEX tbmt_search_price_asc_idx ON tbmt_search (price_vnd ASC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_price_asc_idx IS 'Search sorted by price, lowest first (unknown prices last), and price ranges.';

-- Names of provinces in facet labels when the reference admin units are not imported.
CREATE INDEX tbmt_location_province_idx ON tbmt_location (province_code);
COMMENT ON INDEX tbmt_location_province_idx IS 'A published name for a province code (search facet labels).';
