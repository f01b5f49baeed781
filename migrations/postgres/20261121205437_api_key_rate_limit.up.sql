-- modify "api_keys" table
ALTER TABLE "api_keys" ADD COLUMN "rate_limit" bigint NULL;
