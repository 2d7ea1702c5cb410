-- Feature retention: a pending request keeps a read at most once (R-RET-2, issue 12 item 7).
--
-- While a hold or extension waits for approval its reads are kept for at most the pending grace
-- (24 h), and only the first request ever to name a read gives it that grace: a read already kept by
-- an earlier pending request (of anyone, whatever became of it: approved, refused, expired or
-- withdrawn) is not kept again by a new one, so filing again every day keeps nothing.
-- One row per read that has had its grace; the primary key makes the first request win.
CREATE TABLE retention_read_grace (
    read_id   bigint      PRIMARY KEY,
    grant_id  bigint      NOT NULL REFERENCES retention_grant (id),
    until     timestamptz NOT NULL
);
CREATE INDEX retention_read_grace_grant ON retention_read_grace (grant_id);

-- reads named by requests made before this rule have had their grace
INSERT INTO retention_read_grace (read_id, grant_id, until)
SELECT DISTINCT ON (r.read_id) r.read_id, g.id, least(g.created_at + interval '24 hours', g.ends_at)
FROM retention_grant_read r JOIN retention_grant g ON g.id = r.grant_id
ORDER BY r.read_id, g.id;
