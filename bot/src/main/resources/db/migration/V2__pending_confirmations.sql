-- Pending confirmations: a review card's action, waiting for its invoker's Confirm, kept so that a click after a
-- restart (or on another replica) still works, claimed at most once by a row-level compare-and-set on `state`.
-- States: PENDING -> CONFIRMED (claimed; being sent) -> DONE, or PENDING -> CANCELLED | EXPIRED | DENIED;
-- CONFIRMED -> UNKNOWN when the claim's lease passed without a result (the process died while sending).
CREATE TABLE pending_action (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  command VARCHAR(64) NOT NULL,
  user_id BIGINT NOT NULL,
  user_name VARCHAR(200) NOT NULL,
  role_ids TEXT NOT NULL,
  options TEXT NOT NULL,
  mode VARCHAR(8) NOT NULL,
  created_micros BIGINT NOT NULL,
  expires_micros BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  claim_interaction VARCHAR(32),
  claim_token TEXT,
  lease_micros BIGINT,
  updated_micros BIGINT NOT NULL
);
CREATE INDEX pending_action_state ON pending_action (state, lease_micros);
