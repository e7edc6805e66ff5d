-- Outcomes unknown (issue 25): one row per confirmed trade or approved alert whose outcome is unknown (timeout, lost
-- connection, 5xx, the bot failing or stopping while sending). The desk board lists the rows of the current trading
-- session until a follow-up resolves one (very likely executed / placed, or no change seen / not placed). verdict and
-- conclusion hold the newest follow-up's finding (NULL before one concluded); resolved_micros is set once resolved.
CREATE TABLE unknown_outcome (
  outcome_id VARCHAR(36) NOT NULL PRIMARY KEY,
  at_micros BIGINT NOT NULL,
  what VARCHAR(300) NOT NULL,
  verdict VARCHAR(16),
  conclusion TEXT,
  resolved_micros BIGINT
);
CREATE INDEX unknown_outcome_at ON unknown_outcome (at_micros);
