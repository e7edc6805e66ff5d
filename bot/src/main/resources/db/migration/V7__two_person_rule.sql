-- The two-person rule (approvals): a pending confirmation whose invoker confirmed an action that needs a second
-- person waits in the new state AWAITING (expires_micros becomes the request's expiry) until another member with an
-- approver role approves it (AWAITING -> CONFIRMED, claimed once, approved_by set) or it is rejected (CANCELLED) or
-- expires (EXPIRED). A /resume after a daily loss halt is recorded the same way (command 'resume', options '{}').
-- needs_second: why a second person must approve it (decided when the card was made), or NULL. A row with it is never
-- claimed by a Confirm (PENDING -> CONFIRMED refuses it, in SQL), only requested (PENDING -> AWAITING) and approved.
ALTER TABLE pending_action ADD COLUMN needs_second TEXT;
-- request_token: the invoker's Confirm interaction token (Discord honours it for 15 minutes), so whichever replica
-- approves, rejects or expires the request can edit the invoker's card; deleted with the row a day after it ended.
ALTER TABLE pending_action ADD COLUMN request_token TEXT;
ALTER TABLE pending_action ADD COLUMN approval_channel BIGINT;
ALTER TABLE pending_action ADD COLUMN approval_message BIGINT;
ALTER TABLE pending_action ADD COLUMN approved_by BIGINT;
-- Alert-desk orders above approvals.above_quantity need two different approvers: the first one is kept here.
ALTER TABLE alert ADD COLUMN first_approver BIGINT;
-- A resume after a daily loss halt is approved by a second person (approvals.for: resume_after_daily_loss): until
-- then the session's trip stays "not resumed", whatever halt replaced the guard's.
ALTER TABLE daily_loss_trip ADD COLUMN resumed_micros BIGINT;
