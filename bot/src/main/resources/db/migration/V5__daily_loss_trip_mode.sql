-- A daily loss trip is kept per mode (paper or live), account (lowercased: replicas may spell it in any case) and
-- session, so a paper trip leaves the live session's one trip unused. Rows from before are kept for both modes (which
-- mode made them is unknown; neither mode acts twice in the session of the upgrade).
CREATE TABLE daily_loss_trip_v5 (
  mode VARCHAR(8) NOT NULL,
  account VARCHAR(200) NOT NULL,
  session_day VARCHAR(10) NOT NULL,
  at_micros BIGINT NOT NULL,
  PRIMARY KEY (mode, account, session_day)
);
INSERT INTO daily_loss_trip_v5 (mode, account, session_day, at_micros)
  SELECT 'live', LOWER(account), session_day, MIN(at_micros) FROM daily_loss_trip GROUP BY LOWER(account), session_day;
INSERT INTO daily_loss_trip_v5 (mode, account, session_day, at_micros)
  SELECT 'paper', LOWER(account), session_day, MIN(at_micros) FROM daily_loss_trip GROUP BY LOWER(account), session_day;
DROP TABLE daily_loss_trip;
ALTER TABLE daily_loss_trip_v5 RENAME TO daily_loss_trip;
