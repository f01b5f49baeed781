-- Live updates (internal/live): when a transaction that wrote change-feed entries commits, every
-- careergraph process listening on "careergraph_changes" hears the transaction's commit number
-- and reads the feed from where it stopped. A notification is part of its transaction: PostgreSQL
-- delivers it only if, and once, the transaction commits, after its entries are visible. The
-- payload is a number, never a row.
--
-- Deferred like "changes_stamp", and named to fire after it (triggers of one event fire in the
-- order of their names), so that the commit number is drawn already; the first firing notifies
-- for the whole transaction.
CREATE FUNCTION "changes_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF nullif(current_setting('careergraph.change_notified', true), '') IS NOT NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('careergraph.change_notified', 'yes', true);
  PERFORM pg_notify('careergraph_changes', current_setting('careergraph.change_seq', true));
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "changes_stamp_notify" AFTER INSERT ON "changes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "changes_notify"();
