BEGIN;
-- create "authors" table
CREATE TABLE `authors` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `bio` text NOT NULL DEFAULT (''));
-- create index "authors_slug_key" to table: "authors"
CREATE UNIQUE INDEX `authors_slug_key` ON `authors` (`slug`);
-- create index "author_created_at" to table: "authors"
CREATE INDEX `author_created_at` ON `authors` (`created_at`);
-- create index "author_updated_at" to table: "authors"
CREATE INDEX `author_updated_at` ON `authors` (`updated_at`);
-- create index "author_name" to table: "authors"
CREATE INDEX `author_name` ON `authors` (`name`);
-- create "blog_categories" table
CREATE TABLE `blog_categories` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "blog_categories" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("blog_categories", 4294967296);
-- create index "blog_categories_slug_key" to table: "blog_categories"
CREATE UNIQUE INDEX `blog_categories_slug_key` ON `blog_categories` (`slug`);
-- create index "blogcategory_created_at" to table: "blog_categories"
CREATE INDEX `blogcategory_created_at` ON `blog_categories` (`created_at`);
-- create index "blogcategory_updated_at" to table: "blog_categories"
CREATE INDEX `blogcategory_updated_at` ON `blog_categories` (`updated_at`);
-- create index "blogcategory_name" to table: "blog_categories"
CREATE INDEX `blogcategory_name` ON `blog_categories` (`name`);
-- create "blog_posts" table
CREATE TABLE `blog_posts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `excerpt` text NOT NULL DEFAULT (''), `body` text NOT NULL DEFAULT (''), `author_id` integer NULL, `category_id` integer NULL, CONSTRAINT `blog_posts_authors_posts` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL, CONSTRAINT `blog_posts_blog_categories_posts` FOREIGN KEY (`category_id`) REFERENCES `blog_categories` (`id`) ON DELETE SET NULL);
-- set sequence for "blog_posts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("blog_posts", 8589934592);
-- create index "blog_posts_slug_key" to table: "blog_posts"
CREATE UNIQUE INDEX `blog_posts_slug_key` ON `blog_posts` (`slug`);
-- create index "blogpost_created_at" to table: "blog_posts"
CREATE INDEX `blogpost_created_at` ON `blog_posts` (`created_at`);
-- create index "blogpost_updated_at" to table: "blog_posts"
CREATE INDEX `blogpost_updated_at` ON `blog_posts` (`updated_at`);
-- create index "blogpost_status_published_at" to table: "blog_posts"
CREATE INDEX `blogpost_status_published_at` ON `blog_posts` (`status`, `published_at`);
-- create index "blogpost_title" to table: "blog_posts"
CREATE INDEX `blogpost_title` ON `blog_posts` (`title`);
-- create index "blogpost_author_id" to table: "blog_posts"
CREATE INDEX `blogpost_author_id` ON `blog_posts` (`author_id`);
-- create index "blogpost_category_id" to table: "blog_posts"
CREATE INDEX `blogpost_category_id` ON `blog_posts` (`category_id`);
-- create "glossary_terms" table
CREATE TABLE `glossary_terms` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `term` text NOT NULL, `definition` text NOT NULL DEFAULT (''));
-- set sequence for "glossary_terms" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("glossary_terms", 12884901888);
-- create index "glossary_terms_slug_key" to table: "glossary_terms"
CREATE UNIQUE INDEX `glossary_terms_slug_key` ON `glossary_terms` (`slug`);
-- create index "glossaryterm_created_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_created_at` ON `glossary_terms` (`created_at`);
-- create index "glossaryterm_updated_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_updated_at` ON `glossary_terms` (`updated_at`);
-- create index "glossaryterm_status_published_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_status_published_at` ON `glossary_terms` (`status`, `published_at`);
-- create index "glossaryterm_term" to table: "glossary_terms"
CREATE INDEX `glossaryterm_term` ON `glossary_terms` (`term`);
-- create "industries" table
CREATE TABLE `industries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "industries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("industries", 17179869184);
-- create index "industries_slug_key" to table: "industries"
CREATE UNIQUE INDEX `industries_slug_key` ON `industries` (`slug`);
-- create index "industry_created_at" to table: "industries"
CREATE INDEX `industry_created_at` ON `industries` (`created_at`);
-- create index "industry_updated_at" to table: "industries"
CREATE INDEX `industry_updated_at` ON `industries` (`updated_at`);
-- create index "industry_name" to table: "industries"
CREATE INDEX `industry_name` ON `industries` (`name`);
-- create "professions" table
CREATE TABLE `professions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `summary` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `alternative_titles` json NULL, `time_to_learn_min_months` integer NULL, `time_to_learn_max_months` integer NULL, `salary_min` integer NULL, `salary_max` integer NULL, `salary_currency` text NULL, `salary_period` text NULL, `isco_code` text NULL, `esco_uri` text NULL, `onet_soc_code` text NULL, `group_id` integer NULL, CONSTRAINT `professions_profession_groups_professions` FOREIGN KEY (`group_id`) REFERENCES `profession_groups` (`id`) ON DELETE SET NULL);
-- set sequence for "professions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("professions", 21474836480);
-- create index "professions_slug_key" to table: "professions"
CREATE UNIQUE INDEX `professions_slug_key` ON `professions` (`slug`);
-- create index "professions_esco_uri_key" to table: "professions"
CREATE UNIQUE INDEX `professions_esco_uri_key` ON `professions` (`esco_uri`);
-- create index "profession_created_at" to table: "professions"
CREATE INDEX `profession_created_at` ON `professions` (`created_at`);
-- create index "profession_updated_at" to table: "professions"
CREATE INDEX `profession_updated_at` ON `professions` (`updated_at`);
-- create index "profession_status_published_at" to table: "professions"
CREATE INDEX `profession_status_published_at` ON `professions` (`status`, `published_at`);
-- create index "profession_title" to table: "professions"
CREATE INDEX `profession_title` ON `professions` (`title`);
-- create index "profession_group_id" to table: "professions"
CREATE INDEX `profession_group_id` ON `professions` (`group_id`);
-- create index "profession_time_to_learn_min_months" to table: "professions"
CREATE INDEX `profession_time_to_learn_min_months` ON `professions` (`time_to_learn_min_months`);
-- create index "profession_time_to_learn_max_months" to table: "professions"
CREATE INDEX `profession_time_to_learn_max_months` ON `professions` (`time_to_learn_max_months`);
-- create index "profession_salary_min" to table: "professions"
CREATE INDEX `profession_salary_min` ON `professions` (`salary_min`);
-- create index "profession_salary_max" to table: "professions"
CREATE INDEX `profession_salary_max` ON `professions` (`salary_max`);
-- create index "profession_salary_currency_salary_period" to table: "professions"
CREATE INDEX `profession_salary_currency_salary_period` ON `professions` (`salary_currency`, `salary_period`);
-- create index "profession_isco_code" to table: "professions"
CREATE INDEX `profession_isco_code` ON `professions` (`isco_code`);
-- create index "profession_onet_soc_code" to table: "professions"
CREATE INDEX `profession_onet_soc_code` ON `professions` (`onet_soc_code`);
-- create "profession_groups" table
CREATE TABLE `profession_groups` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `code` text NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `parent_id` integer NULL, CONSTRAINT `profession_groups_profession_groups_children` FOREIGN KEY (`parent_id`) REFERENCES `profession_groups` (`id`) ON DELETE SET NULL);
-- set sequence for "profession_groups" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("profession_groups", 25769803776);
-- create index "profession_groups_slug_key" to table: "profession_groups"
CREATE UNIQUE INDEX `profession_groups_slug_key` ON `profession_groups` (`slug`);
-- create index "profession_groups_code_key" to table: "profession_groups"
CREATE UNIQUE INDEX `profession_groups_code_key` ON `profession_groups` (`code`);
-- create index "professiongroup_created_at" to table: "profession_groups"
CREATE INDEX `professiongroup_created_at` ON `profession_groups` (`created_at`);
-- create index "professiongroup_updated_at" to table: "profession_groups"
CREATE INDEX `professiongroup_updated_at` ON `profession_groups` (`updated_at`);
-- create index "professiongroup_parent_id" to table: "profession_groups"
CREATE INDEX `professiongroup_parent_id` ON `profession_groups` (`parent_id`);
-- create index "professiongroup_name" to table: "profession_groups"
CREATE INDEX `professiongroup_name` ON `profession_groups` (`name`);
-- create "profession_skills" table
CREATE TABLE `profession_skills` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `importance` text NOT NULL, `profession_id` integer NOT NULL, `skill_id` integer NOT NULL, CONSTRAINT `profession_skills_professions_skills` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE NO ACTION, CONSTRAINT `profession_skills_skills_professions` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE NO ACTION);
-- set sequence for "profession_skills" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("profession_skills", 30064771072);
-- create index "professionskill_created_at" to table: "profession_skills"
CREATE INDEX `professionskill_created_at` ON `profession_skills` (`created_at`);
-- create index "professionskill_updated_at" to table: "profession_skills"
CREATE INDEX `professionskill_updated_at` ON `profession_skills` (`updated_at`);
-- create index "professionskill_profession_id_skill_id" to table: "profession_skills"
CREATE UNIQUE INDEX `professionskill_profession_id_skill_id` ON `profession_skills` (`profession_id`, `skill_id`);
-- create index "professionskill_skill_id_importance" to table: "profession_skills"
CREATE INDEX `professionskill_skill_id_importance` ON `profession_skills` (`skill_id`, `importance`);
-- create index "professionskill_importance" to table: "profession_skills"
CREATE INDEX `professionskill_importance` ON `profession_skills` (`importance`);
-- create "providers" table
CREATE TABLE `providers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `website` text NULL, `email` text NULL, `city` text NULL, `country` text NULL);
-- set sequence for "providers" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("providers", 34359738368);
-- create index "providers_slug_key" to table: "providers"
CREATE UNIQUE INDEX `providers_slug_key` ON `providers` (`slug`);
-- create index "provider_created_at" to table: "providers"
CREATE INDEX `provider_created_at` ON `providers` (`created_at`);
-- create index "provider_updated_at" to table: "providers"
CREATE INDEX `provider_updated_at` ON `providers` (`updated_at`);
-- create index "provider_name" to table: "providers"
CREATE INDEX `provider_name` ON `providers` (`name`);
-- create index "provider_city" to table: "providers"
CREATE INDEX `provider_city` ON `providers` (`city`);
-- create index "provider_country" to table: "providers"
CREATE INDEX `provider_country` ON `providers` (`country`);
-- create "skills" table
CREATE TABLE `skills` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `name` text NOT NULL, `kind` text NOT NULL DEFAULT ('HARD'), `category` text NULL, `description` text NOT NULL DEFAULT (''), `alternative_labels` json NULL, `esco_uri` text NULL, `broader_id` integer NULL, CONSTRAINT `skills_skills_narrower` FOREIGN KEY (`broader_id`) REFERENCES `skills` (`id`) ON DELETE SET NULL);
-- set sequence for "skills" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("skills", 38654705664);
-- create index "skills_slug_key" to table: "skills"
CREATE UNIQUE INDEX `skills_slug_key` ON `skills` (`slug`);
-- create index "skills_esco_uri_key" to table: "skills"
CREATE UNIQUE INDEX `skills_esco_uri_key` ON `skills` (`esco_uri`);
-- create index "skill_created_at" to table: "skills"
CREATE INDEX `skill_created_at` ON `skills` (`created_at`);
-- create index "skill_updated_at" to table: "skills"
CREATE INDEX `skill_updated_at` ON `skills` (`updated_at`);
-- create index "skill_status_published_at" to table: "skills"
CREATE INDEX `skill_status_published_at` ON `skills` (`status`, `published_at`);
-- create index "skill_name" to table: "skills"
CREATE INDEX `skill_name` ON `skills` (`name`);
-- create index "skill_kind_category" to table: "skills"
CREATE INDEX `skill_kind_category` ON `skills` (`kind`, `category`);
-- create index "skill_category" to table: "skills"
CREATE INDEX `skill_category` ON `skills` (`category`);
-- create index "skill_broader_id" to table: "skills"
CREATE INDEX `skill_broader_id` ON `skills` (`broader_id`);
-- create "specializations" table
CREATE TABLE `specializations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "specializations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("specializations", 42949672960);
-- create index "specializations_slug_key" to table: "specializations"
CREATE UNIQUE INDEX `specializations_slug_key` ON `specializations` (`slug`);
-- create index "specialization_created_at" to table: "specializations"
CREATE INDEX `specialization_created_at` ON `specializations` (`created_at`);
-- create index "specialization_updated_at" to table: "specializations"
CREATE INDEX `specialization_updated_at` ON `specializations` (`updated_at`);
-- create index "specialization_name" to table: "specializations"
CREATE INDEX `specialization_name` ON `specializations` (`name`);
-- create "tags" table
CREATE TABLE `tags` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `name` text NOT NULL);
-- set sequence for "tags" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("tags", 47244640256);
-- create index "tags_slug_key" to table: "tags"
CREATE UNIQUE INDEX `tags_slug_key` ON `tags` (`slug`);
-- create index "tag_created_at" to table: "tags"
CREATE INDEX `tag_created_at` ON `tags` (`created_at`);
-- create index "tag_updated_at" to table: "tags"
CREATE INDEX `tag_updated_at` ON `tags` (`updated_at`);
-- create index "tag_name" to table: "tags"
CREATE INDEX `tag_name` ON `tags` (`name`);
-- create "trainings" table
CREATE TABLE `trainings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `summary` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `level` text NOT NULL, `format` text NOT NULL, `language` text NOT NULL DEFAULT ('en'), `duration_hours` integer NULL, `price_cents` integer NULL, `price_currency` text NULL, `credential` text NULL, `provider_id` integer NOT NULL, CONSTRAINT `trainings_providers_trainings` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION);
-- set sequence for "trainings" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("trainings", 51539607552);
-- create index "trainings_slug_key" to table: "trainings"
CREATE UNIQUE INDEX `trainings_slug_key` ON `trainings` (`slug`);
-- create index "training_created_at" to table: "trainings"
CREATE INDEX `training_created_at` ON `trainings` (`created_at`);
-- create index "training_updated_at" to table: "trainings"
CREATE INDEX `training_updated_at` ON `trainings` (`updated_at`);
-- create index "training_status_published_at" to table: "trainings"
CREATE INDEX `training_status_published_at` ON `trainings` (`status`, `published_at`);
-- create index "training_title" to table: "trainings"
CREATE INDEX `training_title` ON `trainings` (`title`);
-- create index "training_provider_id" to table: "trainings"
CREATE INDEX `training_provider_id` ON `trainings` (`provider_id`);
-- create index "training_level" to table: "trainings"
CREATE INDEX `training_level` ON `trainings` (`level`);
-- create index "training_format" to table: "trainings"
CREATE INDEX `training_format` ON `trainings` (`format`);
-- create index "training_language" to table: "trainings"
CREATE INDEX `training_language` ON `trainings` (`language`);
-- create index "training_duration_hours" to table: "trainings"
CREATE INDEX `training_duration_hours` ON `trainings` (`duration_hours`);
-- create index "training_price_cents" to table: "trainings"
CREATE INDEX `training_price_cents` ON `trainings` (`price_cents`);
-- create "training_sessions" table
CREATE TABLE `training_sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `time_zone` text NOT NULL DEFAULT ('UTC'), `online` bool NOT NULL DEFAULT (false), `city` text NULL, `venue` text NULL, `capacity` integer NOT NULL, `seats_left` integer NOT NULL, `status` text NOT NULL DEFAULT ('SCHEDULED'), `registration_deadline` datetime NULL, `training_id` integer NOT NULL, CONSTRAINT `training_sessions_trainings_sessions` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE NO ACTION);
-- set sequence for "training_sessions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("training_sessions", 55834574848);
-- create index "trainingsession_created_at" to table: "training_sessions"
CREATE INDEX `trainingsession_created_at` ON `training_sessions` (`created_at`);
-- create index "trainingsession_updated_at" to table: "training_sessions"
CREATE INDEX `trainingsession_updated_at` ON `training_sessions` (`updated_at`);
-- create index "trainingsession_training_id_code" to table: "training_sessions"
CREATE UNIQUE INDEX `trainingsession_training_id_code` ON `training_sessions` (`training_id`, `code`);
-- create index "trainingsession_training_id_starts_at" to table: "training_sessions"
CREATE INDEX `trainingsession_training_id_starts_at` ON `training_sessions` (`training_id`, `starts_at`);
-- create index "trainingsession_starts_at" to table: "training_sessions"
CREATE INDEX `trainingsession_starts_at` ON `training_sessions` (`starts_at`);
-- create index "trainingsession_ends_at" to table: "training_sessions"
CREATE INDEX `trainingsession_ends_at` ON `training_sessions` (`ends_at`);
-- create index "trainingsession_city_starts_at" to table: "training_sessions"
CREATE INDEX `trainingsession_city_starts_at` ON `training_sessions` (`city`, `starts_at`);
-- create index "trainingsession_online_starts_at" to table: "training_sessions"
CREATE INDEX `trainingsession_online_starts_at` ON `training_sessions` (`online`, `starts_at`);
-- create index "trainingsession_status_starts_at" to table: "training_sessions"
CREATE INDEX `trainingsession_status_starts_at` ON `training_sessions` (`status`, `starts_at`);
-- create index "trainingsession_seats_left" to table: "training_sessions"
CREATE INDEX `trainingsession_seats_left` ON `training_sessions` (`seats_left`);
-- create index "trainingsession_registration_deadline" to table: "training_sessions"
CREATE INDEX `trainingsession_registration_deadline` ON `training_sessions` (`registration_deadline`);
-- create "blog_post_tags" table
CREATE TABLE `blog_post_tags` (`blog_post_id` integer NOT NULL, `tag_id` integer NOT NULL, PRIMARY KEY (`blog_post_id`, `tag_id`), CONSTRAINT `blog_post_tags_blog_post_id` FOREIGN KEY (`blog_post_id`) REFERENCES `blog_posts` (`id`) ON DELETE CASCADE, CONSTRAINT `blog_post_tags_tag_id` FOREIGN KEY (`tag_id`) REFERENCES `tags` (`id`) ON DELETE CASCADE);
-- create "blog_post_professions" table
CREATE TABLE `blog_post_professions` (`blog_post_id` integer NOT NULL, `profession_id` integer NOT NULL, PRIMARY KEY (`blog_post_id`, `profession_id`), CONSTRAINT `blog_post_professions_blog_post_id` FOREIGN KEY (`blog_post_id`) REFERENCES `blog_posts` (`id`) ON DELETE CASCADE, CONSTRAINT `blog_post_professions_profession_id` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE);
-- create "blog_post_skills" table
CREATE TABLE `blog_post_skills` (`blog_post_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`blog_post_id`, `skill_id`), CONSTRAINT `blog_post_skills_blog_post_id` FOREIGN KEY (`blog_post_id`) REFERENCES `blog_posts` (`id`) ON DELETE CASCADE, CONSTRAINT `blog_post_skills_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);
-- create "blog_post_trainings" table
CREATE TABLE `blog_post_trainings` (`blog_post_id` integer NOT NULL, `training_id` integer NOT NULL, PRIMARY KEY (`blog_post_id`, `training_id`), CONSTRAINT `blog_post_trainings_blog_post_id` FOREIGN KEY (`blog_post_id`) REFERENCES `blog_posts` (`id`) ON DELETE CASCADE, CONSTRAINT `blog_post_trainings_training_id` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE CASCADE);
-- create "glossary_term_skills" table
CREATE TABLE `glossary_term_skills` (`glossary_term_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`glossary_term_id`, `skill_id`), CONSTRAINT `glossary_term_skills_glossary_term_id` FOREIGN KEY (`glossary_term_id`) REFERENCES `glossary_terms` (`id`) ON DELETE CASCADE, CONSTRAINT `glossary_term_skills_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);
-- create "profession_specializations" table
CREATE TABLE `profession_specializations` (`profession_id` integer NOT NULL, `specialization_id` integer NOT NULL, PRIMARY KEY (`profession_id`, `specialization_id`), CONSTRAINT `profession_specializations_profession_id` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE, CONSTRAINT `profession_specializations_specialization_id` FOREIGN KEY (`specialization_id`) REFERENCES `specializations` (`id`) ON DELETE CASCADE);
-- create "profession_industries" table
CREATE TABLE `profession_industries` (`profession_id` integer NOT NULL, `industry_id` integer NOT NULL, PRIMARY KEY (`profession_id`, `industry_id`), CONSTRAINT `profession_industries_profession_id` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE, CONSTRAINT `profession_industries_industry_id` FOREIGN KEY (`industry_id`) REFERENCES `industries` (`id`) ON DELETE CASCADE);
-- create "profession_related_professions" table
CREATE TABLE `profession_related_professions` (`profession_id` integer NOT NULL, `related_profession_id` integer NOT NULL, PRIMARY KEY (`profession_id`, `related_profession_id`), CONSTRAINT `profession_related_professions_profession_id` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE, CONSTRAINT `profession_related_professions_related_profession_id` FOREIGN KEY (`related_profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE);
-- create "skill_related" table
CREATE TABLE `skill_related` (`skill_id` integer NOT NULL, `related_id` integer NOT NULL, PRIMARY KEY (`skill_id`, `related_id`), CONSTRAINT `skill_related_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE, CONSTRAINT `skill_related_related_id` FOREIGN KEY (`related_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);
-- create "training_skills" table
CREATE TABLE `training_skills` (`training_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`training_id`, `skill_id`), CONSTRAINT `training_skills_training_id` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE CASCADE, CONSTRAINT `training_skills_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);
-- create "training_professions" table
CREATE TABLE `training_professions` (`training_id` integer NOT NULL, `profession_id` integer NOT NULL, PRIMARY KEY (`training_id`, `profession_id`), CONSTRAINT `training_professions_training_id` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE CASCADE, CONSTRAINT `training_professions_profession_id` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE CASCADE);
-- create "training_prerequisites" table
CREATE TABLE `training_prerequisites` (`training_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`training_id`, `skill_id`), CONSTRAINT `training_prerequisites_training_id` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE CASCADE, CONSTRAINT `training_prerequisites_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);
COMMIT;
