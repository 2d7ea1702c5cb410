package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.oversight.SelfAuditReport;
import org.glassplate.server.oversight.SelfAudits;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.ShownTime;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/** The auditors' page of self-audits (R-GOV-3): the history with each check's detail, and a button to run one now. */
@Controller
class SelfAuditPage {
  static final int SHOWN = 30;

  private final SelfAudits selfAudits;
  private final Accounts accounts;
  private final ZoneId zone;

  SelfAuditPage(SelfAudits selfAudits, Accounts accounts, Agency agency) {
    this.selfAudits = selfAudits;
    this.accounts = accounts;
    this.zone = agency.timeZone();
  }

  @GetMapping(value = "/oversight/self-audits", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, null);
  }

  @PostMapping(value = "/oversight/self-audits", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView run(HttpServletRequest request, HttpServletResponse response) {
    SelfAuditReport r = selfAudits.run(CallerAuthentication.current().orElseThrow(), SelfAudits.Trigger.ON_DEMAND);
    return render(request, response, "Self-audit " + r.id() + " ran now: " + r.status()
        + (r.drifted().isEmpty() ? "." : " (" + String.join(", ", r.drifted()) + ")."));
  }

  private ModelAndView render(HttpServletRequest request, HttpServletResponse response, String notice) {
    Pages.noStore(response);
    People people = People.of(accounts);
    List<SelfAuditsView.Run> runs = selfAudits.recent(SHOWN).stream().map(r -> run(r, people)).toList();
    return Pages.page("oversight/self-audits",
        new SelfAuditsView(Layout.of("Self-audits · Glassplate", request), notice, runs, SHOWN));
  }

  /** One run as an auditor reads it: people by name, never by pseudonym (the JSON keeps the pseudonyms). */
  private SelfAuditsView.Run run(SelfAuditReport r, People people) {
    String trigger = switch (r.trigger()) {
      case "SCHEDULED" -> "daily";
      case "COMMAND" -> "command line";
      default -> "on demand";
    };
    return new SelfAuditsView.Run(r.id(), ShownTime.of(r.ranAt(), zone), people.name(r.ranBy()), trigger,
        r.status().name(), r.configurationSha256(), r.checks().stream().map(c -> new SelfAuditsView.Check(c.name(),
            c.status().name(), people.inWords(c.detail()), c.before().stream().map(people::inWords).toList(),
            c.after().stream().map(people::inWords).toList())).toList());
  }
}
