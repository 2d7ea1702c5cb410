package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/self-audits.jte}: the self-audit runs, newest first, each check
 * with its detail and, where it drifted, what was approved and what was found.
 *
 * @param notice what the last action did (a run now), or null
 */
public record SelfAuditsView(Layout layout, String notice, List<Run> runs, int shown) {

  /** One run; {@code trigger} in words. */
  public record Run(long id, ShownTime ranAt, String ranBy, String trigger, String status, String configurationSha256,
      List<Check> checks) {
    public boolean drift() {
      return status.equals("DRIFT");
    }
  }

  public record Check(String name, String status, String detail, List<String> before, List<String> after) {
    public boolean drift() {
      return status.equals("DRIFT");
    }
  }
}
