-- OCDS 1.1.5 open data: the contracting process (ocid) of each package and the store of releases,
-- the portal's own (derived from the procurement tables on every save) and other publishers'
-- (imported with `minhbach import ocds`). Releases are immutable: a changed content is a new release
-- with a new id, never an update. See docs/ocds-mapping.md.

CREATE TABLE ocds_process (
  package_id bigint PRIMARY KEY REFERENCES package(id),
  ocid text NOT NULL UNIQUE CHECK (ocid ~ '^ocds-[a-z0-9]{6}-'),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ocds_process IS 'The OCDS contracting process (one ocid) of each package (gói thầu), fixed when the package is first published in OCDS and never changed afterwards.';
COMMENT ON COLUMN ocds_process.package_id IS 'The package.';
COMMENT ON COLUMN ocds_process.ocid IS 'Open Contracting ID: the configured prefix (MINHBACH_OCID_PREFIX), a dash, then the package number (BP…) or, when the package had none when first published, its first notice number (IB…).';
COMMENT ON COLUMN ocds_process.created_at IS 'When the ocid was assigned.';

CREATE TABLE ocds_release (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  ocid text NOT NULL,
  release_id text NOT NULL,
  is_own boolean NOT NULL,
  publisher text NOT NULL,
  package_id bigint REFERENCES package(id),
  release_date timestamptz NOT NULL,
  tags text[] NOT NULL,
  digest text NOT NULL,
  document json NOT NULL,
  source_file text,
  source_pointer text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ocid, release_id),
  CHECK (is_own = (package_id IS NOT NULL))
);
COMMENT ON TABLE ocds_release IS 'Every OCDS release stored once and never changed: the portal''s own publications (is_own) and releases imported from other publishers. The change feed orders own releases by (xid, seq) and serves only xid below the snapshot xmin (watermark), so a release of a transaction still committing is never skipped.';
COMMENT ON COLUMN ocds_release.seq IS 'Order of storing (identity); the second part of the change stamp.';
COMMENT ON COLUMN ocds_release.xid IS 'Transaction id (pg_current_xact_id) of the writer: the first part of the change stamp. Every transaction still running has an xid at or above pg_snapshot_xmin(pg_current_snapshot()), so rows below that watermark are final.';
COMMENT ON COLUMN ocds_release.ocid IS 'Open Contracting ID of the release.';
COMMENT ON COLUMN ocds_release.release_id IS 'Release id, unique within the ocid. Own releases: <event>-<first 10 hex digits of the content digest>, so a changed content gets a new id.';
COMMENT ON COLUMN ocds_release.is_own IS 'True for releases this portal publishes (derived from its procurement tables); false for releases imported from another publisher, which are kept out of the portal''s own feed and packages.';
COMMENT ON COLUMN ocds_release.publisher IS 'Publisher name: the portal''s own (minhbach) or the publisher.name of the imported package.';
COMMENT ON COLUMN ocds_release.package_id IS 'The package an own release describes; NULL for imported releases.';
COMMENT ON COLUMN ocds_release.release_date IS 'The release''s date (instant, UTC), for ordering the releases of a record.';
COMMENT ON COLUMN ocds_release.tags IS 'The release''s tag list (planning, tender, tenderAmendment, …).';
COMMENT ON COLUMN ocds_release.digest IS 'sha256 (hex) of the release in canonical JSON (RFC 8785), as chained in the ledger.';
COMMENT ON COLUMN ocds_release.document IS 'The release exactly as published (json keeps the text and key order).';
COMMENT ON COLUMN ocds_release.source_file IS 'Imported releases: the file name they were read from.';
COMMENT ON COLUMN ocds_release.source_pointer IS 'Imported releases: the JSON pointer of the release in its file.';
COMMENT ON COLUMN ocds_release.recorded_at IS 'When the row was stored (transaction time).';
CREATE INDEX ocds_release_feed_idx ON ocds_release (xid, seq) WHERE is_own;
CREATE INDEX ocds_release_ocid_idx ON ocds_release (ocid, release_date, seq);
CREATE INDEX ocds_release_package_idx ON ocds_release (package_id) WHERE package_id IS NOT NULL;

-- A stored release is never changed or removed (a correction is a new release). The trigger stops
-- mistakes; a change made behind its back is caught by `minhbach ledger verify` (kind ocds-release).
CREATE FUNCTION ocds_release_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ocds_release is append-only: % is not allowed', TG_OP;
END
$$;
COMMENT ON FUNCTION ocds_release_immutable() IS 'Refuses UPDATE, DELETE and TRUNCATE on ocds_release.';
CREATE TRIGGER ocds_release_no_change BEFORE UPDATE OR DELETE ON ocds_release
  FOR EACH ROW EXECUTE FUNCTION ocds_release_immutable();
CREATE TRIGGER ocds_release_no_truncate BEFORE TRUNCATE ON ocds_release
  FOR EACH STATEMENT EXECUTE FUNCTION ocds_release_immutable();
