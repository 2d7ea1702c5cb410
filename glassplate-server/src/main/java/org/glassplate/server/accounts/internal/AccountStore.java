package org.glassplate.server.accounts.internal;

import org.glassplate.server.accounts.Account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.glassplate.server.core.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the accounts feature: the only code that touches its tables. */
@Repository
public class AccountStore {
  private final JdbcClient jdbc;

  public AccountStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An account row with everything the feature needs internally. Never logged whole. */
  public record Row(long id, String username, String displayName, String passwordHash, String totpSecret,
      String totpPendingSecret, Long totpLastStep, boolean enabled, String disabledReason, Instant disabledAt,
      Instant lockedAt, Instant failuresResetAt, Instant createdAt, Instant lastSignInAt, Set<String> roles,
      Instant credentialsResetAt, Instant enabledAt) {

    public Account account() {
      return new Account(id, username, displayName, roles, enabled, lockedAt != null, lastSignInAt);
    }

    public Caller caller(String sourceAddress) {
      return new Caller(Caller.Kind.USER, id, Account.pseudonym(id), roles, sourceAddress);
    }

    public boolean usable() {
      return enabled && lockedAt == null;
    }

    @Override
    public String toString() {
      return "AccountRow[" + Account.pseudonym(id) + "]";
    }
  }

  /**
   * A training record (R-ACC-3); current while completedOn <= today < expiresOn. {@code recordedByAccount}
   * is the account of the person who recorded it, or null when the server did (seeding).
   */
  public record Training(long id, long accountId, String course, LocalDate completedOn, LocalDate expiresOn,
      Instant recordedAt, Long recordedByAccount) {
    public boolean currentOn(LocalDate day) {
      return !completedOn.isAfter(day) && day.isBefore(expiresOn);
    }
  }

  public record Token(long id, long accountId, String name, Set<String> roles, Instant createdAt, Instant expiresAt,
      Instant revokedAt, Instant lastUsedAt) {
  }

  private static final String ROW_SQL = """
      SELECT a.*, coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM account_role r WHERE r.account_id = a.id),
                           '{}') AS roles
      FROM account a""";

  public long insert(String username, String displayName, String passwordHash, Set<String> roles, Instant now) {
    long id = jdbc.sql("""
            INSERT INTO account (username, display_name, password_hash, failures_reset_at, created_at)
            VALUES (:u, :d, :p, :now, :now) RETURNING id""")
        .param("u", username).param("d", displayName).param("p", passwordHash).param("now", ts(now))
        .query(Long.class).single();
    setRoles(id, roles);
    return id;
  }

  public boolean usernameTaken(String username) {
    return jdbc.sql("SELECT count(*) FROM account WHERE username = :u").param("u", username)
        .query(Long.class).single() > 0;
  }

  public void setRoles(long id, Set<String> roles) {
    jdbc.sql("DELETE FROM account_role WHERE account_id = :id").param("id", id).update();
    for (String r : new TreeSet<>(roles)) {
      jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (:id, :r)").param("id", id).param("r", r).update();
    }
  }

  public Optional<Row> find(long id) {
    return jdbc.sql(ROW_SQL + " WHERE a.id = :id").param("id", id).query(AccountStore::row).optional();
  }

  /** The row, locked for update until the transaction ends (serializes sign-in attempts per account). */
  public Optional<Row> lock(long id) {
    return jdbc.sql(ROW_SQL + " WHERE a.id = :id FOR UPDATE OF a").param("id", id).query(AccountStore::row).optional();
  }

  public Optional<Row> findByUsername(String username) {
    return jdbc.sql(ROW_SQL + " WHERE a.username = :u").param("u", username).query(AccountStore::row).optional();
  }

  public List<Row> all() {
    return jdbc.sql(ROW_SQL + " ORDER BY a.id").query(AccountStore::row).list();
  }

  public void setPassword(long id, String hash) {
    jdbc.sql("UPDATE account SET password_hash = :h WHERE id = :id").param("h", hash).param("id", id).update();
  }

  /** A new password, no authenticator (enrolled again at the next sign-in), and the time of the reset. */
  public void resetCredentials(long id, String passwordHash, Instant now) {
    jdbc.sql("""
            UPDATE account SET password_hash = :h, totp_secret = NULL, totp_pending_secret = NULL,
                               totp_last_step = NULL, credentials_reset_at = :now
            WHERE id = :id""")
        .param("h", passwordHash).param("now", ts(now)).param("id", id).update();
  }

  /** Revokes every unrevoked API token of the account; returns how many. */
  public int revokeTokensOf(long accountId, Instant now) {
    return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE account_id = :a AND revoked_at IS NULL")
        .param("now", ts(now)).param("a", accountId).update();
  }

  public void setPendingTotp(long id, String secret) {
    jdbc.sql("UPDATE account SET totp_pending_secret = :s WHERE id = :id").param("s", secret).param("id", id).update();
  }

  public void confirmTotp(long id, String secret, long step) {
    jdbc.sql("""
            UPDATE account SET totp_secret = :s, totp_pending_secret = NULL, totp_last_step = :step WHERE id = :id""")
        .param("s", secret).param("step", step).param("id", id).update();
  }

  public void signedIn(long id, long totpStep, Instant now) {
    jdbc.sql("""
            UPDATE account SET last_sign_in_at = :now, failures_reset_at = :now, totp_last_step = :step
            WHERE id = :id""")
        .param("now", ts(now)).param("step", totpStep).param("id", id).update();
  }

  public void addFailure(long id, Instant now) {
    jdbc.sql("INSERT INTO sign_in_failure (account_id, failed_at) VALUES (:id, :now)")
        .param("id", id).param("now", ts(now)).update();
  }

