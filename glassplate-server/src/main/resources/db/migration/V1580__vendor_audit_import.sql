-- Feature oversight: vendor audit exports uploaded by auditors on /oversight/vendor-audits (R-GOV-5,
-- issue 17). One row per upload: who sent it (a pseudonym, never a name), the files' names and sizes,
-- the options, and the import's progress and outcome. The uploaded files themselves are kept only
-- until the import ends (under the data directory (glassplate.data-dir)/vendor-audits/uploads/ID, deleted then); the report
-- (report.html, findings.csv, report.json) is kept in the data directory (glassplate.data-dir)/vendor-audits/reports/ID.
CREATE TABLE vendor_audit_import (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uploaded_by    text        NOT NULL,
    uploaded_at    timestamptz NOT NULL,
    files          jsonb       NOT NULL,
    format         text,
    agency_state   text,
    retention_days integer     CHECK (retention_days IS NULL OR retention_days >= 1),
    status         text        NOT NULL DEFAULT 'QUEUED'
                   CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    bytes_total    bigint      NOT NULL CHECK (bytes_total >= 0),
    bytes_read     bigint      NOT NULL DEFAULT 0,
    rows_read      bigint      NOT NULL DEFAULT 0,
    bad_rows       bigint      NOT NULL DEFAULT 0,
    flagged        bigint,
    findings       jsonb,
    bad_row_list   jsonb,
    current_file   text,
    failure        text,
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX vendor_audit_import_status ON vendor_audit_import (status, id);
