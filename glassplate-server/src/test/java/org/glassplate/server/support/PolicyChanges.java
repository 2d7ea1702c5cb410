package org.glassplate.server.support;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;

/**
 * Puts a changed policy in force the way the product does: one administrator proposes, another
 * approves (R-GOV-2). For tests that need another retention or other hot-list sources.
 */
public final class PolicyChanges {
  private static final Caller ADMIN_A = new Caller(Caller.Kind.USER, 900_001, "user:900001", Set.of(Roles.ADMINISTRATOR), null);
  private static final Caller ADMIN_B = new Caller(Caller.Kind.USER, 900_002, "user:900002", Set.of(Roles.ADMINISTRATOR), null);

  private PolicyChanges() {
  }

  /** Applies {@code edit} to the document in force and activates the result (no-op if unchanged). */
  public static void apply(Policies policies, PolicyProposals proposals, UnaryOperator<String> edit) {
    String current = policies.current().document();
    String next = edit.apply(current);
    if (next.equals(current)) {
      return;
    }
    long id = proposals.propose(ADMIN_A, next, "Test Council Resolution " + System.nanoTime(), "test").id();
    var outcome = proposals.approve(ADMIN_B, id, "test");
    if (!outcome.activated()) {
      throw new IllegalStateException("the test policy was not activated: " + outcome.message());
    }
  }

  /** Replaces the line {@code key: value} inside the top-level {@code section} (simple YAML). */
  public static UnaryOperator<String> set(String section, String key, String value) {
    return doc -> {
      StringBuilder out = new StringBuilder();
      boolean in = false;
      for (String line : doc.split("\n", -1)) {
        if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
          in = line.startsWith(section + ":");
        }
        if (in && line.startsWith("  " + key + ":")) {
          line = "  " + key + ": " + value;
        }
        out.append(line).append('\n');
      }
      return out.substring(0, out.length() - 1);
    };
  }
}
