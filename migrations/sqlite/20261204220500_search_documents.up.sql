-- atlas:delimiter \n\n

-- Search (internal/search) reads stored documents, so that a search can take a bounded set of
-- candidates from the indexes and rank only those, and corrects typos from a dictionary of the
-- words names hold ("pyhton" → python). It replaces the tables and triggers of
-- 20261121204500_search.
--
-- search_documents: one row per searchable object (its ID, unique across types): what decides who
-- may see it (kind, status, the provider that owns a training), its title, its names (the title
-- and its alternative names, ' | ' between them, so that a query can equal one of them) and the
-- same two folded for trigram counts: lower case, the punctuation found inside names (- / . , :
-- ? and parentheses) turned into spaces, one space before and after, so that `Back-End` holds the
-- word-boundary trigrams ` en` and `nd ` as the query word `end` does.
--
-- search_words: the texts cut into words (unicode61, accents removed) with prefix indexes for
-- words typed as you go (`kube*`) up to six letters, ranked by bm25; columns title, alternative
-- names, summary (a skill's description, a term's definition), long text. Contentless: the texts
-- live in their own tables, and snippets read them there.
--
-- search_names: the same words of the titles and alternative names alone, for the candidates
-- whose names hold the query: reading them from search_words with a column filter would read
-- every match of the query's words in all texts.
--
-- search_terms: every word of four letters or more that a folded name has held, with its trigrams
-- in search_term_trigrams (padded with a space on each side) to find the words a typo is close
-- to. It only grows: a correction matches names only, so a word of a draft or of a deleted row
-- finds nothing a caller may not see.
--
-- The triggers resolve no conflict themselves (no INSERT OR IGNORE): SQLite applies the conflict
-- policy of the statement that fires a trigger to the trigger's statements, so an upsert into
-- one of the five tables would turn an ignored duplicate word into a failed write.
--
-- A migration that rebuilds one of the five tables (Atlas does that to add a column on SQLite)
-- drops its triggers with it and must create them again; internal/search's tests fail until it
-- does.
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
DROP TABLE `search_names`;
DROP TABLE `search_words`;

CREATE TABLE `search_documents` (`id` integer NOT NULL PRIMARY KEY, `kind` text NOT NULL, `status` text NOT NULL, `owner` integer NULL, `title` text NOT NULL, `names` text NOT NULL, `folded_title` text NOT NULL, `folded_names` text NOT NULL);

CREATE VIRTUAL TABLE `search_words` USING fts5(`title`, `names`, `summary`, `body`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');

CREATE VIRTUAL TABLE `search_names` USING fts5(`title`, `names`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6');

CREATE TABLE `search_terms` (`id` integer NOT NULL PRIMARY KEY, `term` text NOT NULL UNIQUE);

CREATE VIRTUAL TABLE `search_term_trigrams` USING fts5(`term`, content = '', tokenize = 'trigram remove_diacritics 1');

CREATE TRIGGER `search_terms_insert` AFTER INSERT ON `search_terms` BEGIN
  INSERT INTO `search_term_trigrams` (`rowid`, `term`) VALUES (new.`id`, ' ' || new.`term` || ' ');
END;

-- professions
CREATE TRIGGER `professions_search_insert` AFTER INSERT ON `professions` BEGIN
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'PROFESSION', new.`status`, NULL, new.`title`, new.`title` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(new.`alternative_titles`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''), new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''));
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `professions_search_update` AFTER UPDATE OF `title`, `alternative_titles`, `summary`, `description`, `status` ON `professions` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'PROFESSION', new.`status`, NULL, new.`title`, new.`title` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(new.`alternative_titles`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''), new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_titles`)), ''));
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `professions_search_delete` AFTER DELETE ON `professions` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
END;

INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) SELECT t.`id`, 'PROFESSION', t.`status`, NULL, t.`title`, t.`title` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(t.`alternative_titles`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(t.`alternative_titles`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `professions` AS t;

INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) SELECT t.`id`, t.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_titles`)), ''), t.`summary`, t.`description` FROM `professions` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, t.`title`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_titles`)), '') FROM `professions` AS t;

-- skills
CREATE TRIGGER `skills_search_insert` AFTER INSERT ON `skills` BEGIN
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'SKILL', new.`status`, NULL, new.`name`, new.`name` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(new.`alternative_labels`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''), new.`description`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''));
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `skills_search_update` AFTER UPDATE OF `name`, `alternative_labels`, `description`, `status` ON `skills` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'SKILL', new.`status`, NULL, new.`name`, new.`name` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(new.`alternative_labels`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''), new.`description`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(new.`alternative_labels`)), ''));
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `skills_search_delete` AFTER DELETE ON `skills` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
END;

INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) SELECT t.`id`, 'SKILL', t.`status`, NULL, t.`name`, t.`name` || coalesce((SELECT group_concat(' | ' || value, '') FROM json_each(t.`alternative_labels`)), ''), ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`name`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`name` || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(t.`alternative_labels`)), ''), '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `skills` AS t;

INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) SELECT t.`id`, t.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_labels`)), ''), t.`description`, '' FROM `skills` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, t.`name`, coalesce((SELECT group_concat(value, ' | ') FROM json_each(t.`alternative_labels`)), '') FROM `skills` AS t;

