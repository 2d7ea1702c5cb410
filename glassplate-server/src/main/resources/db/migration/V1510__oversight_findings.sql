-- Feature oversight: misuse findings (R-GOV-4, issue 16). The rules run over the audit log in index
-- order; oversight_finding_cursor is the next index to examine, moved in the same transaction as the
-- findings the examined entries raised, so a finding is raised once whatever stops the server.
CREATE TABLE oversight_finding_cursor (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    next_index  bigint  NOT NULL CHECK (next_index >= 0)
);
INSERT INTO oversight_finding_cursor (next_index) VALUES (0);

-- When each person (an audit pseudonym) last did something recorded other than signing in or out:
-- a search after a long silence is a DORMANT_ACCOUNT_USE finding, however long ago that was.
CREATE TABLE oversight_person_activity (
    person          text        PRIMARY KEY,
    last_action_at  timestamptz NOT NULL
);

-- One finding: a rule, the person (pseudonym, never a name), the audit entries it rests on and a
-- summary in plain words without plate, case number or reason (auditors open the entries). The same
-- rule, person and evidence make one finding only, however often the entries are examined.
CREATE TABLE oversight_finding (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule              text        NOT NULL,
    severity          text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    person            text        NOT NULL,
    evidence          bigint[]    NOT NULL CHECK (cardinality(evidence) >= 1),
    summary           text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    detected_at       timestamptz NOT NULL,
    status            text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DISMISSED', 'UNDER_INVESTIGATION')),
    dismissal_reason  text,
    dismissed_by      text,
    dismissed_at      timestamptz,
    CHECK (status <> 'DISMISSED' OR dismissal_reason IS NOT NULL),
    UNIQUE (rule, person, evidence)
);
CREATE INDEX oversight_finding_person ON oversight_finding (person, id);
CREATE INDEX oversight_finding_rule ON oversight_finding (rule, id);
CREATE INDEX oversight_finding_status ON oversight_finding (status, id);
