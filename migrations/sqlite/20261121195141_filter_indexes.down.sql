BEGIN;
-- reverse: create index "training_price_currency" to table: "trainings"
DROP INDEX `training_price_currency`;
-- reverse: create index "training_published_at" to table: "trainings"
DROP INDEX `training_published_at`;
-- reverse: create index "skill_published_at" to table: "skills"
DROP INDEX `skill_published_at`;
-- reverse: create index "profession_salary_period" to table: "professions"
DROP INDEX `profession_salary_period`;
-- reverse: create index "profession_published_at" to table: "professions"
DROP INDEX `profession_published_at`;
-- reverse: create index "glossaryterm_published_at" to table: "glossary_terms"
DROP INDEX `glossaryterm_published_at`;
-- reverse: create index "blogpost_published_at" to table: "blog_posts"
DROP INDEX `blogpost_published_at`;
COMMIT;
