-- reverse: create index "auditevent_target_id" to table: "audit_events"
DROP INDEX "auditevent_target_id";
-- reverse: create index "auditevent_at" to table: "audit_events"
DROP INDEX "auditevent_at";
-- reverse: create index "auditevent_actor" to table: "audit_events"
DROP INDEX "auditevent_actor";
-- reverse: create index "auditevent_action" to table: "audit_events"
DROP INDEX "auditevent_action";
-- reverse: create "audit_events" table
DROP TABLE "audit_events";
-- reverse: modify "api_keys" table
ALTER TABLE "api_keys" DROP COLUMN "rotated_at", DROP COLUMN "previous_secret_expires_at", DROP COLUMN "previous_secret_hash";
