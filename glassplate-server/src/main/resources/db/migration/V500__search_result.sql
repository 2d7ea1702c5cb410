-- Feature search: which reads each search returned (ids only, no plates), so that a legal hold or a
-- retention extension can name "the reads of search X" (issue 6). Kept no longer than the reads
-- themselves can be: the retention purge removes rows older than the longest retention.
CREATE TABLE search_result (
    search_id    uuid        PRIMARY KEY,
    account_id   bigint      NOT NULL,   -- who ran it: only they may name it in a hold
    case_number  text        NOT NULL,   -- private, as in the audit entry's private fields
    searched_at  timestamptz NOT NULL,
    read_ids     bigint[]    NOT NULL
);
CREATE INDEX search_result_searched_at ON search_result (searched_at);
