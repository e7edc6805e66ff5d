-- The desk board's message per channel, found again after a restart.
CREATE TABLE board_message (
  channel_id BIGINT NOT NULL PRIMARY KEY,
  message_id BIGINT NOT NULL
);

-- A daily loss limit crossed, once per account and trading session (row-level: one replica acts on it).
CREATE TABLE daily_loss_trip (
  account VARCHAR(200) NOT NULL,
  session_day VARCHAR(10) NOT NULL,
  at_micros BIGINT NOT NULL,
  PRIMARY KEY (account, session_day)
);
