-- Which bot process draws the board of a channel: one at a time across replicas, held under a lease that the holder
-- renews at every draw and releases when it stops.
CREATE TABLE board_lease (
  channel_id BIGINT NOT NULL PRIMARY KEY,
  owner VARCHAR(64) NOT NULL,
  lease_micros BIGINT NOT NULL
);
