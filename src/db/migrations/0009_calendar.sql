-- The working-day calendar's override table (issue 4 item 4): an administrator records here what the
-- yearly official notices decide (Tết days, the day next to 2/9, swapped days) when the built-in data
-- of src/calendar/official.ts does not have it yet, or corrects a day. Read by src/calendar-admin/.

CREATE TABLE calendar_override (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL UNIQUE,
  working boolean NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE calendar_override IS 'Administrator overrides of the working-day calendar (lịch ngày làm việc): one row per date, winning over the built-in rules.';
COMMENT ON COLUMN calendar_override.id IS 'Surrogate key (audit_log.entity_id).';
COMMENT ON COLUMN calendar_override.day IS 'The Vietnam local day (Asia/Ho_Chi_Minh) overridden.';
COMMENT ON COLUMN calendar_override.working IS 'True: a working day (e.g. a make-up Saturday); false: a day off.';
COMMENT ON COLUMN calendar_override.reason IS 'Why, in Vietnamese, citing the official notice (e.g. Thông báo 9441/TB-BNV).';
COMMENT ON COLUMN calendar_override.created_by IS 'Who recorded it (user or process).';
COMMENT ON COLUMN calendar_override.created_at IS 'When it was recorded (UTC).';
