package org.glassplate.server.accounts;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person's account as other features may see it (R-ACC-1). The display name is personal data:
 * show it only to authorized users, never put it in a log line or a public audit field.
 *
 * @param id never reused
 * @param username the sign-in name, lower case
 * @param displayName the person's name
 * @param roles role names of {@link org.glassplate.server.core.Roles}, without {@code ROLE_}
 * @param enabled false once disabled by an administrator or for inactivity (R-ACC-4)
 * @param locked true after five failed sign-ins, until an administrator releases it (R-ACC-5)
 * @param lastSignInAt the last completed sign-in (password and TOTP), or null if never
 */
public record Account(long id, String username, String displayName, Set<String> roles, boolean enabled,
    boolean locked, Instant lastSignInAt) {

  public Account {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(displayName, "displayName");
    roles = Set.copyOf(roles);
  }

  /** The public pseudonym the audit log shows for this person. */
  public String pseudonym() {
    return pseudonym(id);
  }

  public static String pseudonym(long id) {
    return "user:" + id;
  }

  @Override
  public String toString() {
    // the username and name are personal data (R-AUD-4): keep them out of accidental log lines
    return "Account[" + pseudonym() + ", roles=" + roles + ", enabled=" + enabled + ", locked=" + locked + "]";
  }
}
