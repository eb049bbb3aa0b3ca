-- minhbach accounts: publishing agencies as a hierarchy of org units over time, people's accounts with
-- roles, database sessions, API tokens per agency, and the indexes that count sign-in failures in the
-- audit log for lock-out. See docs/accounts.md.

-- Agencies (org units) are the organisations of `org` that publish: investors and procuring entities
-- of the city. An org is an agency when unit_kind is set; contractors keep unit_kind NULL.
ALTER TABLE org ADD COLUMN unit_kind text
  CHECK (unit_kind IN ('ubnd-tinh', 'so', 'ubnd-huyen', 'ubnd-xa', 'don-vi-su-nghiep', 'ban-qlda', 'khac'));
ALTER TABLE org ADD COLUMN parent_code text REFERENCES org(code) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE org ADD COLUMN valid_from date;
ALTER TABLE org ADD COLUMN valid_to date;
ALTER TABLE org ADD COLUMN successor_code text REFERENCES org(code) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE org ADD CONSTRAINT org_valid_range CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from);
ALTER TABLE org ADD CONSTRAINT org_parent_not_self CHECK (parent_code IS NULL OR parent_code <> code);
ALTER TABLE org ADD CONSTRAINT org_successor_not_self CHECK (successor_code IS NULL OR successor_code <> code);
CREATE INDEX org_parent_code_idx ON org (parent_code) WHERE parent_code IS NOT NULL;
CREATE INDEX org_unit_kind_idx ON org (unit_kind) WHERE unit_kind IS NOT NULL;
COMMENT ON COLUMN org.unit_kind IS 'Kind of publishing agency (org unit), NULL for organisations that are not agencies (e.g. contractors): ubnd-tinh city People''s Committee, so department (Sở, ban, ngành), ubnd-huyen district committee, ubnd-xa commune/ward committee, don-vi-su-nghiep public unit, ban-qlda investors'' management board, khac other. Labels in src/accounts/agency-kinds.ts.';
COMMENT ON COLUMN org.parent_code IS 'Code of the agency this unit belongs to (e.g. a ward under a district committee); NULL at the top. A publisher of the parent acts for every unit below it.';
COMMENT ON COLUMN org.valid_from IS 'First day (Vietnam calendar date) the unit exists; NULL when unknown or always.';
COMMENT ON COLUMN org.valid_to IS 'Last day (Vietnam calendar date, inclusive) the unit exists, e.g. 2025-06-30 for district committees dissolved by the 2025 two-tier reform; NULL while it exists.';
COMMENT ON COLUMN org.successor_code IS 'Code of the unit that took over this one''s duties after it merged or was dissolved.';

CREATE TABLE account (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'publisher', 'monitor')),
  agency_code text REFERENCES org(code),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CONSTRAINT account_publisher_has_agency CHECK ((role = 'publisher') = (agency_code IS NOT NULL))
);
COMMENT ON TABLE account IS 'People who sign in: administrators, publishers of an agency, monitors (read everything, write nothing).';
COMMENT ON COLUMN account.id IS 'Surrogate key.';
COMMENT ON COLUMN account.email IS 'Sign-in name: the e-mail address, lower case, Unicode NFC.';
COMMENT ON COLUMN account.display_name IS 'Name shown on pages and in the audit log.';
COMMENT ON COLUMN account.role IS 'admin (manages agencies, accounts and tokens), publisher (publishes for agency_code and its sub-units) or monitor (reads everything, drafts included; writes nothing).';
COMMENT ON COLUMN account.agency_code IS 'Agency a publisher acts for (with its sub-units); NULL for admin and monitor.';
COMMENT ON COLUMN account.password_hash IS 'Argon2id hash of the password in PHC string form (@node-rs/argon2); the password itself is never stored.';
COMMENT ON COLUMN account.password_changed_at IS 'When the password was last set.';
COMMENT ON COLUMN account.disabled_at IS 'When an administrator disabled the account; a disabled account cannot sign in and its sessions end.';
COMMENT ON COLUMN account.last_sign_in_at IS 'Last successful sign-in.';
COMMENT ON COLUMN account.created_at IS 'When the row was created.';
COMMENT ON COLUMN account.created_by IS 'Actor who created the account (audit actor, e.g. cli:admin or account:1).';
CREATE INDEX account_agency_code_idx ON account (agency_code) WHERE agency_code IS NOT NULL;

