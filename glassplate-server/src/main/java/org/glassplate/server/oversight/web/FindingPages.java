package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.oversight.Findings;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's pages of misuse findings (R-GOV-4), over the same {@link Findings} as the API: the
 * list with filters by rule, person and status (the listing recorded), one finding with its evidence
 * entries opened (the opening recorded before the page is made), and its dismissal with a reason.
 * People are shown by name, never by pseudonym.
 */
@Controller
class FindingPages {
  static final String PATH = "/oversight/findings";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Public fields an auditor reads in an entry; the rest (commitment, roles, agency...) says nothing more. */
  private static final List<String> PUBLIC_SHOWN = List.of("offense", "reasonCategory", "caseNumberPresent",
      "searchKind", "resultCount", "camerasCovered", "windowHours", "lookalike", "onBehalfOf", "onBehalfOfKind",
      "requestingAgency", "endpoint");
  private static final Set<String> NOT_SHOWN = Set.of("type", "typeCode", "time", "actor", "actorKind", "roles",
      "outcome", "reasonCode", "commitment", "agency", "policySha256");

  private final Findings findings;
  private final Accounts accounts;
  private final ErrorStatuses statuses;
  private final ZoneId zone;

  FindingPages(Findings findings, Accounts accounts, ErrorStatuses statuses, Agency agency) {
    this.findings = findings;
    this.accounts = accounts;
    this.statuses = statuses;
    this.zone = agency.timeZone();
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView list(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(required = false) String rule, @RequestParam(required = false) String person,
      @RequestParam(required = false) String status, @RequestParam(required = false) Long dismissed) {
    Pages.noStore(response);
    RefusalView refusal = null;
    List<Finding> found = List.of();
    try {
      found = findings.list(rule, person, status, me());
    } catch (Refusal e) {
      refusal = RefusalView.of(e, statuses.of(e));
    }
    String message = dismissed == null ? null : "Finding " + dismissed + " is dismissed; the dismissal and its reason "
        + "are recorded in the audit log.";
    People names = People.of(accounts);
    List<FindingsView.Option> rules = findings.ruleIds().stream()
        .map(r -> new FindingsView.Option(r, FindingsView.words(r), r.equals(rule))).toList();
    List<FindingsView.Option> people = new ArrayList<>();
    names.all().forEach((pseudonym, name) -> people.add(new FindingsView.Option(pseudonym, name, pseudonym.equals(person))));
    people.sort(Comparator.comparing(FindingsView.Option::text));
    List<FindingsView.Option> states = List.of(Finding.Status.values()).stream()
        .map(s -> new FindingsView.Option(s.name(), words(s), s.name().equals(status))).toList();
    FindingsView view = new FindingsView(Layout.of("Misuse findings · Glassplate", request), message, refusal, rules,
        people, states, found.stream().map(f -> row(f, names)).toList(), Findings.MAX_LISTED);
    return Pages.page("oversight/findings", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  @GetMapping(value = PATH + "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView finding(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    Pages.noStore(response);
    return page(request, id, null, "");
  }

  @PostMapping(value = PATH + "/{id}/dismissal", produces = MediaType.TEXT_HTML_VALUE)
  Object dismiss(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String reason) {
    Pages.noStore(response);
    try {
      findings.dismiss(id, reason, me());
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "?dismissed=" + id)).build();
    } catch (Refusal e) {
      if (e.refusalCode() == org.glassplate.server.core.CommonRefusal.NOT_FOUND) {
        throw e;
      }
      return page(request, id, RefusalView.of(e, statuses.of(e)), reason);
    }
  }

  private ModelAndView page(HttpServletRequest request, long id, RefusalView refusal, String typed) {
    Findings.Opened o = findings.open(id, me());
    People names = People.of(accounts);
    List<FindingView.Evidence> evidence = o.evidence().stream().map(this::evidence).toList();
    FindingView view = new FindingView(Layout.of("Finding " + id + " · Glassplate", request), row(o.finding(), names),
        evidence, o.finding().evidence().size(), refusal, typed, o.finding().status() == Finding.Status.OPEN);
    return Pages.page("oversight/finding", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private FindingView.Evidence evidence(Findings.Evidence e) {
    JsonNode pub = JSON.readTree(e.entry());
    List<FindingView.Field> fields = new ArrayList<>();
    if (e.privateFields() != null) {
      JSON.readTree(e.privateFields()).properties().forEach(p -> fields.add(new FindingView.Field(p.getKey(),
          p.getValue().isString() ? p.getValue().asString() : p.getValue().toString(), true)));
    }
    for (String k : PUBLIC_SHOWN) {
      JsonNode v = pub.get(k);
      if (v != null && !v.isNull() && !NOT_SHOWN.contains(k)) {
        fields.add(new FindingView.Field(k, v.isString() ? v.asString() : v.toString(), false));
      }
    }
    return new FindingView.Evidence(e.index(), text(pub, "type"), ShownTime.of(Instant.parse(text(pub, "time")), zone),
        text(pub, "outcome"), text(pub, "reasonCode"), fields);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private FindingsView.Row row(Finding f, People names) {
    Finding.Dismissal d = f.dismissal();
    return new FindingsView.Row(f.id(), f.rule(), f.severity().name().toLowerCase(Locale.ROOT), names.name(f.person()),
        f.summary(), ShownTime.of(f.occurredAt(), zone), ShownTime.of(f.detectedAt(), zone), f.status().name(),
        words(f.status()), f.evidence().size(), d == null ? null : "by " + names.name(d.by()) + ": " + d.reason());
  }

  private static String words(Finding.Status s) {
    return switch (s) {
      case OPEN -> "open";
      case DISMISSED -> "dismissed";
      case UNDER_INVESTIGATION -> "under investigation";
    };
  }
}
