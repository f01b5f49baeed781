BEGIN;
-- reverse: create "audit_events" table, with its indexes
DROP TABLE `audit_events`;
-- reverse: add columns of key rotation to table: "api_keys"
ALTER TABLE `api_keys` DROP COLUMN `rotated_at`;
ALTER TABLE `api_keys` DROP COLUMN `previous_secret_expires_at`;
ALTER TABLE `api_keys` DROP COLUMN `previous_secret_hash`;
COMMIT;
