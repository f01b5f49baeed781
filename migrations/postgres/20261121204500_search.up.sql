-- Catalogue search (internal/search) across professions, skills, trainings, blog posts and
-- glossary terms. Two kinds of index per table, both on expressions so that they follow every
-- write at once and the ent schema needs no column for them (ent ignores indexes it does not
-- declare). internal/search repeats each expression verbatim: the planner only uses an
-- expression index for the very same expression.
--
-- Words: a weighted tsvector ('simple' configuration: no stemming, no stop words) for prefix
-- queries (`kube:*`) and ts_rank. Weight A is the title, B the alternative names, C the summary
-- (a skill's description, a term's definition), D the long Markdown text.
CREATE INDEX "professions_search_words" ON "professions" USING gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', coalesce("alternative_titles", '[]')), 'B') || setweight(to_tsvector('simple', "summary"), 'C') || setweight(to_tsvector('simple', "description"), 'D')));
CREATE INDEX "skills_search_words" ON "skills" USING gin ((setweight(to_tsvector('simple', "name"), 'A') || setweight(to_tsvector('simple', coalesce("alternative_labels", '[]')), 'B') || setweight(to_tsvector('simple', "description"), 'C')));
CREATE INDEX "trainings_search_words" ON "trainings" USING gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "summary"), 'C') || setweight(to_tsvector('simple', "description"), 'D')));
CREATE INDEX "blog_posts_search_words" ON "blog_posts" USING gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "excerpt"), 'C') || setweight(to_tsvector('simple', "body"), 'D')));
CREATE INDEX "glossary_terms_search_words" ON "glossary_terms" USING gin ((setweight(to_tsvector('simple', "term"), 'A') || setweight(to_tsvector('simple', "definition"), 'C')));
-- Names: trigrams of the title with its alternative names, for typo-tolerant matching of each
-- query word (names %> 'devloper', by word_similarity). Trainings, blog posts and glossary terms
-- have no alternative names: the trigram indexes on their titles (20261121195500_trigram_indexes)
-- serve them.
CREATE INDEX "professions_search_names" ON "professions" USING gin (("title" || ' ' || coalesce("alternative_titles"::text, '')) gin_trgm_ops);
CREATE INDEX "skills_search_names" ON "skills" USING gin (("name" || ' ' || coalesce("alternative_labels"::text, '')) gin_trgm_ops);
