package org.glassplate.server.retention.web;

import org.glassplate.server.web.Layout;

/** The view model of {@code retention/requested.jte}: the legal hold just requested. */
public record HoldRequestedView(Layout layout, long id, long reads, String caseNumber, String endsAt) {
}
