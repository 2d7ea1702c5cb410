package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The operator's alert page: server-rendered with the latest alerts, then kept current by a small
 * bundled script that listens to {@code /api/v1/alerts/stream} (EventSource), so new alerts appear
 * without a reload. Every alert carries the "verify before action" banner (R-HOT-3).
 */
@Controller
class OperatorPageController {
  private final Alerts alerts;
  private final OperatorAccess access;

  OperatorPageController(Alerts alerts, OperatorAccess access) {
    this.alerts = alerts;
    this.access = access;
  }

  @GetMapping({"/operator", "/operator/alerts"})
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    List<Alert> recent = alerts.viewRecent(access.operator(), 50, "page");
    Pages.noStore(response);
    return Pages.page("hotlist/operator", new OperatorView(Layout.of("Hot-list alerts · Glassplate", request),
        recent.stream().map(AlertCard::of).toList(), recent.stream().mapToLong(Alert::id).max().orElse(0),
        AlertCard.blank()));
  }
}
