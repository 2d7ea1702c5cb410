-- Feature accounts: an administrator may reset a person's password and authenticator (a lost
-- phone, a forgotten password). Sessions signed in before the reset end at their next request.
ALTER TABLE account ADD COLUMN credentials_reset_at timestamptz;
