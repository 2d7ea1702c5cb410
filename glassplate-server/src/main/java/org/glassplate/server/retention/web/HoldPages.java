package org.glassplate.server.retention.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.web.ShownTime;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.retention.RetentionGrant;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.core.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The browser pages of legal holds (R-RET-2), over the same {@link RetentionGrants} as the API: an
 * investigator asks for a hold on the reads of a search they ran (the form is on the search
 * results page and posts here); supervisors and auditors see every hold and extension, the view
 * audited as the API's list is; a supervisor approves, refuses (with a reason) or ends one, and opens
 * one to see the reads it keeps (plate data: that view is audited too). An investigator sees their
 * own requests and what became of them on {@code /holds/mine}. Refusals are shown on the page with
 * the field they concern; nothing typed is lost. People are shown by name, never by pseudonym.
 */
@Controller
class HoldPages {
  static final String PATH = "/holds";
  private static final int SHOWN = 200;

  private final RetentionGrants grants;
  private final Policies policies;
  private final Clock clock;
  private final ErrorStatuses statuses;
  private final Accounts accounts;
  private final Cameras cameras;
  private final ZoneId zone;

  HoldPages(RetentionGrants grants, Policies policies, Clock clock, ErrorStatuses statuses, Accounts accounts,
      Cameras cameras, Agency agency) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.cameras = cameras;
    this.zone = agency.timeZone();
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
  ModelAndView request(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String searchId, @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String endsOn) {
    HoldForm form = new HoldForm(searchId, reason, endsOn);
    Pages.noStore(response);
    try {
      RetentionGrant g = grants.request(new RetentionGrants.Request(RetentionGrant.Kind.LEGAL_HOLD, null, reason,
          endsAt(endsOn), null, search(searchId)), me());
      return Pages.page("retention/requested", new HoldRequestedView(Layout.of("Legal hold requested · Glassplate",
          request), g.id(), g.reads(), g.caseNumber(), day(g.endsAt())), HttpStatus.CREATED);
    } catch (Refusal e) {
      RefusalView refusal = RefusalView.of(e, statuses.of(e));
      refusal = refusal.withField(formField(refusal.field()));
      return Pages.page("retention/request", new HoldRequestView(Layout.of("Ask for a legal hold · Glassplate",
          request), refusal, form.searchId(), form.reason(), form.endsOn(), days(policies.current().maxLegalHold()),
          latestDay()), refusal.status());
    }
  }

