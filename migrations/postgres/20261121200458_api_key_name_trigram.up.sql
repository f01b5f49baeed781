-- API keys are looked up by name like the catalogue's names (see 20261121195500_trigram_indexes).
CREATE INDEX "api_keys_name_trgm" ON "api_keys" USING gin ("name" gin_trgm_ops);
