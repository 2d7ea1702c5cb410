package org.glassplate.server.hotlist;

/**
 * The full alert as stored by the matcher, for delivery to operators after the ingest
 * transaction commits without reading it back (internal: other features get {@link HotlistHit}).
 */
record AlertRaised(Alert alert) {
}
