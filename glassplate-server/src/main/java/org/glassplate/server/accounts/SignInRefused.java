package org.glassplate.server.accounts;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in step was refused. The message shown to the person is deliberately the same for every
 * reason (it must not tell an attacker whether a username exists or is locked); the stable
 * {@link #reason()} goes to the audit log.
 */
public class SignInRefused extends AuthenticationException {
  private final String reason;

  SignInRefused(String reason) {
    super("sign-in failed");
    this.reason = reason;
  }

  /** e.g. {@code BAD_PASSWORD}, {@code BAD_TOTP}, {@code ACCOUNT_LOCKED}, {@code ACCOUNT_DISABLED}. */
  public String reason() {
    return reason;
  }
}
