DROP TRIGGER "skills_name_to_links" ON "skills";
DROP FUNCTION "skills_name_to_links"();
DROP TRIGGER "profession_skills_skill_name" ON "profession_skills";
DROP FUNCTION "profession_skills_skill_name"();
DROP INDEX "professionskill_profession_id_skill_name_id";
ALTER TABLE "profession_skills" DROP COLUMN "skill_name";
