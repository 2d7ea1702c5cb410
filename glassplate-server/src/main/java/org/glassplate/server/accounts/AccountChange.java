package org.glassplate.server.accounts;

import java.time.Instant;
import java.util.List;

/**
 * A privileged account change that one person asked for and a second administrator approves or
 * rejects (R-ACC-7). It holds no password: an approved {@link Kind#CREATE} or {@link Kind#RESET}
 * issues a new random one, shown once to the approver.
 *
 * @param id the change id ({@code changeId} in the API)
 * @param accountId the account it is about; for a CREATE, null until approved
 * @param username CREATE only: the new sign-in name (personal data: show only to administrators)
 * @param displayName CREATE only: the new person's name (personal data)
 * @param roles CREATE: the new account's roles; GRANT: the whole new set; empty otherwise
 * @param previousRoles GRANT: the roles held when it was asked for
 * @param requestedBy the account of the person who asked
 * @param decidedBy the administrator who approved or rejected it, or null while pending
 */
public record AccountChange(long id, Kind kind, Status status, Long accountId, String username, String displayName,
    List<String> roles, List<String> previousRoles, long requestedBy, Instant requestedAt, Long decidedBy,
    Instant decidedAt) {

  /** What is asked for. */
  public enum Kind {
    /** a new account with ADMINISTRATOR, SUPERVISOR or AUDITOR */
    CREATE,
    /** a role change that adds ADMINISTRATOR, SUPERVISOR or AUDITOR */
    GRANT,
    /** a new password and authenticator for an account holding one of those roles */
    RESET,
    /** re-enabling a disabled account (by an administrator or for inactivity) */
    ENABLE
  }

  public enum Status { PENDING, APPROVED, REJECTED }

  public AccountChange {
    roles = List.copyOf(roles);
    previousRoles = List.copyOf(previousRoles);
  }

  @Override
  public String toString() {
    // names are personal data (R-AUD-4)
    return "AccountChange[" + id + ", " + kind + ", " + status + "]";
  }
}
