package org.glassplate.server.sharing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.sharing.DataRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of tables {@code data_request} and {@code data_request_event}. Runs in the caller's transaction. */
@Repository
public class DataRequestStore {
  private final JdbcClient jdbc;

  public DataRequestStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Puts a request on file with {@code status}; returns its id. */
  public long insert(DataRequest r) {
    return jdbc.sql("""
            INSERT INTO data_request (status, agency_name, agency_state, agency_kind, requester_name, requester_title,
                requester_contact, purpose, case_number, offense, plates, window_from, window_to, received_at,
                document_reference, recorded_by, recorded_pseudonym, recorded_at, refusal_code, policy_sha256)
            VALUES (:status, :an, :as, :ak, :rn, :rt, :rc, :purpose, :case, :offense, :plates, :from, :to, :received,
                :doc, :by, :pseudonym, :at, :refusal, :sha) RETURNING id""")
        .param("status", r.status().name())
        .param("an", r.agency().name()).param("as", r.agency().state()).param("ak", r.agency().kind())
        .param("rn", r.requester().name()).param("rt", r.requester().title()).param("rc", r.requester().contact())
        .param("purpose", r.purpose()).param("case", r.caseNumber()).param("offense", r.offense())
        .param("plates", String.join(",", r.plates()))
        .param("from", ts(r.from())).param("to", ts(r.to())).param("received", ts(r.receivedAt()))
        .param("doc", r.documentReference()).param("by", r.recordedBy()).param("pseudonym", r.recordedByPseudonym())
        .param("at", ts(r.recordedAt())).param("refusal", r.refusalCode()).param("sha", r.policySha256())
        .query(Long.class).single();
  }

  /** Appends a step to a request's history. */
  public void addEvent(long requestId, DataRequest.Event e) {
    jdbc.sql("""
            INSERT INTO data_request_event (request_id, action, actor_pseudonym, at, note, audit_index, sha256)
            VALUES (:r, :action, :actor, :at, :note, :index, :sha)""")
        .param("r", requestId).param("action", e.action()).param("actor", e.actor()).param("at", ts(e.at()))
        .param("note", e.note()).param("index", e.auditIndex()).param("sha", e.sha256()).update();
  }

  /** The request, its row locked until the transaction ends (one review at a time). */
  public Optional<DataRequest> lock(long id) {
    return jdbc.sql("SELECT * FROM data_request WHERE id = :id FOR UPDATE").param("id", id)
        .query((rs, n) -> request(rs, history(id))).optional();
  }

  public Optional<DataRequest> find(long id) {
    return jdbc.sql("SELECT * FROM data_request WHERE id = :id").param("id", id)
        .query((rs, n) -> request(rs, history(id))).optional();
  }

  /** The newest {@code limit} requests, newest first. */
  public List<DataRequest> recent(int limit) {
    List<Long> ids = jdbc.sql("SELECT id FROM data_request ORDER BY recorded_at DESC, id DESC LIMIT :n")
        .param("n", limit).query(Long.class).list();
    return ids.stream().map(id -> find(id).orElseThrow()).toList();
  }

  public void setStatus(long id, DataRequest.Status status) {
    jdbc.sql("UPDATE data_request SET status = :s WHERE id = :id").param("s", status.name()).param("id", id).update();
  }

  private List<DataRequest.Event> history(long id) {
    return jdbc.sql("SELECT * FROM data_request_event WHERE request_id = :id ORDER BY id").param("id", id)
        .query((rs, n) -> new DataRequest.Event(rs.getString("action"), rs.getString("actor_pseudonym"),
            rs.getTimestamp("at").toInstant(), rs.getString("note"), (Long) rs.getObject("audit_index"),
            rs.getString("sha256")))
        .list();
  }

  private static DataRequest request(ResultSet rs, List<DataRequest.Event> history) throws SQLException {
    String plates = rs.getString("plates");
    return new DataRequest(rs.getLong("id"), DataRequest.Status.valueOf(rs.getString("status")),
        new DataRequest.Agency(rs.getString("agency_name"), rs.getString("agency_state"), rs.getString("agency_kind")),
        new DataRequest.Requester(rs.getString("requester_name"), rs.getString("requester_title"),
            rs.getString("requester_contact")),
        rs.getString("purpose"), rs.getString("case_number"), rs.getString("offense"),
        plates.isEmpty() ? List.of() : Arrays.asList(plates.split(",")),
        instant(rs.getTimestamp("window_from")), instant(rs.getTimestamp("window_to")),
        rs.getTimestamp("received_at").toInstant(), rs.getString("document_reference"), rs.getLong("recorded_by"),
        rs.getString("recorded_pseudonym"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("refusal_code"),
        rs.getString("policy_sha256"), history);
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
