-- The audit trail, approvals and edits are records of what happened: rows are added,
-- never changed or removed. The hash chain detects tampering that bypasses these.
CREATE TRIGGER `audit_entries_no_update` BEFORE UPDATE ON `audit_entries`
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_entries_no_delete` BEFORE DELETE ON `audit_entries`
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `approvals_no_update` BEFORE UPDATE ON `approvals`
BEGIN SELECT RAISE(ABORT, 'approvals is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `approvals_no_delete` BEFORE DELETE ON `approvals`
BEGIN SELECT RAISE(ABORT, 'approvals is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `held_action_edits_no_update` BEFORE UPDATE ON `held_action_edits`
BEGIN SELECT RAISE(ABORT, 'held_action_edits is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `held_action_edits_no_delete` BEFORE DELETE ON `held_action_edits`
BEGIN SELECT RAISE(ABORT, 'held_action_edits is append-only'); END;
