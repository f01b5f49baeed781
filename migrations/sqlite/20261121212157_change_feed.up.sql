-- atlas:delimiter \n\n

BEGIN;

-- create "changes" table
CREATE TABLE `changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `seq` integer NULL, `type` text NOT NULL, `object_id` integer NOT NULL, `op` text NOT NULL, `at` datetime NOT NULL);

-- set sequence for "changes" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("changes", 85899345920);

-- create index "change_seq_id" to table: "changes"
CREATE INDEX `change_seq_id` ON `changes` (`seq`, `id`);

-- create index "change_type_seq_id" to table: "changes"
CREATE INDEX `change_type_seq_id` ON `changes` (`type`, `seq`, `id`);

-- The change feed (internal/changes); see the PostgreSQL migration of the same name. SQLite's
-- writers take turns, so the key of a change is already in commit order and "seq" stays empty.
CREATE TRIGGER `authors_changes_insert` AFTER INSERT ON `authors` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Author', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `authors_changes_update` AFTER UPDATE ON `authors` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Author', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `authors_changes_delete` AFTER DELETE ON `authors` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Author', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_categories_changes_insert` AFTER INSERT ON `blog_categories` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogCategory', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_categories_changes_update` AFTER UPDATE ON `blog_categories` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogCategory', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_categories_changes_delete` AFTER DELETE ON `blog_categories` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogCategory', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_posts_changes_insert` AFTER INSERT ON `blog_posts` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogPost', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_posts_changes_update` AFTER UPDATE ON `blog_posts` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogPost', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_posts_changes_delete` AFTER DELETE ON `blog_posts` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('BlogPost', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `profession_groups_changes_insert` AFTER INSERT ON `profession_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('ProfessionGroup', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `profession_groups_changes_update` AFTER UPDATE ON `profession_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('ProfessionGroup', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `profession_groups_changes_delete` AFTER DELETE ON `profession_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('ProfessionGroup', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `professions_changes_insert` AFTER INSERT ON `professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Profession', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `professions_changes_update` AFTER UPDATE ON `professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Profession', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `professions_changes_delete` AFTER DELETE ON `professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Profession', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skills_changes_insert` AFTER INSERT ON `skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Skill', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skills_changes_update` AFTER UPDATE ON `skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Skill', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skills_changes_delete` AFTER DELETE ON `skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Skill', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `tags_changes_insert` AFTER INSERT ON `tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Tag', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `tags_changes_update` AFTER UPDATE ON `tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Tag', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `tags_changes_delete` AFTER DELETE ON `tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Tag', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `providers_changes_insert` AFTER INSERT ON `providers` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Provider', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `providers_changes_update` AFTER UPDATE ON `providers` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Provider', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `providers_changes_delete` AFTER DELETE ON `providers` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Provider', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `trainings_changes_insert` AFTER INSERT ON `trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Training', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `trainings_changes_update` AFTER UPDATE ON `trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Training', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `trainings_changes_delete` AFTER DELETE ON `trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Training', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `glossary_terms_changes_insert` AFTER INSERT ON `glossary_terms` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('GlossaryTerm', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `glossary_terms_changes_update` AFTER UPDATE ON `glossary_terms` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('GlossaryTerm', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `glossary_terms_changes_delete` AFTER DELETE ON `glossary_terms` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('GlossaryTerm', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `industries_changes_insert` AFTER INSERT ON `industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Industry', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `industries_changes_update` AFTER UPDATE ON `industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Industry', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `industries_changes_delete` AFTER DELETE ON `industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Industry', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `specializations_changes_insert` AFTER INSERT ON `specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Specialization', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `specializations_changes_update` AFTER UPDATE ON `specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Specialization', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `specializations_changes_delete` AFTER DELETE ON `specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('Specialization', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `training_sessions_changes_insert` AFTER INSERT ON `training_sessions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('TrainingSession', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `training_sessions_changes_update` AFTER UPDATE ON `training_sessions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('TrainingSession', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `training_sessions_changes_delete` AFTER DELETE ON `training_sessions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('TrainingSession', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `blog_post_professions_changes_insert` AFTER INSERT ON `blog_post_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_professions_changes_update` AFTER UPDATE ON `blog_post_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_professions_changes_delete` AFTER DELETE ON `blog_post_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', old.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = old.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_skills_changes_insert` AFTER INSERT ON `blog_post_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_skills_changes_update` AFTER UPDATE ON `blog_post_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_skills_changes_delete` AFTER DELETE ON `blog_post_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', old.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = old.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_tags_changes_insert` AFTER INSERT ON `blog_post_tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_tags_changes_update` AFTER UPDATE ON `blog_post_tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_tags_changes_delete` AFTER DELETE ON `blog_post_tags` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', old.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = old.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_trainings_changes_insert` AFTER INSERT ON `blog_post_trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_trainings_changes_update` AFTER UPDATE ON `blog_post_trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', new.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = new.`blog_post_id`);
END;

CREATE TRIGGER `blog_post_trainings_changes_delete` AFTER DELETE ON `blog_post_trainings` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', old.`blog_post_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `blog_posts` WHERE `id` = old.`blog_post_id`);
END;

CREATE TRIGGER `glossary_term_skills_changes_insert` AFTER INSERT ON `glossary_term_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'GlossaryTerm', new.`glossary_term_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `glossary_terms` WHERE `id` = new.`glossary_term_id`);
END;

CREATE TRIGGER `glossary_term_skills_changes_update` AFTER UPDATE ON `glossary_term_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'GlossaryTerm', new.`glossary_term_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `glossary_terms` WHERE `id` = new.`glossary_term_id`);
END;

CREATE TRIGGER `glossary_term_skills_changes_delete` AFTER DELETE ON `glossary_term_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'GlossaryTerm', old.`glossary_term_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `glossary_terms` WHERE `id` = old.`glossary_term_id`);
END;

CREATE TRIGGER `profession_industries_changes_insert` AFTER INSERT ON `profession_industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_industries_changes_update` AFTER UPDATE ON `profession_industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_industries_changes_delete` AFTER DELETE ON `profession_industries` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', old.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = old.`profession_id`);
END;

CREATE TRIGGER `profession_related_professions_changes_insert` AFTER INSERT ON `profession_related_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_related_professions_changes_update` AFTER UPDATE ON `profession_related_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_related_professions_changes_delete` AFTER DELETE ON `profession_related_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', old.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = old.`profession_id`);
END;

CREATE TRIGGER `profession_specializations_changes_insert` AFTER INSERT ON `profession_specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_specializations_changes_update` AFTER UPDATE ON `profession_specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_specializations_changes_delete` AFTER DELETE ON `profession_specializations` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', old.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = old.`profession_id`);
END;

CREATE TRIGGER `profession_skills_changes_insert` AFTER INSERT ON `profession_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_skills_changes_update` AFTER UPDATE ON `profession_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

CREATE TRIGGER `profession_skills_changes_delete` AFTER DELETE ON `profession_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', old.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = old.`profession_id`);
END;

CREATE TRIGGER `skill_related_changes_insert` AFTER INSERT ON `skill_related` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', new.`skill_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skills` WHERE `id` = new.`skill_id`);
END;

CREATE TRIGGER `skill_related_changes_update` AFTER UPDATE ON `skill_related` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', new.`skill_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skills` WHERE `id` = new.`skill_id`);
END;

CREATE TRIGGER `skill_related_changes_delete` AFTER DELETE ON `skill_related` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', old.`skill_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skills` WHERE `id` = old.`skill_id`);
END;

CREATE TRIGGER `training_prerequisites_changes_insert` AFTER INSERT ON `training_prerequisites` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_prerequisites_changes_update` AFTER UPDATE ON `training_prerequisites` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_prerequisites_changes_delete` AFTER DELETE ON `training_prerequisites` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', old.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = old.`training_id`);
END;

CREATE TRIGGER `training_professions_changes_insert` AFTER INSERT ON `training_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_professions_changes_update` AFTER UPDATE ON `training_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_professions_changes_delete` AFTER DELETE ON `training_professions` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', old.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = old.`training_id`);
END;

CREATE TRIGGER `training_skills_changes_insert` AFTER INSERT ON `training_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_skills_changes_update` AFTER UPDATE ON `training_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', new.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = new.`training_id`);
END;

CREATE TRIGGER `training_skills_changes_delete` AFTER DELETE ON `training_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', old.`training_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `trainings` WHERE `id` = old.`training_id`);
END;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Author', `id`, 'CREATE', `created_at` FROM `authors` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogCategory', `id`, 'CREATE', `created_at` FROM `blog_categories` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'BlogPost', `id`, 'CREATE', `created_at` FROM `blog_posts` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'ProfessionGroup', `id`, 'CREATE', `created_at` FROM `profession_groups` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', `id`, 'CREATE', `created_at` FROM `professions` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', `id`, 'CREATE', `created_at` FROM `skills` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Tag', `id`, 'CREATE', `created_at` FROM `tags` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Provider', `id`, 'CREATE', `created_at` FROM `providers` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Training', `id`, 'CREATE', `created_at` FROM `trainings` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'GlossaryTerm', `id`, 'CREATE', `created_at` FROM `glossary_terms` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Industry', `id`, 'CREATE', `created_at` FROM `industries` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Specialization', `id`, 'CREATE', `created_at` FROM `specializations` ORDER BY `id`;

INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'TrainingSession', `id`, 'CREATE', `created_at` FROM `training_sessions` ORDER BY `id`;

COMMIT;
