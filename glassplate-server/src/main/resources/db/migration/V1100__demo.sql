-- Feature demo: marks that the demo agency has been seeded, so a restart never seeds twice.
CREATE TABLE demo_seed (
    seeded_at timestamptz NOT NULL
);
