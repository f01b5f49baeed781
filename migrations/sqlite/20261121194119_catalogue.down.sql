BEGIN;
-- reverse: create "training_prerequisites" table
DROP TABLE `training_prerequisites`;
-- reverse: create "training_professions" table
DROP TABLE `training_professions`;
-- reverse: create "training_skills" table
DROP TABLE `training_skills`;
-- reverse: create "skill_related" table
DROP TABLE `skill_related`;
-- reverse: create "profession_related_professions" table
DROP TABLE `profession_related_professions`;
-- reverse: create "profession_industries" table
DROP TABLE `profession_industries`;
-- reverse: create "profession_specializations" table
DROP TABLE `profession_specializations`;
-- reverse: create "glossary_term_skills" table
DROP TABLE `glossary_term_skills`;
-- reverse: create "blog_post_trainings" table
DROP TABLE `blog_post_trainings`;
-- reverse: create "blog_post_skills" table
DROP TABLE `blog_post_skills`;
-- reverse: create "blog_post_professions" table
DROP TABLE `blog_post_professions`;
-- reverse: create "blog_post_tags" table
DROP TABLE `blog_post_tags`;
-- reverse: create index "trainingsession_registration_deadline" to table: "training_sessions"
DROP INDEX `trainingsession_registration_deadline`;
-- reverse: create index "trainingsession_seats_left" to table: "training_sessions"
DROP INDEX `trainingsession_seats_left`;
-- reverse: create index "trainingsession_status_starts_at" to table: "training_sessions"
DROP INDEX `trainingsession_status_starts_at`;
-- reverse: create index "trainingsession_online_starts_at" to table: "training_sessions"
DROP INDEX `trainingsession_online_starts_at`;
-- reverse: create index "trainingsession_city_starts_at" to table: "training_sessions"
DROP INDEX `trainingsession_city_starts_at`;
-- reverse: create index "trainingsession_ends_at" to table: "training_sessions"
DROP INDEX `trainingsession_ends_at`;
-- reverse: create index "trainingsession_starts_at" to table: "training_sessions"
DROP INDEX `trainingsession_starts_at`;
-- reverse: create index "trainingsession_training_id_starts_at" to table: "training_sessions"
DROP INDEX `trainingsession_training_id_starts_at`;
-- reverse: create index "trainingsession_training_id_code" to table: "training_sessions"
DROP INDEX `trainingsession_training_id_code`;
-- reverse: create index "trainingsession_updated_at" to table: "training_sessions"
DROP INDEX `trainingsession_updated_at`;
-- reverse: create index "trainingsession_created_at" to table: "training_sessions"
DROP INDEX `trainingsession_created_at`;
-- reverse: set sequence for "training_sessions" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "training_sessions";
-- reverse: create "training_sessions" table
DROP TABLE `training_sessions`;
-- reverse: create index "training_price_cents" to table: "trainings"
DROP INDEX `training_price_cents`;
-- reverse: create index "training_duration_hours" to table: "trainings"
DROP INDEX `training_duration_hours`;
-- reverse: create index "training_language" to table: "trainings"
DROP INDEX `training_language`;
-- reverse: create index "training_format" to table: "trainings"
DROP INDEX `training_format`;
-- reverse: create index "training_level" to table: "trainings"
DROP INDEX `training_level`;
-- reverse: create index "training_provider_id" to table: "trainings"
DROP INDEX `training_provider_id`;
-- reverse: create index "training_title" to table: "trainings"
DROP INDEX `training_title`;
-- reverse: create index "training_status_published_at" to table: "trainings"
DROP INDEX `training_status_published_at`;
-- reverse: create index "training_updated_at" to table: "trainings"
DROP INDEX `training_updated_at`;
-- reverse: create index "training_created_at" to table: "trainings"
DROP INDEX `training_created_at`;
-- reverse: create index "trainings_slug_key" to table: "trainings"
DROP INDEX `trainings_slug_key`;
-- reverse: set sequence for "trainings" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "trainings";
-- reverse: create "trainings" table
DROP TABLE `trainings`;
-- reverse: create index "tag_name" to table: "tags"
DROP INDEX `tag_name`;
-- reverse: create index "tag_updated_at" to table: "tags"
DROP INDEX `tag_updated_at`;
-- reverse: create index "tag_created_at" to table: "tags"
DROP INDEX `tag_created_at`;
-- reverse: create index "tags_slug_key" to table: "tags"
DROP INDEX `tags_slug_key`;
-- reverse: set sequence for "tags" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "tags";
-- reverse: create "tags" table
DROP TABLE `tags`;
-- reverse: create index "specialization_name" to table: "specializations"
DROP INDEX `specialization_name`;
-- reverse: create index "specialization_updated_at" to table: "specializations"
DROP INDEX `specialization_updated_at`;
-- reverse: create index "specialization_created_at" to table: "specializations"
DROP INDEX `specialization_created_at`;
-- reverse: create index "specializations_slug_key" to table: "specializations"
DROP INDEX `specializations_slug_key`;
-- reverse: set sequence for "specializations" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "specializations";
-- reverse: create "specializations" table
DROP TABLE `specializations`;
-- reverse: create index "skill_broader_id" to table: "skills"
DROP INDEX `skill_broader_id`;
-- reverse: create index "skill_category" to table: "skills"
DROP INDEX `skill_category`;
-- reverse: create index "skill_kind_category" to table: "skills"
DROP INDEX `skill_kind_category`;
-- reverse: create index "skill_name" to table: "skills"
DROP INDEX `skill_name`;
-- reverse: create index "skill_status_published_at" to table: "skills"
DROP INDEX `skill_status_published_at`;
-- reverse: create index "skill_updated_at" to table: "skills"
DROP INDEX `skill_updated_at`;
-- reverse: create index "skill_created_at" to table: "skills"
DROP INDEX `skill_created_at`;
-- reverse: create index "skills_esco_uri_key" to table: "skills"
DROP INDEX `skills_esco_uri_key`;
-- reverse: create index "skills_slug_key" to table: "skills"
DROP INDEX `skills_slug_key`;
-- reverse: set sequence for "skills" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "skills";
-- reverse: create "skills" table
DROP TABLE `skills`;
-- reverse: create index "provider_country" to table: "providers"
DROP INDEX `provider_country`;
-- reverse: create index "provider_city" to table: "providers"
DROP INDEX `provider_city`;
-- reverse: create index "provider_name" to table: "providers"
DROP INDEX `provider_name`;
-- reverse: create index "provider_updated_at" to table: "providers"
DROP INDEX `provider_updated_at`;
-- reverse: create index "provider_created_at" to table: "providers"
DROP INDEX `provider_created_at`;
-- reverse: create index "providers_slug_key" to table: "providers"
DROP INDEX `providers_slug_key`;
-- reverse: set sequence for "providers" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "providers";
-- reverse: create "providers" table
DROP TABLE `providers`;
-- reverse: create index "professionskill_importance" to table: "profession_skills"
DROP INDEX `professionskill_importance`;
-- reverse: create index "professionskill_skill_id_importance" to table: "profession_skills"
DROP INDEX `professionskill_skill_id_importance`;
-- reverse: create index "professionskill_profession_id_skill_id" to table: "profession_skills"
DROP INDEX `professionskill_profession_id_skill_id`;
-- reverse: create index "professionskill_updated_at" to table: "profession_skills"
DROP INDEX `professionskill_updated_at`;
-- reverse: create index "professionskill_created_at" to table: "profession_skills"
DROP INDEX `professionskill_created_at`;
-- reverse: set sequence for "profession_skills" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "profession_skills";
-- reverse: create "profession_skills" table
DROP TABLE `profession_skills`;
-- reverse: create index "professiongroup_name" to table: "profession_groups"
DROP INDEX `professiongroup_name`;
-- reverse: create index "professiongroup_parent_id" to table: "profession_groups"
DROP INDEX `professiongroup_parent_id`;
-- reverse: create index "professiongroup_updated_at" to table: "profession_groups"
DROP INDEX `professiongroup_updated_at`;
-- reverse: create index "professiongroup_created_at" to table: "profession_groups"
DROP INDEX `professiongroup_created_at`;
-- reverse: create index "profession_groups_code_key" to table: "profession_groups"
DROP INDEX `profession_groups_code_key`;
-- reverse: create index "profession_groups_slug_key" to table: "profession_groups"
DROP INDEX `profession_groups_slug_key`;
-- reverse: set sequence for "profession_groups" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "profession_groups";
-- reverse: create "profession_groups" table
DROP TABLE `profession_groups`;
-- reverse: create index "profession_onet_soc_code" to table: "professions"
DROP INDEX `profession_onet_soc_code`;
-- reverse: create index "profession_isco_code" to table: "professions"
DROP INDEX `profession_isco_code`;
-- reverse: create index "profession_salary_currency_salary_period" to table: "professions"
DROP INDEX `profession_salary_currency_salary_period`;
-- reverse: create index "profession_salary_max" to table: "professions"
DROP INDEX `profession_salary_max`;
-- reverse: create index "profession_salary_min" to table: "professions"
DROP INDEX `profession_salary_min`;
-- reverse: create index "profession_time_to_learn_max_months" to table: "professions"
DROP INDEX `profession_time_to_learn_max_months`;
-- reverse: create index "profession_time_to_learn_min_months" to table: "professions"
DROP INDEX `profession_time_to_learn_min_months`;
-- reverse: create index "profession_group_id" to table: "professions"
DROP INDEX `profession_group_id`;
-- reverse: create index "profession_title" to table: "professions"
DROP INDEX `profession_title`;
-- reverse: create index "profession_status_published_at" to table: "professions"
DROP INDEX `profession_status_published_at`;
-- reverse: create index "profession_updated_at" to table: "professions"
DROP INDEX `profession_updated_at`;
-- reverse: create index "profession_created_at" to table: "professions"
DROP INDEX `profession_created_at`;
-- reverse: create index "professions_esco_uri_key" to table: "professions"
DROP INDEX `professions_esco_uri_key`;
-- reverse: create index "professions_slug_key" to table: "professions"
DROP INDEX `professions_slug_key`;
-- reverse: set sequence for "professions" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "professions";
-- reverse: create "professions" table
DROP TABLE `professions`;
-- reverse: create index "industry_name" to table: "industries"
DROP INDEX `industry_name`;
-- reverse: create index "industry_updated_at" to table: "industries"
DROP INDEX `industry_updated_at`;
-- reverse: create index "industry_created_at" to table: "industries"
DROP INDEX `industry_created_at`;
-- reverse: create index "industries_slug_key" to table: "industries"
DROP INDEX `industries_slug_key`;
-- reverse: set sequence for "industries" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "industries";
-- reverse: create "industries" table
DROP TABLE `industries`;
-- reverse: create index "glossaryterm_term" to table: "glossary_terms"
DROP INDEX `glossaryterm_term`;
-- reverse: create index "glossaryterm_status_published_at" to table: "glossary_terms"
DROP INDEX `glossaryterm_status_published_at`;
-- reverse: create index "glossaryterm_updated_at" to table: "glossary_terms"
DROP INDEX `glossaryterm_updated_at`;
-- reverse: create index "glossaryterm_created_at" to table: "glossary_terms"
DROP INDEX `glossaryterm_created_at`;
-- reverse: create index "glossary_terms_slug_key" to table: "glossary_terms"
DROP INDEX `glossary_terms_slug_key`;
-- reverse: set sequence for "glossary_terms" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "glossary_terms";
-- reverse: create "glossary_terms" table
DROP TABLE `glossary_terms`;
-- reverse: create index "blogpost_category_id" to table: "blog_posts"
DROP INDEX `blogpost_category_id`;
-- reverse: create index "blogpost_author_id" to table: "blog_posts"
DROP INDEX `blogpost_author_id`;
-- reverse: create index "blogpost_title" to table: "blog_posts"
DROP INDEX `blogpost_title`;
-- reverse: create index "blogpost_status_published_at" to table: "blog_posts"
DROP INDEX `blogpost_status_published_at`;
-- reverse: create index "blogpost_updated_at" to table: "blog_posts"
DROP INDEX `blogpost_updated_at`;
-- reverse: create index "blogpost_created_at" to table: "blog_posts"
DROP INDEX `blogpost_created_at`;
-- reverse: create index "blog_posts_slug_key" to table: "blog_posts"
DROP INDEX `blog_posts_slug_key`;
-- reverse: set sequence for "blog_posts" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "blog_posts";
-- reverse: create "blog_posts" table
DROP TABLE `blog_posts`;
-- reverse: create index "blogcategory_name" to table: "blog_categories"
DROP INDEX `blogcategory_name`;
-- reverse: create index "blogcategory_updated_at" to table: "blog_categories"
DROP INDEX `blogcategory_updated_at`;
-- reverse: create index "blogcategory_created_at" to table: "blog_categories"
DROP INDEX `blogcategory_created_at`;
-- reverse: create index "blog_categories_slug_key" to table: "blog_categories"
DROP INDEX `blog_categories_slug_key`;
-- reverse: set sequence for "blog_categories" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "blog_categories";
-- reverse: create "blog_categories" table
DROP TABLE `blog_categories`;
-- reverse: create index "author_name" to table: "authors"
DROP INDEX `author_name`;
-- reverse: create index "author_updated_at" to table: "authors"
DROP INDEX `author_updated_at`;
-- reverse: create index "author_created_at" to table: "authors"
DROP INDEX `author_created_at`;
-- reverse: create index "authors_slug_key" to table: "authors"
DROP INDEX `authors_slug_key`;
-- reverse: create "authors" table
DROP TABLE `authors`;
COMMIT;
