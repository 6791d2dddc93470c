ALTER TABLE `held_actions` ADD `facts_json` text;--> statement-breakpoint
ALTER TABLE `held_actions` ADD `console_url` text;