package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Roles;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.oversight.Findings;
import org.glassplate.server.oversight.Investigation;
import org.glassplate.server.oversight.Investigations;
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

/**
 * The auditor's pages of misuse investigations (R-GOV-4), over the same {@link Investigations} as the
 * API: the list filtered by status with the overdue marked and a form to open one from findings (a
 * finding's page has the same button), and one investigation with its findings, its steps and the forms
 * that assign it, record a step and close it with an outcome. People are shown by name, never by
 * pseudonym.
 */
@Controller
class InvestigationPages {
  static final String PATH = "/oversight/investigations";

  private final Investigations investigations;
  private final Findings findings;
  private final Accounts accounts;
  private final ErrorStatuses statuses;
  private final ZoneId zone;

  InvestigationPages(Investigations investigations, Findings findings, Accounts accounts, ErrorStatuses statuses,
      Agency agency) {
    this.investigations = investigations;
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
      @RequestParam(required = false) String status) {
    Pages.noStore(response);
    return listPage(request, status, null, null, "", "");
  }

  @PostMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  Object open(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String findings, @RequestParam(defaultValue = "") String summary) {
    Pages.noStore(response);
    try {
      List<Long> ids = new ArrayList<>();
      for (String part : findings.split("[,\\s]+")) {
        if (!part.isBlank()) {
          try {
            ids.add(Long.parseLong(part.strip().replaceFirst("^#", "")));
          } catch (NumberFormatException e) {
            throw Refusal.invalid("findings", "name findings by number, e.g. 12, 15");
          }
        }
      }
      Investigation i = investigations.open(ids, null, summary, me());
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "/" + i.id() + "?done=opened"))
          .build();
    } catch (Refusal e) {
      return listPage(request, null, null, RefusalView.of(e, statuses.of(e)), findings, summary);
    }
  }

  @GetMapping(value = PATH + "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView one(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(required = false) String done) {
    Pages.noStore(response);
    return page(request, id, message(done), null, null, "", "");
  }

  @PostMapping(value = PATH + "/{id}/assignment", produces = MediaType.TEXT_HTML_VALUE)
  Object assign(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String assignee) {
    Pages.noStore(response);
    try {
      investigations.assign(id, assignee, me());
      return done(id, "assigned");
    } catch (Refusal e) {
      return refused(request, id, e, "assignment", "", "");
    }
  }

  @PostMapping(value = PATH + "/{id}/steps", produces = MediaType.TEXT_HTML_VALUE)
  Object step(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String note) {
    Pages.noStore(response);
    try {
      investigations.recordStep(id, note, me());
      return done(id, "step");
    } catch (Refusal e) {
      return refused(request, id, e, "step", note, "");
    }
  }

  @PostMapping(value = PATH + "/{id}/outcome", produces = MediaType.TEXT_HTML_VALUE)
  Object close(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String note) {
    Pages.noStore(response);
    try {
      investigations.close(id, outcome, note, me());
      return done(id, "closed");
    } catch (Refusal e) {
      return refused(request, id, e, "outcome", "", note);
    }
  }

  private static ResponseEntity<Void> done(long id, String what) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "/" + id + "?done=" + what)).build();
  }

  private ModelAndView refused(HttpServletRequest request, long id, Refusal e, String form, String note,
      String outcomeNote) {
    if (e.refusalCode() == CommonRefusal.NOT_FOUND) {
      throw e;
    }
    return page(request, id, null, RefusalView.of(e, statuses.of(e)), form, note, outcomeNote);
  }

  private static String message(String done) {
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "opened" -> "The investigation is open; its findings are now under investigation. Opening it is recorded "
          + "in the audit log.";
      case "assigned" -> "The investigation is assigned; the assignment is recorded in the audit log.";
      case "step" -> "The step is recorded, in the audit log too (its note is private there).";
      case "closed" -> "The investigation is closed with its outcome; the closing is recorded in the audit log.";
      default -> null;
    };
  }

  private ModelAndView listPage(HttpServletRequest request, String status, String message, RefusalView refusal,
      String typedFindings, String typedSummary) {
    RefusalView shown = refusal;
    List<Investigation> found = List.of();
    try {
      found = investigations.list(status, me());
    } catch (Refusal e) {
      shown = RefusalView.of(e, statuses.of(e));
    }
    People people = People.of(accounts);
    List<FindingsView.Option> states = List.of(Investigations.Filter.values()).stream()
        .map(f -> new FindingsView.Option(f.name(), switch (f) {
          case PENDING -> "pending";
          case OVERDUE -> "overdue (pending more than 180 days)";
          case CLOSED -> "closed";
        }, f.name().equalsIgnoreCase(status == null ? "" : status.strip()))).toList();
    InvestigationsView view = new InvestigationsView(Layout.of("Investigations · Glassplate", request), message, shown,
        states, found.stream().map(i -> row(i, people)).toList(), Investigations.MAX_LISTED, typedFindings,
        typedSummary);
    return Pages.page("oversight/investigations", view, shown == null ? HttpStatus.OK : shown.status());
  }

  private ModelAndView page(HttpServletRequest request, long id, String message, RefusalView refusal, String form,
      String typedNote, String typedOutcomeNote) {
    Investigation i = investigations.one(id, me());
    People people = People.of(accounts);
    List<InvestigationView.FindingLink> links = findings.withIds(i.findings()).stream()
        .map(f -> new InvestigationView.FindingLink(f.id(), f.rule(), f.summary(), words(f.status()))).toList();
    List<InvestigationView.Step> steps = i.steps().stream().map(s -> new InvestigationView.Step(switch (s.kind()) {
      case OPENED -> "opened";
      case ASSIGNED -> "assigned to " + people.name(s.note());
      case NOTE -> "step";
      case CLOSED -> "closed";
    }, ShownTime.of(s.at(), zone), people.name(s.by()), s.kind() == Investigation.StepKind.ASSIGNED ? null : s.note()))
        .toList();
    List<FindingsView.Option> auditors = new ArrayList<>();
    for (Account a : accounts.all()) {
      if (a.enabled() && a.roles().contains(Roles.AUDITOR) && !a.pseudonym().equals(i.subject())) {
        auditors.add(new FindingsView.Option(a.pseudonym(), people.name(a.pseudonym()),
            a.pseudonym().equals(i.assignee())));
      }
    }
    auditors.sort(Comparator.comparing(FindingsView.Option::text));
    List<FindingsView.Option> outcomes = Investigation.Outcome.closing().stream()
        .map(o -> new FindingsView.Option(o.name(), o.words(), false)).toList();
    InvestigationView view = new InvestigationView(Layout.of("Investigation " + id + " · Glassplate", request), message,
        row(i, people), i.summary(), i.outcomeNote(), people.name(i.closedBy()), ShownTime.of(i.closedAt(), zone),
        links, steps, auditors, outcomes, refusal, form, typedNote, typedOutcomeNote);
    return Pages.page("oversight/investigation", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private InvestigationsView.Row row(Investigation i, People people) {
    return new InvestigationsView.Row(i.id(), people.name(i.subject()), i.outcome().name(), i.outcome().words(),
        ShownTime.of(i.openedAt(), zone), people.name(i.openedBy()),
        i.assignee() == null ? "not assigned yet" : people.name(i.assignee()), i.findings().size(),
        investigations.overdue(i), i.pending());
  }

  private static String words(Finding.Status s) {
    return switch (s) {
      case OPEN -> "open";
      case DISMISSED -> "dismissed";
      case UNDER_INVESTIGATION -> "under investigation";
    };
  }
}
