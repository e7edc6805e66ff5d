-- Durable state of the bot: the audit trail and the halt switch. Plain SQL that runs on SQLite and PostgreSQL.
CREATE TABLE audit_event (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  at_micros BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  user_id BIGINT NOT NULL,
  user_name VARCHAR(200) NOT NULL,
  command VARCHAR(64) NOT NULL,
  args TEXT NOT NULL,
  outcome TEXT NOT NULL,
  order_ids TEXT NOT NULL,
  latency_ms BIGINT NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at_micros, seq);
CREATE INDEX audit_event_user_at ON audit_event (user_id, at_micros, seq);

-- One row (id 1): whether risk-increasing commands are refused, since when, by whom and why.
CREATE TABLE halt_state (
  id INTEGER NOT NULL PRIMARY KEY,
  halted INTEGER NOT NULL,
  reason TEXT,
  by_user_id BIGINT,
  by_user_name VARCHAR(200),
  since_micros BIGINT
);
INSERT INTO halt_state (id, halted) VALUES (1, 0);
