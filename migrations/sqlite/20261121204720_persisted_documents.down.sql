BEGIN;
-- reverse: create index "persisteddocument_trusted" to table: "persisted_documents"
DROP INDEX `persisteddocument_trusted`;
-- reverse: create index "persisted_documents_hash_key" to table: "persisted_documents"
DROP INDEX `persisted_documents_hash_key`;
-- reverse: set sequence for "persisted_documents" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "persisted_documents";
-- reverse: create "persisted_documents" table
DROP TABLE `persisted_documents`;
COMMIT;
