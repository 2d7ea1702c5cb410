-- Feature accounts: two people for every privileged account change (R-ACC-7, issue 12).
--
-- account_change: creating an account with, or granting, ADMINISTRATOR, SUPERVISOR or AUDITOR,
-- resetting the credentials of an account that holds one of them, and re-enabling a disabled
-- account are asked for by one person and take effect only when a different administrator
-- approves. No password is ever stored here: an approved CREATE or RESET has the server issue a
-- new random password, shown once to the approving administrator (who hands it to the person).
CREATE TABLE account_change (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('CREATE', 'GRANT', 'RESET', 'ENABLE')),
    -- the account the change is about; for a CREATE, the account made when it was approved
    account_id     bigint REFERENCES account (id),
    -- CREATE only: the new person's sign-in name and name (personal data: never in the audit log)
    username       text,
    display_name   text,
    -- CREATE: the roles of the new account; GRANT: the whole new set of roles
    roles          text[],
    -- GRANT: the roles the account held when the change was asked for (a change made meanwhile makes it stale)
    previous_roles text[],
    requested_by   bigint      NOT NULL,
    requested_at   timestamptz NOT NULL,
    status         text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by     bigint,
    decided_at     timestamptz,
    CHECK ((kind = 'CREATE') = (username IS NOT NULL)),
    CHECK (kind = 'CREATE' OR account_id IS NOT NULL),
    CHECK (kind NOT IN ('CREATE', 'GRANT') OR roles IS NOT NULL),
    CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
-- one pending change per account, and a username is reserved while its creation waits
CREATE UNIQUE INDEX account_change_pending_account ON account_change (account_id)
    WHERE status = 'PENDING' AND kind <> 'CREATE';
CREATE UNIQUE INDEX account_change_pending_username ON account_change (username) WHERE status = 'PENDING';
CREATE INDEX account_change_status ON account_change (status, id);

-- account_lineage: who created, reset or granted a role to each account (R-ACC-7: "approvals count
-- people, not accounts"). Written by every create, reset and grant that a person makes, directly or
-- through an approved change (then once for the requester and once for the approver).
-- holds_credentials: this actor chose or was shown the account's password (a direct create or reset,
-- or the approver of a privileged one), so may be the one signing in with it.
CREATE TABLE account_lineage (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_account     bigint      NOT NULL,
    target_account    bigint      NOT NULL REFERENCES account (id),
    kind              text        NOT NULL CHECK (kind IN ('CREATED', 'RESET', 'GRANTED')),
    holds_credentials boolean     NOT NULL,
    change_id         bigint REFERENCES account_change (id),
    at                timestamptz NOT NULL,
    CHECK (actor_account <> target_account)
);
CREATE INDEX account_lineage_actor ON account_lineage (actor_account, target_account);
CREATE INDEX account_lineage_target ON account_lineage (target_account, actor_account);

CREATE FUNCTION account_lineage_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'account lineage is append-only: who made an account stays on record';
END $$;

CREATE TRIGGER account_lineage_no_change BEFORE UPDATE OR DELETE ON account_lineage
    FOR EACH ROW EXECUTE FUNCTION account_lineage_append_only();

-- Who recorded a training, as an account id (null for the server itself), so that training recorded
-- by the person or by an account tied to theirs does not count (R-ACC-7).
ALTER TABLE training_record ADD COLUMN recorded_by_account bigint;
UPDATE training_record SET recorded_by_account = substr(recorded_by, 6)::bigint
    WHERE recorded_by ~ '^user:[0-9]{1,18}$';

-- When an account was last re-enabled: the inactivity job counts idle days from the later of the last
-- sign-in and the re-enabling, so a re-enabled account is not disabled again within the hour (R-ACC-4).
ALTER TABLE account ADD COLUMN enabled_at timestamptz;
