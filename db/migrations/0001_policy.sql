CREATE TABLE `approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`held_action_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`role` text NOT NULL,
	`decision` text NOT NULL,
	`args_hash` text NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`held_action_id`) REFERENCES `held_actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_once_per_person` ON `approvals` (`held_action_id`,`principal_id`,`args_hash`);--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`case_id` text,
	`run_id` text,
	`step` integer,
	`actor` text,
	`payload_json` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `audit_entries_tenant_case` ON `audit_entries` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `audit_entries_tenant_run` ON `audit_entries` (`tenant_id`,`run_id`);--> statement-breakpoint
CREATE TABLE `held_action_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`held_action_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`previous_args_json` text NOT NULL,
	`previous_args_hash` text NOT NULL,
	`args_json` text NOT NULL,
	`args_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`held_action_id`) REFERENCES `held_actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `held_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`run_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`step` integer,
	`tool` text NOT NULL,
	`effect` text NOT NULL,
	`args_json` text NOT NULL,
	`args_hash` text NOT NULL,
	`reason` text NOT NULL,
	`decision_json` text NOT NULL,
	`preview_json` text NOT NULL,
	`approvals_required` integer NOT NULL,
	`status` text NOT NULL,
	`outcome_json` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`executed_at` integer
);
--> statement-breakpoint
CREATE INDEX `held_actions_tenant_status` ON `held_actions` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `held_actions_tenant_case` ON `held_actions` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `held_actions_tenant_hash` ON `held_actions` (`tenant_id`,`args_hash`);--> statement-breakpoint
CREATE TABLE `principals` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
