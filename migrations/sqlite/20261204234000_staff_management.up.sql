BEGIN;
-- add columns of key rotation to table: "api_keys" (in place: a rebuild would drop its triggers)
ALTER TABLE `api_keys` ADD COLUMN `previous_secret_hash` blob NULL;
ALTER TABLE `api_keys` ADD COLUMN `previous_secret_expires_at` datetime NULL;
ALTER TABLE `api_keys` ADD COLUMN `rotated_at` datetime NULL;
-- create "audit_events" table
CREATE TABLE `audit_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `at` datetime NOT NULL, `actor` text NOT NULL, `actor_name` text NOT NULL, `action` text NOT NULL, `target_type` text NOT NULL, `target_id` integer NOT NULL, `target_name` text NOT NULL, `detail` text NOT NULL DEFAULT (''));
-- set sequence for "audit_events" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("audit_events", 94489280512);
-- create index "auditevent_action" to table: "audit_events"
CREATE INDEX `auditevent_action` ON `audit_events` (`action`);
-- create index "auditevent_actor" to table: "audit_events"
CREATE INDEX `auditevent_actor` ON `audit_events` (`actor`);
-- create index "auditevent_at" to table: "audit_events"
CREATE INDEX `auditevent_at` ON `audit_events` (`at`);
-- create index "auditevent_target_id" to table: "audit_events"
CREATE INDEX `auditevent_target_id` ON `audit_events` (`target_id`);
COMMIT;
