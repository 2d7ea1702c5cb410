package org.glassplate.server.accounts;

import org.glassplate.server.core.RefusalCode;

/** Why an account action is refused, beyond the codes it shares (R-ACC-*). */
public enum AccountRefusal implements RefusalCode {
  TRAINING_REQUIRED("searching, alerts and exports need current training (R-ACC-3)"),
  SIGN_IN_REQUIRED("only a person signed in with password and authenticator code may do this; an API token cannot"),
  ACCOUNT_DISABLED("the account is disabled or locked"),
  ALREADY_ENROLLED("an authenticator is already enrolled"),
  USERNAME_TAKEN("the username is already in use (usernames are never reused)"),
  NOT_LOCKED("the account is not locked"),
  SELF_DEMOTION("an administrator cannot remove their own administrator role"),
  SELF_RESET("an administrator cannot reset their own credentials"),
  SELF_DISABLE("a person cannot disable their own account"),
  SUPERVISOR_REQUIRED("an account disabled for inactivity is re-enabled only by a supervisor"),
  SELF_GRANT("nobody grants a role to themselves (R-ACC-7)"),
  SELF_TRAINING("nobody records their own training (R-ACC-7)"),
  CHANGE_PENDING("a change to this account, or an account with this username, already waits for a second"
      + " administrator's approval"),
  CHANGE_STALE("the account changed after this change was asked for; reject it and ask again"),
  TOO_MANY_FAILURES("too many failed sign-ins or refused tokens came from this address lately; wait as long as"
      + " Retry-After says"),
  PASSWORD_CHECKS_BUSY("too many password checks are running at once; try again as Retry-After says");

  private final String meaning;

  AccountRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
