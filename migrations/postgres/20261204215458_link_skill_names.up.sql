-- A link carries its skill's name, so that a profession's skills are read in name order from
-- the index below instead of being joined to skills and sorted. The database keeps it, whoever
-- writes: ent, the importers' multi-row inserts, a rename of the skill.
ALTER TABLE "profession_skills" ADD COLUMN "skill_name" character varying NULL;
CREATE INDEX "professionskill_profession_id_skill_name_id" ON "profession_skills" ("profession_id", "skill_name", "id");

CREATE FUNCTION "profession_skills_skill_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."skill_name" := (SELECT "name" FROM "skills" WHERE "id" = NEW."skill_id");
  RETURN NEW;
END
$$;
CREATE TRIGGER "profession_skills_skill_name" BEFORE INSERT OR UPDATE OF "skill_id" ON "profession_skills"
  FOR EACH ROW EXECUTE FUNCTION "profession_skills_skill_name"();

CREATE FUNCTION "skills_name_to_links"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "profession_skills" SET "skill_name" = NEW."name" WHERE "skill_id" = NEW."id";
  RETURN NULL;
END
$$;
CREATE TRIGGER "skills_name_to_links" AFTER UPDATE OF "name" ON "skills"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "skills_name_to_links"();

-- Filling in the names changes nothing a client sees: not a change for the change feed.
ALTER TABLE "profession_skills" DISABLE TRIGGER "profession_skills_changes_update";
UPDATE "profession_skills" AS ps SET "skill_name" = s."name" FROM "skills" AS s WHERE s."id" = ps."skill_id";
ALTER TABLE "profession_skills" ENABLE TRIGGER "profession_skills_changes_update";
