package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.web.BearerTokenAuthenticator;
import org.glassplate.server.core.Caller;
import org.springframework.stereotype.Component;

/**
 * Authenticates personal API tokens ({@code gpu_…}). The caller gets the roles the token was
 * scoped to that the person still holds. Unknown, revoked and expired tokens, and tokens of
 * disabled, locked or idle accounts, are refused and the refusal is audited (repeats within a minute
 * folded into one entry, {@link RepeatedFailures}). An account idle past the inactivity limit is
 * disabled at this very use, not at the next hourly run. No cache: a revocation takes effect on the
 * next request; the token's id goes with the request ({@link ApiTokenUse}), so that a stream opened
 * with it ends when it is revoked.
 */
@Component
class ApiTokenAuthenticator implements BearerTokenAuthenticator {
  private final AccountStore store;
  private final RepeatedFailures failures;
  private final InactivityJob inactivity;
  private final Clock clock;

  ApiTokenAuthenticator(AccountStore store, RepeatedFailures failures, InactivityJob inactivity, Clock clock) {
    this.store = store;
    this.failures = failures;
    this.inactivity = inactivity;
    this.clock = clock;
  }

  @Override
  public boolean supports(String token) {
    return token.startsWith(ApiTokens.PREFIX);
  }

  @Override
  public Optional<Caller> authenticate(String token, String sourceAddress) {
    return authenticateWithDetails(token, sourceAddress).map(Authenticated::caller);
  }

  @Override
  public Optional<Authenticated> authenticateWithDetails(String token, String sourceAddress) {
    Instant now = clock.instant();
    Optional<AccountStore.Token> found = store.tokenByHash(ApiTokens.hash(token));
    if (found.isEmpty()) {
      refuse(new Caller(Caller.Kind.USER, 0, "user:unknown", Set.of(), sourceAddress), null, "UNKNOWN_TOKEN");
      return Optional.empty();
    }
    AccountStore.Token t = found.get();
    AccountStore.Row row = store.find(t.accountId()).orElseThrow();
    Caller owner = row.caller(sourceAddress);
    String reason = t.revokedAt() != null ? "TOKEN_REVOKED"
        : !t.expiresAt().isAfter(now) ? "TOKEN_EXPIRED"
        : !row.enabled() ? "ACCOUNT_DISABLED"
        : row.lockedAt() != null ? "ACCOUNT_LOCKED"
        : inactivity.idle(row, now) && inactivity.disableIfIdle(row.id()) ? "ACCOUNT_INACTIVE"
        : null;
    if (reason != null) {
      refuse(new Caller(Caller.Kind.USER, row.id(), owner.pseudonym(), Set.of(), sourceAddress), t.id(), reason);
      return Optional.empty();
    }
    Set<String> roles = new HashSet<>(t.roles());
    roles.retainAll(row.roles());
    store.tokenUsed(t.id(), now);
    return Optional.of(new Authenticated(new Caller(Caller.Kind.USER, row.id(), owner.pseudonym(), roles, sourceAddress),
        new ApiTokenUse(t.id())));
  }

  private void refuse(Caller claimed, Long tokenId, String reason) {
    failures.record(AuditEvent.of(AccountsAuditTypes.API_TOKEN_REFUSED, claimed)
        .failed(reason).with("tokenId", tokenId).with("accountId", claimed.id() == 0 ? null : claimed.id()).build());
  }
}
