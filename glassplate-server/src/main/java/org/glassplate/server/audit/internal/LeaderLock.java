package org.glassplate.server.audit.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL session advisory lock that makes one server the sequencer of the audit log, held
 * on a connection of its own for as long as this server leads. Used by the sequencer's thread only.
 */
@Component
public class LeaderLock {
  /** Advisory lock key: ASCII "gpaudit1". */
  static final long LOCK_KEY = 0x6770617564697431L;

  private final DataSource dataSource;
  private Connection connection;

  public LeaderLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether this server holds the lock (its connection may have died since: see {@link #isValid}). */
  public boolean held() {
    return connection != null;
  }

  /** Takes the lock unless another server holds it; returns whether this server holds it now. */
  public boolean tryAcquire() throws SQLException {
    if (connection != null) {
      return true;
    }
    Connection c = dataSource.getConnection();
    boolean locked;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      rs.next();
      locked = rs.getBoolean(1);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    if (!locked) {
      c.close();
      return false;
    }
    connection = c;
    return true;
  }

  /** Whether the lock's connection is still alive, waiting at most {@code seconds}; false if not held. */
  public boolean isValid(int seconds) throws SQLException {
    return connection != null && connection.isValid(seconds);
  }

  /** Lets the lock go (if the session is gone, so is its lock) and closes its connection. */
  public void release() {
    Connection c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
    } catch (SQLException e) {
      // the session is gone, and its lock with it
    }
    try {
      c.close();
    } catch (SQLException e) {
      // nothing more to release
    }
  }
}
