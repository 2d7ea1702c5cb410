package org.glassplate.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.glassplate.log.tiles.Tiles;

/**
 * Writes an audit entry over a plain JDBC connection, for a command that runs without the application
 * ({@code glassplate backup}, {@code glassplate restore}): the entry is built exactly as
 * {@link AuditRecorder} builds it and goes into {@code audit_pending}, where the running server's
 * sequencer (or the next one to start) gives it its log index. It commits with the connection's
 * transaction; a command that cannot write it must not go on (fail closed).
 */
public final class OfflineAudit {

  private OfflineAudit() {
  }

  /**
   * Appends {@code event} as agency {@code agencyId}'s entry, timed {@code time}.
   *
   * @throws SQLException if it cannot be written
   */
  public static void append(Connection c, String agencyId, AuditEvent event, Instant time) throws SQLException {
    AuditRecorder.PendingRow row = AuditRecorder.pendingRow(event, time, agencyId);
    if (row.entry().length > Tiles.MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException("an audit entry is at most " + Tiles.MAX_ENTRY_SIZE + " bytes (tlog-tiles)");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_pending (type_code, entry, salt, private_fields, created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setInt(1, row.typeCode());
      ps.setBytes(2, row.entry());
      ps.setBytes(3, row.salt());
      ps.setString(4, row.privateJson());
      ps.setTimestamp(5, Timestamp.from(row.time()));
      ps.executeUpdate();
    }
  }
}
