-- Feature sharing: the nonces of accepted federation signatures (RFC 9421), per partner key, kept
-- until the signature expires, so that a captured request cannot be sent again (issue 14, R-SHR-3).
CREATE TABLE sharing_nonce (
    key_id     text        NOT NULL,
    nonce      text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
-- the purge of expired nonces
CREATE INDEX sharing_nonce_expires ON sharing_nonce (expires_at);
