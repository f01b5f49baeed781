BEGIN;
DROP TRIGGER `profession_skills_changes_update`;
CREATE TRIGGER `profession_skills_changes_update` AFTER UPDATE ON `profession_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;
DROP TRIGGER `skills_name_to_links`;
DROP TRIGGER `profession_skills_skill_name_update`;
DROP TRIGGER `profession_skills_skill_name_insert`;
DROP INDEX `professionskill_profession_id_skill_name_id`;
ALTER TABLE `profession_skills` DROP COLUMN `skill_name`;
COMMIT;
