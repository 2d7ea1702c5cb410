package org.glassplate.server.hotlist.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.hotlist.HotlistImports;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of table {@code hotlist_import}: import jobs and their progress. Runs in the caller's transaction. */
@Repository
public class ImportStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  public ImportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many replacements of the list are receiving, waiting for approval or building. */
  public long countRunningReplacements(long listId) {
    return jdbc.sql("""
            SELECT count(*) FROM hotlist_import WHERE list_id = :id AND mode = 'replace'
              AND status IN ('RECEIVING', 'AWAITING_APPROVAL', 'BUILDING')""").param("id", listId)
        .query(Long.class).single();
  }

  /** Inserts a job that receives; {@code columns} is its settings as JSON. Returns its id. */
  public long insert(long listId, String mode, String columns, int generation, Long expectedBytes, long startedBy,
      Instant now) {
    return jdbc.sql("""
            INSERT INTO hotlist_import (list_id, mode, columns, generation, status, expected_bytes, started_by,
                                        started_at)
            VALUES (:list, :mode, :columns, :generation, 'RECEIVING', :expected, :by, :now) RETURNING id""")
        .param("list", listId).param("mode", mode).param("columns", columns).param("generation", generation)
        .param("expected", expectedBytes).param("by", startedBy).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  public Optional<HotlistImports.ImportJob> find(long listId, long importId) {
    return jdbc.sql("SELECT * FROM hotlist_import WHERE id = :id AND list_id = :list")
        .param("id", importId).param("list", listId).query(ImportStore::job).optional();
  }

  /** Imports waiting for a second person's approval, oldest first. */
  public List<HotlistImports.ImportJob> awaitingApproval(int limit) {
    return jdbc.sql("SELECT * FROM hotlist_import WHERE status = 'AWAITING_APPROVAL' ORDER BY id LIMIT :limit")
        .param("limit", limit).query(ImportStore::job).list();
  }

  /** A supervisor refused an import waiting for approval, with a reason; it never takes effect. */
  public void refuse(long importId, long refusedBy, String reason, Instant now) {
    jdbc.sql("""
            UPDATE hotlist_import SET status = 'REFUSED', refused_by = :by, refusal_reason = :reason,
                   finished_at = :now WHERE id = :id""")
        .param("by", refusedBy).param("reason", reason).param("now", Timestamp.from(now)).param("id", importId)
        .update();
  }

  private static HotlistImports.ImportJob job(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp fin = rs.getTimestamp("finished_at");
    List<HotlistImports.RowError> errors = JSON.readValue(rs.getString("errors"),
        new TypeReference<List<HotlistImports.RowError>>() { });
    return new HotlistImports.ImportJob(rs.getLong("id"), rs.getLong("list_id"), rs.getString("mode"),
        rs.getString("status"), (Long) rs.getObject("expected_bytes"), rs.getLong("received_bytes"),
        rs.getInt("rows_read"), rs.getInt("rows_accepted"), rs.getInt("rows_rejected"), errors,
        rs.getLong("started_by"), (Long) rs.getObject("approved_by"),
        rs.getTimestamp("started_at").toInstant(), fin == null ? null : fin.toInstant(),
        rs.getString("refusal_reason"));
  }

  /** Locks the job's row until the end of the transaction; returns whether the list has that job. */
  public boolean lock(long listId, long importId) {
    return jdbc.sql("SELECT id FROM hotlist_import WHERE id = :id AND list_id = :list FOR UPDATE")
        .param("id", importId).param("list", listId).query(Long.class).optional().isPresent();
  }

  /** The header of the file as JSON, once the first part has come. */
  public Optional<String> header(long importId) {
    return jdbc.sql("SELECT header FROM hotlist_import WHERE id = :id").param("id", importId)
        .query(String.class).optional();
  }

  /** The job's settings as JSON. */
  public String columns(long importId) {
    return jdbc.sql("SELECT columns FROM hotlist_import WHERE id = :id").param("id", importId)
        .query(String.class).single();
  }

  public int generation(long importId) {
    return jdbc.sql("SELECT generation FROM hotlist_import WHERE id = :id").param("id", importId)
        .query(Integer.class).single();
  }

  /** Counts one more part; {@code errors} (JSON) replaces the kept errors. */
  public void addPart(long importId, String header, long bytes, int read, int accepted, int rejected, String errors) {
    jdbc.sql("""
            UPDATE hotlist_import SET header = :header, received_bytes = received_bytes + :bytes,
                   rows_read = rows_read + :read, rows_accepted = rows_accepted + :accepted,
                   rows_rejected = rows_rejected + :rejected, errors = :errors WHERE id = :id""")
        .param("header", header).param("bytes", bytes).param("read", read)
        .param("accepted", accepted).param("rejected", rejected)
        .param("errors", errors).param("id", importId).update();
  }

  /** Sets the counts of a job fed in one go; {@code errors} is JSON. */
  public void setCounts(long importId, int read, int accepted, int rejected, String errors) {
    jdbc.sql("""
            UPDATE hotlist_import SET rows_read = :read, rows_accepted = :accepted, rows_rejected = :rejected,
                   errors = :errors WHERE id = :id""")
        .param("read", read).param("accepted", accepted).param("rejected", rejected)
        .param("errors", errors).param("id", importId).update();
  }

  /** The upload is complete and waits for a second person's approval. */
  public void awaitApproval(long importId) {
    jdbc.sql("UPDATE hotlist_import SET status = 'AWAITING_APPROVAL' WHERE id = :id").param("id", importId).update();
  }

  /** Records who approved the import, and when. */
  public void approve(long importId, long approvedBy, Instant now) {
    jdbc.sql("UPDATE hotlist_import SET approved_by = :by, approved_at = :now WHERE id = :id")
        .param("by", approvedBy).param("now", Timestamp.from(now)).param("id", importId).update();
  }

  public void building(long importId) {
    jdbc.sql("UPDATE hotlist_import SET status = 'BUILDING' WHERE id = :id").param("id", importId).update();
  }

  public void finish(long importId, String status, Instant now) {
    jdbc.sql("UPDATE hotlist_import SET status = :status, finished_at = :now WHERE id = :id")
        .param("status", status).param("now", Timestamp.from(now)).param("id", importId).update();
  }
}
