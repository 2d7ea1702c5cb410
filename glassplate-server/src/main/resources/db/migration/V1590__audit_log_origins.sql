-- Feature audit (issue 18): the log's move to a new key. The tree goes on; its checkpoints change origin
-- and key. Each origin that ended is kept here for good: its key, the sizes it covered, its final
-- checkpoint (signed with its key, its last entry a LOG_KEY_ROTATED announcement of the next origin and
-- key) and the next origin. audit_log_state.origin is the current origin (null: the configured one, no
-- move yet). Append-only like the log it describes.
ALTER TABLE audit_log_state ADD COLUMN origin text;

CREATE TABLE audit_log_origin (
    generation         integer     PRIMARY KEY CHECK (generation >= 1),
    origin             text        NOT NULL UNIQUE,
    verifier_key       text        NOT NULL,
    first_size         bigint      NOT NULL CHECK (first_size >= 0),
    final_size         bigint      NOT NULL,
    final_checkpoint   text        NOT NULL,
    ended_at           timestamptz NOT NULL,
    next_origin        text        NOT NULL,
    next_verifier_key  text        NOT NULL,
    CHECK (final_size > first_size),
    CHECK (next_origin <> origin)
);

CREATE TRIGGER audit_log_origin_append_only BEFORE UPDATE OR DELETE ON audit_log_origin
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_origin_no_truncate BEFORE TRUNCATE ON audit_log_origin
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
