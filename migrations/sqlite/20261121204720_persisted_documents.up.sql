BEGIN;
-- create "persisted_documents" table
CREATE TABLE `persisted_documents` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `hash` text NOT NULL, `document` text NOT NULL, `trusted` bool NOT NULL DEFAULT (false), `client` text NULL, `created_at` datetime NOT NULL);
-- set sequence for "persisted_documents" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("persisted_documents", 81604378624);
-- create index "persisted_documents_hash_key" to table: "persisted_documents"
CREATE UNIQUE INDEX `persisted_documents_hash_key` ON `persisted_documents` (`hash`);
-- create index "persisteddocument_trusted" to table: "persisted_documents"
CREATE INDEX `persisteddocument_trusted` ON `persisted_documents` (`trusted`);
COMMIT;
