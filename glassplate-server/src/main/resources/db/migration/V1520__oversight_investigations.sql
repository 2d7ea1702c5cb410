-- Feature oversight: misuse investigations (R-GOV-4, issue 16 item 3). An auditor opens one from one
-- or more open findings about one person (the subject, by pseudonym), assigns it to an auditor, records
-- its steps and closes it with one outcome of the state's annual misuse report (CLETS): PENDING is the
-- open state. The annual report counts these rows; nothing keeps a separate counter.
CREATE TABLE oversight_investigation (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject       text        NOT NULL,
    summary       text,
    opened_by     text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    assignee      text,
    assigned_at   timestamptz,
    outcome       text        NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'NO_MISUSE_FOUND',
                      'COUNSELING_OR_TRAINING', 'WRITTEN_REPRIMAND', 'SUSPENSION', 'TERMINATION', 'RESIGNATION',
                      'REFERRED_MISDEMEANOR', 'REFERRED_FELONY', 'OTHER')),
    outcome_note  text,
    closed_by     text,
    closed_at     timestamptz,
    CHECK ((outcome = 'PENDING') = (closed_at IS NULL)),
    CHECK ((outcome = 'PENDING') = (closed_by IS NULL)),
    CHECK (outcome <> 'OTHER' OR outcome_note IS NOT NULL),
    CHECK (assignee IS NULL OR assignee <> subject),
    CHECK (opened_by <> subject),
    CHECK (closed_by IS NULL OR closed_by <> subject)
);
CREATE INDEX oversight_investigation_opened ON oversight_investigation (opened_at);
CREATE INDEX oversight_investigation_closed ON oversight_investigation (closed_at);
CREATE INDEX oversight_investigation_pending ON oversight_investigation (opened_at) WHERE outcome = 'PENDING';

-- The findings an investigation rests on: a finding is in one investigation at most.
CREATE TABLE oversight_investigation_finding (
    investigation_id  bigint NOT NULL REFERENCES oversight_investigation (id),
    finding_id        bigint NOT NULL UNIQUE REFERENCES oversight_finding (id),
    PRIMARY KEY (investigation_id, finding_id)
);

-- What happened in an investigation, in order: opened, assigned, a step with the auditor's note
-- (free text, private in the audit entry), closed.
CREATE TABLE oversight_investigation_step (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    investigation_id  bigint      NOT NULL REFERENCES oversight_investigation (id),
    kind              text        NOT NULL CHECK (kind IN ('OPENED', 'ASSIGNED', 'NOTE', 'CLOSED')),
    at                timestamptz NOT NULL,
    by_person         text        NOT NULL,
    note              text
);
CREATE INDEX oversight_investigation_step_of ON oversight_investigation_step (investigation_id, id);
