package org.glassplate.server.accounts;

import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The first half of a sign-in: the password was right, the TOTP step is still to come (R-ACC-2).
 * It grants no role, so it reaches nothing but the TOTP step's pages; it lapses after five minutes.
 */
public final class PasswordVerified extends AbstractAuthenticationToken {
  private final long accountId;
  private final Instant verifiedAt;

  PasswordVerified(long accountId, Instant verifiedAt) {
    super(List.of());
    this.accountId = accountId;
    this.verifiedAt = verifiedAt;
    setAuthenticated(true);
  }

  public long accountId() {
    return accountId;
  }

  public Instant verifiedAt() {
    return verifiedAt;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Long getPrincipal() {
    return accountId;
  }

  @Override
  public String getName() {
    return Account.pseudonym(accountId);
  }
}
