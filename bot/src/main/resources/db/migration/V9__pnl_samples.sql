-- Session reports (board.accounts): one P&L sample per board account every 10 s while the P&L stream runs, written
-- by the replica that draws the board, pruned after 30 days. Values in the account's currency; NULL = the stream did
-- not say (never zero). The account is kept as configured.
CREATE TABLE pnl_sample (
  account VARCHAR(200) NOT NULL,
  at_micros BIGINT NOT NULL,
  realized DOUBLE PRECISION,
  unrealized DOUBLE PRECISION,
  PRIMARY KEY (account, at_micros)
);
CREATE INDEX pnl_sample_at ON pnl_sample (at_micros);
-- A session report posted to the board channel, once per account (lowercased: replicas may spell it in any case) and
-- session day (row-level insert: one replica posts it).
CREATE TABLE session_report (
  account VARCHAR(200) NOT NULL,
  session_day VARCHAR(10) NOT NULL,
  at_micros BIGINT NOT NULL,
  PRIMARY KEY (account, session_day)
);
