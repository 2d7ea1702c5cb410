package org.glassplate.server.accounts.web;

import java.util.List;
import java.util.Set;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/** The view model of {@code accounts/admin.jte}. */
public record AdminView(Layout layout, String notice, RefusalView refusal, List<AccountRow> accounts,
    List<String> roles) {

  /** One account as the table shows it. */
  public record AccountRow(long id, String username, String displayName, Set<String> roles, boolean enabled,
      boolean locked, boolean trained, String lastSignIn) {
  }
}
