CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`internal` integer NOT NULL,
	`written_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_notes_external` ON `case_notes` (`tenant_id`,`source`,`external_id`);
--> statement-breakpoint
CREATE INDEX `case_notes_case` ON `case_notes` (`tenant_id`,`case_id`,`written_at`);
--> statement-breakpoint
CREATE TABLE `case_status_history` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`status` text NOT NULL,
	`set_by` text NOT NULL,
	`note` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_status_history_case` ON `case_status_history` (`tenant_id`,`case_id`,`at`);
--> statement-breakpoint
CREATE TABLE `itsm_outbox` (
	`change_id` text PRIMARY KEY NOT NULL,
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
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `itsm_outbox_due` ON `itsm_outbox` (`state`,`next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `itsm_outbox_case` ON `itsm_outbox` (`tenant_id`,`case_id`,`created_at`);
--> statement-breakpoint
CREATE TABLE `ticket_links` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`system` text NOT NULL,
	`external_id` text NOT NULL,
	`external_key` text NOT NULL,
	`correlation_id` text NOT NULL,
	`notes_synced_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_links_case` ON `ticket_links` (`tenant_id`,`case_id`,`system`);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_links_correlation` ON `ticket_links` (`system`,`correlation_id`);
