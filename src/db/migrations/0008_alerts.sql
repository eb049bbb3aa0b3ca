-- E-mail alerts on saved searches (issue 5, item 2): subscribers (e-mail addresses), their saved
-- searches with double opt-in, the messages sent (confirmations, immediate alerts, daily digests) and
-- one delivery row per (saved search, notice) — the unique key that makes sending idempotent.
-- Protocol: docs/alerts.md.

CREATE TABLE alert_subscriber (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz
);
COMMENT ON TABLE alert_subscriber IS 'An e-mail address that asked for alerts (người nhận thông báo). One row per address.';
COMMENT ON COLUMN alert_subscriber.id IS 'Surrogate key; signed links of the manage page name it.';
COMMENT ON COLUMN alert_subscriber.email IS 'The address, trimmed and lower-cased (mailbox providers treat addresses case-insensitively).';
COMMENT ON COLUMN alert_subscriber.created_at IS 'When the address first asked for an alert.';
COMMENT ON COLUMN alert_subscriber.confirmed_at IS 'When the address first proved it receives our mail (first confirmed subscription); NULL until then.';

CREATE TABLE alert_subscription (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscriber_id bigint NOT NULL REFERENCES alert_subscriber(id),
  query text NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('immediate', 'daily')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'unsubscribed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_ip_hash text,
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  unsubscribed_via text,
  last_digest_on text CHECK (last_digest_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
);
COMMENT ON TABLE alert_subscription IS 'A saved search (tìm kiếm đã lưu) of a subscriber, alerted immediately or as a daily digest after double opt-in.';
COMMENT ON COLUMN alert_subscription.id IS 'Surrogate key; confirmation and unsubscribe tokens name it.';
COMMENT ON COLUMN alert_subscription.subscriber_id IS 'The address that receives the alerts.';
COMMENT ON COLUMN alert_subscription.query IS 'Canonical query string of the search page /tim-kiem (without page), e.g. q=may+bien+ap&field=HH; re-parsed by the search parser on every run.';
COMMENT ON COLUMN alert_subscription.frequency IS 'immediate (each run of the job sends the new matches) or daily (one digest a day at the configured hour, Vietnam time).';
COMMENT ON COLUMN alert_subscription.status IS 'pending (waiting for the confirmation link), active, unsubscribed (final; subscribing again makes a new row).';
COMMENT ON COLUMN alert_subscription.created_at IS 'When the search was saved.';
COMMENT ON COLUMN alert_subscription.created_ip_hash IS 'HMAC of the client IP address that saved it (never the address itself), for rate limiting.';
COMMENT ON COLUMN alert_subscription.confirmed_at IS 'When the confirmation link was used; notices first recorded after it are new matches.';
COMMENT ON COLUMN alert_subscription.unsubscribed_at IS 'When it was unsubscribed.';
COMMENT ON COLUMN alert_subscription.unsubscribed_via IS 'How: link (page button), one-click (RFC 8058 POST) or manage (manage page).';
COMMENT ON COLUMN alert_subscription.last_digest_on IS 'Vietnam-local date (YYYY-MM-DD) of the last daily digest sent (daily only).';
CREATE INDEX alert_subscription_subscriber_idx ON alert_subscription (subscriber_id);
CREATE INDEX alert_subscription_active_idx ON alert_subscription (status) WHERE status = 'active';
CREATE INDEX alert_subscription_ip_idx ON alert_subscription (created_ip_hash, created_at);
-- One live (pending or active) subscription per address and search.
CREATE UNIQUE INDEX alert_subscription_live_idx ON alert_subscription (subscriber_id, query)
  WHERE status <> 'unsubscribed';

CREATE TABLE alert_message (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id bigint NOT NULL REFERENCES alert_subscription(id),
  kind text NOT NULL CHECK (kind IN ('confirm', 'immediate', 'digest')),
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'failed', 'uncertain')),
  message_id text NOT NULL UNIQUE,
  transport text NOT NULL,
  match_count integer NOT NULL DEFAULT 0,
  request_ip_hash text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  error text
);
COMMENT ON TABLE alert_message IS 'One e-mail: a confirmation request, an immediate alert or a daily digest. Claimed (committed) before it is handed to the transport, marked sent after.';
COMMENT ON COLUMN alert_message.id IS 'Surrogate key.';
COMMENT ON COLUMN alert_message.subscription_id IS 'The saved search the message is about.';
COMMENT ON COLUMN alert_message.kind IS 'confirm (double opt-in link), immediate (new matches of one run) or digest (daily).';
COMMENT ON COLUMN alert_message.status IS 'claimed (being sent), sent (accepted by the SMTP server or written to the outbox), failed (the transport refused it; its matches are pending again), uncertain (a run stopped between claim and mark over SMTP: maybe sent, never resent automatically).';
COMMENT ON COLUMN alert_message.message_id IS 'RFC 5322 Message-ID of the e-mail, fixed at claim time; also the outbox file name.';
COMMENT ON COLUMN alert_message.transport IS 'smtp or outbox: where the message was handed.';
COMMENT ON COLUMN alert_message.match_count IS 'Number of notices the message lists (0 for confirmations).';
COMMENT ON COLUMN alert_message.request_ip_hash IS 'HMAC of the client IP address that caused a confirmation message, for rate limiting.';
COMMENT ON COLUMN alert_message.claimed_at IS 'When the message was claimed for sending.';
COMMENT ON COLUMN alert_message.sent_at IS 'When the transport accepted it.';
COMMENT ON COLUMN alert_message.error IS 'Why the transport refused it (failed) or why it is uncertain.';
CREATE INDEX alert_message_subscription_idx ON alert_message (subscription_id, kind, claimed_at);
CREATE INDEX alert_message_ip_idx ON alert_message (request_ip_hash, claimed_at) WHERE request_ip_hash IS NOT NULL;
CREATE INDEX alert_message_claimed_idx ON alert_message (status) WHERE status = 'claimed';

CREATE TABLE alert_delivery (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id bigint NOT NULL REFERENCES alert_subscription(id),
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  matched_at timestamptz NOT NULL DEFAULT now(),
  message_id bigint REFERENCES alert_message(id),
  UNIQUE (subscription_id, tbmt_id)
);
COMMENT ON TABLE alert_delivery IS 'A notice that newly matched a saved search: at most one row per (search, notice), so a notice is put into at most one message per search.';
COMMENT ON COLUMN alert_delivery.id IS 'Surrogate key.';
COMMENT ON COLUMN alert_delivery.subscription_id IS 'The saved search.';
COMMENT ON COLUMN alert_delivery.tbmt_id IS 'The notice (TBMT) that matched.';
COMMENT ON COLUMN alert_delivery.matched_at IS 'When the job found the match.';
COMMENT ON COLUMN alert_delivery.message_id IS 'The message that carries it; NULL while pending (not yet claimed, or its message failed and it waits for the next one).';
CREATE INDEX alert_delivery_pending_idx ON alert_delivery (subscription_id) WHERE message_id IS NULL;
CREATE INDEX alert_delivery_message_idx ON alert_delivery (message_id);
-- Candidates of a run are the notices recorded since the subscription's watermark.
CREATE INDEX alert_tbmt_created_at_idx ON tbmt (created_at);
