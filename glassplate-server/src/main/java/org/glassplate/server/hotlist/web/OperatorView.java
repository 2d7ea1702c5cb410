package org.glassplate.server.hotlist.web;

import java.util.List;
import org.glassplate.server.web.Layout;

/**
 * The view model of {@code hotlist/operator.jte}: the latest alerts, the newest one's id (the stream
 * resumes after it) and the blank card new alerts are made from.
 */
public record OperatorView(Layout layout, List<AlertCard> alerts, long lastAlertId, AlertCard blank) {
}
