package org.glassplate.server.policy.web;

import static org.glassplate.server.web.Html.csrf;
import static org.glassplate.server.web.Html.esc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyApproval;
import org.glassplate.server.policy.PolicyProposal;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The administrators' policy page: the version in force, a form to propose the next one, and each
 * proposal with a readable line diff against its base and an approve button (R-GOV-2).
 */
@Controller
class PolicyAdminPage {
  private final Policies policies;
  private final PolicyProposals proposals;
  private final ErrorStatuses statuses;

  PolicyAdminPage(Policies policies, PolicyProposals proposals, ErrorStatuses statuses) {
    this.policies = policies;
    this.proposals = proposals;
    this.statuses = statuses;
  }

  @GetMapping(value = "/admin/policy", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(HttpServletRequest request) {
    return render(request, null, null, null, null);
  }

  @PostMapping(value = "/admin/policy/proposals", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> propose(HttpServletRequest request, @RequestParam(defaultValue = "") String document,
      @RequestParam(required = false) String governingBodyReference, @RequestParam(required = false) String note) {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      PolicyProposal p = proposals.propose(caller, document.replace("\r\n", "\n"), governingBodyReference, note);
      return ok(render(request, "Proposal " + p.id() + " recorded. A second, different administrator must approve it.",
          null, null, null));
    } catch (Refusal e) {
      return ResponseEntity.status(statuses.of(e)).contentType(MediaType.TEXT_HTML)
          .body(render(request, null, e, document, governingBodyReference));
    }
  }

  @PostMapping(value = "/admin/policy/proposals/{id}/approval", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> approve(HttpServletRequest request, @PathVariable long id,
      @RequestParam(required = false) String note) {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      PolicyProposals.ApprovalOutcome o = proposals.approve(caller, id, note);
      return ok(render(request, o.message(), null, null, null));
    } catch (Refusal e) {
      return ResponseEntity.status(statuses.of(e)).contentType(MediaType.TEXT_HTML)
          .body(render(request, null, e, null, null));
    }
  }

  private static ResponseEntity<String> ok(String html) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
  }

  private String render(HttpServletRequest request, String notice, Refusal error, String draft, String draftRef) {
    EffectivePolicy current = policies.current();
    List<PolicyProposal> recent = proposals.recent(20);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Policy administration</title><style>")
        .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}")
        .append("code,pre,textarea{font-family:ui-monospace,monospace;font-size:.85rem}")
        .append("textarea{width:100%;height:28rem}.diff{border:1px solid #ccc;padding:.5rem;overflow-x:auto}")
        .append(".add{background:#e6ffec}.del{background:#ffebe9;text-decoration:line-through}.gap{color:#888}")
        .append(".notice{background:#eef6ff;padding:.5rem}.error{background:#fff0f0;padding:.5rem;border:1px solid #d33}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}")
        .append("</style></head><body>");
    h.append("<h1>Usage and privacy policy</h1>");
    if (notice != null) {
      h.append("<p class=\"notice\" id=\"notice\">").append(esc(notice)).append("</p>");
    }
    if (error != null) {
      h.append("<p class=\"error\" id=\"error\"><strong>").append(esc(error.code())).append("</strong>: ")
          .append(esc(error.getMessage())).append("</p>");
    }
    h.append("<h2>In force: version ").append(current.version()).append("</h2>")
        .append("<p>SHA-256 <code id=\"current-sha256\">").append(esc(current.sha256())).append("</code>, since ")
        .append(esc(current.effectiveAt())).append(".</p><ul>");
    for (PolicyApproval a : current.approvals()) {
      h.append("<li>").append(esc(a.as())).append(": ").append(esc(a.by())).append(", ").append(esc(a.at()))
          .append(a.note() == null ? "" : " (" + esc(a.note()) + ")").append("</li>");
    }
    h.append("</ul>");
    if (current.governingBodyReference() != null) {
      h.append("<p>Governing-body approval: ").append(esc(current.governingBodyReference())).append("</p>");
    }

    h.append("<h2>Proposals</h2>");
    if (recent.isEmpty()) {
      h.append("<p>None yet.</p>");
    }
    for (PolicyProposal p : recent) {
      h.append("<section class=\"proposal\" id=\"proposal-").append(p.id()).append("\"><h3>Proposal ")
          .append(p.id()).append(": ").append(esc(p.status()))
          .append(p.activatedVersion() == null ? "" : " as version " + p.activatedVersion()).append("</h3>")
          .append("<p>By ").append(esc(p.proposedBy())).append(" at ").append(esc(p.proposedAt()))
          .append(", against version ").append(p.baseVersion()).append(". SHA-256 <code>").append(esc(p.sha256()))
          .append("</code></p>");
      if (p.note() != null) {
        h.append("<p>Note: ").append(esc(p.note())).append("</p>");
      }
      if (!p.expansions().isEmpty()) {
        h.append("<p><strong>Expands:</strong> ").append(esc(String.join("; ", p.expansions())))
            .append(". Governing-body approval: ").append(esc(p.governingBodyReference())).append("</p>");
      }
      if (!p.approvals().isEmpty()) {
        h.append("<p>Approvals: ");
        for (PolicyApproval a : p.approvals()) {
          h.append(esc(a.by())).append(" (").append(esc(a.as())).append(", ").append(esc(a.at())).append(") ");
        }
        h.append("</p>");
      }
      h.append("<pre class=\"diff\">");
      for (LineDiff.Line l : LineDiff.hunks(p.diff(), 3)) {
        String cls = switch (l.op()) {
          case '+' -> "add";
          case '-' -> "del";
          case '~' -> "gap";
          default -> "same";
        };
        String num = l.op() == '~' ? "" : String.valueOf(l.op() == '-' ? l.oldLine() : l.newLine());
        h.append("<span class=\"").append(cls).append("\">").append(String.format("%4s ", num))
            .append(l.op() == '~' ? "" : String.valueOf(l.op())).append(' ').append(esc(l.text())).append("</span>\n");
      }
      h.append("</pre>");
      if ("PENDING".equals(p.status())) {
        h.append("<form method=\"post\" action=\"/admin/policy/proposals/").append(p.id()).append("/approval\">")
            .append(csrf(request))
            .append("<label>Note <input name=\"note\" maxlength=\"2000\"></label> ")
            .append("<button type=\"submit\">Approve proposal ").append(p.id()).append("</button></form>");
      }
      h.append("</section>");
    }

    h.append("<h2>Propose a new version</h2><form method=\"post\" action=\"/admin/policy/proposals\">")
        .append(csrf(request))
        .append("<p><textarea name=\"document\" spellcheck=\"false\">")
        .append(esc(draft != null ? draft : current.document())).append("</textarea></p>")
        .append("<p><label>Governing-body approval (needed to expand retention, sharing, hot-list sources or ")
        .append("collection): <input name=\"governingBodyReference\" maxlength=\"200\" size=\"40\" value=\"")
        .append(esc(draftRef)).append("\"></label></p>")
        .append("<p><label>Note <input name=\"note\" maxlength=\"2000\" size=\"60\"></label></p>")
        .append("<p><button type=\"submit\">Propose</button></p></form>");
    h.append("</body></html>");
    return h.toString();
  }
}
