package org.glassplate.server.oversight.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.oversight.Investigation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of misuse investigations (V1520): the investigations, their findings and their steps. */
@Repository
public class InvestigationStore {
  private static final String COLUMNS = """
      id, subject, summary, opened_by, opened_at, assignee, assigned_at, outcome, outcome_note, closed_by, closed_at""";

  private final JdbcTemplate jdbc;

  public InvestigationStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new pending investigation resting on {@code findings}, with its OPENED step; returns its id. */
  public long insert(String subject, String summary, String openedBy, Instant at, List<Long> findings) {
    long id = jdbc.queryForObject("""
        INSERT INTO oversight_investigation (subject, summary, opened_by, opened_at) VALUES (?, ?, ?, ?)
        RETURNING id""", Long.class, subject, summary, openedBy, Timestamp.from(at));
    jdbc.batchUpdate("INSERT INTO oversight_investigation_finding (investigation_id, finding_id) VALUES (?, ?)",
        findings.stream().map(f -> new Object[] {id, f}).toList());
    jdbc.update("UPDATE oversight_finding SET status = 'UNDER_INVESTIGATION' WHERE id = ANY (?)",
        (Object) findings.toArray(Long[]::new));
    step(id, Investigation.StepKind.OPENED, at, openedBy, null);
    return id;
  }

  public void assign(long id, String assignee, String by, Instant at) {
    jdbc.update("UPDATE oversight_investigation SET assignee = ?, assigned_at = ? WHERE id = ?", assignee,
        Timestamp.from(at), id);
    step(id, Investigation.StepKind.ASSIGNED, at, by, assignee);
  }

  public void note(long id, String note, String by, Instant at) {
    step(id, Investigation.StepKind.NOTE, at, by, note);
  }

  public void close(long id, Investigation.Outcome outcome, String note, String by, Instant at) {
    jdbc.update("""
        UPDATE oversight_investigation SET outcome = ?, outcome_note = ?, closed_by = ?, closed_at = ?
        WHERE id = ? AND outcome = 'PENDING'""", outcome.name(), note, by, Timestamp.from(at), id);
    step(id, Investigation.StepKind.CLOSED, at, by, note);
  }

  private void step(long id, Investigation.StepKind kind, Instant at, String by, String note) {
    jdbc.update("""
        INSERT INTO oversight_investigation_step (investigation_id, kind, at, by_person, note) VALUES (?, ?, ?, ?, ?)""",
        id, kind.name(), Timestamp.from(at), by, note);
  }

  /** The investigation, locked until the end of the transaction. */
  public Optional<Investigation> lock(long id) {
    List<Long> found = jdbc.queryForList("SELECT id FROM oversight_investigation WHERE id = ? FOR UPDATE", Long.class,
        id);
    return found.isEmpty() ? Optional.empty() : find(id);
  }

  public Optional<Investigation> find(long id) {
    List<Investigation> found = query("WHERE id = ?", 1, id);
    return found.stream().findFirst();
  }

  /**
   * Investigations newest first, at most {@code limit}: only the pending ones ({@code pending} true),
   * only the closed ones (false) or all (null); never those whose subject is {@code notAbout}.
   */
  public List<Investigation> find(Boolean pending, String notAbout, int limit) {
    return query("""
        WHERE (?::boolean IS NULL OR (outcome = 'PENDING') = ?) AND subject <> ?""", limit, pending, pending,
        notAbout);
  }

  /** Investigations still pending that were opened before {@code openedBefore}, oldest first (at most {@code limit}). */
  public List<Investigation> pendingOpenedBefore(Instant openedBefore, int limit) {
    List<Investigation> found = query("WHERE outcome = 'PENDING' AND opened_at < ?", limit,
        Timestamp.from(openedBefore));
    List<Investigation> oldestFirst = new ArrayList<>(found);
    oldestFirst.sort(java.util.Comparator.comparing(Investigation::openedAt));
    return oldestFirst;
  }

  /** How many investigations are pending that were opened before {@code openedBefore}. */
  public long countPendingOpenedBefore(Instant openedBefore) {
    return jdbc.queryForObject("SELECT count(*) FROM oversight_investigation WHERE outcome = 'PENDING' AND opened_at < ?",
        Long.class, Timestamp.from(openedBefore));
  }

  private List<Investigation> query(String where, int limit, Object... args) {
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = limit;
    List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM oversight_investigation " + where
        + " ORDER BY id DESC LIMIT ?", (rs, n) -> row(rs), all);
    if (rows.isEmpty()) {
      return List.of();
    }
    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
    Map<Long, List<Long>> findings = new HashMap<>();
    jdbc.query("""
        SELECT investigation_id, finding_id FROM oversight_investigation_finding WHERE investigation_id = ANY (?)
        ORDER BY finding_id""", (ResultSet rs) -> {
          findings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }, (Object) ids);
    Map<Long, List<Investigation.Step>> steps = new HashMap<>();
    jdbc.query("""
        SELECT investigation_id, kind, at, by_person, note FROM oversight_investigation_step
        WHERE investigation_id = ANY (?) ORDER BY id""", (ResultSet rs) -> {
          steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Investigation.Step(
              Investigation.StepKind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getString(4),
              rs.getString(5)));
        }, (Object) ids);
    return rows.stream().map(r -> new Investigation(r.id, r.subject, r.summary, r.openedBy, r.openedAt, r.assignee,
        r.assignedAt, r.outcome, r.outcomeNote, r.closedBy, r.closedAt, findings.getOrDefault(r.id, List.of()),
        steps.getOrDefault(r.id, List.of()))).toList();
  }

  private record Row(long id, String subject, String summary, String openedBy, Instant openedAt, String assignee,
      Instant assignedAt, Investigation.Outcome outcome, String outcomeNote, String closedBy, Instant closedAt) {
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("id"), rs.getString("subject"), rs.getString("summary"), rs.getString("opened_by"),
        instant(rs, "opened_at"), rs.getString("assignee"), instant(rs, "assigned_at"),
        Investigation.Outcome.valueOf(rs.getString("outcome")), rs.getString("outcome_note"),
        rs.getString("closed_by"), instant(rs, "closed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
