-- The operator page's "unverified" filter: the newest alerts nobody has verified yet (issue 13).
CREATE INDEX hotlist_alert_unverified ON hotlist_alert (id DESC) WHERE outcome IS NULL AND NOT redacted;
