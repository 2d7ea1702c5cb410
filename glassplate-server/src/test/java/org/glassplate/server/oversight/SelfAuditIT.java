package org.glassplate.server.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.support.AgreementYaml;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PolicyChanges;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16's acceptance for the daily self-audit (R-GOV-3): a clean state passes; an agreement changed
 * in the stored policy by SQL, a role granted by SQL (past the two administrators), an append-only
 * trigger disabled and an audit entry edited are each found by the next self-audit with before and
 * after, the audit log gets {@code SELF_AUDIT_DRIFT} naming the check (the critical finding), and the
 * public status says DRIFT. Each test puts back what it broke, and asserts OK only of the checks it
 * concerns: the database is shared with every other test.
 */
class SelfAuditIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Policies policies;

  @Autowired
  PolicyProposals proposals;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  Findings findings;

  private String auditor() {
    return seeder.seed(AccountSeeder.Spec.of("self-audit-auditor-" + unique(), "Ada Auditor", Roles.AUDITOR))
        .apiToken();
  }

  private static String unique() {
    return N.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
  }

  private JsonNode run(String token) {
    Answer a = post("/api/v1/oversight/self-audits", token, "");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  private static JsonNode check(JsonNode run, String name) {
    for (JsonNode c : run.get("checks")) {
      if (c.get("name").asString().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + run);
  }

  private static List<String> lines(JsonNode check, String side) {
    return check.get(side).valueStream().map(JsonNode::asString).toList();
  }

  /** The drift's entry, once in the log, raises a critical SELF_AUDIT_DRIFT finding resting on it. */
  private void assertCriticalFinding(long selfAuditId) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (true) {
      findings.catchUp();
      long n = jdbc.sql("""
              SELECT count(*) FROM oversight_finding f JOIN audit_entry e ON e.idx = ANY (f.evidence)
              WHERE f.rule = 'SELF_AUDIT_DRIFT' AND f.severity = 'CRITICAL' AND e.type_code = 902
                AND (convert_from(e.entry, 'UTF8')::jsonb ->> 'selfAuditId')::bigint = :id""")
          .param("id", selfAuditId).query(Long.class).single();
      if (n == 1) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no critical SELF_AUDIT_DRIFT finding for self-audit " + selfAuditId);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The self-audit's run drifted on {@code name}: audited as SELF_AUDIT_DRIFT naming it, and public as DRIFT. */
  private void assertDriftOnRecord(JsonNode run, String name) {
    assertThat(run.get("status").asString()).isEqualTo("DRIFT");
    long id = run.get("id").asLong();
    JsonNode entry = audited(AuditEventTypes.SELF_AUDIT_DRIFT).stream()
        .filter(e -> e.path("selfAuditId").asLong() == id).findFirst()
        .orElseThrow(() -> new AssertionError("no SELF_AUDIT_DRIFT entry for self-audit " + id));
    assertThat(entry.get("driftedChecks").valueStream().map(JsonNode::asString)).contains(name);
    assertThat(entry.get("status").asString()).isEqualTo("DRIFT");
    // the detail, before and after, is in the entry's private part, for auditors who open it
    String privateFields = jdbc.sql("""
            SELECT p.private_fields FROM audit_pending p
            WHERE (convert_from(p.entry, 'UTF8')::jsonb ->> 'selfAuditId')::bigint = :id
            UNION ALL
            SELECT ap.private_fields FROM audit_entry e JOIN audit_private ap ON ap.idx = e.idx
            WHERE e.type_code = 902 AND (convert_from(e.entry, 'UTF8')::jsonb ->> 'selfAuditId')::bigint = :id""")
        .param("id", id).query(String.class).single();
    assertThat(privateFields).contains(name).contains("before").contains("after");
    assertCriticalFinding(id);
    JsonNode pub = get("/transparency.json", null).json().get("selfAudit");
    assertThat(pub.get("status").asString()).isEqualTo("DRIFT");
    assertThat(pub.size()).as("when and the status, no detail").isEqualTo(3);
  }

  @Test
  void aCleanStateIsOkAndListsEveryCheck() {
    JsonNode run = run(auditor());
    assertThat(run.get("checks").valueStream().map(c -> c.get("name").asString())).containsExactly(
        "policy", "sharing-agreements", "retention", "hotlist-sources", "account-roles", "cameras", "configuration",
        "audit-tree", "audit-triggers", "audit-signer-key", "idle-accounts", "lapsed-training",
        "overdue-investigations");
    for (String name : List.of("policy", "sharing-agreements", "retention", "audit-tree", "audit-triggers",
        "audit-signer-key")) {
      assertThat(check(run, name).get("status").asString()).as(check(run, name).toString()).isEqualTo("OK");
    }
    assertThat(check(run, "audit-tree").get("detail").asString()).startsWith("recomputed all ");
    assertThat(check(run, "overdue-investigations").get("status").asString()).isEqualTo("OK");
    assertThat(check(run, "overdue-investigations").get("detail").asString())
        .matches("no investigation pending for more than 180 days|OVERDUE: \\d+ investigation\\(s\\) pending .*");
    long id = run.get("id").asLong();
    if (run.get("status").asString().equals("OK")) {
      assertThat(audited(AuditEventTypes.SELF_AUDIT_PASSED)).anyMatch(e -> e.path("selfAuditId").asLong() == id);
    }
  }

  @Test
  void onlyAuditorsRunOrReadSelfAudits() {
    String investigator = seeder.seed(AccountSeeder.Spec.of("self-audit-investigator-" + unique(), "Ivy Investigator",
        Roles.INVESTIGATOR)).apiToken();
    assertThat(post("/api/v1/oversight/self-audits", investigator, "").status()).isEqualTo(403);
    assertThat(get("/api/v1/oversight/self-audits", investigator).status()).isEqualTo(403);
    assertThat(post("/api/v1/oversight/self-audits", null, "").status()).isEqualTo(401);
    assertThat(get("/api/v1/oversight/self-audits", null).status()).isEqualTo(401);
    String auditor = auditor();
    long id = run(auditor).get("id").asLong();
    Answer history = get("/api/v1/oversight/self-audits?limit=100", auditor);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().get("selfAudits").valueStream().map(r -> r.get("id").asLong())).contains(id);
    assertThat(get("/api/v1/oversight/self-audits?limit=0", auditor).json().get("error").get("field").asString())
        .isEqualTo("limit");
    Answer page = get("/oversight/self-audits", auditor);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"self-audit-" + id + "\"");
  }

  @Test
  void aRoleGrantedBySqlIsFoundWithBeforeAndAfter() {
    String auditor = auditor();
    long person = seeder.seed(AccountSeeder.Spec.of("self-audit-person-" + unique(), "Pat Person", Roles.INVESTIGATOR))
        .id();
    // as someone with the database's password could: no change request, no second administrator
    jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (:id, 'ADMINISTRATOR')").param("id", person).update();
    try {
      JsonNode run = run(auditor);
      JsonNode roles = check(run, "account-roles");
      assertThat(roles.get("status").asString()).isEqualTo("DRIFT");
      assertThat(roles.get("detail").asString()).contains("account.user:" + person);
      assertThat(lines(roles, "before")).contains("account.user:" + person + ": roles=[INVESTIGATOR]");
      assertThat(lines(roles, "after")).contains("account.user:" + person + ": roles=[ADMINISTRATOR, INVESTIGATOR]");
      assertThat(check(run, "configuration").get("status").asString()).isEqualTo("DRIFT");
      assertDriftOnRecord(run, "account-roles");
    } finally {
      jdbc.sql("DELETE FROM account_role WHERE account_id = :id AND role = 'ADMINISTRATOR'").param("id", person)
          .update();
    }
    JsonNode after = run(auditor);
    assertThat(lines(check(after, "account-roles"), "after")).noneMatch(l -> l.startsWith("account.user:" + person + ":"));
  }

  @Test
  void anAgreementChangedBySqlIsFoundWithBeforeAndAfter() {
    String auditor = auditor();
    String partner = "self-audit-" + N.incrementAndGet();
    PolicyChanges.apply(policies, proposals, doc -> AgreementYaml.with(doc, AgreementYaml.entry(partner)));
    int version = policies.current().version();
    String approved = policies.current().document();
    assertThat(check(run(auditor), "sharing-agreements").get("status").asString()).isEqualTo("OK");
    // the stored row edited behind the application's back: two weeks of reads instead of one, same hash column
    jdbc.sql("UPDATE policy_version SET document = replace(document, 'lookback: P7D', 'lookback: P14D') WHERE version = :v")
        .param("v", version).update();
    try {
      JsonNode run = run(auditor);
      JsonNode agreements = check(run, "sharing-agreements");
      assertThat(agreements.get("status").asString()).isEqualTo("DRIFT");
      assertThat(lines(agreements, "before")).singleElement().asString()
          .startsWith("agreement." + partner + ": ").contains("lookback=P7D");
      assertThat(lines(agreements, "after")).singleElement().asString()
          .startsWith("agreement." + partner + ": ").contains("lookback=P14D");
      JsonNode policy = check(run, "policy");
      assertThat(policy.get("status").asString()).isEqualTo("DRIFT");
      assertThat(lines(policy, "before")).contains("policy.sha256: " + policies.current().sha256())
          .anyMatch(l -> l.matches("document line \\d+: +lookback: P7D"));
      assertThat(lines(policy, "after")).anyMatch(l -> l.matches("document line \\d+: +lookback: P14D"));
      assertDriftOnRecord(run, "sharing-agreements");
    } finally {
      jdbc.sql("UPDATE policy_version SET document = :doc WHERE version = :v").param("doc", approved)
          .param("v", version).update();
    }
    JsonNode after = run(auditor);
    assertThat(check(after, "sharing-agreements").get("status").asString()).isEqualTo("OK");
    assertThat(check(after, "policy").get("status").asString()).isEqualTo("OK");
  }

  /**
   * A run stamped ahead (a clock that was set forward, then corrected) must not stay "the latest" on the
   * public page and the API: the run that really came last does. (InvestigationsIT's 181-day clock left such
   * a run behind, and the public page kept showing its OK over later drift.)
   */
  @Test
  void theLatestRunIsTheLastOneStoredWhateverItsClockSaid() {
    String auditor = auditor();
    clock.advance(java.time.Duration.ofDays(2));
    long ahead = run(auditor).get("id").asLong();
    clock.reset();
    JsonNode latest = run(auditor);
    assertThat(latest.get("id").asLong()).isGreaterThan(ahead);
    assertThat(get("/api/v1/oversight/self-audits?limit=1", auditor).json().get("selfAudits").get(0).get("id")
        .asLong()).isEqualTo(latest.get("id").asLong());
    assertThat(get("/transparency.json", null).json().get("selfAudit").get("lastRunAt").asString())
        .isEqualTo(latest.get("ranAt").asString());
  }

  @Test
  void aDisabledTriggerIsFound() {
    String auditor = auditor();
    jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only").update();
    try {
      JsonNode run = run(auditor);
      JsonNode triggers = check(run, "audit-triggers");
      assertThat(triggers.get("status").asString()).isEqualTo("DRIFT");
      assertThat(lines(triggers, "before")).containsExactly("audit_entry_append_only on audit_entry: enabled");
      assertThat(lines(triggers, "after")).containsExactly("audit_entry_append_only on audit_entry: disabled");
      assertDriftOnRecord(run, "audit-triggers");
    } finally {
      jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").update();
    }
    assertThat(check(run(auditor), "audit-triggers").get("status").asString()).isEqualTo("OK");
  }

  @Test
  void anEditedAuditEntryIsFoundNamingTheFirstBadIndex() {
    String auditor = auditor();
    run(auditor); // something recent to edit
    long signed = awaitSignedSizeAbove(jdbc.sql("SELECT size FROM audit_log_state").query(Long.class).single() - 1);
    long index = signed - 1;
    byte[] original = jdbc.sql("SELECT entry FROM audit_entry WHERE idx = :i").param("i", index).query(byte[].class)
        .single();
    asRogueAdmin("UPDATE audit_entry SET entry = :e WHERE idx = :i", new String(original,
        java.nio.charset.StandardCharsets.UTF_8).replace("\"outcome\":\"", "\"outcome\":\"X").getBytes(
        java.nio.charset.StandardCharsets.UTF_8), index);
    try {
      JsonNode run = run(auditor);
      JsonNode tree = check(run, "audit-tree");
      assertThat(tree.get("status").asString()).isEqualTo("DRIFT");
      assertThat(tree.get("detail").asString()).startsWith("first bad index " + index + ": ");
      assertThat(lines(tree, "before")).singleElement().asString().startsWith("entry " + index + " as signed: leaf hash ");
      assertThat(lines(tree, "after")).singleElement().asString().startsWith("entry " + index + " as stored: leaf hash ");
      assertDriftOnRecord(run, "audit-tree");
    } finally {
      asRogueAdmin("UPDATE audit_entry SET entry = :e WHERE idx = :i", original, index);
    }
    assertThat(check(run(auditor), "audit-tree").get("status").asString()).isEqualTo("OK");
  }

  /** Waits until a signed checkpoint covers more than {@code size} entries; returns its size. */
  private long awaitSignedSizeAbove(long size) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long signed = jdbc.sql("SELECT coalesce(max(size), 0) FROM audit_checkpoint").query(Long.class).single();
      if (signed > size) {
        return signed;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no checkpoint above size " + size);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Runs SQL as a database superuser who turned the append-only triggers off for this transaction. */
  private void asRogueAdmin(String sql, byte[] entry, long index) {
    tx.executeWithoutResult(s -> {
      jdbc.sql("SET LOCAL session_replication_role = replica").update();
      jdbc.sql(sql).param("e", entry).param("i", index).update();
    });
  }
}
