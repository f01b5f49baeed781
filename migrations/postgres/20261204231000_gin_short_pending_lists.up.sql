-- Every GIN index keeps a short pending list (128 kB, 16 pages, where PostgreSQL's default is 4
-- MB), and what is waiting in the pending lists now is moved into the indexes.
--
-- A write to a GIN index appends its entries to a pending list, which every read of the index
-- scans in full until a vacuum merges it or it outgrows gin_pending_list_limit. After an import,
-- the search indexes held most of the catalogue there until autovacuum came by: on the ESCO-size
-- catalogue 218 pages of search_texts_words and all 9,086 words of search_terms_trgm, so that
-- each typo look-up read every dictionary word and a search cost about twice its PostgreSQL
-- time. Keeping no list at all (fastupdate off) was measured too: it made the synthetic
-- catalogue's load 3.4 times slower (each row's words written into the indexes one by one),
-- where the short list costs about a sixth more and leaves reads at most 16 pages to scan.
ALTER INDEX "api_keys_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "authors_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "blog_categories_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "blog_posts_title_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "glossary_terms_term_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "industries_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "profession_groups_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "professions_title_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "providers_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "search_documents_name_words" SET (gin_pending_list_limit = 128);
ALTER INDEX "search_terms_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "search_texts_words" SET (gin_pending_list_limit = 128);
ALTER INDEX "skills_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "specializations_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "tags_name_trgm" SET (gin_pending_list_limit = 128);
ALTER INDEX "trainings_title_trgm" SET (gin_pending_list_limit = 128);
SELECT gin_clean_pending_list(c.oid) FROM pg_class AS c JOIN pg_am AS a ON a.oid = c.relam
WHERE a.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace;
