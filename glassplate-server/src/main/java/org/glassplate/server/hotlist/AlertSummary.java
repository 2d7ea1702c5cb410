package org.glassplate.server.hotlist;

/**
 * What a camera is told about an alert its batch raised (the ingest answer's {@code alerts}): which
 * read hit, how, and the alert to look up. No entry reason: that is for operators.
 */
public record AlertSummary(long alertId, long readId, String matchKind, String source) {
}
