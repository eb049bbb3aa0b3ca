-- Bidding documents (hồ sơ mời thầu, HSMT/E-HSMT) attached to a TBMT or amendment draft and published
-- with it (issue 4 item 2; Circular 79/2025/TT-BTC Art. 18.1: published free, at the same moment as the
-- notice). Bytes are kept in the database so that a file and its audit row commit together, on PGlite
-- and on PostgreSQL alike. Read and written by src/publishing/documents/. A published document is never
-- changed or removed: an amendment publishes new documents that supersede the earlier ones.

CREATE TABLE publication_document (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id bigint NOT NULL REFERENCES publication_draft(id),
  agency_code text NOT NULL REFERENCES org(code),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  notify_no text CHECK (notify_no IS NULL OR notify_no ~ '^IB[0-9]{10}$'),
  version text CHECK (version IS NULL OR version ~ '^[0-9]{2}$'),
  published_at timestamptz,
  public_url text,
  CHECK (octet_length(content) = size_bytes),
  CHECK ((published_at IS NULL) = (notify_no IS NULL) AND (notify_no IS NULL) = (version IS NULL))
);
COMMENT ON TABLE publication_document IS 'A bidding document file (HSMT/E-HSMT) of a tbmt or amendment draft; part of the published version once the draft is published, then immutable.';
COMMENT ON COLUMN publication_document.id IS 'Surrogate key (audit_log.entity_id; part of the download URL).';
COMMENT ON COLUMN publication_document.draft_id IS 'The draft it was uploaded to.';
COMMENT ON COLUMN publication_document.agency_code IS 'Agency of the draft (who may see it before publication).';
COMMENT ON COLUMN publication_document.file_name IS 'Original file name, cleaned: no path, no control characters, NFC (Vietnamese letters kept).';
COMMENT ON COLUMN publication_document.media_type IS 'IANA media type checked from the content and the extension (application/pdf, …).';
COMMENT ON COLUMN publication_document.size_bytes IS 'Size in bytes (at most 20 MB; 200 MB and 30 files per draft, see docs/documents.md).';
COMMENT ON COLUMN publication_document.sha256 IS 'SHA-256 of content, lower-case hex.';
COMMENT ON COLUMN publication_document.content IS 'The file''s bytes.';
COMMENT ON COLUMN publication_document.uploaded_by IS 'Audit actor who uploaded it: account:<id> or token:<id>.';
COMMENT ON COLUMN publication_document.uploaded_at IS 'When it was uploaded (UTC).';
COMMENT ON COLUMN publication_document.notify_no IS 'Notice it was published with (IB + 10 digits); NULL while a draft.';
COMMENT ON COLUMN publication_document.version IS 'Version of the notice it was published with (00 original, 01… amendments); NULL while a draft.';
COMMENT ON COLUMN publication_document.published_at IS 'When it was published (UTC), the instant of its notice version; NULL while a draft.';
COMMENT ON COLUMN publication_document.public_url IS 'Absolute download URL at publication when the portal''s public URL (MINHBACH_PUBLIC_URL) was configured; NULL otherwise.';
CREATE INDEX publication_document_draft_idx ON publication_document (draft_id, id);
CREATE INDEX publication_document_notice_idx ON publication_document (notify_no, version, id) WHERE notify_no IS NOT NULL;

CREATE FUNCTION publication_document_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'publication_document: TRUNCATE is not allowed (published documents are immutable)';
  END IF;
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'publication_document % is published: % is not allowed', OLD.id, TG_OP;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.sha256 <> OLD.sha256 OR NEW.size_bytes <> OLD.size_bytes
      OR NEW.draft_id <> OLD.draft_id OR NEW.file_name <> OLD.file_name OR NEW.media_type <> OLD.media_type) THEN
    RAISE EXCEPTION 'publication_document %: only the publication columns may be set', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION publication_document_immutable() IS 'Refuses UPDATE and DELETE of a published document, changes of a draft document''s file, and TRUNCATE.';
CREATE TRIGGER publication_document_no_change BEFORE UPDATE OR DELETE ON publication_document
  FOR EACH ROW EXECUTE FUNCTION publication_document_immutable();
CREATE TRIGGER publication_document_no_truncate BEFORE TRUNCATE ON publication_document
  FOR EACH STATEMENT EXECUTE FUNCTION publication_document_immutable();
