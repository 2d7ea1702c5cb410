package org.glassplate.server.oversight.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code vendor_audit_import} (V1580). Runs in the caller's transaction. */
@Repository
public class VendorAuditImportStore {
  private final JdbcClient jdbc;

  public VendorAuditImportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored import; {@code files}, {@code findings} and {@code badRowList} are JSON as stored. */
  public record Row(long id, String uploadedBy, Instant uploadedAt, String files, String format, String agencyState,
      Integer retentionDays, String status, long bytesTotal, long bytesRead, long rowsRead, long badRows, Long flagged,
      String findings, String badRowList, String currentFile, String failure, Instant startedAt, Instant finishedAt) {
  }

  public long insert(String uploadedBy, Instant at, String filesJson, String format, String agencyState,
      Integer retentionDays, long bytesTotal) {
    return jdbc.sql("""
            INSERT INTO vendor_audit_import (uploaded_by, uploaded_at, files, format, agency_state, retention_days,
                bytes_total)
            VALUES (:by, :at, CAST(:files AS jsonb), :format, :state, :retention, :total) RETURNING id""")
        .param("by", uploadedBy).param("at", Timestamp.from(at)).param("files", filesJson).param("format", format)
        .param("state", agencyState).param("retention", retentionDays).param("total", bytesTotal)
        .query(Long.class).single();
  }

  public void started(long id, Instant at) {
    jdbc.sql("UPDATE vendor_audit_import SET status = 'RUNNING', started_at = :at WHERE id = :id")
        .param("id", id).param("at", Timestamp.from(at)).update();
  }

  public void progress(long id, String currentFile, long bytesRead, long rowsRead, long badRows) {
    jdbc.sql("""
            UPDATE vendor_audit_import SET current_file = :file, bytes_read = :bytes, rows_read = :rows, bad_rows = :bad
            WHERE id = :id AND status = 'RUNNING'""")
        .param("id", id).param("file", currentFile).param("bytes", bytesRead).param("rows", rowsRead)
        .param("bad", badRows).update();
  }

  public void done(long id, Instant at, long bytesRead, long rowsRead, long badRows, long flagged, String findingsJson,
      String badRowListJson) {
    jdbc.sql("""
            UPDATE vendor_audit_import SET status = 'DONE', finished_at = :at, current_file = NULL, bytes_read = :bytes,
                rows_read = :rows, bad_rows = :bad, flagged = :flagged, findings = CAST(:findings AS jsonb),
                bad_row_list = CAST(:badList AS jsonb)
            WHERE id = :id""")
        .param("id", id).param("at", Timestamp.from(at)).param("bytes", bytesRead).param("rows", rowsRead)
        .param("bad", badRows).param("flagged", flagged).param("findings", findingsJson)
        .param("badList", badRowListJson).update();
  }

  public void failed(long id, Instant at, String failure) {
    jdbc.sql("""
            UPDATE vendor_audit_import SET status = 'FAILED', finished_at = :at, failure = :failure
            WHERE id = :id""")
        .param("id", id).param("at", Timestamp.from(at)).param("failure", failure).update();
  }

  /** Marks every import still queued or running as failed with this reason; returns their ids. */
  public List<Long> failUnfinished(Instant at, String failure) {
    return jdbc.sql("""
            UPDATE vendor_audit_import SET status = 'FAILED', finished_at = :at, failure = :failure
            WHERE status IN ('QUEUED', 'RUNNING') RETURNING id""")
        .param("at", Timestamp.from(at)).param("failure", failure).query(Long.class).list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM vendor_audit_import WHERE id = :id").param("id", id)
        .query(VendorAuditImportStore::row).optional();
  }

  /** The newest first, at most {@code limit}, in the order they were stored. */
  public List<Row> recent(int limit) {
    return jdbc.sql("SELECT * FROM vendor_audit_import ORDER BY id DESC LIMIT :n").param("n", limit)
        .query(VendorAuditImportStore::row).list();
  }

  /** The imports queued or running, oldest first. */
  public List<Row> unfinished() {
    return jdbc.sql("SELECT * FROM vendor_audit_import WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id")
        .query(VendorAuditImportStore::row).list();
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getLong("id"), rs.getString("uploaded_by"), instant(rs, "uploaded_at"), rs.getString("files"),
        rs.getString("format"), rs.getString("agency_state"), (Integer) rs.getObject("retention_days"),
        rs.getString("status"), rs.getLong("bytes_total"), rs.getLong("bytes_read"), rs.getLong("rows_read"),
        rs.getLong("bad_rows"), (Long) rs.getObject("flagged"), rs.getString("findings"),
        rs.getString("bad_row_list"), rs.getString("current_file"), rs.getString("failure"),
        instant(rs, "started_at"), instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
