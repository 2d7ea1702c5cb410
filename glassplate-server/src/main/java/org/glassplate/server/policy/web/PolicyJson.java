package org.glassplate.server.policy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.policy.PolicyApproval;
import org.glassplate.server.policy.PolicyProposal;

/** The JSON shapes of the policy API (DESIGN.md: GET /api/v1/policy). */
final class PolicyJson {
  private PolicyJson() {
  }

  static Map<String, Object> policy(EffectivePolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("sha256", p.sha256());
    m.put("effectiveAt", p.effectiveAt().toString());
    m.put("approvals", approvals(p.approvals()));
    m.put("governingBodyReference", p.governingBodyReference());
    m.put("offenses", p.offenses().stream().map(o -> Map.of("code", o.code(), "name", o.name())).toList());
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("nonHit", p.nonHitRetention().toString());
    retention.put("hit", p.hitRetention().toString());
    retention.put("maxLegalHold", p.maxLegalHold().toString());
    retention.put("maxExtension", p.maxRetentionExtension().toString());
    m.put("retention", retention);
    m.put("hotlistSources", p.hotlistSources().stream().sorted().toList());
    m.put("sharing", p.sharing().stream().map(r -> Map.of("id", r.id(), "name", r.name(), "state", r.state(),
        "type", r.type().yamlName())).toList());
    m.put("document", p.document());
    return m;
  }

  static Map<String, Object> summary(EffectivePolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("sha256", p.sha256());
    m.put("effectiveAt", p.effectiveAt().toString());
    m.put("approvals", approvals(p.approvals()));
    m.put("governingBodyReference", p.governingBodyReference());
    return m;
  }

  static List<Map<String, Object>> approvals(List<PolicyApproval> approvals) {
    return approvals.stream().map(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("by", a.by());
      m.put("as", a.as());
      m.put("at", a.at().toString());
      if (a.note() != null) {
        m.put("note", a.note());
      }
      return m;
    }).toList();
  }

  static Map<String, Object> proposal(PolicyProposal p, boolean withDocument) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("status", p.status());
    m.put("baseVersion", p.baseVersion());
    m.put("baseSha256", p.baseSha256());
    m.put("sha256", p.sha256());
    m.put("proposedBy", p.proposedBy());
    m.put("proposedAt", p.proposedAt().toString());
    m.put("expansions", p.expansions());
    m.put("governingBodyReference", p.governingBodyReference());
    m.put("note", p.note());
    m.put("approvals", approvals(p.approvals()));
    m.put("activatedVersion", p.activatedVersion());
    m.put("diff", LineDiff.text(LineDiff.hunks(p.diff(), 3)));
    if (withDocument) {
      m.put("document", p.document());
    }
    return m;
  }
}
