-- Issue 13: the public audit browser filters by event type, newest first; this keeps that query
-- bounded and indexed (STYLE.md 7) however long the log grows.
CREATE INDEX audit_entry_type_idx ON audit_entry (type_code, idx);
