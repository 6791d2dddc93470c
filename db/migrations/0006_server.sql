CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `api_keys_tenant` ON `api_keys` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`principal_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`run_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `principal_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `poller_cursors` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`created_after` text NOT NULL,
	`polled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `run_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`report` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`failure_json` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_requests_one_active` ON `run_requests` (`tenant_id`,`case_id`) WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX `run_requests_status` ON `run_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `run_requests_tenant_case` ON `run_requests` (`tenant_id`,`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`tenant_id` text NOT NULL,
	`delivery_key` text NOT NULL,
	`threat_id` text NOT NULL,
	`run_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `delivery_key`)
);
--> statement-breakpoint
CREATE TABLE `webhook_signatures` (
	`signature` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_signatures_seen` ON `webhook_signatures` (`seen_at`);