-- The trailing-drawdown guard (limits.trailing_drawdown): a crossed limit acts once per mode, account (lowercased)
-- and session (its trading day), across replicas: the first replica to insert the row halts (and flattens).
CREATE TABLE trailing_drawdown_trip (
  mode VARCHAR(8) NOT NULL,
  account VARCHAR(200) NOT NULL,
  session_day VARCHAR(10) NOT NULL,
  at_micros BIGINT NOT NULL,
  PRIMARY KEY (mode, account, session_day)
);
