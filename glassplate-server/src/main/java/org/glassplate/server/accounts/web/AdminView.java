package org.glassplate.server.accounts.web;

import java.util.List;
import java.util.Set;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code accounts/admin.jte}.
 *
 * @param initialPassword the one-time password of a CREATE or RESET the viewer just approved, shown
 *     this once (the page is never cached), or null
 * @param changes the privileged changes waiting for a second administrator (R-ACC-7)
 * @param draft the new-account form as typed when it was refused, else empty
 */
public record AdminView(Layout layout, String notice, RefusalView refusal, String initialPassword,
    List<ChangeRow> changes, List<AccountRow> accounts, List<String> roles, Draft draft) {

  /**
   * The new-account form as typed, shown again when it was refused (never the password).
   *
   * @param roles the roles ticked
   */
  public record Draft(String username, String displayName, List<String> roles) {
    /** An empty form. */
    public static final Draft NONE = new Draft("", "", List.of());

    @Override
    public String toString() {
      return "Draft[redacted]";
    }
  }

  /** Whether {@code field} is the one the refusal concerns: the form marks and focuses it. */
  public boolean invalid(String field) {
    return refusal() != null && field.equals(refusal().field());
  }

  /**
   * One account as the table shows it.
   *
   * @param lastSignIn when they last signed in, null for never
   * @param privileged whether it holds a role that only two people give (its reset waits for approval)
   */
  public record AccountRow(long id, String username, String displayName, Set<String> roles, boolean enabled,
      boolean locked, boolean trained, ShownTime lastSignIn, boolean privileged) {
  }

  /**
   * One pending change.
   *
   * @param what what it does, e.g. "grant ADMINISTRATOR, OPERATOR"
   * @param account the account it is about: its username, or the one to be created
   * @param mine whether the viewer asked for it (then they may only withdraw it)
   */
  public record ChangeRow(long id, String kind, String what, String account, String requestedBy, ShownTime requestedAt,
      boolean mine) {
  }
}
