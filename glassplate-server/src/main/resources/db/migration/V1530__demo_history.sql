-- Feature demo: marks that a demo history (issue 16 item 6: 30 days of reads, hits and searches) has
-- been claimed, one row per cast of people; claimed before it is seeded, so it is never seeded twice.
CREATE TABLE demo_history (
    cast_key   text        PRIMARY KEY,
    claimed_at timestamptz NOT NULL
);
