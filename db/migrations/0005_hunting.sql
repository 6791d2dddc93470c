CREATE TABLE `hunt_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`query` text,
	`explanation` text,
	`window_json` text,
	`summary_json` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `hunt_threads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hunt_messages_thread_seq` ON `hunt_messages` (`thread_id`,`seq`);--> statement-breakpoint
CREATE TABLE `hunt_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`hunter_id` text NOT NULL,
	`title` text NOT NULL,
	`current_query` text,
	`current_intent` text,
	`current_window_json` text,
	`focus` text DEFAULT 'process' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `hunt_threads_tenant_hunter` ON `hunt_threads` (`tenant_id`,`hunter_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `promoted_hunts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`case_id` text NOT NULL,
	`hunter_id` text NOT NULL,
	`title` text NOT NULL,
	`queries_json` text NOT NULL,
	`event_ids_json` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `hunt_threads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `promoted_hunts_tenant_case` ON `promoted_hunts` (`tenant_id`,`case_id`);