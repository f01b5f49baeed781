-- Substring and case-insensitive filters (titleContains, nameContainsFold, …) compile to LIKE and
-- ILIKE patterns that B-tree indexes cannot serve; trigram indexes can. They exist for exactly
-- the fields internal/gqlfilter.TextSearchable keeps those filters on. pg_trgm is a trusted
-- extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "professions_title_trgm" ON "professions" USING gin ("title" gin_trgm_ops);
CREATE INDEX "trainings_title_trgm" ON "trainings" USING gin ("title" gin_trgm_ops);
CREATE INDEX "blog_posts_title_trgm" ON "blog_posts" USING gin ("title" gin_trgm_ops);
CREATE INDEX "skills_name_trgm" ON "skills" USING gin ("name" gin_trgm_ops);
CREATE INDEX "providers_name_trgm" ON "providers" USING gin ("name" gin_trgm_ops);
CREATE INDEX "industries_name_trgm" ON "industries" USING gin ("name" gin_trgm_ops);
CREATE INDEX "specializations_name_trgm" ON "specializations" USING gin ("name" gin_trgm_ops);
CREATE INDEX "authors_name_trgm" ON "authors" USING gin ("name" gin_trgm_ops);
CREATE INDEX "blog_categories_name_trgm" ON "blog_categories" USING gin ("name" gin_trgm_ops);
CREATE INDEX "tags_name_trgm" ON "tags" USING gin ("name" gin_trgm_ops);
CREATE INDEX "profession_groups_name_trgm" ON "profession_groups" USING gin ("name" gin_trgm_ops);
CREATE INDEX "glossary_terms_term_trgm" ON "glossary_terms" USING gin ("term" gin_trgm_ops);
