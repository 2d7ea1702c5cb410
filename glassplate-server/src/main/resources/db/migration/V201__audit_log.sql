-- Feature audit: the log itself. The sequencer (one writer, under an advisory lock) moves committed
-- rows of audit_pending, in id order, into audit_entry (public) and audit_private (salt and private
-- fields, read only by an auditor's opening), stores the Merkle tree as C2SP tlog-tiles hash tiles and
-- signs checkpoints. These tables are append-only: the triggers below refuse any other change, so
-- that rewriting history takes a deliberate act by a database superuser, which outside verifiers
-- then detect (R-AUD-2).

-- The tree size the stored entries and tiles describe, moved only by the sequencer in the same
-- transaction as the entries (a fence: a writer whose idea of the size differs must stop), and the
-- verifier key the log is signed with.
CREATE TABLE audit_log_state (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    size          bigint  NOT NULL CHECK (size >= 0),
    verifier_key  text
);
INSERT INTO audit_log_state (size) VALUES (0);

CREATE TABLE audit_entry (
    idx           bigint      PRIMARY KEY CHECK (idx >= 0),
    entry         bytea       NOT NULL CHECK (length(entry) BETWEEN 1 AND 65535),
    type_code     integer     NOT NULL,
    pending_id    bigint      NOT NULL,
    recorded_at   timestamptz NOT NULL,
    sequenced_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX audit_entry_pending ON audit_entry (pending_id);

CREATE TABLE audit_private (
    idx            bigint PRIMARY KEY,
    salt           bytea  NOT NULL,
    private_fields text   NOT NULL
);

-- Hash tiles of c2sp.org/tlog-tiles: level L holds the hashes of tree level 8L; hashes is the
-- concatenation of 1..256 SHA-256 hashes. A partial tile grows until it is full, then never changes.
CREATE TABLE audit_tile (
    level   smallint NOT NULL CHECK (level BETWEEN 0 AND 7),
    idx     bigint   NOT NULL CHECK (idx >= 0),
    hashes  bytea    NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (level, idx)
);

-- Every signed checkpoint (C2SP tlog-checkpoint note), one per tree size.
CREATE TABLE audit_checkpoint (
    size       bigint      PRIMARY KEY CHECK (size >= 0),
    root_hash  bytea       NOT NULL CHECK (length(root_hash) = 32),
    note       text        NOT NULL,
    signed_at  timestamptz NOT NULL
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION audit_tile_grow_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF length(OLD.hashes) = 8192 OR length(NEW.hashes) <= length(OLD.hashes)
       OR substring(NEW.hashes FROM 1 FOR length(OLD.hashes)) <> OLD.hashes THEN
        RAISE EXCEPTION 'audit tile (%, %) may only grow until it is full', OLD.level, OLD.idx
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_private_append_only BEFORE UPDATE OR DELETE ON audit_private
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_private_no_truncate BEFORE TRUNCATE ON audit_private
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tile_no_delete BEFORE DELETE ON audit_tile
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tile_no_truncate BEFORE TRUNCATE ON audit_tile
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tile_grow_only BEFORE UPDATE ON audit_tile
    FOR EACH ROW EXECUTE FUNCTION audit_tile_grow_only();
