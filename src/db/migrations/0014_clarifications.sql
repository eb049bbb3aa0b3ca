-- Clarification of the bidding documents (làm rõ hồ sơ mời thầu, issue 4 item 2): each question a
-- bidder asked and the procuring entity's answer, published on minhbach as a `clarification` publication.
-- Clarifications are public (the bidding documents "with their amendments and clarifications", Law
-- 22/2023 Art. 7.1); the bidder who asked is never named. Written by src/publishing/clarification.ts,
-- read by src/procurement/queries/story-clarifications.ts; never edited (a correction is a new one).

-- A draft may now be of kind `clarification`: the existing CHECK on publication_draft.kind is widened
-- by OR-ing the new kind onto whatever list it holds (so a migration that added other kinds is kept).
DO $$
DECLARE
  def text;
BEGIN
  SELECT pg_get_constraintdef(c.oid) INTO def
    FROM pg_constraint c
   WHERE c.conrelid = 'publication_draft'::regclass AND c.contype = 'c'
     AND pg_get_constraintdef(c.oid) LIKE '%kind%'
     AND pg_get_constraintdef(c.oid) NOT LIKE '%status%'
   LIMIT 1;
  IF def IS NOT NULL AND def NOT LIKE '%clarification%' THEN
    EXECUTE 'ALTER TABLE publication_draft DROP CONSTRAINT publication_draft_kind_check';
    EXECUTE format('ALTER TABLE publication_draft ADD CONSTRAINT publication_draft_kind_check %s',
                   regexp_replace(def, '^CHECK \((.*)\)$', 'CHECK ((\1) OR kind = ''clarification'')'));
  END IF;
END
$$;

CREATE TABLE tbmt_clarification (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  seq integer NOT NULL CHECK (seq >= 1),
  question text NOT NULL CHECK (length(question) > 0),
  request_received_on date NOT NULL,
  answer text NOT NULL CHECK (length(answer) > 0),
  answered_at timestamptz NOT NULL,
  document_no text,
  document_date date,
  draft_id bigint REFERENCES publication_draft(id),
  published_by text NOT NULL,
  UNIQUE (tbmt_id, seq)
);
COMMENT ON TABLE tbmt_clarification IS 'Published clarifications of a notice''s bidding documents (làm rõ HSMT): question, date the request was received, answer. Append-only.';
COMMENT ON COLUMN tbmt_clarification.id IS 'Surrogate key (audit_log.entity_id).';
COMMENT ON COLUMN tbmt_clarification.tbmt_id IS 'The notice whose bidding documents are clarified.';
COMMENT ON COLUMN tbmt_clarification.seq IS 'Number of the clarification within the notice: 1, 2, … in publication order.';
COMMENT ON COLUMN tbmt_clarification.question IS 'The clarification request as published (without the name of the bidder who asked).';
COMMENT ON COLUMN tbmt_clarification.request_received_on IS 'Vietnam calendar day the procuring entity received the request (must be ≥ 3 WD before closing, 5 WD international).';
COMMENT ON COLUMN tbmt_clarification.answer IS 'The procuring entity''s answer.';
COMMENT ON COLUMN tbmt_clarification.answered_at IS 'When the answer was published on minhbach (UTC); must be ≥ 2 WD before closing.';
COMMENT ON COLUMN tbmt_clarification.document_no IS 'Number of the clarification letter (văn bản làm rõ), if any.';
COMMENT ON COLUMN tbmt_clarification.document_date IS 'Vietnam calendar day of the clarification letter, if any.';
COMMENT ON COLUMN tbmt_clarification.draft_id IS 'The publication (published draft) it came from; its law flags are in publication_check.';
COMMENT ON COLUMN tbmt_clarification.published_by IS 'Audit actor who published it: account:<id> or token:<id>.';

-- A published clarification is never changed or removed; the trigger stops mistakes, and the
-- ledger (its OCDS release) catches a change made behind its back.
CREATE FUNCTION tbmt_clarification_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tbmt_clarification is append-only: % is not allowed', TG_OP;
END
$$;
COMMENT ON FUNCTION tbmt_clarification_immutable() IS 'Refuses UPDATE, DELETE and TRUNCATE on tbmt_clarification.';
CREATE TRIGGER tbmt_clarification_no_change BEFORE UPDATE OR DELETE ON tbmt_clarification
  FOR EACH ROW EXECUTE FUNCTION tbmt_clarification_immutable();
CREATE TRIGGER tbmt_clarification_no_truncate BEFORE TRUNCATE ON tbmt_clarification
  FOR EACH STATEMENT EXECUTE FUNCTION tbmt_clarification_immutable();
