BEGIN;
-- Join tables are keyed by (owner, target); these indexes serve lookups from the target side
-- (e.g. a skill's trainings), which every to-many edge in the API offers.
CREATE INDEX "blog_post_professions_profession_id" ON "blog_post_professions" ("profession_id", "blog_post_id");
CREATE INDEX "blog_post_skills_skill_id" ON "blog_post_skills" ("skill_id", "blog_post_id");
CREATE INDEX "blog_post_tags_tag_id" ON "blog_post_tags" ("tag_id", "blog_post_id");
CREATE INDEX "blog_post_trainings_training_id" ON "blog_post_trainings" ("training_id", "blog_post_id");
CREATE INDEX "glossary_term_skills_skill_id" ON "glossary_term_skills" ("skill_id", "glossary_term_id");
CREATE INDEX "profession_industries_industry_id" ON "profession_industries" ("industry_id", "profession_id");
CREATE INDEX "profession_related_professions_related_profession_id" ON "profession_related_professions" ("related_profession_id", "profession_id");
CREATE INDEX "profession_specializations_specialization_id" ON "profession_specializations" ("specialization_id", "profession_id");
CREATE INDEX "skill_related_related_id" ON "skill_related" ("related_id", "skill_id");
CREATE INDEX "training_prerequisites_skill_id" ON "training_prerequisites" ("skill_id", "training_id");
CREATE INDEX "training_professions_profession_id" ON "training_professions" ("profession_id", "training_id");
CREATE INDEX "training_skills_skill_id" ON "training_skills" ("skill_id", "training_id");
COMMIT;
