-- The alert desk (alerts.sources): one row per accepted alert, its card and its decision. States:
-- OPEN (card posted or being posted) -> APPROVING (claimed once by an approver; being sent) -> SENT | NOT_SENT |
-- UNKNOWN; OPEN -> REJECTED | EXPIRED; REFUSED (refused on arrival: a card without Approve). fields is the alert's
-- fields as JSON, never its key.
CREATE TABLE alert (
  alert_id VARCHAR(16) NOT NULL PRIMARY KEY,
  source VARCHAR(64) NOT NULL,
  identity VARCHAR(64) NOT NULL,
  fields TEXT NOT NULL,
  received_micros BIGINT NOT NULL,
  expires_micros BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  channel_id BIGINT,
  message_id BIGINT,
  decided_by BIGINT,
  lease_micros BIGINT,
  outcome TEXT,
  updated_micros BIGINT NOT NULL
);
CREATE INDEX alert_state ON alert (state, expires_micros);
-- At most once: the same alert (source and identity, the hash of its normalised fields) within the source's
-- dedupe_seconds is a duplicate. One row per (source, identity), moved on only by an alert accepted after the window.
CREATE TABLE alert_seen (
  source VARCHAR(64) NOT NULL,
  identity VARCHAR(64) NOT NULL,
  seen_micros BIGINT NOT NULL,
  alert_id VARCHAR(16) NOT NULL,
  PRIMARY KEY (source, identity)
);
