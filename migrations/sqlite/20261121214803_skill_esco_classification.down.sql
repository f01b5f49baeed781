BEGIN;
DROP INDEX `skill_reuse_level`;
DROP INDEX `skill_skill_type_reuse_level`;
ALTER TABLE `skills` DROP COLUMN `reuse_level`;
ALTER TABLE `skills` DROP COLUMN `skill_type`;
COMMIT;
