DROP INDEX "api_keys_name_trgm";
