-- Feature audit (issue 15, R-AUD-5): the witnesses' cosignatures (C2SP tlog-cosignature,
-- cosignature/v1) of this log's checkpoints, as the log side collected and verified them. The
-- served checkpoint carries the lines of those that cosigned exactly it. witness_key_id is the
-- 32-bit key ID of the witness's type 0x04 key; with its name it names the key.
CREATE TABLE audit_cosignature (
    witness_name    text        NOT NULL,
    witness_key_id  integer     NOT NULL,
    size            bigint      NOT NULL CHECK (size >= 1),
    root_hash       bytea       NOT NULL CHECK (length(root_hash) = 32),
    line            text        NOT NULL,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (witness_name, witness_key_id, size)
);
CREATE INDEX audit_cosignature_size ON audit_cosignature (size);

-- Append-only, as the log it vouches for.
CREATE TRIGGER audit_cosignature_append_only BEFORE UPDATE OR DELETE ON audit_cosignature
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_cosignature_no_truncate BEFORE TRUNCATE ON audit_cosignature
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
