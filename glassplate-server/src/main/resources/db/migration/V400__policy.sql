-- Feature policy: the versions in force over time, proposals and their approvals (R-GOV-1, R-GOV-2).
CREATE TABLE policy_proposal (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    base_version             integer     NOT NULL,
    document                 text        NOT NULL,
    sha256                   char(64)    NOT NULL,
    proposer_kind            text        NOT NULL,
    proposer_id              bigint      NOT NULL,
    proposer                 text        NOT NULL, -- pseudonym
    proposed_at              timestamptz NOT NULL,
    governing_body_reference text,
    expansions               text[]      NOT NULL DEFAULT '{}',
    note                     text,
    status                   text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVATED', 'SUPERSEDED'))
);

CREATE TABLE policy_approval (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id   bigint      NOT NULL REFERENCES policy_proposal (id),
    approver_kind text        NOT NULL,
    approver_id   bigint      NOT NULL,
    approver      text        NOT NULL, -- pseudonym
    approved_at   timestamptz NOT NULL,
    counted       boolean     NOT NULL, -- false for the author's own approval (R-GOV-2)
    note          text
);
CREATE INDEX policy_approval_proposal ON policy_approval (proposal_id);

CREATE TABLE policy_version (
    version                  integer PRIMARY KEY CHECK (version > 0),
    sha256                   char(64)    NOT NULL,
    document                 text        NOT NULL,
    effective_at             timestamptz NOT NULL,
    proposal_id              bigint REFERENCES policy_proposal (id),
    governing_body_reference text,
    approvals                jsonb       NOT NULL
);
