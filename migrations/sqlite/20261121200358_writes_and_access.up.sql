-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
BEGIN;
-- create "new_authors" table
CREATE TABLE `new_authors` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL, `bio` text NOT NULL DEFAULT (''));
-- copy rows from old table "authors" to new temporary table "new_authors"
INSERT INTO `new_authors` (`id`, `created_at`, `updated_at`, `slug`, `name`, `bio`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `bio` FROM `authors`;
-- drop "authors" table after copying rows
DROP TABLE `authors`;
-- rename temporary table "new_authors" to "authors"
ALTER TABLE `new_authors` RENAME TO `authors`;
-- create index "authors_slug_key" to table: "authors"
CREATE UNIQUE INDEX `authors_slug_key` ON `authors` (`slug`);
-- create index "author_created_at" to table: "authors"
CREATE INDEX `author_created_at` ON `authors` (`created_at`);
-- create index "author_updated_at" to table: "authors"
CREATE INDEX `author_updated_at` ON `authors` (`updated_at`);
-- create index "author_name" to table: "authors"
CREATE INDEX `author_name` ON `authors` (`name`);
-- create "new_blog_categories" table
CREATE TABLE `new_blog_categories` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "new_blog_categories" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_blog_categories", 4294967296);
-- copy rows from old table "blog_categories" to new temporary table "new_blog_categories"
INSERT INTO `new_blog_categories` (`id`, `created_at`, `updated_at`, `slug`, `name`, `description`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `description` FROM `blog_categories`;
-- drop "blog_categories" table after copying rows
DROP TABLE `blog_categories`;
-- rename temporary table "new_blog_categories" to "blog_categories"
ALTER TABLE `new_blog_categories` RENAME TO `blog_categories`;
-- create index "blog_categories_slug_key" to table: "blog_categories"
CREATE UNIQUE INDEX `blog_categories_slug_key` ON `blog_categories` (`slug`);
-- create index "blogcategory_created_at" to table: "blog_categories"
CREATE INDEX `blogcategory_created_at` ON `blog_categories` (`created_at`);
-- create index "blogcategory_updated_at" to table: "blog_categories"
CREATE INDEX `blogcategory_updated_at` ON `blog_categories` (`updated_at`);
-- create index "blogcategory_name" to table: "blog_categories"
CREATE INDEX `blogcategory_name` ON `blog_categories` (`name`);
-- create "new_blog_posts" table
CREATE TABLE `new_blog_posts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `excerpt` text NOT NULL DEFAULT (''), `body` text NOT NULL DEFAULT (''), `author_id` integer NULL, `category_id` integer NULL, CONSTRAINT `blog_posts_authors_posts` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL, CONSTRAINT `blog_posts_blog_categories_posts` FOREIGN KEY (`category_id`) REFERENCES `blog_categories` (`id`) ON DELETE SET NULL);
-- set sequence for "new_blog_posts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_blog_posts", 8589934592);
-- copy rows from old table "blog_posts" to new temporary table "new_blog_posts"
INSERT INTO `new_blog_posts` (`id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `excerpt`, `body`, `author_id`, `category_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `excerpt`, `body`, `author_id`, `category_id` FROM `blog_posts`;
-- drop "blog_posts" table after copying rows
DROP TABLE `blog_posts`;
-- rename temporary table "new_blog_posts" to "blog_posts"
ALTER TABLE `new_blog_posts` RENAME TO `blog_posts`;
-- create index "blog_posts_slug_key" to table: "blog_posts"
CREATE UNIQUE INDEX `blog_posts_slug_key` ON `blog_posts` (`slug`);
-- create index "blogpost_created_at" to table: "blog_posts"
CREATE INDEX `blogpost_created_at` ON `blog_posts` (`created_at`);
-- create index "blogpost_updated_at" to table: "blog_posts"
CREATE INDEX `blogpost_updated_at` ON `blog_posts` (`updated_at`);
-- create index "blogpost_status_published_at" to table: "blog_posts"
CREATE INDEX `blogpost_status_published_at` ON `blog_posts` (`status`, `published_at`);
-- create index "blogpost_published_at" to table: "blog_posts"
CREATE INDEX `blogpost_published_at` ON `blog_posts` (`published_at`);
-- create index "blogpost_title" to table: "blog_posts"
CREATE INDEX `blogpost_title` ON `blog_posts` (`title`);
-- create index "blogpost_author_id" to table: "blog_posts"
CREATE INDEX `blogpost_author_id` ON `blog_posts` (`author_id`);
-- create index "blogpost_category_id" to table: "blog_posts"
CREATE INDEX `blogpost_category_id` ON `blog_posts` (`category_id`);
-- create "new_glossary_terms" table
CREATE TABLE `new_glossary_terms` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `term` text NOT NULL, `definition` text NOT NULL DEFAULT (''));
-- set sequence for "new_glossary_terms" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_glossary_terms", 12884901888);
-- copy rows from old table "glossary_terms" to new temporary table "new_glossary_terms"
INSERT INTO `new_glossary_terms` (`id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `term`, `definition`) SELECT `id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `term`, `definition` FROM `glossary_terms`;
-- drop "glossary_terms" table after copying rows
DROP TABLE `glossary_terms`;
-- rename temporary table "new_glossary_terms" to "glossary_terms"
ALTER TABLE `new_glossary_terms` RENAME TO `glossary_terms`;
-- create index "glossary_terms_slug_key" to table: "glossary_terms"
CREATE UNIQUE INDEX `glossary_terms_slug_key` ON `glossary_terms` (`slug`);
-- create index "glossaryterm_created_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_created_at` ON `glossary_terms` (`created_at`);
-- create index "glossaryterm_updated_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_updated_at` ON `glossary_terms` (`updated_at`);
-- create index "glossaryterm_status_published_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_status_published_at` ON `glossary_terms` (`status`, `published_at`);
-- create index "glossaryterm_published_at" to table: "glossary_terms"
CREATE INDEX `glossaryterm_published_at` ON `glossary_terms` (`published_at`);
-- create index "glossaryterm_term" to table: "glossary_terms"
CREATE INDEX `glossaryterm_term` ON `glossary_terms` (`term`);
-- create "new_industries" table
CREATE TABLE `new_industries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "new_industries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_industries", 17179869184);
-- copy rows from old table "industries" to new temporary table "new_industries"
INSERT INTO `new_industries` (`id`, `created_at`, `updated_at`, `slug`, `name`, `description`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `description` FROM `industries`;
-- drop "industries" table after copying rows
DROP TABLE `industries`;
-- rename temporary table "new_industries" to "industries"
ALTER TABLE `new_industries` RENAME TO `industries`;
-- create index "industries_slug_key" to table: "industries"
CREATE UNIQUE INDEX `industries_slug_key` ON `industries` (`slug`);
-- create index "industry_created_at" to table: "industries"
CREATE INDEX `industry_created_at` ON `industries` (`created_at`);
-- create index "industry_updated_at" to table: "industries"
CREATE INDEX `industry_updated_at` ON `industries` (`updated_at`);
-- create index "industry_name" to table: "industries"
CREATE INDEX `industry_name` ON `industries` (`name`);
-- create "new_professions" table
CREATE TABLE `new_professions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `summary` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `alternative_titles` json NULL, `time_to_learn_min_months` integer NULL, `time_to_learn_max_months` integer NULL, `salary_min` integer NULL, `salary_max` integer NULL, `salary_currency` text NULL, `salary_period` text NULL, `isco_code` text NULL, `esco_uri` text NULL, `onet_soc_code` text NULL, `group_id` integer NULL, CONSTRAINT `professions_profession_groups_professions` FOREIGN KEY (`group_id`) REFERENCES `profession_groups` (`id`) ON DELETE SET NULL);
-- set sequence for "new_professions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_professions", 21474836480);
-- copy rows from old table "professions" to new temporary table "new_professions"
INSERT INTO `new_professions` (`id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `summary`, `description`, `alternative_titles`, `time_to_learn_min_months`, `time_to_learn_max_months`, `salary_min`, `salary_max`, `salary_currency`, `salary_period`, `isco_code`, `esco_uri`, `onet_soc_code`, `group_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `summary`, `description`, `alternative_titles`, `time_to_learn_min_months`, `time_to_learn_max_months`, `salary_min`, `salary_max`, `salary_currency`, `salary_period`, `isco_code`, `esco_uri`, `onet_soc_code`, `group_id` FROM `professions`;
-- drop "professions" table after copying rows
DROP TABLE `professions`;
-- rename temporary table "new_professions" to "professions"
ALTER TABLE `new_professions` RENAME TO `professions`;
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
-- create index "profession_published_at" to table: "professions"
CREATE INDEX `profession_published_at` ON `professions` (`published_at`);
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
-- create index "profession_salary_period" to table: "professions"
CREATE INDEX `profession_salary_period` ON `professions` (`salary_period`);
-- create index "profession_isco_code" to table: "professions"
CREATE INDEX `profession_isco_code` ON `professions` (`isco_code`);
-- create index "profession_onet_soc_code" to table: "professions"
CREATE INDEX `profession_onet_soc_code` ON `professions` (`onet_soc_code`);
-- create "new_profession_groups" table
CREATE TABLE `new_profession_groups` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `code` text NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `parent_id` integer NULL, CONSTRAINT `profession_groups_profession_groups_children` FOREIGN KEY (`parent_id`) REFERENCES `profession_groups` (`id`) ON DELETE SET NULL);
-- set sequence for "new_profession_groups" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_profession_groups", 25769803776);
-- copy rows from old table "profession_groups" to new temporary table "new_profession_groups"
INSERT INTO `new_profession_groups` (`id`, `created_at`, `updated_at`, `slug`, `code`, `name`, `description`, `parent_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `code`, `name`, `description`, `parent_id` FROM `profession_groups`;
-- drop "profession_groups" table after copying rows
DROP TABLE `profession_groups`;
-- rename temporary table "new_profession_groups" to "profession_groups"
ALTER TABLE `new_profession_groups` RENAME TO `profession_groups`;
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
-- create "new_profession_skills" table
CREATE TABLE `new_profession_skills` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `importance` text NOT NULL, `profession_id` integer NOT NULL, `skill_id` integer NOT NULL, CONSTRAINT `profession_skills_professions_skills` FOREIGN KEY (`profession_id`) REFERENCES `professions` (`id`) ON DELETE NO ACTION, CONSTRAINT `profession_skills_skills_professions` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE NO ACTION);
-- set sequence for "new_profession_skills" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_profession_skills", 30064771072);
-- copy rows from old table "profession_skills" to new temporary table "new_profession_skills"
INSERT INTO `new_profession_skills` (`id`, `created_at`, `updated_at`, `importance`, `profession_id`, `skill_id`) SELECT `id`, `created_at`, `updated_at`, `importance`, `profession_id`, `skill_id` FROM `profession_skills`;
-- drop "profession_skills" table after copying rows
DROP TABLE `profession_skills`;
-- rename temporary table "new_profession_skills" to "profession_skills"
ALTER TABLE `new_profession_skills` RENAME TO `profession_skills`;
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
-- create "new_providers" table
CREATE TABLE `new_providers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `website` text NULL, `email` text NULL, `city` text NULL, `country` text NULL);
-- set sequence for "new_providers" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_providers", 34359738368);
-- copy rows from old table "providers" to new temporary table "new_providers"
INSERT INTO `new_providers` (`id`, `created_at`, `updated_at`, `slug`, `name`, `description`, `website`, `email`, `city`, `country`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `description`, `website`, `email`, `city`, `country` FROM `providers`;
-- drop "providers" table after copying rows
DROP TABLE `providers`;
-- rename temporary table "new_providers" to "providers"
ALTER TABLE `new_providers` RENAME TO `providers`;
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
-- create "new_skills" table
CREATE TABLE `new_skills` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `name` text NOT NULL, `kind` text NOT NULL DEFAULT ('HARD'), `category` text NULL, `description` text NOT NULL DEFAULT (''), `alternative_labels` json NULL, `esco_uri` text NULL, `broader_id` integer NULL, CONSTRAINT `skills_skills_narrower` FOREIGN KEY (`broader_id`) REFERENCES `skills` (`id`) ON DELETE SET NULL);
-- set sequence for "new_skills" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_skills", 38654705664);
-- copy rows from old table "skills" to new temporary table "new_skills"
INSERT INTO `new_skills` (`id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `name`, `kind`, `category`, `description`, `alternative_labels`, `esco_uri`, `broader_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `name`, `kind`, `category`, `description`, `alternative_labels`, `esco_uri`, `broader_id` FROM `skills`;
-- drop "skills" table after copying rows
DROP TABLE `skills`;
-- rename temporary table "new_skills" to "skills"
ALTER TABLE `new_skills` RENAME TO `skills`;
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
-- create index "skill_published_at" to table: "skills"
CREATE INDEX `skill_published_at` ON `skills` (`published_at`);
-- create index "skill_name" to table: "skills"
CREATE INDEX `skill_name` ON `skills` (`name`);
-- create index "skill_kind_category" to table: "skills"
CREATE INDEX `skill_kind_category` ON `skills` (`kind`, `category`);
-- create index "skill_category" to table: "skills"
CREATE INDEX `skill_category` ON `skills` (`category`);
-- create index "skill_broader_id" to table: "skills"
CREATE INDEX `skill_broader_id` ON `skills` (`broader_id`);
-- create "new_specializations" table
CREATE TABLE `new_specializations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''));
-- set sequence for "new_specializations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_specializations", 42949672960);
-- copy rows from old table "specializations" to new temporary table "new_specializations"
INSERT INTO `new_specializations` (`id`, `created_at`, `updated_at`, `slug`, `name`, `description`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name`, `description` FROM `specializations`;
-- drop "specializations" table after copying rows
DROP TABLE `specializations`;
-- rename temporary table "new_specializations" to "specializations"
ALTER TABLE `new_specializations` RENAME TO `specializations`;
-- create index "specializations_slug_key" to table: "specializations"
CREATE UNIQUE INDEX `specializations_slug_key` ON `specializations` (`slug`);
-- create index "specialization_created_at" to table: "specializations"
CREATE INDEX `specialization_created_at` ON `specializations` (`created_at`);
-- create index "specialization_updated_at" to table: "specializations"
CREATE INDEX `specialization_updated_at` ON `specializations` (`updated_at`);
-- create index "specialization_name" to table: "specializations"
CREATE INDEX `specialization_name` ON `specializations` (`name`);
-- create "new_tags" table
CREATE TABLE `new_tags` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `name` text NOT NULL);
-- set sequence for "new_tags" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_tags", 47244640256);
-- copy rows from old table "tags" to new temporary table "new_tags"
INSERT INTO `new_tags` (`id`, `created_at`, `updated_at`, `slug`, `name`) SELECT `id`, `created_at`, `updated_at`, `slug`, `name` FROM `tags`;
-- drop "tags" table after copying rows
DROP TABLE `tags`;
-- rename temporary table "new_tags" to "tags"
ALTER TABLE `new_tags` RENAME TO `tags`;
-- create index "tags_slug_key" to table: "tags"
CREATE UNIQUE INDEX `tags_slug_key` ON `tags` (`slug`);
-- create index "tag_created_at" to table: "tags"
CREATE INDEX `tag_created_at` ON `tags` (`created_at`);
-- create index "tag_updated_at" to table: "tags"
CREATE INDEX `tag_updated_at` ON `tags` (`updated_at`);
-- create index "tag_name" to table: "tags"
CREATE INDEX `tag_name` ON `tags` (`name`);
-- create "new_trainings" table
CREATE TABLE `new_trainings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `published_at` datetime NULL, `title` text NOT NULL, `summary` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `level` text NOT NULL, `format` text NOT NULL, `language` text NOT NULL DEFAULT ('en'), `duration_hours` integer NULL, `price_cents` integer NULL, `price_currency` text NULL, `credential` text NULL, `provider_id` integer NOT NULL, CONSTRAINT `trainings_providers_trainings` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE NO ACTION);
-- set sequence for "new_trainings" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_trainings", 51539607552);
-- copy rows from old table "trainings" to new temporary table "new_trainings"
INSERT INTO `new_trainings` (`id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `summary`, `description`, `level`, `format`, `language`, `duration_hours`, `price_cents`, `price_currency`, `credential`, `provider_id`) SELECT `id`, `created_at`, `updated_at`, `slug`, `status`, `published_at`, `title`, `summary`, `description`, `level`, `format`, `language`, `duration_hours`, `price_cents`, `price_currency`, `credential`, `provider_id` FROM `trainings`;
-- drop "trainings" table after copying rows
DROP TABLE `trainings`;
-- rename temporary table "new_trainings" to "trainings"
ALTER TABLE `new_trainings` RENAME TO `trainings`;
-- create index "trainings_slug_key" to table: "trainings"
CREATE UNIQUE INDEX `trainings_slug_key` ON `trainings` (`slug`);
-- create index "training_created_at" to table: "trainings"
CREATE INDEX `training_created_at` ON `trainings` (`created_at`);
-- create index "training_updated_at" to table: "trainings"
CREATE INDEX `training_updated_at` ON `trainings` (`updated_at`);
-- create index "training_status_published_at" to table: "trainings"
CREATE INDEX `training_status_published_at` ON `trainings` (`status`, `published_at`);
-- create index "training_published_at" to table: "trainings"
CREATE INDEX `training_published_at` ON `trainings` (`published_at`);
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
-- create index "training_price_currency" to table: "trainings"
CREATE INDEX `training_price_currency` ON `trainings` (`price_currency`);
-- create "new_training_sessions" table
CREATE TABLE `new_training_sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `code` text NOT NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `time_zone` text NOT NULL DEFAULT ('UTC'), `online` bool NOT NULL DEFAULT (false), `city` text NULL, `venue` text NULL, `capacity` integer NOT NULL, `seats_left` integer NOT NULL, `status` text NOT NULL DEFAULT ('SCHEDULED'), `registration_deadline` datetime NULL, `training_id` integer NOT NULL, CONSTRAINT `training_sessions_trainings_sessions` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE NO ACTION, CONSTRAINT `training_sessions_seats_within_capacity` CHECK (seats_left >= 0 AND seats_left <= capacity));
-- set sequence for "new_training_sessions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_training_sessions", 55834574848);
-- copy rows from old table "training_sessions" to new temporary table "new_training_sessions"
INSERT INTO `new_training_sessions` (`id`, `created_at`, `updated_at`, `code`, `starts_at`, `ends_at`, `time_zone`, `online`, `city`, `venue`, `capacity`, `seats_left`, `status`, `registration_deadline`, `training_id`) SELECT `id`, `created_at`, `updated_at`, `code`, `starts_at`, `ends_at`, `time_zone`, `online`, `city`, `venue`, `capacity`, `seats_left`, `status`, `registration_deadline`, `training_id` FROM `training_sessions`;
-- drop "training_sessions" table after copying rows
DROP TABLE `training_sessions`;
-- rename temporary table "new_training_sessions" to "training_sessions"
ALTER TABLE `new_training_sessions` RENAME TO `training_sessions`;
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
-- create "api_keys" table
CREATE TABLE `api_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `prefix` text NOT NULL, `secret_hash` blob NOT NULL, `scopes` json NOT NULL, `expires_at` datetime NULL, `revoked_at` datetime NULL, `last_used_at` datetime NULL, `created_by` text NOT NULL DEFAULT (''), `provider_id` integer NULL, CONSTRAINT `api_keys_providers_api_keys` FOREIGN KEY (`provider_id`) REFERENCES `providers` (`id`) ON DELETE SET NULL);
-- set sequence for "api_keys" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("api_keys", 60129542144);
-- create index "api_keys_prefix_key" to table: "api_keys"
CREATE UNIQUE INDEX `api_keys_prefix_key` ON `api_keys` (`prefix`);
-- create index "apikey_created_at" to table: "api_keys"
CREATE INDEX `apikey_created_at` ON `api_keys` (`created_at`);
-- create index "apikey_updated_at" to table: "api_keys"
CREATE INDEX `apikey_updated_at` ON `api_keys` (`updated_at`);
-- create index "apikey_provider_id" to table: "api_keys"
CREATE INDEX `apikey_provider_id` ON `api_keys` (`provider_id`);
-- create index "apikey_name" to table: "api_keys"
CREATE INDEX `apikey_name` ON `api_keys` (`name`);
-- create "access_tokens" table
CREATE TABLE `access_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` blob NOT NULL, `created_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, `user_id` integer NOT NULL, CONSTRAINT `access_tokens_users_tokens` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "access_tokens" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("access_tokens", 64424509440);
-- create index "access_tokens_token_hash_key" to table: "access_tokens"
CREATE UNIQUE INDEX `access_tokens_token_hash_key` ON `access_tokens` (`token_hash`);
-- create index "accesstoken_user_id" to table: "access_tokens"
CREATE INDEX `accesstoken_user_id` ON `access_tokens` (`user_id`);
-- create "enquiries" table
CREATE TABLE `enquiries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `email` text NOT NULL, `message` text NOT NULL, `training_id` integer NULL, CONSTRAINT `enquiries_trainings_enquiries` FOREIGN KEY (`training_id`) REFERENCES `trainings` (`id`) ON DELETE SET NULL);
-- set sequence for "enquiries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("enquiries", 68719476736);
-- create index "enquiry_created_at" to table: "enquiries"
CREATE INDEX `enquiry_created_at` ON `enquiries` (`created_at`);
-- create index "enquiry_updated_at" to table: "enquiries"
CREATE INDEX `enquiry_updated_at` ON `enquiries` (`updated_at`);
-- create index "enquiry_training_id" to table: "enquiries"
CREATE INDEX `enquiry_training_id` ON `enquiries` (`training_id`);
-- create index "enquiry_email" to table: "enquiries"
CREATE INDEX `enquiry_email` ON `enquiries` (`email`);
-- create "registrations" table
CREATE TABLE `registrations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `email` text NOT NULL, `status` text NOT NULL, `cancel_secret_hash` blob NOT NULL, `cancelled_at` datetime NULL, `session_id` integer NOT NULL, CONSTRAINT `registrations_training_sessions_registrations` FOREIGN KEY (`session_id`) REFERENCES `training_sessions` (`id`) ON DELETE NO ACTION);
-- set sequence for "registrations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("registrations", 73014444032);
-- create index "registration_created_at" to table: "registrations"
CREATE INDEX `registration_created_at` ON `registrations` (`created_at`);
-- create index "registration_updated_at" to table: "registrations"
CREATE INDEX `registration_updated_at` ON `registrations` (`updated_at`);
-- create index "registration_session_id_status_created_at" to table: "registrations"
CREATE INDEX `registration_session_id_status_created_at` ON `registrations` (`session_id`, `status`, `created_at`);
-- create index "registration_email" to table: "registrations"
CREATE INDEX `registration_email` ON `registrations` (`email`);
-- create index "registration_status" to table: "registrations"
CREATE INDEX `registration_status` ON `registrations` (`status`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `name` text NOT NULL DEFAULT (''), `role` text NOT NULL, `password_hash` text NOT NULL, `disabled` bool NOT NULL DEFAULT (false), `last_sign_in_at` datetime NULL);
-- set sequence for "users" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("users", 77309411328);
-- create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);
-- create index "user_created_at" to table: "users"
CREATE INDEX `user_created_at` ON `users` (`created_at`);
-- create index "user_updated_at" to table: "users"
CREATE INDEX `user_updated_at` ON `users` (`updated_at`);
-- create index "user_role" to table: "users"
CREATE INDEX `user_role` ON `users` (`role`);
-- create index "user_disabled" to table: "users"
CREATE INDEX `user_disabled` ON `users` (`disabled`);
COMMIT;
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
