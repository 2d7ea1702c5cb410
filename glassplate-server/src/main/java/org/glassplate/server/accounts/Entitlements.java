package org.glassplate.server.accounts;

import java.time.Instant;
import java.util.Optional;
import org.glassplate.server.accounts.internal.AccountStore;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Whether a person may still receive plate data through the credential a long-lived request was
 * opened with (R-ACC-3, R-ACC-5, R-ACC-7; issue 12 item 4). An alert stream asks before every alert it
 * sends, every few seconds, and whenever it hears of {@link AccessRevoked} or {@link TokenRevoked}:
 * a person disabled, locked or reset, a role removed, training lapsed, a token revoked or expired, a
 * session ended or past its limits each end the stream. The checks are a few indexed lookups.
 */
@Component
public class Entitlements {
  private final AccountStore store;
  private final TrainingGate training;
  private final BrowserSessions sessions;
  private final java.time.Clock clock;

  Entitlements(AccountStore store, TrainingGate training, BrowserSessions sessions, java.time.Clock clock) {
    this.store = store;
    this.training = training;
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * The credential of the current request's signed-in person.
   *
   * @throws Refusal 403 when the request does not come from a person
   */
  public Credential current() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    Caller caller = CallerAuthentication.current()
        .filter(c -> c.kind() == Caller.Kind.USER)
        .orElseThrow(() -> Refusal.forbidden("only a person may do this"));
    Object details = a.getDetails();
    if (details instanceof InteractiveSignIn s) {
      return new Credential(caller.id(), s.sessionId(), null);
    }
    if (details instanceof ApiTokenUse t) {
      return new Credential(caller.id(), null, t.tokenId());
    }
    return new Credential(caller.id(), null, null);
  }

  /**
   * Why the person may no longer receive what {@code role} gives through this credential, or empty
   * while they may: {@code ACCOUNT_DISABLED}, {@code ACCOUNT_LOCKED}, {@code ROLE_REMOVED},
   * {@code TRAINING_LAPSED}, {@code TOKEN_REVOKED}, {@code TOKEN_EXPIRED}, {@code SESSION_ENDED},
   * {@code IDLE_TIMEOUT}, {@code ABSOLUTE_TIMEOUT}, {@code CREDENTIALS_RESET}.
   */
  public Optional<String> withdrawn(Credential credential, String role) {
    Optional<AccountStore.Row> found = store.find(credential.accountId());
    if (found.isEmpty() || !found.get().enabled()) {
      return Optional.of("ACCOUNT_DISABLED");
    }
    AccountStore.Row row = found.get();
    if (row.lockedAt() != null) {
      return Optional.of("ACCOUNT_LOCKED");
    }
    if (!row.roles().contains(role)) {
      return Optional.of("ROLE_REMOVED");
    }
    if (!training.hasCurrentTraining(row.id())) {
      return Optional.of("TRAINING_LAPSED");
    }
    if (credential.tokenId() != null) {
      Optional<AccountStore.Token> token = store.token(credential.tokenId());
      Instant now = clock.instant();
      if (token.isEmpty() || token.get().revokedAt() != null) {
        return Optional.of("TOKEN_REVOKED");
      }
      if (!token.get().expiresAt().isAfter(now)) {
        return Optional.of("TOKEN_EXPIRED");
      }
      if (!token.get().roles().contains(role)) {
        return Optional.of("ROLE_REMOVED");
      }
    }
    if (credential.sessionId() != null) {
      return sessions.ended(credential.sessionId(), row.credentialsResetAt());
    }
    return Optional.empty();
  }
}
