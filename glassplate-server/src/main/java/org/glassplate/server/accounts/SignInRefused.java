package org.glassplate.server.accounts;

import org.glassplate.server.core.RetryLater;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in step was refused. The message shown to the person is deliberately the same for every
 * reason (it must not tell an attacker whether a username exists or is locked), except that whoever
 * gives the right password of a locked account is told it is locked and whom to ask; the stable
 * {@link #reason()} goes to the audit log. A refusal that passes with time (too many failures from
 * the address, too many password checks at once) carries the {@link RetryLater} to answer with
 * instead.
 */
public class SignInRefused extends AuthenticationException {
  /**
   * The session attribute that tells the sign-in page to say the account is locked and whom to ask:
   * set only for the right password of a locked account, so that nobody learns of a lockout without it.
   */
  public static final String TOLD_LOCKED = "glassplate.signIn.toldLocked";

  private final String reason;
  private final boolean lockedAndProven;
  private final transient RetryLater retryLater;

  SignInRefused(String reason) {
    this(reason, null, false);
  }

  SignInRefused(String reason, RetryLater retryLater) {
    this(reason, retryLater, false);
  }

  SignInRefused(String reason, boolean lockedAndProven) {
    this(reason, null, lockedAndProven);
  }

  private SignInRefused(String reason, RetryLater retryLater, boolean lockedAndProven) {
    super("sign-in failed");
    this.reason = reason;
    this.retryLater = retryLater;
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

  /** The refusal to answer with (429 or 503 with {@code Retry-After}), or null for a plain failed step. */
  public RetryLater retryLater() {
    return retryLater;
  }
}
