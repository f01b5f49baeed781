-- atlas:delimiter \n\n

BEGIN;

-- The skill taxonomy (see the PostgreSQL migration of the same name). Columns of skills are
-- added in place: rebuilding the table would drop the search and change-feed triggers on it.
CREATE TABLE `skill_groups` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `created_by` text NOT NULL DEFAULT (''), `updated_by` text NOT NULL DEFAULT (''), `version` integer NOT NULL DEFAULT (1), `slug` text NOT NULL, `code` text NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `esco_uri` text NULL);

INSERT INTO sqlite_sequence (name, seq) VALUES ("skill_groups", 90194313216);

CREATE UNIQUE INDEX `skill_groups_esco_uri_key` ON `skill_groups` (`esco_uri`);

CREATE UNIQUE INDEX `skill_groups_slug_key` ON `skill_groups` (`slug`);

CREATE INDEX `skillgroup_code` ON `skill_groups` (`code`);

CREATE INDEX `skillgroup_created_at` ON `skill_groups` (`created_at`);

CREATE INDEX `skillgroup_name` ON `skill_groups` (`name`);

CREATE INDEX `skillgroup_updated_at` ON `skill_groups` (`updated_at`);

CREATE TABLE `skill_group_hierarchy` (`parent_id` integer NOT NULL, `child_id` integer NOT NULL, PRIMARY KEY (`parent_id`, `child_id`), CONSTRAINT `skill_group_hierarchy_parent_id` FOREIGN KEY (`parent_id`) REFERENCES `skill_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `skill_group_hierarchy_child_id` FOREIGN KEY (`child_id`) REFERENCES `skill_groups` (`id`) ON DELETE CASCADE);

CREATE INDEX `skill_group_hierarchy_child_id` ON `skill_group_hierarchy` (`child_id`, `parent_id`);

CREATE TABLE `skill_group_skills` (`skill_group_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`skill_group_id`, `skill_id`), CONSTRAINT `skill_group_skills_skill_group_id` FOREIGN KEY (`skill_group_id`) REFERENCES `skill_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `skill_group_skills_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);

CREATE INDEX `skill_group_skills_skill_id` ON `skill_group_skills` (`skill_id`, `skill_group_id`);

CREATE TABLE `skill_hierarchy` (`broader_skill_id` integer NOT NULL, `skill_id` integer NOT NULL, PRIMARY KEY (`broader_skill_id`, `skill_id`), CONSTRAINT `skill_hierarchy_broader_skill_id` FOREIGN KEY (`broader_skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE, CONSTRAINT `skill_hierarchy_skill_id` FOREIGN KEY (`skill_id`) REFERENCES `skills` (`id`) ON DELETE CASCADE);

CREATE INDEX `skill_hierarchy_skill_id` ON `skill_hierarchy` (`skill_id`, `broader_skill_id`);

ALTER TABLE `skills` ADD COLUMN `in_digital_collection` bool NOT NULL DEFAULT (false);

ALTER TABLE `skills` ADD COLUMN `in_green_collection` bool NOT NULL DEFAULT (false);
ALTER TABLE `skills` ADD COLUMN `in_language_collection` bool NOT NULL DEFAULT (false);

ALTER TABLE `skills` ADD COLUMN `in_research_collection` bool NOT NULL DEFAULT (false);

ALTER TABLE `skills` ADD COLUMN `in_digcomp_collection` bool NOT NULL DEFAULT (false);

ALTER TABLE `skills` ADD COLUMN `in_transversal_collection` bool NOT NULL DEFAULT (false);

ALTER TABLE `skills` ADD COLUMN `category_group_id` integer NULL CONSTRAINT `skills_skill_groups_category_skills` REFERENCES `skill_groups` (`id`) ON DELETE SET NULL;

CREATE INDEX `skill_category_group_id` ON `skills` (`category_group_id`);

CREATE INDEX `skill_in_digcomp_collection` ON `skills` (`in_digcomp_collection`);

CREATE INDEX `skill_in_digital_collection` ON `skills` (`in_digital_collection`);

CREATE INDEX `skill_in_green_collection` ON `skills` (`in_green_collection`);
CREATE INDEX `skill_in_language_collection` ON `skills` (`in_language_collection`);

CREATE INDEX `skill_in_research_collection` ON `skills` (`in_research_collection`);

CREATE INDEX `skill_in_transversal_collection` ON `skills` (`in_transversal_collection`);

CREATE TRIGGER `skill_groups_changes_insert` AFTER INSERT ON `skill_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('SkillGroup', new.`id`, 'CREATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skill_groups_changes_update` AFTER UPDATE ON `skill_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('SkillGroup', new.`id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skill_groups_changes_delete` AFTER DELETE ON `skill_groups` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) VALUES ('SkillGroup', old.`id`, 'DELETE', strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TRIGGER `skill_group_hierarchy_changes_insert` AFTER INSERT ON `skill_group_hierarchy` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'SkillGroup', new.`parent_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skill_groups` WHERE `id` = new.`parent_id`);
END;

CREATE TRIGGER `skill_group_hierarchy_changes_delete` AFTER DELETE ON `skill_group_hierarchy` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'SkillGroup', old.`parent_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skill_groups` WHERE `id` = old.`parent_id`);
END;

CREATE TRIGGER `skill_group_skills_changes_insert` AFTER INSERT ON `skill_group_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'SkillGroup', new.`skill_group_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skill_groups` WHERE `id` = new.`skill_group_id`);
END;

CREATE TRIGGER `skill_group_skills_changes_delete` AFTER DELETE ON `skill_group_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'SkillGroup', old.`skill_group_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skill_groups` WHERE `id` = old.`skill_group_id`);
END;

CREATE TRIGGER `skill_hierarchy_changes_insert` AFTER INSERT ON `skill_hierarchy` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', new.`skill_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skills` WHERE `id` = new.`skill_id`);
END;

CREATE TRIGGER `skill_hierarchy_changes_delete` AFTER DELETE ON `skill_hierarchy` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Skill', old.`skill_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `skills` WHERE `id` = old.`skill_id`);
END;

COMMIT;
