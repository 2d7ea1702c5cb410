-- Feature accounts: people, their roles, MFA, training, sign-in failures and personal API tokens.
-- Account ids come from an identity column and accounts are never deleted, so an id (and the
-- pseudonym user:<id> in the audit log) always means the same person (R-ACC-1).
CREATE TABLE account (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name        text        NOT NULL,
    password_hash       text        NOT NULL,
    totp_secret         text,
    totp_pending_secret text,
    totp_last_step      bigint,
    enabled             boolean     NOT NULL DEFAULT true,
    disabled_reason     text CHECK (disabled_reason IN ('ADMINISTRATOR', 'INACTIVITY')),
    disabled_at         timestamptz,
    locked_at           timestamptz,
    failures_reset_at   timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    last_sign_in_at     timestamptz,
    CHECK (enabled OR (disabled_reason IS NOT NULL AND disabled_at IS NOT NULL))
);

CREATE FUNCTION account_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts are never deleted (their ids must not be reused); disable them instead';
END $$;

CREATE TRIGGER account_no_delete BEFORE DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION account_never_deleted();

CREATE TABLE account_role (
    account_id bigint NOT NULL REFERENCES account (id),
    role       text   NOT NULL CHECK (role IN ('OPERATOR', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR', 'AUDITOR')),
    PRIMARY KEY (account_id, role)
);

CREATE TABLE training_record (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES account (id),
    course       text        NOT NULL,
    completed_on date        NOT NULL,
    expires_on   date        NOT NULL,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    CHECK (expires_on > completed_on)
);
CREATE INDEX training_record_account ON training_record (account_id, expires_on);

CREATE TABLE sign_in_failure (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account (id),
    failed_at  timestamptz NOT NULL
);
CREATE INDEX sign_in_failure_account_time ON sign_in_failure (account_id, failed_at);

CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES account (id),
    name         text        NOT NULL,
    token_hash   bytea       NOT NULL UNIQUE,
    roles        text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_account ON api_token (account_id);
