package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.oversight.SelfAuditCheck;
import org.glassplate.server.oversight.SelfAuditReport;

/**
 * A self-audit as the API answers it (DESIGN.md, "Oversight"): {@code {"status":"OK|DRIFT",
 * "checks":[{"name","status","detail"}]}}, each check with what was approved ({@code before}) and
 * what was found ({@code after}) where it drifted, and the run's id, time and trigger.
 */
record SelfAuditJson(long id, String ranAt, String ranBy, String trigger, String status, String configurationSha256,
    List<Check> checks) {

  record Check(String name, String status, String detail, List<String> before, List<String> after) {
  }

  /** The runs, newest first. */
  record History(List<SelfAuditJson> selfAudits) {
  }

  static SelfAuditJson of(SelfAuditReport r) {
    return new SelfAuditJson(r.id(), r.ranAt().toString(), r.ranBy(), r.trigger(), r.status().name(),
        r.configurationSha256(), r.checks().stream().map(SelfAuditJson::check).toList());
  }

  private static Check check(SelfAuditCheck c) {
    return new Check(c.name(), c.status().name(), c.detail(), c.before(), c.after());
  }
}
