-- Publishing by agencies (issue 4 item 2): private drafts that a publisher of the agency edits, then
-- publishes deliberately; the law checks' flags and lateness recorded per publication. Read and written
-- by src/publishing/. What is published lives in the procurement tables (tbmt, tbmt_version, …) and is
-- never edited: a draft once published is frozen and later changes are new drafts (amendments, …).

CREATE SEQUENCE publication_notice_seq START 1 MAXVALUE 9999999 NO CYCLE;
COMMENT ON SEQUENCE publication_notice_seq IS 'Serial part of notice numbers issued by minhbach: IB + yy + 9 + 7 digits (see docs/publishing.md).';

CREATE TABLE publication_draft (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_code text NOT NULL REFERENCES org(code),
  kind text NOT NULL CHECK (kind IN ('tbmt', 'amendment', 'extension', 'cancellation', 'opening', 'result', 'contract')),
  notify_no text CHECK (notify_no IS NULL OR notify_no ~ '^IB[0-9]{10}$'),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by text,
  published_ref text,
  CHECK ((status = 'published') = (published_at IS NOT NULL AND published_ref IS NOT NULL))
);
COMMENT ON TABLE publication_draft IS 'A publication prepared by an agency (bản nháp): private to the agency''s publishers (and monitors for reading) until published; frozen once published.';
COMMENT ON COLUMN publication_draft.id IS 'Surrogate key (audit_log.entity_id).';
COMMENT ON COLUMN publication_draft.agency_code IS 'The agency publishing (org.code of a unit with unit_kind).';
COMMENT ON COLUMN publication_draft.kind IS 'tbmt (new notice), amendment, extension, cancellation, opening (bid-opening record), result (KQLCNT), contract.';
COMMENT ON COLUMN publication_draft.notify_no IS 'Notice concerned: given for changes; for a new tbmt set at publication (national IB number or one issued by minhbach).';
COMMENT ON COLUMN publication_draft.payload IS 'The form or API input as sent (JSON, validated again at publication).';
COMMENT ON COLUMN publication_draft.status IS 'draft (editable, private) or published (frozen).';
COMMENT ON COLUMN publication_draft.created_by IS 'Audit actor who created it: account:<id> or token:<id>.';
COMMENT ON COLUMN publication_draft.created_at IS 'When it was created (UTC).';
COMMENT ON COLUMN publication_draft.updated_by IS 'Audit actor of the last edit.';
COMMENT ON COLUMN publication_draft.updated_at IS 'When it was last edited (UTC).';
COMMENT ON COLUMN publication_draft.published_at IS 'When it was published (UTC); NULL for a draft.';
COMMENT ON COLUMN publication_draft.published_by IS 'Audit actor who published it.';
COMMENT ON COLUMN publication_draft.published_ref IS 'What was published: notice number with version (IB2691234567-00), or notice number and kind (IB2691234567/result-00).';
CREATE INDEX publication_draft_agency_idx ON publication_draft (agency_code, status, updated_at DESC);
CREATE INDEX publication_draft_notify_idx ON publication_draft (notify_no) WHERE notify_no IS NOT NULL;

CREATE TABLE publication_check (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id bigint NOT NULL REFERENCES publication_draft(id),
  notify_no text NOT NULL,
  kind text NOT NULL,
  rule_id text NOT NULL,
  regime text NOT NULL,
  effect text NOT NULL CHECK (effect IN ('flag', 'late')),
  citation text NOT NULL,
  confirmed boolean NOT NULL,
  message_vi text NOT NULL,
  message_en text NOT NULL,
  short_by numeric,
  unit text,
  checked_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE publication_check IS 'Findings of the law checks recorded when a publication was accepted: flags (published but marked) and late publication with how late. Blocking findings are never recorded here: they refuse publication.';
COMMENT ON COLUMN publication_check.id IS 'Surrogate key.';
COMMENT ON COLUMN publication_check.draft_id IS 'The publication (published draft) checked.';
COMMENT ON COLUMN publication_check.notify_no IS 'Notice concerned (shown on /tbmt/{notify_no}).';
COMMENT ON COLUMN publication_check.kind IS 'Kind of the publication (tbmt, amendment, extension, cancellation, opening, result, contract).';
COMMENT ON COLUMN publication_check.rule_id IS 'Rule of src/compliance/law/rules.ts, e.g. L22A.publication-deadline.kqlcnt.';
COMMENT ON COLUMN publication_check.regime IS 'Regime of the rule: L43, L22 or L22A.';
COMMENT ON COLUMN publication_check.effect IS 'flag: a rule that marks but does not block; late: published after its deadline.';
COMMENT ON COLUMN publication_check.citation IS 'Law/decree/circular and article, in Vietnamese.';
COMMENT ON COLUMN publication_check.confirmed IS 'False when the figure is not confirmed from the official text.';
COMMENT ON COLUMN publication_check.message_vi IS 'What is wrong and by how much, in Vietnamese.';
COMMENT ON COLUMN publication_check.message_en IS 'The same in English.';
COMMENT ON COLUMN publication_check.short_by IS 'By how much the rule is missed (for late: how late), in unit.';
COMMENT ON COLUMN publication_check.unit IS 'Unit of short_by: day, working-day, hour, percent or vnd.';
COMMENT ON COLUMN publication_check.checked_at IS 'When the check ran (the publication time, UTC).';
CREATE INDEX publication_check_notify_idx ON publication_check (notify_no, id);
