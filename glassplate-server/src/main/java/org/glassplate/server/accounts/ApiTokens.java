package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for scripts (R-ACC-2, issue 4 item 6): {@code gpu_} and 256 random bits,
 * stored only as a SHA-256 hash (random, so no slow hash is needed), shown once, scoped to the
 * roles the person held when creating it (and never more than the person holds now), valid for at
 * most {@value #MAX_DAYS} days, revocable. Creating one needs a person signed in with password and
 * TOTP (the web layer checks that the request comes from such a session).
 */
@Component
public class ApiTokens {
  static final String PREFIX = "gpu_";
  public static final int MAX_DAYS = 90;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccountStore store;
  private final AuditRecorder audit;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ApiTokens(AccountStore store, AuditRecorder audit, Clock clock, ApplicationEventPublisher events) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.events = events;
  }

  /** A token's public description; the token itself is never stored. */
  public record ApiToken(long id, long accountId, String name, Set<String> roles, Instant createdAt,
      Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    public boolean activeAt(Instant now) {
      return revokedAt == null && expiresAt.isAfter(now);
    }
  }

  /** A newly created token: {@code token} is shown to its owner this once. */
  public record IssuedToken(ApiToken description, String token) {
    @Override
    public String toString() {
      return "IssuedToken[id=" + description.id() + "]";
    }
  }

  @Transactional
  public IssuedToken create(Caller person, String name, int days) {
    if (person.kind() != Caller.Kind.USER) {
      throw Refusal.forbidden("only a signed-in person can create a personal token");
    }
    String label = name == null ? "" : name.strip();
    if (label.isEmpty() || label.length() > 100) {
      throw Refusal.invalid("name", "a token name of 1 to 100 characters is required");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw Refusal.invalid("days", "a token lasts 1 to " + MAX_DAYS + " days");
    }
    AccountStore.Row row = store.find(person.id()).orElseThrow(() -> Refusal.notFound("account"));
    if (!row.usable()) {
      throw new Refusal(AccountRefusal.ACCOUNT_DISABLED, "the account is disabled or locked");
    }
    return issue(person, row, label, days);
  }

  IssuedToken issue(Caller actor, AccountStore.Row row, String label, int days) {
    String token = generate();
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(days));
    long id = store.addToken(row.id(), label, hash(token), row.roles(), now, expires);
    audit.record(AuditEvent.of(AccountsAuditTypes.API_TOKEN_CREATED, actor)
        .with("accountId", row.id()).with("tokenId", id).with("expiresAt", expires.toString())
        .with("tokenRoles", AccountAdministration.sorted(row.roles()))
        .secret("tokenName", label).build());
    return new IssuedToken(describe(store.token(id).orElseThrow()), token);
  }

  public List<ApiToken> list(long accountId) {
    return store.tokens(accountId).stream().map(ApiTokens::describe).toList();
  }

  /**
   * Revokes a token: its owner or an administrator may. Revoking twice is harmless. A stream opened
   * with it ends once this commits ({@link TokenRevoked}).
   */
  @Transactional
  public ApiToken revoke(Caller actor, long tokenId) {
    AccountStore.Token t = store.token(tokenId)
        .filter(x -> (actor.kind() == Caller.Kind.USER && x.accountId() == actor.id())
            || actor.hasRole(Roles.ADMINISTRATOR) || actor.kind() == Caller.Kind.SYSTEM)
        .orElseThrow(() -> Refusal.notFound("token"));
    if (store.revokeToken(tokenId, clock.instant())) {
      audit.record(AuditEvent.of(AccountsAuditTypes.API_TOKEN_REVOKED, actor)
          .with("accountId", t.accountId()).with("tokenId", tokenId).build());
      events.publishEvent(new TokenRevoked(tokenId, t.accountId()));
    }
    return describe(store.token(tokenId).orElseThrow());
  }

  static ApiToken describe(AccountStore.Token t) {
    return new ApiToken(t.id(), t.accountId(), t.name(), t.roles(), t.createdAt(), t.expiresAt(), t.revokedAt(),
        t.lastUsedAt());
  }

  static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
