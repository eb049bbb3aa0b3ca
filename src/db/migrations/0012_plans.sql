-- Publishing of procurement plans (KHLCNT) by agencies (issue 4 item 2): who published a plan, the
-- approving agency, and how the publication stands against its legal deadline (≤ 5 working days after
-- the approval decision, Law 22/2023 Art. 8.4). Written by src/plans/. A published plan is never
-- edited: a correction is a new plan row whose plan_no carries the version suffix (PL…-01).

CREATE SEQUENCE plan_no_seq START 1 MAXVALUE 9999999 NO CYCLE;
COMMENT ON SEQUENCE plan_no_seq IS 'Serial part of plan numbers issued by minhbach when the agency has no national PL number: PL + yy + 9 + 7 digits (see docs/plans.md).';

ALTER TABLE khlcnt
  ADD COLUMN agency_code text REFERENCES org(code),
  ADD COLUMN decision_agency text,
  ADD COLUMN published_by text,
  ADD COLUMN plan_no_issued boolean,
  ADD COLUMN deadline_at timestamptz,
  ADD COLUMN late_by_wd integer CHECK (late_by_wd IS NULL OR late_by_wd >= 0),
  ADD COLUMN late_rule_id text,
  ADD COLUMN late_citation text;
COMMENT ON COLUMN khlcnt.agency_code IS 'Agency (org.code with unit_kind) that published the plan on minhbach; NULL for imported or demo plans.';
COMMENT ON COLUMN khlcnt.decision_agency IS 'Agency that issued the approval decision (cơ quan phê duyệt), as published.';
COMMENT ON COLUMN khlcnt.published_by IS 'Audit actor who published the plan on minhbach: account:<id> or token:<id>.';
COMMENT ON COLUMN khlcnt.plan_no_issued IS 'True when minhbach issued the plan number (PL + yy + 9 + 7 digits) because the agency had no national one; false for a national number; NULL for imported plans.';
COMMENT ON COLUMN khlcnt.deadline_at IS 'Legal publication deadline computed from decision_date on the working-day calendar (UTC instant, end of the n-th working day in Vietnam time); NULL when no rule applies.';
COMMENT ON COLUMN khlcnt.late_by_wd IS 'How many working days after deadline_at the plan was published (0 = on time); NULL for imported plans.';
COMMENT ON COLUMN khlcnt.late_rule_id IS 'When published late: the law rule that set the deadline (src/compliance/law/rules.ts), e.g. L22A.publication-deadline.khlcnt.';
COMMENT ON COLUMN khlcnt.late_citation IS 'When published late: citation of that rule (law/decree/circular and article), in Vietnamese.';
CREATE INDEX khlcnt_agency_idx ON khlcnt (agency_code, published_at DESC) WHERE agency_code IS NOT NULL;
COMMENT ON INDEX khlcnt_agency_idx IS 'Plans published on minhbach by an agency, newest first.';
