-- Feature sharing: written data requests from other public agencies (R-SHR-4, issue 14 item 5).
-- Every request is kept on file, refused ones too; its history lists each review and release with
-- the log index of the audit entry that recorded it (null for refusals, audited on their own). A request
-- refused by the legal floor is kept with whatever it gave, so most of its fields may be null.
CREATE TABLE data_request (
    id                 bigserial PRIMARY KEY,
    status             text        NOT NULL,
    agency_name        text        NOT NULL,
    agency_state       text        NOT NULL,
    agency_kind        text        NOT NULL,
    requester_name     text       ,
    requester_title    text,
    requester_contact  text,
    purpose            text       ,
    case_number        text       ,
    offense            text       ,
    plates             text        NOT NULL DEFAULT '',
    window_from        timestamptz,
    window_to          timestamptz,
    received_at        timestamptz,
    document_reference text       ,
    recorded_by        bigint      NOT NULL,
    recorded_pseudonym text        NOT NULL,
    recorded_at        timestamptz NOT NULL,
    refusal_code       text,
    policy_sha256      text        NOT NULL
);

CREATE INDEX data_request_recorded_at ON data_request (recorded_at DESC, id DESC);

CREATE TABLE data_request_event (
    id              bigserial PRIMARY KEY,
    request_id      bigint      NOT NULL REFERENCES data_request (id),
    action          text        NOT NULL,
    actor_pseudonym text        NOT NULL,
    at              timestamptz NOT NULL,
    note            text,
    audit_index     bigint,
    sha256          text
);

CREATE INDEX data_request_event_request ON data_request_event (request_id, id);