  /** Failures since {@code since} that no success or release has wiped. */
  public int failuresSince(long id, Instant since) {
    return jdbc.sql("""
            SELECT count(*) FROM sign_in_failure f JOIN account a ON a.id = f.account_id
            WHERE f.account_id = :id AND f.failed_at > :since AND f.failed_at > a.failures_reset_at""")
        .param("id", id).param("since", ts(since)).query(Long.class).single().intValue();
  }

  public void lock(long id, Instant now) {
    jdbc.sql("UPDATE account SET locked_at = :now WHERE id = :id").param("now", ts(now)).param("id", id).update();
  }

  public void releaseLock(long id, Instant now) {
    jdbc.sql("UPDATE account SET locked_at = NULL, failures_reset_at = :now WHERE id = :id")
        .param("now", ts(now)).param("id", id).update();
  }

  public void disable(long id, String reason, Instant now) {
    jdbc.sql("UPDATE account SET enabled = false, disabled_reason = :r, disabled_at = :now WHERE id = :id")
        .param("r", reason).param("now", ts(now)).param("id", id).update();
  }

  /** Enables the account; the idle clock starts again from now (a re-enabled person has 90 days to sign in). */
  public void enable(long id, Instant now) {
    jdbc.sql("""
            UPDATE account SET enabled = true, disabled_reason = NULL, disabled_at = NULL, enabled_at = :now
            WHERE id = :id""")
        .param("now", ts(now)).param("id", id).update();
  }

  /**
   * Enabled accounts whose last sign-in (or creation, if never), and last re-enabling, are before the
   * cutoff (R-ACC-4).
   */
  public List<Long> idleSince(Instant cutoff) {
    return jdbc.sql("""
            SELECT id FROM account
            WHERE enabled AND greatest(coalesce(last_sign_in_at, created_at), enabled_at) < :cutoff ORDER BY id""")
        .param("cutoff", ts(cutoff)).query(Long.class).list();
  }

  public long addTraining(long accountId, String course, LocalDate completedOn, LocalDate expiresOn, String recordedBy,
      Long recordedByAccount, Instant now) {
    return jdbc.sql("""
            INSERT INTO training_record (account_id, course, completed_on, expires_on, recorded_by, recorded_by_account,
                                         recorded_at)
            VALUES (:a, :c, :done, :exp, :by, :byAccount, :now) RETURNING id""")
        .param("a", accountId).param("c", course).param("done", completedOn).param("exp", expiresOn)
        .param("by", recordedBy).param("byAccount", recordedByAccount).param("now", ts(now))
        .query(Long.class).single();
  }

  public List<Training> training(long accountId) {
    return jdbc.sql("""
            SELECT * FROM training_record WHERE account_id = :a ORDER BY expires_on DESC, id DESC""")
        .param("a", accountId)
        .query((rs, n) -> new Training(rs.getLong("id"), rs.getLong("account_id"), rs.getString("course"),
            rs.getObject("completed_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class),
            instant(rs, "recorded_at"), recordedByAccount(rs)))
        .list();
  }

  public long addToken(long accountId, String name, byte[] hash, Set<String> roles, Instant now, Instant expiresAt) {
    return jdbc.sql("""
            INSERT INTO api_token (account_id, name, token_hash, roles, created_at, expires_at)
            VALUES (:a, :n, :h, :r, :now, :exp) RETURNING id""")
        .param("a", accountId).param("n", name).param("h", hash).param("r", new TreeSet<>(roles).toArray(String[]::new))
        .param("now", ts(now)).param("exp", ts(expiresAt)).query(Long.class).single();
  }

  public Optional<Token> tokenByHash(byte[] hash) {
    return jdbc.sql("SELECT * FROM api_token WHERE token_hash = :h").param("h", hash).query(AccountStore::token)
        .optional();
  }

  public Optional<Token> token(long id) {
    return jdbc.sql("SELECT * FROM api_token WHERE id = :id").param("id", id).query(AccountStore::token).optional();
  }

  public List<Token> tokens(long accountId) {
    return jdbc.sql("SELECT * FROM api_token WHERE account_id = :a ORDER BY id").param("a", accountId)
        .query(AccountStore::token).list();
  }

  public void tokenUsed(long id, Instant now) {
    jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id").param("now", ts(now)).param("id", id).update();
  }

  public boolean revokeToken(long id, Instant now) {
    return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        .param("now", ts(now)).param("id", id).update() == 1;
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    Long step = rs.getObject("totp_last_step", Long.class);
    return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
        rs.getString("password_hash"), rs.getString("totp_secret"), rs.getString("totp_pending_secret"), step,
        rs.getBoolean("enabled"), rs.getString("disabled_reason"), instant(rs, "disabled_at"),
        instant(rs, "locked_at"), instant(rs, "failures_reset_at"), instant(rs, "created_at"),
        instant(rs, "last_sign_in_at"), strings(rs.getArray("roles")), instant(rs, "credentials_reset_at"),
        instant(rs, "enabled_at"));
  }

  private static Long recordedByAccount(ResultSet rs) throws SQLException {
    long id = rs.getLong("recorded_by_account");
    return rs.wasNull() ? null : id;
  }

  private static Token token(ResultSet rs, int n) throws SQLException {
    return new Token(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"), strings(rs.getArray("roles")),
        instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));
  }

  private static Set<String> strings(Array a) throws SQLException {
    if (a == null) {
      return Set.of();
    }
    return new HashSet<>(Arrays.asList((String[]) a.getArray()));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

}
