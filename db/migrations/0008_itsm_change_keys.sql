CREATE TABLE `case_change_keys` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`change_key` text NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `case_id`, `change_key`)
);
--> statement-breakpoint
CREATE TABLE `sent_ticket_notes` (
	`tenant_id` text NOT NULL,
	`system` text NOT NULL,
	`note_id` text NOT NULL,
	`case_id` text NOT NULL,
	`change_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `system`, `note_id`)
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_itsm_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`target_system` text NOT NULL,
	`kind` text NOT NULL,
	`payload_json` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`held_action_id` text,
	`lease_until` integer,
	`lease_token` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_itsm_outbox`("id", "change_id", "tenant_id", "case_id", "target_system", "kind", "payload_json", "state", "attempts", "next_attempt_at", "last_error", "held_action_id", "lease_until", "lease_token", "created_at", "updated_at") SELECT "change_id", "change_id", "tenant_id", "case_id", "target_system", "kind", "payload_json", "state", "attempts", "next_attempt_at", "last_error", "held_action_id", "lease_until", NULL, "created_at", "updated_at" FROM `itsm_outbox`;--> statement-breakpoint
DROP TABLE `itsm_outbox`;--> statement-breakpoint
ALTER TABLE `__new_itsm_outbox` RENAME TO `itsm_outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `itsm_outbox_due` ON `itsm_outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `itsm_outbox_case` ON `itsm_outbox` (`tenant_id`,`case_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `itsm_outbox_change` ON `itsm_outbox` (`tenant_id`,`case_id`,`change_id`);--> statement-breakpoint
ALTER TABLE `ticket_links` ADD `ready` integer DEFAULT true NOT NULL;--> statement-breakpoint
INSERT INTO `case_change_keys`("tenant_id", "case_id", "change_key", "kind", "record_id", "created_at") SELECT "tenant_id", "case_id", "id", 'status', "id", "at" FROM `case_status_history`;--> statement-breakpoint
INSERT OR IGNORE INTO `case_change_keys`("tenant_id", "case_id", "change_key", "kind", "record_id", "created_at") SELECT "tenant_id", "case_id", "external_id", 'note', "external_id", "created_at" FROM `case_notes` WHERE "source" = 'casebook';
