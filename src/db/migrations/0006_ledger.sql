-- The public publication ledger: an append-only hash chain of every publication (issue 4 item 5).
-- Each entry holds the canonical JSON (RFC 8785) of what was published, its sha256, and the hash of
-- the previous entry, so that anyone holding a copy can detect an altered, removed, inserted or
-- reordered publication. The byte layout is documented in docs/ledger.md; code in src/audit/.

CREATE TABLE ledger_entry (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  kind text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9.-]{0,63}$'),
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 500),
  published_at timestamptz NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  entry_hash text NOT NULL UNIQUE CHECK (entry_hash ~ '^[0-9a-f]{64}$'),
  document text NOT NULL,
  UNIQUE (kind, ref)
);
COMMENT ON TABLE ledger_entry IS 'Public hash chain of publications (sổ cái công bố): append-only, one entry per publication, verified by minhbach ledger verify.';
COMMENT ON COLUMN ledger_entry.seq IS 'Position in the chain, 1, 2, 3, … without gaps (assigned under an advisory lock).';
COMMENT ON COLUMN ledger_entry.kind IS 'What was published, e.g. ocds-release; a resolver registered for the kind finds the live publication.';
COMMENT ON COLUMN ledger_entry.ref IS 'Key of the publication within its kind (e.g. <ocid>/<release id>); no control characters.';
COMMENT ON COLUMN ledger_entry.published_at IS 'When the entry was appended (UTC, millisecond precision; part of the entry hash).';
COMMENT ON COLUMN ledger_entry.content_hash IS 'sha256 (lower-case hex) of the UTF-8 canonical JSON (RFC 8785) of the document.';
COMMENT ON COLUMN ledger_entry.prev_hash IS 'entry_hash of the entry at seq - 1; 64 zeros for seq 1.';
COMMENT ON COLUMN ledger_entry.entry_hash IS 'sha256 (lower-case hex) over seq, kind, ref, published_at, content_hash, prev_hash (layout in docs/ledger.md).';
COMMENT ON COLUMN ledger_entry.document IS 'The canonical JSON (RFC 8785) of the published document, exactly the bytes hashed into content_hash.';

-- Nothing in the ledger is ever updated or deleted. The trigger stops mistakes and casual edits;
-- whoever can disable it is caught by the hash chain (minhbach ledger verify).
CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entry is append-only: % is not allowed', TG_OP;
END
$$;
COMMENT ON FUNCTION ledger_entry_append_only() IS 'Refuses UPDATE, DELETE and TRUNCATE on ledger_entry.';
CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_append_only();
