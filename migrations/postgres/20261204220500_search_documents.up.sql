-- Search (internal/search) reads stored documents instead of indexes on expressions, so that a
-- search can take a bounded set of candidates from the indexes and rank only those: ranking and
-- rechecks read a stored tsvector instead of parsing every matching row's texts again, and the
-- names a title tier is ranked by sit in a narrow table of their own.
--
--   search_documents  one row per searchable object: what decides who may see it (kind, status,
--                     the provider that owns a training), its title, its names (the title and
--                     its alternative names, ' | ' between them) and the words of its names
--                     (tsvector: title A, alternative names B), GIN-indexed: the title tier.
--   search_texts      the words of all its texts (title A, alternative names B, summary C, long
--                     text D), GIN-indexed: every match, and the relevance of a candidate. The
--                     words of the names are there once more, marked with a leading '~' and no
--                     position, for a typo correction to match names only without a recheck.
--   search_terms      every word of four letters or more that a name has held, trigram-indexed:
--                     the dictionary typos are corrected from ("pyhton" → python). It only grows;
--                     a correction matches names only, so a word of a draft or of a deleted row
--                     finds nothing a caller may not see.
--
-- Statement-level triggers on the five tables keep the documents in step with every write
-- (mutations, imports), so changes are searchable at once; a bulk insert costs one statement per
-- table, not one per row. The expression indexes of 20261121204500_search go.
DROP INDEX "professions_search_words";
DROP INDEX "skills_search_words";
DROP INDEX "trainings_search_words";
DROP INDEX "blog_posts_search_words";
DROP INDEX "glossary_terms_search_words";
DROP INDEX "professions_search_names";
DROP INDEX "skills_search_names";

CREATE TABLE "search_documents" (
  "object_id" bigint NOT NULL PRIMARY KEY,
  "kind" text COLLATE "C" NOT NULL,
  "status" text NOT NULL,
  "owner_id" bigint NULL,
  "title" text NOT NULL,
  "names" text NOT NULL,
  "name_words" tsvector NOT NULL
);
CREATE INDEX "search_documents_name_words" ON "search_documents" USING gin ("name_words");

CREATE TABLE "search_texts" (
  "object_id" bigint NOT NULL PRIMARY KEY REFERENCES "search_documents" ("object_id") ON DELETE CASCADE,
  "words" tsvector NOT NULL
);
CREATE INDEX "search_texts_words" ON "search_texts" USING gin ("words");

CREATE TABLE "search_terms" ("term" text NOT NULL PRIMARY KEY);
CREATE INDEX "search_terms_trgm" ON "search_terms" USING gin ("term" gin_trgm_ops);

