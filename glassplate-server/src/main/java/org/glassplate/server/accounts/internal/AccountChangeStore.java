package org.glassplate.server.accounts.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of privileged account changes waiting for a second administrator and of account lineage
 * (who created, reset or granted a role to whom; R-ACC-7). Runs in the caller's transaction.
 */
@Repository
public class AccountChangeStore {
  /** At most this many pending changes are listed; more would mean nobody is approving. */
  public static final int MAX_LISTED = 500;

  private final JdbcClient jdbc;

  public AccountChangeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored change. {@code accountId} is null for a CREATE until it is approved. Never logged whole. */
  public record StoredChange(long id, String kind, Long accountId, String username, String displayName,
      List<String> roles, List<String> previousRoles, long requestedBy, Instant requestedAt, String status,
      Long decidedBy, Instant decidedAt) {
    @Override
    public String toString() {
      return "StoredChange[" + id + ", " + kind + ", " + status + "]";
    }
  }

  /** How an account is tied to another through lineage. */
  public enum Tie {
    /** The other made this account: created it, reset it or granted it a role, or holds a chain of its credentials. */
    MADE_BY,
    /** This account holds the other's credentials (created or reset it, directly or down a chain). */
    HOLDS_CREDENTIALS_OF
  }

  public long insert(String kind, Long accountId, String username, String displayName, Collection<String> roles,
      Collection<String> previousRoles, long requestedBy, Instant now) {
    return jdbc.sql("""
            INSERT INTO account_change (kind, account_id, username, display_name, roles, previous_roles,
                                        requested_by, requested_at, status)
            VALUES (:kind, :account, :u, :d, :roles, :previous, :by, :now, 'PENDING') RETURNING id""")
        .param("kind", kind).param("account", accountId).param("u", username).param("d", displayName)
        .param("roles", array(roles)).param("previous", array(previousRoles)).param("by", requestedBy)
        .param("now", ts(now)).query(Long.class).single();
  }

  public Optional<StoredChange> find(long id) {
    return jdbc.sql("SELECT * FROM account_change WHERE id = :id").param("id", id)
        .query(AccountChangeStore::change).optional();
  }

  /** The change, locked until the transaction ends (two approvals of one change cannot both apply it). */
  public Optional<StoredChange> lock(long id) {
    return jdbc.sql("SELECT * FROM account_change WHERE id = :id FOR UPDATE").param("id", id)
        .query(AccountChangeStore::change).optional();
  }

  /** Pending changes, oldest first. */
  public List<StoredChange> pending() {
    return jdbc.sql("SELECT * FROM account_change WHERE status = 'PENDING' ORDER BY id LIMIT " + MAX_LISTED)
        .query(AccountChangeStore::change).list();
  }

  /** Whether a change to this account is waiting for approval. */
  public boolean pendingFor(long accountId) {
    return jdbc.sql("SELECT count(*) FROM account_change WHERE account_id = :a AND status = 'PENDING'")
        .param("a", accountId).query(Long.class).single() > 0;
  }

  /** Whether an account with this username waits to be created. */
  public boolean usernamePending(String username) {
    return jdbc.sql("SELECT count(*) FROM account_change WHERE username = :u AND status = 'PENDING'")
        .param("u", username).query(Long.class).single() > 0;
  }

  public void decide(long id, String status, long decidedBy, Long accountId, Instant now) {
    jdbc.sql("""
            UPDATE account_change SET status = :s, decided_by = :by, decided_at = :now,
                                      account_id = coalesce(account_id, :account)
            WHERE id = :id AND status = 'PENDING'""")
        .param("s", status).param("by", decidedBy).param("now", ts(now)).param("account", accountId).param("id", id)
        .update();
  }

  /** Records that {@code actor} created, reset or granted a role to {@code target}. */
  public void addLineage(long actor, long target, String kind, boolean holdsCredentials, Long changeId,
      Instant now) {
    jdbc.sql("""
            INSERT INTO account_lineage (actor_account, target_account, kind, holds_credentials, change_id, at)
            VALUES (:actor, :target, :kind, :holds, :change, :now)""")
        .param("actor", actor).param("target", target).param("kind", kind).param("holds", holdsCredentials)
        .param("change", changeId).param("now", ts(now)).update();
  }

  /**
   * The accounts tied to {@code accountId}, each with how: the accounts it created, reset or granted a
   * role to, and those down a chain of credential holding from it ({@link Tie#MADE_BY}: made by
   * {@code accountId}); and those up a chain of credential holding to it ({@link Tie#HOLDS_CREDENTIALS_OF}:
   * they hold its credentials). An account that is both is {@code MADE_BY}.
   */
  public Map<Long, Tie> ties(long accountId) {
    Map<Long, Tie> out = new HashMap<>();
    jdbc.sql("""
            WITH RECURSIVE
              held(id) AS (
                SELECT target_account FROM account_lineage WHERE actor_account = :a AND holds_credentials
                UNION
                SELECT l.target_account FROM account_lineage l JOIN held h ON l.actor_account = h.id
                WHERE l.holds_credentials),
              holders(id) AS (
                SELECT actor_account FROM account_lineage WHERE target_account = :a AND holds_credentials
                UNION
                SELECT l.actor_account FROM account_lineage l JOIN holders h ON l.target_account = h.id
                WHERE l.holds_credentials)
            SELECT target_account AS id, 'MADE_BY' AS tie FROM account_lineage WHERE actor_account = :a
            UNION SELECT id, 'MADE_BY' FROM held
            UNION SELECT id, 'HOLDS_CREDENTIALS_OF' FROM holders""")
        .param("a", accountId)
        .query((rs, n) -> Map.entry(rs.getLong("id"), Tie.valueOf(rs.getString("tie"))))
        .list()
        .forEach(e -> out.merge(e.getKey(), e.getValue(), (x, y) -> Tie.MADE_BY));
    out.remove(accountId);
    return out;
  }

  private static StoredChange change(ResultSet rs, int n) throws SQLException {
    long account = rs.getLong("account_id");
    Long accountId = rs.wasNull() ? null : account;
    long decider = rs.getLong("decided_by");
    Long decidedBy = rs.wasNull() ? null : decider;
    return new StoredChange(rs.getLong("id"), rs.getString("kind"), accountId, rs.getString("username"),
        rs.getString("display_name"), strings(rs.getArray("roles")), strings(rs.getArray("previous_roles")),
        rs.getLong("requested_by"), instant(rs, "requested_at"), rs.getString("status"), decidedBy,
        instant(rs, "decided_at"));
  }

  private static String[] array(Collection<String> roles) {
    return roles == null ? null : new TreeSet<>(roles).toArray(String[]::new);
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    return Arrays.stream((String[]) a.getArray()).sorted().toList();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }
}
