CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`console_url` text NOT NULL,
	`token_ref` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
