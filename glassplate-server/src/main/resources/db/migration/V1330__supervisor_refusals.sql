-- Supervisors refuse with a reason (issue 13): a hand-added hot-list entry, a person's import and a
-- hold or extension that waits for a second person can be refused, and the refusal keeps who and why.
-- The reason is free text: private, shown to supervisors and to the person who asked, never public.

ALTER TABLE hotlist_entry DROP CONSTRAINT hotlist_entry_status_check;
ALTER TABLE hotlist_entry ADD CONSTRAINT hotlist_entry_status_check
    CHECK (status IN ('PENDING_APPROVAL', 'ACTIVE', 'REMOVED', 'REFUSED'));
ALTER TABLE hotlist_entry ADD COLUMN refused_by bigint;
ALTER TABLE hotlist_entry ADD COLUMN refusal_reason text;

ALTER TABLE hotlist_import DROP CONSTRAINT hotlist_import_status_check;
ALTER TABLE hotlist_import ADD CONSTRAINT hotlist_import_status_check
    CHECK (status IN ('RECEIVING', 'AWAITING_APPROVAL', 'BUILDING', 'DONE', 'FAILED', 'CANCELLED', 'REFUSED'));
ALTER TABLE hotlist_import ADD COLUMN refused_by bigint;
ALTER TABLE hotlist_import ADD COLUMN refusal_reason text;

-- a refused request is REFUSED with its refusal_reason; one not approved in time is REFUSED without one
ALTER TABLE retention_grant ADD COLUMN refused_by bigint;
ALTER TABLE retention_grant ADD COLUMN refusal_reason text;
-- the search whose results the request named (null when it listed reads by id)
ALTER TABLE retention_grant ADD COLUMN search_id uuid;
-- an investigator's own requests
CREATE INDEX retention_grant_requested_by ON retention_grant (requested_by);
