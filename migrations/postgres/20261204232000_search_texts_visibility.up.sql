-- search_texts carries what decides who may see a document (kind, status, owning provider), as
-- search_documents does, so that a search counts and gathers its matches from the index of all
-- texts and the rows it reads there, without looking each match up in search_documents: on the
-- ESCO-size catalogue that look-up was 7 of a one-word search's 13 ms in PostgreSQL (a thousand
-- index probes to count a thousand hits). search_documents_put writes the columns in both tables.
ALTER TABLE "search_texts" ADD COLUMN "kind" text COLLATE "C", ADD COLUMN "status" text, ADD COLUMN "owner_id" bigint;
UPDATE "search_texts" AS t SET "kind" = d."kind", "status" = d."status", "owner_id" = d."owner_id"
FROM "search_documents" AS d WHERE d."object_id" = t."object_id";
ALTER TABLE "search_texts" ALTER COLUMN "kind" SET NOT NULL, ALTER COLUMN "status" SET NOT NULL;

CREATE OR REPLACE FUNCTION "search_documents_put"("source" regclass, "kind" text, "cols" text[], "ids" bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
      INSERT INTO "search_texts" ("object_id", "kind", "status", "owner_id", "words")
      SELECT d."id", $2, d."status", d.owner_id, d.name_words || setweight(to_tsvector('simple', d.summary), 'C') || setweight(to_tsvector('simple', d.body), 'D')
        || array_to_tsvector(ARRAY(SELECT '~' || l FROM unnest(tsvector_to_array(d.name_words)) AS l))
      FROM docs AS d JOIN written AS w ON w."object_id" = d."id"
      ON CONFLICT ("object_id") DO UPDATE SET "kind" = excluded."kind", "status" = excluded."status",
        "owner_id" = excluded."owner_id", "words" = excluded."words"
    )
    -- In one order, so that concurrent writers adding the same new words cannot deadlock.
    INSERT INTO "search_terms" ("term")
    SELECT DISTINCT t FROM docs, unnest(tsvector_to_array(docs.name_words)) AS t WHERE length(t) >= 4 ORDER BY t
    ON CONFLICT DO NOTHING
  $sql$, col[1], col[2], col[3], col[4], col[5], source) USING ids, kind;
END $$;

ANALYZE "search_texts";
