package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.hotlist.VerificationOutcome;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.glassplate.server.web.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The operator's alert page: server-rendered with the latest alerts, repeat hits on one plate
 * grouped, then kept current by a small bundled script that listens to {@code /api/v1/alerts/stream}
 * (EventSource), so new alerts appear without a reload. Every alert carries the "verify before
 * action" banner (R-HOT-3); {@code ?show=unverified} shows only the alerts nobody has verified yet.
 * Verifiers are named to the staff who see this page, never by their pseudonym.
 */
@Controller
class OperatorPageController {
  static final int SHOWN = 50;

  private final Alerts alerts;
  private final OperatorAccess access;
  private final Cameras cameras;
  private final Accounts accounts;
  private final ZoneId zone;
  private final Clock clock;
  private final ErrorStatuses statuses;

  OperatorPageController(Alerts alerts, OperatorAccess access, Cameras cameras, Accounts accounts, Agency agency,
      Clock clock, ErrorStatuses statuses) {
    this.statuses = statuses;
    this.alerts = alerts;
    this.access = access;
    this.cameras = cameras;
    this.accounts = accounts;
    this.zone = agency.timeZone();
    this.clock = clock;
  }

  @GetMapping({"/operator", "/operator/alerts"})
  ModelAndView page(@RequestParam(defaultValue = "all") String show, HttpServletRequest request,
      HttpServletResponse response) {
    String message = null;
    Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
    if (flash != null && flash.get("message") instanceof String m) {
      message = m;
    }
    return render(show, request, response, message, null);
  }

  /**
   * The verification form sent without the page's script (the pages work without JavaScript): the
   * same rules as {@code POST /api/v1/alerts/{id}/verification}, then back to the alerts with what
   * was recorded (post/redirect/get), or the alerts again with the refusal in words.
   */
  @PostMapping(value = "/operator/alerts/{id}/verification", produces = MediaType.TEXT_HTML_VALUE)
  Object verify(@PathVariable long id, @RequestParam(defaultValue = "") String outcome,
      @RequestParam(defaultValue = "") String note, HttpServletRequest request, HttpServletResponse response) {
    try {
      if (outcome.isBlank()) {
        throw Refusal.invalid("outcome", "choose what you found before recording the verification");
      }
      VerificationOutcome chosen;
      try {
        chosen = VerificationOutcome.parse(outcome);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("outcome", "choose one of the outcomes offered");
      }
      alerts.verify(id, chosen, note, access.operator());
      FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
      flash.put("message", "Alert #" + id + ": your verification (" + chosen.label() + ") is recorded.");
      RequestContextUtils.saveOutputFlashMap("/operator", request, response);
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/operator")).build();
    } catch (Refusal e) {
      ModelAndView page = render("all", request, response, null, RefusalView.of(e, statuses.of(e)));
      page.setStatus(statuses.of(e));
      return page;
    }
  }

  private ModelAndView render(String show, HttpServletRequest request, HttpServletResponse response, String message,
      RefusalView refusal) {
    boolean unverifiedOnly = switch (show) {
      case "all" -> false;
      case "unverified" -> true;
      default -> throw Refusal.invalid("show", "show is all or unverified");
    };
    Caller operator = access.operator();
    List<Alert> recent = unverifiedOnly ? alerts.viewRecentUnverified(operator, SHOWN, "page")
        : alerts.viewRecent(operator, SHOWN, "page");
    Instant now = clock.instant();
    Map<Long, Camera> byId = cameras.all().stream().collect(Collectors.toMap(Camera::id, Function.identity()));
    Map<Long, String> names = new HashMap<>();
    List<AlertGroup> groups = AlertGroup.of(recent, (a, newest) -> AlertCard.of(a, byId.get(a.cameraId()), newest,
        zone, now, id -> names.computeIfAbsent(id, this::name)));
    Pages.noStore(response);
    return Pages.page("hotlist/operator", new OperatorView(Layout.of("Hot-list alerts · Glassplate", request),
        groups, recent.stream().mapToLong(Alert::id).max().orElse(0), AlertGroup.blank(), AlertCard.blank(),
        unverifiedOnly, alerts.countUnverified(), zone.getId(), now.toString(), name(operator.id()),
        byId.values().stream().sorted(java.util.Comparator.comparingLong(Camera::id))
            .map(c -> new OperatorView.CameraPlace(c.id(), c.name(), AlertCard.place(c.lat(), c.lon()))).toList(),
        message, refusal));
  }

  /** A person's name as staff know them; an account that is gone is still not shown by its pseudonym. */
  private String name(long accountId) {
    return accounts.find(accountId).map(Account::displayName).orElse("a former member of staff");
  }
}
