BEGIN;
-- reverse: add column "rate_limit" to table: "api_keys"
ALTER TABLE `api_keys` DROP COLUMN `rate_limit`;
COMMIT;
