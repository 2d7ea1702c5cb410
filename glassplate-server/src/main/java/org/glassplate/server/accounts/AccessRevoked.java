package org.glassplate.server.accounts;

/**
 * A person's access was withdrawn or narrowed (R-ACC-7; issue 12 item 4): disabled (by an
 * administrator or for inactivity), locked after failed sign-ins, credentials reset, password changed,
 * or a role removed. Published with the change; listeners act once it has committed: the person's
 * browser sessions end ({@link #endsSessions}), and live alert streams they may no longer hold close.
 *
 * @param accountId whose access
 * @param reason what happened
 */
public record AccessRevoked(long accountId, Reason reason) {

  /** What withdrew or narrowed the access. */
  public enum Reason {
    DISABLED("ACCOUNT_DISABLED_OR_LOCKED"),
    LOCKED("ACCOUNT_DISABLED_OR_LOCKED"),
    CREDENTIALS_RESET("CREDENTIALS_RESET"),
    PASSWORD_CHANGED("PASSWORD_CHANGED"),
    ROLE_REMOVED("ROLE_REMOVED");

    private final String sessionEnded;

    Reason(String sessionEnded) {
      this.sessionEnded = sessionEnded;
    }

    /** The reason code an ended session is audited with ({@code SESSION_ENDED}). */
    public String sessionEnded() {
      return sessionEnded;
    }
  }

  /**
   * Whether every browser session of the person ends. A removed role leaves the person signed in with
   * the rest (each request reads their roles afresh); a changed password ends the other sessions only,
   * which the password change does itself.
   */
  public boolean endsSessions() {
    return reason == Reason.DISABLED || reason == Reason.LOCKED || reason == Reason.CREDENTIALS_RESET;
  }
}