CREATE TABLE account_session (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  account_id bigint NOT NULL REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_reason text CHECK (ended_reason IN ('sign-out', 'password-changed', 'disabled', 'replaced')),
  ip text,
  user_agent text
);
COMMENT ON TABLE account_session IS 'Sign-in sessions. The browser holds a random token in an HttpOnly cookie; only its SHA-256 is stored.';
COMMENT ON COLUMN account_session.id IS 'Surrogate key.';
COMMENT ON COLUMN account_session.token_hash IS 'SHA-256 (hex) of the session token held in the cookie.';
COMMENT ON COLUMN account_session.account_id IS 'Account signed in.';
COMMENT ON COLUMN account_session.created_at IS 'Sign-in time.';
COMMENT ON COLUMN account_session.last_seen_at IS 'Last request seen (refreshed at most once a minute); the session ends after the idle timeout.';
COMMENT ON COLUMN account_session.expires_at IS 'Absolute end of the session, whatever the activity.';
COMMENT ON COLUMN account_session.ended_at IS 'When the session was ended before expiry.';
COMMENT ON COLUMN account_session.ended_reason IS 'sign-out, password-changed, disabled (account disabled) or replaced (a new sign-in from the same browser).';
COMMENT ON COLUMN account_session.ip IS 'Client address at sign-in.';
COMMENT ON COLUMN account_session.user_agent IS 'Browser at sign-in (first 300 characters).';
CREATE INDEX account_session_account_idx ON account_session (account_id) WHERE ended_at IS NULL;

CREATE TABLE api_token (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  agency_code text NOT NULL REFERENCES org(code),
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by text
);
COMMENT ON TABLE api_token IS 'API tokens for machine publishing (Authorization: Bearer mb_…), each scoped to one agency and its sub-units. Only the hash is stored; the token is shown once.';
COMMENT ON COLUMN api_token.id IS 'Surrogate key.';
COMMENT ON COLUMN api_token.token_hash IS 'SHA-256 (hex) of the whole token (mb_ + 43 base64url characters).';
COMMENT ON COLUMN api_token.token_prefix IS 'First 11 characters of the token (mb_ + 8), to recognise it in lists; not enough to use it.';
COMMENT ON COLUMN api_token.agency_code IS 'Agency the token publishes for (with its sub-units).';
COMMENT ON COLUMN api_token.label IS 'What the token is for, e.g. the name of the sending system.';
COMMENT ON COLUMN api_token.created_at IS 'When the token was created.';
COMMENT ON COLUMN api_token.created_by IS 'Actor who created it (account:N or cli:admin).';
COMMENT ON COLUMN api_token.last_used_at IS 'Last request authenticated with it (refreshed at most once a minute).';
COMMENT ON COLUMN api_token.revoked_at IS 'When it was revoked; a revoked token is refused.';
COMMENT ON COLUMN api_token.revoked_by IS 'Actor who revoked it.';
CREATE INDEX api_token_agency_idx ON api_token (agency_code);

-- Sign-in events are audit rows (entity 'sign_in'); lock-out counts recent failures per e-mail and
-- per client address straight from the audit log.
CREATE INDEX audit_log_sign_in_email_idx ON audit_log ((new_value ->> 'email'), at) WHERE entity = 'sign_in';
CREATE INDEX audit_log_sign_in_ip_idx ON audit_log ((new_value ->> 'ip'), at) WHERE entity = 'sign_in';
