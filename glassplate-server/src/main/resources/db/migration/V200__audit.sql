-- Feature audit: entries are appended to audit_pending in the transaction of the action they
-- record; the sequencer gives them their log index.
CREATE TABLE audit_pending (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type_code      integer NOT NULL,
    entry          bytea   NOT NULL,
    salt           bytea   NOT NULL,
    private_fields text    NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
