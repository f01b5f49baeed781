-- atlas:delimiter \n\n

-- Back to the FTS5 tables of 20261121204500_search.
BEGIN;

DROP TRIGGER `glossary_terms_search_delete`;
DROP TRIGGER `glossary_terms_search_update`;
DROP TRIGGER `glossary_terms_search_insert`;
DROP TRIGGER `blog_posts_search_delete`;
DROP TRIGGER `blog_posts_search_update`;
DROP TRIGGER `blog_posts_search_insert`;
DROP TRIGGER `trainings_search_delete`;
DROP TRIGGER `trainings_search_update`;
DROP TRIGGER `trainings_search_insert`;
DROP TRIGGER `skills_search_delete`;
DROP TRIGGER `skills_search_update`;
DROP TRIGGER `skills_search_insert`;
DROP TRIGGER `professions_search_delete`;
DROP TRIGGER `professions_search_update`;
DROP TRIGGER `professions_search_insert`;
DROP TRIGGER `search_terms_insert`;
DROP TABLE `search_term_trigrams`;
DROP TABLE `search_terms`;
DROP TABLE `search_names`;
DROP TABLE `search_words`;
DROP TABLE `search_documents`;

CREATE VIRTUAL TABLE `search_words` USING fts5(`type` UNINDEXED, `status` UNINDEXED, `owner` UNINDEXED, `title`, `names`, `summary`, `body`, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE VIRTUAL TABLE `search_names` USING fts5(`title` UNINDEXED, `names`, tokenize = 'trigram remove_diacritics 1');

-- professions
CREATE TRIGGER `professions_search_insert` AFTER INSERT ON `professions` BEGIN
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'PROFESSION', new.`status`, NULL, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''), new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `professions_search_update` AFTER UPDATE OF `title`, `alternative_titles`, `summary`, `description`, `status` ON `professions` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'PROFESSION', new.`status`, NULL, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''), new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `professions_search_delete` AFTER DELETE ON `professions` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
END;

INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) SELECT t.`id`, 'PROFESSION', t.`status`, NULL, t.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_titles`)), ''), t.`summary`, t.`description` FROM `professions` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(t.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `professions` AS t;

-- skills
CREATE TRIGGER `skills_search_insert` AFTER INSERT ON `skills` BEGIN
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'SKILL', new.`status`, NULL, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''), new.`description`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `skills_search_update` AFTER UPDATE OF `name`, `alternative_labels`, `description`, `status` ON `skills` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'SKILL', new.`status`, NULL, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''), new.`description`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `skills_search_delete` AFTER DELETE ON `skills` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
END;

INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) SELECT t.`id`, 'SKILL', t.`status`, NULL, t.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_labels`)), ''), t.`description`, '' FROM `skills` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(t.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `skills` AS t;

-- trainings
CREATE TRIGGER `trainings_search_insert` AFTER INSERT ON `trainings` BEGIN
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'TRAINING', new.`status`, new.`provider_id`, new.`title`, '', new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `trainings_search_update` AFTER UPDATE OF `title`, `summary`, `description`, `status`, `provider_id` ON `trainings` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'TRAINING', new.`status`, new.`provider_id`, new.`title`, '', new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `trainings_search_delete` AFTER DELETE ON `trainings` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
END;

INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) SELECT t.`id`, 'TRAINING', t.`status`, t.`provider_id`, t.`title`, '', t.`summary`, t.`description` FROM `trainings` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `trainings` AS t;

-- blog_posts
CREATE TRIGGER `blog_posts_search_insert` AFTER INSERT ON `blog_posts` BEGIN
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'BLOG_POST', new.`status`, NULL, new.`title`, '', new.`excerpt`, new.`body`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `blog_posts_search_update` AFTER UPDATE OF `title`, `excerpt`, `body`, `status` ON `blog_posts` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'BLOG_POST', new.`status`, NULL, new.`title`, '', new.`excerpt`, new.`body`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `blog_posts_search_delete` AFTER DELETE ON `blog_posts` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
END;

INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) SELECT t.`id`, 'BLOG_POST', t.`status`, NULL, t.`title`, '', t.`excerpt`, t.`body` FROM `blog_posts` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `blog_posts` AS t;

-- glossary_terms
CREATE TRIGGER `glossary_terms_search_insert` AFTER INSERT ON `glossary_terms` BEGIN
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'GLOSSARY_TERM', new.`status`, NULL, new.`term`, '', new.`definition`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `glossary_terms_search_update` AFTER UPDATE OF `term`, `definition`, `status` ON `glossary_terms` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, 'GLOSSARY_TERM', new.`status`, NULL, new.`term`, '', new.`definition`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
END;

CREATE TRIGGER `glossary_terms_search_delete` AFTER DELETE ON `glossary_terms` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
END;

INSERT INTO `search_words` (`rowid`, `type`, `status`, `owner`, `title`, `names`, `summary`, `body`) SELECT t.`id`, 'GLOSSARY_TERM', t.`status`, NULL, t.`term`, '', t.`definition`, '' FROM `glossary_terms` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `glossary_terms` AS t;

COMMIT;
