-- Feature retention: what must outlive the non-hit retention, and the record of every purge.

-- Reads that hit a hot list (kept for the policy's hit retention), recorded in the ingest transaction.
CREATE TABLE retention_hit (
    read_id      bigint      PRIMARY KEY,
    captured_at  timestamptz NOT NULL
);
CREATE INDEX retention_hit_captured ON retention_hit (captured_at);

-- Legal holds and retention extensions (R-RET-2): requested, approved by a supervisor, ended.
CREATE TABLE retention_grant (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('LEGAL_HOLD', 'EXTENSION')),
    case_number          text,                 -- legal holds: private, shown to auditors only
    reason               text        NOT NULL, -- free text: private
    requested_by         bigint      NOT NULL,
    requested_pseudonym  text        NOT NULL,
    approved_by          bigint,
    approved_pseudonym   text,
    approved_at          timestamptz,
    status               text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'ENDED', 'REFUSED')),
    ends_at              timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    ended_at             timestamptz,
    policy_sha256        text
);

CREATE TABLE retention_grant_read (
    grant_id     bigint      NOT NULL REFERENCES retention_grant (id),
    read_id      bigint      NOT NULL,
    captured_at  timestamptz NOT NULL,
    PRIMARY KEY (grant_id, read_id)
);
CREATE INDEX retention_grant_read_read ON retention_grant_read (read_id);

-- Every purge that deleted something (and one an hour otherwise), with its counts.
CREATE TABLE retention_purge (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at                timestamptz NOT NULL,
    non_hit_cutoff        timestamptz NOT NULL,
    hit_cutoff            timestamptz NOT NULL,
    partitions_dropped    integer     NOT NULL,
    reads_dropped         bigint      NOT NULL,
    reads_deleted         bigint      NOT NULL,
    reads_kept_for_hits   bigint      NOT NULL,
    reads_kept_for_grants bigint      NOT NULL,
    oldest_remaining      timestamptz,
    policy_sha256         text
);
