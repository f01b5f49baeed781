BEGIN;
-- ESCO's classification of skills. Added in place: rebuilding the table would drop the search
-- and change-feed triggers that live on it.
ALTER TABLE `skills` ADD COLUMN `skill_type` text NULL;
ALTER TABLE `skills` ADD COLUMN `reuse_level` text NULL;
-- create index "skill_skill_type_reuse_level" to table: "skills"
CREATE INDEX `skill_skill_type_reuse_level` ON `skills` (`skill_type`, `reuse_level`);
-- create index "skill_reuse_level" to table: "skills"
CREATE INDEX `skill_reuse_level` ON `skills` (`reuse_level`);
COMMIT;
