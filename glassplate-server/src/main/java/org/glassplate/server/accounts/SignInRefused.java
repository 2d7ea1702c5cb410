package org.glassplate.server.accounts;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in step was refused. The message shown to the person is deliberately the same for every
 * reason (it must not tell an attacker whether a username exists or is locked), except that whoever
 * gives the right password of a locked account is told it is locked and whom to ask; the stable
 * {@link #reason()} goes to the audit log.
 */
public class SignInRefused extends AuthenticationException {
  /**
   * The session attribute that tells the sign-in page to say the account is locked and whom to ask:
   * set only for the right password of a locked account, so that nobody learns of a lockout without it.
   */
  public static final String TOLD_LOCKED = "glassplate.signIn.toldLocked";

  private final String reason;
  private final boolean lockedAndProven;

  SignInRefused(String reason) {
    this(reason, false);
  }

  SignInRefused(String reason, boolean lockedAndProven) {
    super("sign-in failed");
    this.reason = reason;
    this.lockedAndProven = lockedAndProven;
  }

  /** The account is locked, and the one who tried gave its right password: they may be told so. */
  public boolean lockedAndProven() {
    return lockedAndProven;
  }

  /** e.g. {@code BAD_PASSWORD}, {@code BAD_TOTP}, {@code ACCOUNT_LOCKED}, {@code ACCOUNT_DISABLED}. */
  public String reason() {
    return reason;
  }
}
