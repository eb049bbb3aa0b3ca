-- Search at national scale (docs/search-performance.md): the number of notices for every combination
-- of the facet columns of tbmt_search, kept in step by a trigger, so that a search without words and
-- with only facet filters (the search page as it opens, "field XL", "awarded"…) counts its total and
-- every facet from a few thousand rows instead of reading a million. Open vs closed depends on the
-- clock, so the table counts the stored stage; the few notices open right now are counted live
-- (src/procurement/queries/search-count.ts).

CREATE TABLE search_facet_count (
  state text NOT NULL,
  field text,
  method text,
  procedure text,
  is_domestic boolean,
  is_internet boolean,
  province_codes text[] NOT NULL,
  n bigint NOT NULL,
  CONSTRAINT search_facet_count_key UNIQUE NULLS NOT DISTINCT
    (state, field, method, procedure, is_domestic, is_internet, province_codes)
);
COMMENT ON TABLE search_facet_count IS 'Number of tbmt_search rows (n) with each combination of the facet columns; kept by the trigger tbmt_search_facet_count on every insert, update and delete of tbmt_search (rebuilt by search_facet_count_rebuild() after bulk loads that bypass triggers).';

CREATE FUNCTION search_facet_count_add(
  p_state text, p_field text, p_method text, p_procedure text, p_domestic boolean, p_internet boolean,
  p_provinces text[], p_delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_facet_count AS c
         (state, field, method, procedure, is_domestic, is_internet, province_codes, n)
  VALUES (p_state, p_field, p_method, p_procedure, p_domestic, p_internet, p_provinces, p_delta)
  ON CONFLICT ON CONSTRAINT search_facet_count_key DO UPDATE SET n = c.n + excluded.n
$$;

CREATE FUNCTION tbmt_search_facet_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.state, OLD.field, OLD.method, OLD.procedure, OLD.is_domestic, OLD.is_internet, OLD.province_codes)
         IS NOT DISTINCT FROM
         (NEW.state, NEW.field, NEW.method, NEW.procedure, NEW.is_domestic, NEW.is_internet, NEW.province_codes)
  THEN
    RETURN NULL;
  END IF;
  -- An update moves one notice between two rows: the lower key is touched first, so that two
  -- transactions moving notices in opposite directions queue instead of deadlocking.
  IF TG_OP = 'UPDATE'
     AND ROW(NEW.state, NEW.field, NEW.method, NEW.procedure, NEW.is_domestic, NEW.is_internet, NEW.province_codes)::text
       < ROW(OLD.state, OLD.field, OLD.method, OLD.procedure, OLD.is_domestic, OLD.is_internet, OLD.province_codes)::text
  THEN
    PERFORM search_facet_count_add(NEW.state, NEW.field, NEW.method, NEW.procedure, NEW.is_domestic,
                                   NEW.is_internet, NEW.province_codes, 1);
    PERFORM search_facet_count_add(OLD.state, OLD.field, OLD.method, OLD.procedure, OLD.is_domestic,
                                   OLD.is_internet, OLD.province_codes, -1);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM search_facet_count_add(OLD.state, OLD.field, OLD.method, OLD.procedure, OLD.is_domestic,
                                   OLD.is_internet, OLD.province_codes, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM search_facet_count_add(NEW.state, NEW.field, NEW.method, NEW.procedure, NEW.is_domestic,
                                   NEW.is_internet, NEW.province_codes, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tbmt_search_facet_count AFTER INSERT OR UPDATE OR DELETE ON tbmt_search
  FOR EACH ROW EXECUTE FUNCTION tbmt_search_facet_count();

CREATE FUNCTION search_facet_count_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM search_facet_count;
  INSERT INTO search_facet_count (state, field, method, procedure, is_domestic, is_internet, province_codes, n)
  SELECT state, field, method, procedure, is_domestic, is_internet, province_codes, count(*)
    FROM tbmt_search
   GROUP BY state, field, method, procedure, is_domestic, is_internet, province_codes;
$$;
COMMENT ON FUNCTION search_facet_count_rebuild() IS 'Recounts search_facet_count from tbmt_search (after a bulk load with triggers disabled).';

SELECT search_facet_count_rebuild();

-- Open notices (counted live beside the table above): stored stage not yet opened, closing in the
-- future or unknown; the facet columns ride along so that counting them reads the index alone.
CREATE INDEX tbmt_search_unopened_idx ON tbmt_search (bid_close_at)
  INCLUDE (field, method, procedure, is_domestic, is_internet, province_codes)
  WHERE state IN ('published', 'open');
COMMENT ON INDEX tbmt_search_unopened_idx IS 'Notices not yet opened by their closing time, with the facet columns: the open notices counted live beside search_facet_count, closing within N days, and closing soonest first.';

-- A stored stage (opened, awarded, cancelled), newest first: the newest notices are mostly not yet
-- awarded, so walking the newest-first index for "awarded" would read tens of thousands of rows.
CREATE INDEX tbmt_search_state_published_idx ON tbmt_search (state, published_at DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_state_published_idx IS 'State filter, newest first (awarded, cancelled, opened notices).';

-- A field, by price: the dearest notices are works, so walking the price index for goods would read
-- tens of thousands of works first.
CREATE INDEX tbmt_search_field_price_idx ON tbmt_search (field, price_vnd DESC NULLS LAST, tbmt_id DESC);
COMMENT ON INDEX tbmt_search_field_price_idx IS 'Field filter, dearest first.';
