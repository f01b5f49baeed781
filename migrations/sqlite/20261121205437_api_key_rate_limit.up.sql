BEGIN;
-- add column "rate_limit" to table: "api_keys"
ALTER TABLE `api_keys` ADD COLUMN `rate_limit` integer NULL;
COMMIT;
