package org.glassplate.server.policy.internal;

import org.glassplate.server.policy.PolicyApproval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.core.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for policy versions, proposals and approvals. Runs in the caller's transaction. */
@Repository
public class PolicyStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  public PolicyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static String sha256(String document) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stored version before parsing. */
  public record StoredVersion(int version, String sha256, String document, Instant effectiveAt, Long proposalId,
      String governingBodyReference, List<PolicyApproval> approvals) {
  }

  public Optional<StoredVersion> latest(boolean lock) {
    return jdbc.sql("SELECT * FROM policy_version ORDER BY version DESC LIMIT 1" + (lock ? " FOR UPDATE" : ""))
        .query(PolicyStore::version).optional();
  }

  public Optional<StoredVersion> version(int version) {
    return jdbc.sql("SELECT * FROM policy_version WHERE version = :v").param("v", version)
        .query(PolicyStore::version).optional();
  }

  public Optional<Integer> versionOfProposal(long proposalId) {
    return jdbc.sql("SELECT version FROM policy_version WHERE proposal_id = :p").param("p", proposalId)
        .query(Integer.class).optional();
  }

  public List<StoredVersion> versions() {
    return jdbc.sql("SELECT * FROM policy_version ORDER BY version DESC").query(PolicyStore::version).list();
  }

  /** Inserts a version; false if that number exists already (someone else won the race). */
  public boolean insertVersion(int version, String sha256, String document, Instant at, Long proposalId,
      String governingBodyReference, List<PolicyApproval> approvals) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (PolicyApproval a : approvals) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("by", a.by());
      m.put("as", a.as());
      m.put("at", a.at().toString());
      if (a.note() != null) {
        m.put("note", a.note());
      }
      json.add(m);
    }
    return jdbc.sql("""
            INSERT INTO policy_version (version, sha256, document, effective_at, proposal_id,
                                        governing_body_reference, approvals)
            VALUES (:v, :sha, :doc, :at, :proposal, :ref, CAST(:approvals AS jsonb))
            ON CONFLICT (version) DO NOTHING""")
        .param("v", version).param("sha", sha256).param("doc", document).param("at", Timestamp.from(at))
        .param("proposal", proposalId).param("ref", governingBodyReference)
        .param("approvals", JSON.writeValueAsString(json))
        .update() == 1;
  }

  private static StoredVersion version(ResultSet rs, int n) throws SQLException {
    List<Map<String, String>> raw = JSON.readValue(rs.getString("approvals"), new TypeReference<>() { });
    List<PolicyApproval> approvals = raw.stream()
        .map(m -> new PolicyApproval(m.get("by"), m.get("as"), Instant.parse(m.get("at")), m.get("note"))).toList();
    long proposal = rs.getLong("proposal_id");
    return new StoredVersion(rs.getInt("version"), rs.getString("sha256"), rs.getString("document"),
        rs.getTimestamp("effective_at").toInstant(), rs.wasNull() ? null : proposal,
        rs.getString("governing_body_reference"), approvals);
  }

  public long insertProposal(int baseVersion, String document, String sha256, Caller proposer, Instant at,
      String governingBodyReference, List<String> expansions, String note) {
    return jdbc.sql("""
            INSERT INTO policy_proposal (base_version, document, sha256, proposer_kind, proposer_id, proposer,
                                         proposed_at, governing_body_reference, expansions, note, status)
            VALUES (:base, :doc, :sha, :kind, :id, :who, :at, :ref, :exp, :note, 'PENDING') RETURNING id""")
        .param("base", baseVersion).param("doc", document).param("sha", sha256)
        .param("kind", proposer.kind().name()).param("id", proposer.id()).param("who", proposer.pseudonym())
        .param("at", Timestamp.from(at)).param("ref", governingBodyReference)
        .param("exp", expansions.toArray(new String[0])).param("note", note)
        .query(Long.class).single();
  }

  /** A stored proposal. */
  public record StoredProposal(long id, int baseVersion, String document, String sha256, String proposerKind,
      long proposerId, String proposer, Instant proposedAt, String governingBodyReference, List<String> expansions,
      String note, String status) {

    public boolean proposedBy(Caller c) {
      return proposerKind.equals(c.kind().name()) && proposerId == c.id();
    }
  }

  public Optional<StoredProposal> proposal(long id, boolean lock) {
    return jdbc.sql("SELECT * FROM policy_proposal WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
        .param("id", id).query(PolicyStore::proposal).optional();
  }

  public List<StoredProposal> proposals(int limit) {
    return jdbc.sql("SELECT * FROM policy_proposal ORDER BY id DESC LIMIT :n").param("n", limit)
        .query(PolicyStore::proposal).list();
  }

  private static StoredProposal proposal(ResultSet rs, int n) throws SQLException {
    Array exp = rs.getArray("expansions");
    List<String> expansions = exp == null ? List.of() : Arrays.asList((String[]) exp.getArray());
    return new StoredProposal(rs.getLong("id"), rs.getInt("base_version"), rs.getString("document"),
        rs.getString("sha256"), rs.getString("proposer_kind"), rs.getLong("proposer_id"), rs.getString("proposer"),
        rs.getTimestamp("proposed_at").toInstant(), rs.getString("governing_body_reference"), expansions,
        rs.getString("note"), rs.getString("status"));
  }

  public void setStatus(long proposalId, String status) {
    jdbc.sql("UPDATE policy_proposal SET status = :s WHERE id = :id").param("s", status).param("id", proposalId).update();
  }

  /** Pending proposals written against an older version can no longer be approved. */
  public int supersedePendingBefore(int version) {
    return jdbc.sql("UPDATE policy_proposal SET status = 'SUPERSEDED' WHERE status = 'PENDING' AND base_version < :v")
        .param("v", version).update();
  }

  public void insertApproval(long proposalId, Caller approver, Instant at, boolean counted, String note) {
    jdbc.sql("""
            INSERT INTO policy_approval (proposal_id, approver_kind, approver_id, approver, approved_at, counted, note)
            VALUES (:p, :kind, :id, :who, :at, :counted, :note)""")
        .param("p", proposalId).param("kind", approver.kind().name()).param("id", approver.id())
        .param("who", approver.pseudonym()).param("at", Timestamp.from(at)).param("counted", counted)
        .param("note", note).update();
  }

  /** A stored approval, with the approver's public note (null when none). */
  public record StoredApproval(String approver, Instant at, boolean counted, String note) {
  }

  public List<StoredApproval> approvals(long proposalId) {
    return jdbc.sql("SELECT approver, approved_at, counted, note FROM policy_approval WHERE proposal_id = :p ORDER BY id")
        .param("p", proposalId)
        .query((rs, n) -> new StoredApproval(rs.getString("approver"), rs.getTimestamp("approved_at").toInstant(),
            rs.getBoolean("counted"), rs.getString("note")))
        .list();
  }
}