  /** The form's name for a field the service names (its API names). */
  private static String formField(String serviceField) {
    return serviceField == null ? null : switch (serviceField) {
      case "endsAt" -> "endsOn";
      case "readIds", "caseNumber" -> "searchId";
      default -> serviceField;
    };
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
  ModelAndView list(HttpServletRequest request, HttpServletResponse response) {
    Caller me = me();
    // the same audited views as GET /api/v1/legal-holds and /api/v1/retention-extensions
    List<RetentionGrant> all = new ArrayList<>(grants.view(RetentionGrant.Kind.LEGAL_HOLD, me, SHOWN));
    all.addAll(grants.view(RetentionGrant.Kind.EXTENSION, me, SHOWN));
    all.sort(Comparator.comparingInt((RetentionGrant g) -> order(g.status()))
        .thenComparing(RetentionGrant::id, Comparator.reverseOrder()));
    boolean supervisor = me.hasRole(Roles.SUPERVISOR);
    Names names = names();
    List<HoldsView.Row> rows = all.stream().map(g -> new HoldsView.Row(g.id(), kind(g), g.status().name(),
        state(g), g.reads(), day(g.endsAt()), names.of(g.requesterId()), g.caseNumber(), g.reason(),
        names.ofPseudonym(g.approvedBy()), search(g), g.refusalReason(),
        supervisor && g.status() == RetentionGrant.Status.PENDING,
        supervisor && g.status() == RetentionGrant.Status.ACTIVE)).toList();
    String message = null;
    RefusalView refusal = null;
    Long refusedRow = null;
    String typed = null;
    Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
    if (flash != null && flash.get("message") instanceof String m) {
      if (Boolean.TRUE.equals(flash.get("refused"))) {
        refusal = new RefusalView(HttpStatus.OK, (String) flash.get("code"), m, (String) flash.get("field"));
        refusedRow = (Long) flash.get("row");
        typed = (String) flash.get("typed");
      } else {
        message = m;
      }
    }
    Pages.noStore(response);
    return Pages.page("retention/holds", new HoldsView(Layout.of("Legal holds and extensions · Glassplate", request),
        message, refusal, refusedRow, typed, rows, SHOWN, days(policies.current().maxLegalHold())));
  }

  /** An investigator's own requests, newest first, and what became of each. */
  @GetMapping(value = PATH + "/mine", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView mine(HttpServletRequest request, HttpServletResponse response) {
    Caller me = me();
    Names names = names();
    List<MyHoldsView.Row> rows = grants.requestedBy(me, SHOWN).stream().map(g -> new MyHoldsView.Row(g.id(), kind(g),
        g.status().name(), state(g), g.reads(), day(g.endsAt()), ShownTime.of(g.createdAt(), zone), g.caseNumber(),
        g.reason(), search(g), names.ofPseudonym(g.approvedBy()), g.refusalReason())).toList();
    Pages.noStore(response);
    return Pages.page("retention/mine", new MyHoldsView(Layout.of("My holds and extensions · Glassplate", request),
        rows, SHOWN));
  }

  /** One hold or extension and the reads it keeps (plate data: the view is audited). */
  @GetMapping(value = PATH + "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView one(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    Caller me = me();
    RetentionGrant g = grants.find(id).orElseThrow(() -> Refusal.notFound("hold or extension"));
    List<PlateRead> reads = grants.heldReads(id, me, SHOWN);
    Map<Long, String> cameraNames = cameras.all().stream().collect(Collectors.toMap(Camera::id, Camera::name));
    Names names = names();
    HoldView.Grant grant = new HoldView.Grant(g.id(), kind(g), g.status().name(), state(g), g.reads(),
        day(g.endsAt()), names.of(g.requesterId()), ShownTime.of(g.createdAt(), zone), g.caseNumber(), g.reason(),
        search(g), names.ofPseudonym(g.approvedBy()), g.refusalReason());
    List<HoldView.HeldRead> rows = reads.stream().map(r -> new HoldView.HeldRead(r.id(),
        ShownTime.of(r.capturedAt(), zone), cameraNames.getOrDefault(r.cameraId(), "camera #" + r.cameraId()),
        r.plate().value(), r.state().value())).toList();
    Pages.noStore(response);
    return Pages.page("retention/hold", new HoldView(Layout.of((g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? "Legal hold #" : "Extension #") + id
        + " · Glassplate", request),
        grant, rows, SHOWN));
  }

  /** People's names by account id and by pseudonym: a page shows a name, never {@code user:<n>}. */
  private record Names(Map<Long, String> byId) {
    String of(long id) {
      return byId.getOrDefault(id, "a former member of staff");
    }

    String ofPseudonym(String pseudonym) {
      if (pseudonym == null) {
        return null;
      }
      return byId.entrySet().stream().filter(e -> Account.pseudonym(e.getKey()).equals(pseudonym))
          .map(Map.Entry::getValue).findFirst().orElse("a former member of staff");
    }
  }

  private Names names() {
    return new Names(accounts.all().stream().collect(Collectors.toMap(Account::id, Account::displayName)));
  }

  private static String kind(RetentionGrant g) {
    return g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? "legal hold" : "extension";
  }

  /** Where the request's reads came from, in words. */
  private static String search(RetentionGrant g) {
    return g.searchId() == null ? "reads listed by id" : "search " + g.searchId();
  }

  /** What became of a request, in words. */
  private static String state(RetentionGrant g) {
    return switch (g.status()) {
      case PENDING -> "pending";
      case ACTIVE -> "approved, in force";
      case REFUSED -> g.refusalReason() != null ? "refused" : "expired: not approved in time";
      case ENDED -> g.endedAt() != null && !g.endedAt().isBefore(g.endsAt()) ? "expired: its end date passed"
          : "ended early";
    };
  }

  private static int order(RetentionGrant.Status s) {
    return switch (s) {
      case PENDING -> 0;
      case ACTIVE -> 1;
      case ENDED, REFUSED -> 2;
    };
  }

  @PostMapping(value = PATH + "/{id}/approval", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Void> approve(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, id, () -> grants.approve(id, me()), "approved");
  }

  @PostMapping(value = PATH + "/{id}/end", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Void> end(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, id, () -> grants.end(id, me()), "ended");
  }

  @PostMapping(value = PATH + "/{id}/refusal", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Void> refuse(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String reason) {
    RequestContextUtils.getOutputFlashMap(request).put("typed", reason);
    return act(request, response, id, () -> grants.refuse(id, reason, me()), "refused");
  }

  /** Runs a supervisor's action and goes back to the list with what happened (post/redirect/get). */
  private ResponseEntity<Void> act(HttpServletRequest request, HttpServletResponse response, long id,
      Supplier<RetentionGrant> action, String done) {
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    try {
      RetentionGrant g = action.get();
      flash.remove("typed");
      flash.put("message", (g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? "Legal hold #" : "Extension #") + id + " "
          + done + ".");
    } catch (Refusal e) {
      flash.put("message", "Refused (#" + id + "): " + e.getMessage() + ".");
      flash.put("code", e.code());
      flash.put("field", e.field());
      flash.put("row", id);
      flash.put("refused", true);
    }
    RequestContextUtils.saveOutputFlashMap(PATH, request, response);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH)).build();
  }

  private static String day(Instant t) {
    return t == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .format(t.atOffset(ZoneOffset.UTC));
  }

  private static String days(Duration d) {
    return d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days") : d.toHours() + " hours";
  }
}
