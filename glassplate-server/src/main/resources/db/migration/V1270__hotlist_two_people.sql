-- Feature hotlist: two people for every hot-list entry (R-HOT-1, issue 12 item 3).
--
-- A state or NCIC list is filled only by imports, and an import of a person takes effect only when a
-- second person approves it: it waits, its rows staged (invisible to matching), as AWAITING_APPROVAL.
-- One that is never approved can be CANCELLED (its staged rows are deleted).
ALTER TABLE hotlist_import DROP CONSTRAINT hotlist_import_status_check;
ALTER TABLE hotlist_import ADD CONSTRAINT hotlist_import_status_check
    CHECK (status IN ('RECEIVING', 'AWAITING_APPROVAL', 'BUILDING', 'DONE', 'FAILED', 'CANCELLED'));
ALTER TABLE hotlist_import ADD COLUMN approved_by bigint;
ALTER TABLE hotlist_import ADD COLUMN approved_at timestamptz;
ALTER TABLE hotlist_import ADD CONSTRAINT hotlist_import_approved_check
    CHECK ((approved_by IS NULL) = (approved_at IS NULL));

-- A list's source is fixed when it is created: a local list (hand-added entries, each approved) can
-- never become a state list, nor the other way round.
CREATE FUNCTION hotlist_source_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.source IS DISTINCT FROM OLD.source THEN
        RAISE EXCEPTION 'a hot list''s source is fixed at creation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER hotlist_source_no_change BEFORE UPDATE OF source ON hotlist
    FOR EACH ROW EXECUTE FUNCTION hotlist_source_fixed();
