DROP TRIGGER "changes_stamp_notify" ON "changes";
DROP FUNCTION "changes_notify"();
