-- reverse: create index "skill_skill_type_reuse_level" to table: "skills"
DROP INDEX "skill_skill_type_reuse_level";
-- reverse: create index "skill_reuse_level" to table: "skills"
DROP INDEX "skill_reuse_level";
-- reverse: modify "skills" table
ALTER TABLE "skills" DROP COLUMN "reuse_level", DROP COLUMN "skill_type";
