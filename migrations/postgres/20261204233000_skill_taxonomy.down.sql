DROP TRIGGER "skill_hierarchy_changes_delete" ON "skill_hierarchy";
DROP TRIGGER "skill_hierarchy_changes_update" ON "skill_hierarchy";
DROP TRIGGER "skill_hierarchy_changes_insert" ON "skill_hierarchy";
DROP TRIGGER "skill_group_skills_changes_delete" ON "skill_group_skills";
DROP TRIGGER "skill_group_skills_changes_update" ON "skill_group_skills";
DROP TRIGGER "skill_group_skills_changes_insert" ON "skill_group_skills";
DROP TRIGGER "skill_group_hierarchy_changes_delete" ON "skill_group_hierarchy";
DROP TRIGGER "skill_group_hierarchy_changes_update" ON "skill_group_hierarchy";
DROP TRIGGER "skill_group_hierarchy_changes_insert" ON "skill_group_hierarchy";
DROP TRIGGER "skill_groups_changes_update" ON "skill_groups";
DROP TRIGGER "skill_groups_changes" ON "skill_groups";
DELETE FROM "changes" WHERE "type" = 'SkillGroup';
DROP INDEX "skill_groups_name_trgm";
DROP INDEX "skill_hierarchy_skill_id";
DROP INDEX "skill_group_skills_skill_id";
DROP INDEX "skill_group_hierarchy_child_id";
-- reverse: create "skill_hierarchy" table
DROP TABLE "skill_hierarchy";
-- reverse: create "skill_group_skills" table
DROP TABLE "skill_group_skills";
-- reverse: create index "skill_in_transversal_collection" to table: "skills"
DROP INDEX "skill_in_transversal_collection";
-- reverse: create index "skill_in_research_collection" to table: "skills"
DROP INDEX "skill_in_research_collection";
-- reverse: create index "skill_in_green_collection" to table: "skills"
DROP INDEX "skill_in_green_collection";
-- reverse: create index "skill_in_language_collection" to table: "skills"
DROP INDEX "skill_in_language_collection";
-- reverse: create index "skill_in_digital_collection" to table: "skills"
DROP INDEX "skill_in_digital_collection";
-- reverse: create index "skill_in_digcomp_collection" to table: "skills"
DROP INDEX "skill_in_digcomp_collection";
-- reverse: create index "skill_category_group_id" to table: "skills"
DROP INDEX "skill_category_group_id";
-- reverse: modify "skills" table
ALTER TABLE "skills" DROP CONSTRAINT "skills_skill_groups_category_skills", DROP COLUMN "category_group_id", DROP COLUMN "in_transversal_collection", DROP COLUMN "in_digcomp_collection", DROP COLUMN "in_research_collection", DROP COLUMN "in_language_collection", DROP COLUMN "in_green_collection", DROP COLUMN "in_digital_collection";
-- reverse: create "skill_group_hierarchy" table
DROP TABLE "skill_group_hierarchy";
-- reverse: create index "skillgroup_updated_at" to table: "skill_groups"
DROP INDEX "skillgroup_updated_at";
-- reverse: create index "skillgroup_name" to table: "skill_groups"
DROP INDEX "skillgroup_name";
-- reverse: create index "skillgroup_created_at" to table: "skill_groups"
DROP INDEX "skillgroup_created_at";
-- reverse: create index "skillgroup_code" to table: "skill_groups"
DROP INDEX "skillgroup_code";
-- reverse: create index "skill_groups_slug_key" to table: "skill_groups"
DROP INDEX "skill_groups_slug_key";
-- reverse: create index "skill_groups_esco_uri_key" to table: "skill_groups"
DROP INDEX "skill_groups_esco_uri_key";
-- reverse: create "skill_groups" table
DROP TABLE "skill_groups";