-- Writes the documents of the rows of source whose IDs are in ids (all rows when ids is null).
-- cols names source's columns: title, alternative names (a JSON array), summary, long text and
-- owning provider, '' for those the type lacks. Words are read with the 'simple' configuration:
-- no stemming and no stop words, so that any word can be found as typed.
CREATE FUNCTION "search_documents_put"("source" regclass, "kind" text, "cols" text[], "ids" bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  col text[] := ARRAY(SELECT CASE WHEN c = '' THEN 'NULL' ELSE format('s.%I', c) END FROM unnest(cols) AS c);
BEGIN
  EXECUTE format($sql$
    WITH src AS (
      SELECT s."id", s."status", %5$s::bigint AS owner_id, %1$s::text AS title, coalesce(%2$s::jsonb, '[]') AS alternatives,
             coalesce(%3$s::text, '') AS summary, coalesce(%4$s::text, '') AS body
      FROM %6$s AS s WHERE $1 IS NULL OR s."id" = ANY ($1)
    ), docs AS (
      SELECT src.*, setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', alternatives), 'B') AS name_words
      FROM src
    ), written AS (
      INSERT INTO "search_documents" ("object_id", "kind", "status", "owner_id", "title", "names", "name_words")
      SELECT "id", $2, "status", owner_id, title,
             title || CASE WHEN jsonb_typeof(alternatives) = 'array' THEN coalesce((SELECT string_agg(' | ' || a, '') FROM jsonb_array_elements_text(alternatives) AS a), '') ELSE '' END,
             name_words
      FROM docs
      ON CONFLICT ("object_id") DO UPDATE SET "kind" = excluded."kind", "status" = excluded."status", "owner_id" = excluded."owner_id",
        "title" = excluded."title", "names" = excluded."names", "name_words" = excluded."name_words"
      RETURNING "object_id"
    ), texts AS (
      INSERT INTO "search_texts" ("object_id", "words")
      SELECT d."id", d.name_words || setweight(to_tsvector('simple', d.summary), 'C') || setweight(to_tsvector('simple', d.body), 'D')
        || array_to_tsvector(ARRAY(SELECT '~' || l FROM unnest(tsvector_to_array(d.name_words)) AS l))
      FROM docs AS d JOIN written AS w ON w."object_id" = d."id"
      ON CONFLICT ("object_id") DO UPDATE SET "words" = excluded."words"
    )
    -- In one order, so that concurrent writers adding the same new words cannot deadlock.
    INSERT INTO "search_terms" ("term")
    SELECT DISTINCT t FROM docs, unnest(tsvector_to_array(docs.name_words)) AS t WHERE length(t) >= 4 ORDER BY t
    ON CONFLICT DO NOTHING
  $sql$, col[1], col[2], col[3], col[4], col[5], source) USING ids, kind;
END $$;

-- The trigger of the five tables. TG_ARGV: the kind, then cols as search_documents_put takes them.
CREATE FUNCTION "search_documents_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "search_documents" WHERE "object_id" IN (SELECT "id" FROM "old_rows");
  ELSE
    PERFORM "search_documents_put"(TG_RELID::regclass, TG_ARGV[0], ARRAY[TG_ARGV[1], TG_ARGV[2], TG_ARGV[3], TG_ARGV[4], TG_ARGV[5]], ARRAY(SELECT "id" FROM "new_rows"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "professions_search_insert" AFTER INSERT ON "professions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('PROFESSION', 'title', 'alternative_titles', 'summary', 'description', '');
CREATE TRIGGER "professions_search_update" AFTER UPDATE ON "professions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('PROFESSION', 'title', 'alternative_titles', 'summary', 'description', '');
CREATE TRIGGER "professions_search_delete" AFTER DELETE ON "professions" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"();
CREATE TRIGGER "skills_search_insert" AFTER INSERT ON "skills" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('SKILL', 'name', 'alternative_labels', 'description', '', '');
CREATE TRIGGER "skills_search_update" AFTER UPDATE ON "skills" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('SKILL', 'name', 'alternative_labels', 'description', '', '');
CREATE TRIGGER "skills_search_delete" AFTER DELETE ON "skills" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"();
CREATE TRIGGER "trainings_search_insert" AFTER INSERT ON "trainings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('TRAINING', 'title', '', 'summary', 'description', 'provider_id');
CREATE TRIGGER "trainings_search_update" AFTER UPDATE ON "trainings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('TRAINING', 'title', '', 'summary', 'description', 'provider_id');
CREATE TRIGGER "trainings_search_delete" AFTER DELETE ON "trainings" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"();
CREATE TRIGGER "blog_posts_search_insert" AFTER INSERT ON "blog_posts" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('BLOG_POST', 'title', '', 'excerpt', 'body', '');
CREATE TRIGGER "blog_posts_search_update" AFTER UPDATE ON "blog_posts" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('BLOG_POST', 'title', '', 'excerpt', 'body', '');
CREATE TRIGGER "blog_posts_search_delete" AFTER DELETE ON "blog_posts" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"();
CREATE TRIGGER "glossary_terms_search_insert" AFTER INSERT ON "glossary_terms" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('GLOSSARY_TERM', 'term', '', 'definition', '', '');
CREATE TRIGGER "glossary_terms_search_update" AFTER UPDATE ON "glossary_terms" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"('GLOSSARY_TERM', 'term', '', 'definition', '', '');
CREATE TRIGGER "glossary_terms_search_delete" AFTER DELETE ON "glossary_terms" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "search_documents_write"();

-- The documents of the rows already there.
SELECT "search_documents_put"('professions', 'PROFESSION', ARRAY['title', 'alternative_titles', 'summary', 'description', ''], NULL);
SELECT "search_documents_put"('skills', 'SKILL', ARRAY['name', 'alternative_labels', 'description', '', ''], NULL);
SELECT "search_documents_put"('trainings', 'TRAINING', ARRAY['title', '', 'summary', 'description', 'provider_id'], NULL);
SELECT "search_documents_put"('blog_posts', 'BLOG_POST', ARRAY['title', '', 'excerpt', 'body', ''], NULL);
SELECT "search_documents_put"('glossary_terms', 'GLOSSARY_TERM', ARRAY['term', '', 'definition', '', ''], NULL);
ANALYZE "search_documents", "search_texts", "search_terms";
