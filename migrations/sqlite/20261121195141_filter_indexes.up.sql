BEGIN;
-- create index "blogpost_published_at" to table: "blog_posts"
CREATE INDEX `blogpost_published_at` ON `blog_posts` (`published_at`);
-- create index "glossaryterm_published_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_published_at` ON `glossary_terms` (`published_at`);
-- create index "profession_published_at" to table: "professions"
CREATE INDEX `profession_published_at` ON `professions` (`published_at`);
-- create index "profession_salary_period" to table: "professions"
CREATE INDEX `profession_salary_period` ON `professions` (`salary_period`);
-- create index "skill_published_at" to table: "skills"
CREATE INDEX `skill_published_at` ON `skills` (`published_at`);
-- create index "training_published_at" to table: "trainings"
CREATE INDEX `training_published_at` ON `trainings` (`published_at`);
-- create index "training_price_currency" to table: "trainings"
CREATE INDEX `training_price_currency` ON `trainings` (`price_currency`);
COMMIT;
