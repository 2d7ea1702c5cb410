package org.glassplate.server.policy.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyProposal;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The administrators' policy page: the version in force, a form to propose the next one, and each
 * proposal with a readable line diff against its base and an approve button (R-GOV-2).
 */
@Controller
class PolicyAdminPage {
  private final Policies policies;
  private final PolicyProposals proposals;
  private final ErrorStatuses statuses;
  private final Accounts accounts;
  private final java.time.ZoneId zone;

  PolicyAdminPage(Policies policies, PolicyProposals proposals, ErrorStatuses statuses, Accounts accounts,
      Agency agency) {
    this.accounts = accounts;
    this.zone = agency.timeZone();
    this.policies = policies;
    this.proposals = proposals;
    this.statuses = statuses;
  }

  @GetMapping(value = "/admin/policy", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request) {
    return render(request, null, null, null, null);
  }

  @PostMapping(value = "/admin/policy/proposals", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView propose(HttpServletRequest request, @RequestParam(defaultValue = "") String document,
      @RequestParam(required = false) String governingBodyReference, @RequestParam(required = false) String note) {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      PolicyProposal p = proposals.propose(caller, document.replace("\r\n", "\n"), governingBodyReference, note);
      return render(request, "Proposal " + p.id() + " recorded. A second, different administrator must approve it.",
          null, null, null);
    } catch (Refusal e) {
      return render(request, null, RefusalView.of(e, statuses.of(e)), document, governingBodyReference);
    }
  }

  @PostMapping(value = "/admin/policy/proposals/{id}/approval", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView approve(HttpServletRequest request, @PathVariable long id,
      @RequestParam(required = false) String note) {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      PolicyProposals.ApprovalOutcome o = proposals.approve(caller, id, note);
      return render(request, o.message(), null, null, null);
    } catch (Refusal e) {
      return render(request, null, RefusalView.of(e, statuses.of(e)), null, null);
    }
  }

  private ModelAndView render(HttpServletRequest request, String notice, RefusalView refusal, String draft,
      String draftRef) {
    EffectivePolicy current = policies.current();
    List<PolicyAdminView.Proposal> recent = proposals.recent(20).stream()
        .map(p -> new PolicyAdminView.Proposal(p, diff(p))).toList();
    Map<String, String> names = new HashMap<>();
    accounts.all().forEach(a -> names.put(a.pseudonym(), a.displayName()));
    PolicyAdminView view = new PolicyAdminView(Layout.of("Policy administration · Glassplate", request), notice,
        refusal, current, recent, draft != null ? draft : current.document(), draftRef, zone, names);
    return Pages.page("policy/admin", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private static List<PolicyAdminView.DiffLine> diff(PolicyProposal p) {
    return LineDiff.hunks(p.diff(), 3).stream().map(l -> {
      String kind = switch (l.op()) {
        case '+' -> "add";
        case '-' -> "del";
        case '~' -> "gap";
        default -> "same";
      };
      String num = l.op() == '~' ? "" : String.valueOf(l.op() == '-' ? l.oldLine() : l.newLine());
      return new PolicyAdminView.DiffLine(kind, String.format("%4s ", num) + (l.op() == '~' ? "" : l.op()) + " ",
          l.text());
    }).toList();
  }
}
