package org.glassplate.server.accounts;

import org.glassplate.server.core.RetryLater;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in step was refused. The message shown to the person is deliberately the same for every
 * reason (it must not tell an attacker whether a username exists or is locked); the stable
 * {@link #reason()} goes to the audit log. A refusal that passes with time (too many failures from
 * the address, too many password checks at once) carries the {@link RetryLater} to answer with
 * instead.
 */
public class SignInRefused extends AuthenticationException {
  private final String reason;
  private final transient RetryLater retryLater;

  SignInRefused(String reason) {
    this(reason, null);
  }

  SignInRefused(String reason, RetryLater retryLater) {
    super("sign-in failed");
    this.reason = reason;
    this.retryLater = retryLater;
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
