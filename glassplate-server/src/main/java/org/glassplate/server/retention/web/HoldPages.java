package org.glassplate.server.retention.web;

import static org.glassplate.server.web.Html.csrf;
import static org.glassplate.server.web.Html.esc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.retention.RetentionGrant;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The browser pages of legal holds (R-RET-2), over the same {@link RetentionGrants} as the API: an
 * investigator asks for a hold on the reads of a search they ran (the form is on the search
 * results page and posts here); supervisors and auditors see every hold and extension, the view
 * audited as the API's list is; a supervisor approves or ends one. Refusals are shown on the page
 * with the field they concern; nothing typed is lost.
 */
@Controller
class HoldPages {
  static final String PATH = "/holds";
  private static final int SHOWN = 200;

  private final RetentionGrants grants;
  private final Policies policies;
  private final Clock clock;
  private final ErrorStatuses statuses;

  HoldPages(RetentionGrants grants, Policies policies, Clock clock, ErrorStatuses statuses) {
    this.statuses = statuses;
    this.grants = grants;
    this.policies = policies;
    this.clock = clock;
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  /** The request form's fields as typed; {@code endsOn} is a date, the hold ends at 00:00 UTC that day. */
  record HoldForm(String searchId, String reason, String endsOn) {
    @Override
    public String toString() {
      return "HoldForm[redacted]";
    }
  }

  @PostMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> request(HttpServletRequest request, @RequestParam(defaultValue = "") String searchId,
      @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String endsOn) {
    HoldForm form = new HoldForm(searchId, reason, endsOn);
    try {
      RetentionGrant g = grants.request(new RetentionGrants.Request(RetentionGrant.Kind.LEGAL_HOLD, null, reason,
          endsAt(endsOn), null, search(searchId)), me());
      return html(HttpStatus.CREATED, page("Legal hold requested", """
          <h1>Legal hold requested</h1>
          <p class="note" id="message">Legal hold #%d requested for %d reads of case <strong>%s</strong>, until %s.
          A supervisor other than you must approve it.</p>
          <nav><a href="/search">Back to search</a> <a href="/">Home</a></nav>"""
          .formatted(g.id(), g.reads(), esc(g.caseNumber()), esc(day(g.endsAt())))));
    } catch (Refusal e) {
      return html(statuses.of(e), page("Ask for a legal hold", requestForm(request, form, e)));
    }
  }

  private String requestForm(HttpServletRequest request, HoldForm f, Refusal error) {
    String field = formField(error.field());
    return """
        <h1>Ask for a legal hold</h1>
        <p class="error" id="message" role="alert"><strong id="refusal-code">%s</strong>: %s%s</p>
        <form method="post" action="/holds" id="hold-form">%s
        <input type="hidden" name="searchId" value="%s">
        <label for="reason">Reason</label><textarea id="reason" name="reason" required maxlength="2000" rows="3"%s>%s</textarea>
        <label for="endsOn">Ends on (00:00 UTC that day; at most %s)</label>
        <input type="date" id="endsOn" name="endsOn" required value="%s" max="%s"%s>
        <button type="submit" id="hold-button">Ask for a legal hold</button></form>
        <nav><a href="/search">Back to search</a></nav>"""
        .formatted(esc(error.code()), esc(error.getMessage()),
            field == null ? "" : " <span class=\"field\">(field <code id=\"refusal-field\">" + esc(field)
                + "</code>)</span>",
            csrf(request), esc(f.searchId()), invalid("reason", field), esc(f.reason()),
            esc(days(policies.current().maxLegalHold())), esc(f.endsOn()), esc(latestDay()), invalid("endsOn", field));
  }

  /** The form's name for a field the service names (its API names). */
  private static String formField(String serviceField) {
    return serviceField == null ? null : switch (serviceField) {
      case "endsAt" -> "endsOn";
      case "readIds", "caseNumber" -> "searchId";
      default -> serviceField;
    };
  }

  private static String invalid(String name, String field) {
    return name.equals(field) ? " aria-invalid=\"true\" autofocus" : "";
  }

  private static UUID search(String searchId) {
    try {
      return searchId.isBlank() ? null : UUID.fromString(searchId.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("searchId", "searchId must be the id a search answered with");
    }
  }

  private static Instant endsAt(String endsOn) {
    if (endsOn.isBlank()) {
      return null; // the service names the missing end date, after the reason
    }
    try {
      return LocalDate.parse(endsOn.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable("endsOn", "the end date must be a date written YYYY-MM-DD");
    }
  }

  /** The last day a hold asked for now may end on under the policy in force. */
  private String latestDay() {
    return LocalDate.ofInstant(clock.instant().plus(policies.current().maxLegalHold()), ZoneOffset.UTC).toString();
  }

  @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> list(HttpServletRequest request) {
    Caller me = me();
    // the same audited views as GET /api/v1/legal-holds and /api/v1/retention-extensions
    List<RetentionGrant> all = new ArrayList<>(grants.view(RetentionGrant.Kind.LEGAL_HOLD, me, SHOWN));
    all.addAll(grants.view(RetentionGrant.Kind.EXTENSION, me, SHOWN));
    all.sort(Comparator.comparingInt((RetentionGrant g) -> order(g.status()))
        .thenComparing(RetentionGrant::id, Comparator.reverseOrder()));
    boolean supervisor = me.hasRole(Roles.SUPERVISOR);
    String token = csrf(request);
    StringBuilder rows = new StringBuilder();
    for (RetentionGrant g : all) {
      rows.append("<tr id=\"grant-").append(g.id()).append("\" data-status=\"").append(g.status().name())
          .append("\"><td>").append(g.id()).append("</td><td>")
          .append(g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? "legal hold" : "extension").append("</td><td class=\"status\">")
          .append(g.status().name().toLowerCase()).append("</td><td>").append(g.reads()).append("</td><td>")
          .append(esc(day(g.endsAt()))).append("</td><td>").append(esc(g.requestedBy())).append("</td><td>")
          .append(esc(g.caseNumber())).append("</td><td>").append(esc(g.reason())).append("</td><td>")
          .append(esc(g.approvedBy())).append("</td><td>");
      if (supervisor && g.status() == RetentionGrant.Status.PENDING) {
        rows.append(button(g, "approval", "Approve", token));
      }
      if (supervisor && g.status() == RetentionGrant.Status.ACTIVE) {
        rows.append(button(g, "end", "End", token));
      }
      rows.append("</td></tr>");
    }
    String message = "";
    Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
    if (flash != null && flash.get("message") instanceof String m) {
      message = "<p class=\"" + (Boolean.TRUE.equals(flash.get("refused")) ? "error" : "note")
          + "\" id=\"message\" role=\"status\">" + esc(m) + "</p>";
    }
    return html(HttpStatus.OK, page("Legal holds and extensions", """
        <h1>Legal holds and extensions</h1>
        %s
        <p>Pending requests first, then those in force, then ended or refused ones (at most %d of each kind).
        Case numbers and reasons are shown to supervisors and auditors only; this view is recorded in the audit log.
        A supervisor other than the requester approves; a legal hold lasts at most %s under the policy in force.</p>
        <table id="holds"><thead><tr><th>#</th><th>Kind</th><th>Status</th><th>Reads</th><th>Ends</th>
        <th>Requested by</th><th>Case</th><th>Reason</th><th>Approved by</th><th></th></tr></thead>
        <tbody>%s</tbody></table>
        <nav><a href="/">Home</a></nav>"""
        .formatted(message, SHOWN, esc(days(policies.current().maxLegalHold())), rows)));
  }

  private static int order(RetentionGrant.Status s) {
    return switch (s) {
      case PENDING -> 0;
      case ACTIVE -> 1;
      case ENDED, REFUSED -> 2;
    };
  }

  private static String button(RetentionGrant g, String action, String label, String token) {
    return "<form class=\"inline\" method=\"post\" action=\"/holds/" + g.id() + "/" + action + "\">" + token
        + "<button type=\"submit\" id=\"" + action + "-" + g.id() + "\">" + label + "</button></form>";
  }

  @PostMapping(value = PATH + "/{id}/approval", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> approve(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, id, () -> grants.approve(id, me()), "approved");
  }

  @PostMapping(value = PATH + "/{id}/end", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> end(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, id, () -> grants.end(id, me()), "ended");
  }

  /** Runs a supervisor's action and goes back to the list with what happened (post/redirect/get). */
  private ResponseEntity<String> act(HttpServletRequest request, HttpServletResponse response, long id,
      Supplier<RetentionGrant> action, String done) {
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    try {
      RetentionGrant g = action.get();
      flash.put("message", (g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? "Legal hold #" : "Extension #") + id + " "
          + done + ".");
    } catch (Refusal e) {
      flash.put("message", "Refused (#" + id + "): " + e.getMessage() + ".");
      flash.put("refused", true);
    }
    RequestContextUtils.saveOutputFlashMap(PATH, request, response);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH)).build();
  }

  private static String day(Instant t) {
    return t == null ? "" : t.atOffset(ZoneOffset.UTC).toLocalDate() + " "
        + t.atOffset(ZoneOffset.UTC).toLocalTime() + " UTC";
  }

  private static String days(Duration d) {
    return d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days") : d.toHours() + " hours";
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(body);
  }

  private static String page(String title, String body) {
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>%s · Glassplate</title>
        <style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d2230}
        .error{border:1px solid #a00;background:#fde8e8;padding:.6rem 1rem}
        .note{border:1px solid #2a6;background:#e8f8ee;padding:.6rem 1rem}
        label{display:block;margin:.6rem 0 .2rem}textarea{width:100%%;max-width:36rem}[aria-invalid]{outline:2px solid #a00}
        table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}
        tr[data-status=PENDING]{background:#fff6e0}form.inline{display:inline}nav a{margin-right:1rem}</style></head>
        <body>%s</body></html>""".formatted(esc(title), body);
  }
}
