package org.glassplate.server.accounts.web;

import java.util.List;
import java.util.Set;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code accounts/admin.jte}.
 *
 * @param initialPassword the one-time password of a CREATE or RESET the viewer just approved, shown
 *     this once (the page is never cached), or null
 * @param changes the privileged changes waiting for a second administrator (R-ACC-7)
 */
public record AdminView(Layout layout, String notice, RefusalView refusal, String initialPassword,
    List<ChangeRow> changes, List<AccountRow> accounts, List<String> roles) {

  /**
   * One account as the table shows it.
   *
   * @param privileged whether it holds a role that only two people give (its reset waits for approval)
   */
  public record AccountRow(long id, String username, String displayName, Set<String> roles, boolean enabled,
      boolean locked, boolean trained, String lastSignIn, boolean privileged) {
  }

  /**
   * One pending change.
   *
   * @param what what it does, e.g. "grant ADMINISTRATOR, OPERATOR"
   * @param account the account it is about: its username, or the one to be created
   * @param mine whether the viewer asked for it (then they may only withdraw it)
   */
  public record ChangeRow(long id, String kind, String what, String account, String requestedBy, String requestedAt,
      boolean mine) {
  }
}
