BEGIN;
-- A link carries its skill's name, so that a profession's skills are read in name order from
-- the index below. Added in place: rebuilding the table would drop the change-feed triggers that
-- live on it. SQLite cannot set a column in a BEFORE trigger, so the name is written right after
-- the insert; the change feed's update trigger no longer fires for that column alone.
ALTER TABLE `profession_skills` ADD COLUMN `skill_name` text NULL;
CREATE INDEX `professionskill_profession_id_skill_name_id` ON `profession_skills` (`profession_id`, `skill_name`, `id`);

CREATE TRIGGER `profession_skills_skill_name_insert` AFTER INSERT ON `profession_skills` BEGIN
  UPDATE `profession_skills` SET `skill_name` = (SELECT `name` FROM `skills` WHERE `id` = new.`skill_id`) WHERE `id` = new.`id`;
END;
CREATE TRIGGER `profession_skills_skill_name_update` AFTER UPDATE OF `skill_id` ON `profession_skills` BEGIN
  UPDATE `profession_skills` SET `skill_name` = (SELECT `name` FROM `skills` WHERE `id` = new.`skill_id`) WHERE `id` = new.`id`;
END;
CREATE TRIGGER `skills_name_to_links` AFTER UPDATE OF `name` ON `skills` WHEN old.`name` IS NOT new.`name` BEGIN
  UPDATE `profession_skills` SET `skill_name` = new.`name` WHERE `skill_id` = new.`id`;
END;

DROP TRIGGER `profession_skills_changes_update`;
CREATE TRIGGER `profession_skills_changes_update` AFTER UPDATE OF `importance`, `profession_id`, `skill_id` ON `profession_skills` BEGIN
  INSERT INTO `changes` (`type`, `object_id`, `op`, `at`) SELECT 'Profession', new.`profession_id`, 'UPDATE', strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE EXISTS (SELECT 1 FROM `professions` WHERE `id` = new.`profession_id`);
END;

UPDATE `profession_skills` SET `skill_name` = (SELECT `name` FROM `skills` WHERE `skills`.`id` = `profession_skills`.`skill_id`);
COMMIT;
