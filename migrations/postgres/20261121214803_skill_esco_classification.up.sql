-- modify "skills" table
ALTER TABLE "skills" ADD COLUMN "skill_type" character varying NULL, ADD COLUMN "reuse_level" character varying NULL;
-- create index "skill_reuse_level" to table: "skills"
CREATE INDEX "skill_reuse_level" ON "skills" ("reuse_level");
-- create index "skill_skill_type_reuse_level" to table: "skills"
CREATE INDEX "skill_skill_type_reuse_level" ON "skills" ("skill_type", "reuse_level");
