-- Feature oversight: the runs of the daily self-audit (R-GOV-3), each with its checks, their detail
-- and, where a check drifted, what the record approved (before) and what was found (after), for
-- auditors. The public sees when the last one ran and its status only. Each run is also in the audit
-- log (SELF_AUDIT_PASSED or SELF_AUDIT_DRIFT), written in the same transaction: no run without it.
CREATE TABLE self_audit_run (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at                timestamptz NOT NULL,
    ran_by                text        NOT NULL, -- pseudonym
    trigger               text        NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND', 'COMMAND')),
    status                text        NOT NULL CHECK (status IN ('OK', 'DRIFT')),
    configuration_sha256  char(64)    NOT NULL,
    checks                jsonb       NOT NULL
);
CREATE INDEX self_audit_run_ran_at ON self_audit_run (ran_at DESC, id DESC);