-- trainings
CREATE TRIGGER `trainings_search_insert` AFTER INSERT ON `trainings` BEGIN
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'TRAINING', new.`status`, new.`provider_id`, new.`title`, new.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, '', new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `trainings_search_update` AFTER UPDATE OF `title`, `summary`, `description`, `status`, `provider_id` ON `trainings` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'TRAINING', new.`status`, new.`provider_id`, new.`title`, new.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, '', new.`summary`, new.`description`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `trainings_search_delete` AFTER DELETE ON `trainings` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
END;

INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) SELECT t.`id`, 'TRAINING', t.`status`, t.`provider_id`, t.`title`, t.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `trainings` AS t;

INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) SELECT t.`id`, t.`title`, '', t.`summary`, t.`description` FROM `trainings` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, t.`title`, '' FROM `trainings` AS t;

-- blog_posts
CREATE TRIGGER `blog_posts_search_insert` AFTER INSERT ON `blog_posts` BEGIN
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'BLOG_POST', new.`status`, NULL, new.`title`, new.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, '', new.`excerpt`, new.`body`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `blog_posts_search_update` AFTER UPDATE OF `title`, `excerpt`, `body`, `status` ON `blog_posts` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'BLOG_POST', new.`status`, NULL, new.`title`, new.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`title`, '', new.`excerpt`, new.`body`);
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`title`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `blog_posts_search_delete` AFTER DELETE ON `blog_posts` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
END;

INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) SELECT t.`id`, 'BLOG_POST', t.`status`, NULL, t.`title`, t.`title`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`title`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `blog_posts` AS t;

INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) SELECT t.`id`, t.`title`, '', t.`excerpt`, t.`body` FROM `blog_posts` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, t.`title`, '' FROM `blog_posts` AS t;

-- glossary_terms
CREATE TRIGGER `glossary_terms_search_insert` AFTER INSERT ON `glossary_terms` BEGIN
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'GLOSSARY_TERM', new.`status`, NULL, new.`term`, new.`term`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`term`, '', new.`definition`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`term`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `glossary_terms_search_update` AFTER UPDATE OF `term`, `definition`, `status` ON `glossary_terms` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
  INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) VALUES (new.`id`, 'GLOSSARY_TERM', new.`status`, NULL, new.`term`, new.`term`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(new.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ');
  INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) VALUES (new.`id`, new.`term`, '', new.`definition`, '');
  INSERT INTO `search_names` (`rowid`, `title`, `names`) VALUES (new.`id`, new.`term`, '');
  INSERT INTO `search_terms` (`term`) SELECT DISTINCT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE d.`id` = new.`id` AND length(j.`value`) >= 4 AND NOT EXISTS (SELECT 1 FROM `search_terms` AS t WHERE t.`term` = j.`value`);
END;

CREATE TRIGGER `glossary_terms_search_delete` AFTER DELETE ON `glossary_terms` BEGIN
  DELETE FROM `search_words` WHERE `rowid` = old.`id`;
  DELETE FROM `search_names` WHERE `rowid` = old.`id`;
  DELETE FROM `search_documents` WHERE `id` = old.`id`;
END;

INSERT INTO `search_documents` (`id`, `kind`, `status`, `owner`, `title`, `names`, `folded_title`, `folded_names`) SELECT t.`id`, 'GLOSSARY_TERM', t.`status`, NULL, t.`term`, t.`term`, ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ', ' ' || lower(replace(replace(replace(replace(replace(replace(replace(replace(t.`term`, '-', ' '), '/', ' '), '.', ' '), ',', ' '), ':', ' '), '?', ' '), '(', ' '), ')', ' ')) || ' ' FROM `glossary_terms` AS t;

INSERT INTO `search_words` (`rowid`, `title`, `names`, `summary`, `body`) SELECT t.`id`, t.`term`, '', t.`definition`, '' FROM `glossary_terms` AS t;

INSERT INTO `search_names` (`rowid`, `title`, `names`) SELECT t.`id`, t.`term`, '' FROM `glossary_terms` AS t;

INSERT OR IGNORE INTO `search_terms` (`term`) SELECT j.`value` FROM `search_documents` AS d, json_each('[' || replace(json_quote(trim(d.`folded_names`)), ' ', '","') || ']') AS j WHERE length(j.`value`) >= 4 ORDER BY 1;

COMMIT;
