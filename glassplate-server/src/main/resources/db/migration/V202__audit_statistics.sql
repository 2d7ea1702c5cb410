-- Feature audit: public statistics (the transparency page) count signed entries by type and time.
CREATE INDEX audit_entry_type_time ON audit_entry (type_code, recorded_at);
