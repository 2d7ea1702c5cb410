package org.glassplate.server.oversight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.audit.LogIntegrity;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.glassplate.server.oversight.internal.SelfAuditStore;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.policy.Policies;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily self-audit (R-GOV-3), the check the Ventura County sheriff's office had to do by hand
 * every day: recomputes the effective configuration and compares it with the last approved state
 * ({@link SelfAuditConfiguration}), verifies the whole audit log against its latest signed checkpoint,
 * checks that the log's append-only triggers are there and enabled and that the signer key is the
 * one the log started with, and lists idle accounts, lapsed training and overdue investigations (pending more than 180 days).
 *
 * <p>Each run is stored with its checks and audited in the same transaction, fail closed:
 * {@code SELF_AUDIT_PASSED}, or {@code SELF_AUDIT_DRIFT} naming the checks that drifted in its public
 * fields and holding their detail, before and after, in its private part. A drift is a critical
 * finding (R-GOV-4 reads it from the log).
 */
@Component
public class SelfAudits {
  /** Most runs one call lists. */
  public static final int MAX_HISTORY = 100;
  /** Most pseudonyms a list check names in its detail. */
  static final int MAX_NAMED = 20;
  /** Most changed lines of the policy document a drift shows. */
  static final int MAX_DIFF_LINES = 40;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What started a run. */
  public enum Trigger {
    /** the daily run */
    SCHEDULED,
    /** an auditor, over HTTP or on the page */
    ON_DEMAND,
    /** {@code ./glassplate self-audit} */
    COMMAND
  }

  private final SelfAuditConfiguration configuration;
  private final LogIntegrity log;
  private final Accounts accounts;
  private final TrainingGate training;
  private final Policies policies;
  private final SelfAuditStore store;
  private final AuditRecorder audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Investigations investigations;
  private final java.time.ZoneId agencyZone;
  private final SelfAuditMetrics metrics;

  SelfAudits(SelfAuditConfiguration configuration, LogIntegrity log, Accounts accounts, TrainingGate training,
      Policies policies, SelfAuditStore store, AuditRecorder audit, PlatformTransactionManager transactions,
      Clock clock, Investigations investigations, org.glassplate.server.core.Agency agency, SelfAuditMetrics metrics) {
    this.metrics = metrics;
    this.investigations = investigations;
    this.agencyZone = agency.timeZone();
    this.configuration = configuration;
    this.log = log;
    this.accounts = accounts;
    this.training = training;
    this.policies = policies;
    this.store = store;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Runs every check now, stores the run and audits it.
   *
   * @throws org.glassplate.server.audit.AuditUnavailable if the run cannot be audited: then it is not stored either
   */
  public SelfAuditReport run(Caller caller, Trigger trigger) {
    // to the microsecond, as stored: the answer and what is read back later agree
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    SelfAuditConfiguration.Compared config = configuration.compare();
    List<SelfAuditCheck> checks = new ArrayList<>();
    checks.add(policy(config));
    checks.add(section(SelfAuditCheck.SHARING_AGREEMENTS, "agreement.", "sharing agreements", config));
    checks.add(section(SelfAuditCheck.RETENTION, "retention.", "retention settings", config));
    checks.add(hotlistSources(config));
    checks.add(section(SelfAuditCheck.ACCOUNT_ROLES, "account.", "accounts and their roles", config));
    checks.add(section(SelfAuditCheck.CAMERAS, "camera.", "cameras", config));
    checks.add(configurationHash(config, checks));
    checks.add(tree());
    checks.add(triggers());
    checks.add(signerKey());
    checks.add(idleAccounts(now));
    checks.add(lapsedTraining());
    checks.add(overdueInvestigations(now));
    boolean drift = checks.stream().anyMatch(SelfAuditCheck::drifted);
    SelfAuditStatus status = drift ? SelfAuditStatus.DRIFT : SelfAuditStatus.OK;
    String sha = config.found().sha256();
    List<SelfAuditCheck> drifted = checks.stream().filter(SelfAuditCheck::drifted).toList();
    SelfAuditReport report = tx.execute(s -> {
      long id = store.insert(now, caller.pseudonym(), trigger.name(), status.name(), sha,
          JSON.writeValueAsString(checks));
      audit.record(AuditEvent.of(drift ? SelfAuditTypes.SELF_AUDIT_DRIFT : SelfAuditTypes.SELF_AUDIT_PASSED, caller)
          .with("selfAuditId", id)
          .with("status", status.name())
          .with("trigger", trigger.name())
          .with("configurationSha256", sha)
          .with("checks", checks.stream().map(SelfAuditCheck::name).toList())
          .with("driftedChecks", drifted.stream().map(SelfAuditCheck::name).toList())
          .secret("drift", drifted.isEmpty() ? null : JSON.writeValueAsString(drifted))
          .build());
      return new SelfAuditReport(id, now, caller.pseudonym(), trigger.name(), status, sha, checks);
    });
    metrics.ran(status, trigger);
    return report;
  }

  /** The newest run, if any ran yet. */
  public Optional<SelfAuditReport> latest() {
    return recent(1).stream().findFirst();
  }

  /** The newest runs first, at most {@code limit} (1 to {@value #MAX_HISTORY}). */
  public List<SelfAuditReport> recent(int limit) {
    return store.recent(Math.max(1, Math.min(limit, MAX_HISTORY))).stream().map(SelfAudits::report).toList();
  }

  public Optional<SelfAuditReport> find(long id) {
    return store.find(id).map(SelfAudits::report);
  }

  private static SelfAuditReport report(SelfAuditStore.Row r) {
    List<SelfAuditCheck> checks = JSON.readValue(r.checks(), new TypeReference<List<SelfAuditCheck>>() { });
    return new SelfAuditReport(r.id(), r.ranAt(), r.ranBy(), r.trigger(), SelfAuditStatus.valueOf(r.status()),
        r.configurationSha256(), checks);
  }

  // ---- the configuration ----

  private static SelfAuditCheck policy(SelfAuditConfiguration.Compared c) {
    SortedMap<String, String> approved = c.approved().section("policy.");
    SelfAuditCheck diff = section(SelfAuditCheck.POLICY, "policy.", "policy", c);
    if (diff.drifted()) {
      if (c.approvedDocument() == null || c.storedDocument() == null
          || c.approvedDocument().equals(c.storedDocument())) {
        return diff;
      }
      // the document's lines that differ, as the policy page shows a proposal's diff
      List<String> before = new ArrayList<>(diff.before());
      List<String> after = new ArrayList<>(diff.after());
      int shown = 0;
      for (LineDiff.Line l : LineDiff.of(c.approvedDocument(), c.storedDocument())) {
        if (l.op() == ' ' || shown++ >= MAX_DIFF_LINES) {
          continue;
        }
        if (l.op() == '-') {
          before.add("document line " + l.oldLine() + ": " + l.text());
        } else {
          after.add("document line " + l.newLine() + ": " + l.text());
        }
      }
      return SelfAuditCheck.drift(diff.name(), diff.detail(), before, after);
    }
    return SelfAuditCheck.ok(SelfAuditCheck.POLICY, "version " + approved.get("policy.version") + " (sha256 "
        + approved.get("policy.sha256") + ") is the approved one, as stored and as enforced");
  }

  private static SelfAuditCheck hotlistSources(SelfAuditConfiguration.Compared c) {
    SelfAuditCheck policy = section(SelfAuditCheck.HOTLIST_SOURCES, "hotlistSources.", "hot-list sources", c);
    SelfAuditCheck lists = section(SelfAuditCheck.HOTLIST_SOURCES, "hotlist.", "hot lists", c);
    if (!policy.drifted() && !lists.drifted()) {
      return SelfAuditCheck.ok(SelfAuditCheck.HOTLIST_SOURCES, "the policy runs reads against "
          + c.found().items().getOrDefault("hotlistSources.policy", "no source") + ", as approved; "
          + lists.detail());
    }
    List<String> before = new ArrayList<>(policy.before());
    before.addAll(lists.before());
    List<String> after = new ArrayList<>(policy.after());
    after.addAll(lists.after());
    return SelfAuditCheck.drift(SelfAuditCheck.HOTLIST_SOURCES,
        (policy.drifted() ? policy.detail() : "") + (policy.drifted() && lists.drifted() ? "; " : "")
            + (lists.drifted() ? lists.detail() : ""), before, after);
  }

  /** The items under {@code prefix}, found against approved; a missing side is said so. */
  static SelfAuditCheck section(String name, String prefix, String what, SelfAuditConfiguration.Compared c) {
    SortedMap<String, String> approved = c.approved().section(prefix);
    SortedMap<String, String> found = c.found().section(prefix);
    TreeSet<String> keys = new TreeSet<>(approved.keySet());
    keys.addAll(found.keySet());
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    List<String> differ = new ArrayList<>();
    for (String k : keys) {
      String a = approved.get(k);
      String f = found.get(k);
      if (a == null || !a.equals(f)) {
        differ.add(k);
        before.add(k + ": " + (a == null ? SelfAuditConfiguration.NOT_ON_RECORD : a));
        after.add(k + ": " + (f == null ? SelfAuditConfiguration.NOT_FOUND : f));
      }
    }
    String notes = c.notes().isEmpty() || !prefix.startsWith("policy") && !prefix.startsWith("agreement")
        && !prefix.startsWith("retention") ? "" : " (" + String.join("; ", c.notes()) + ")";
    if (differ.isEmpty()) {
      return SelfAuditCheck.ok(name, found.size() + " " + what + ", as approved" + notes);
    }
    return SelfAuditCheck.drift(name, differ.size() + " of the " + keys.size() + " " + what
        + " differ from the approved state: " + String.join(", ", differ) + notes, before, after);
  }

  private static SelfAuditCheck configurationHash(SelfAuditConfiguration.Compared c, List<SelfAuditCheck> sections) {
    String found = c.found().sha256();
    String approved = c.approved().sha256();
    if (found.equals(approved)) {
      return SelfAuditCheck.ok(SelfAuditCheck.CONFIGURATION, "the effective configuration (" + c.found().items().size()
          + " items) hashes to " + found + ", the approved state's hash");
    }
    List<String> drifted = sections.stream().filter(SelfAuditCheck::drifted).map(SelfAuditCheck::name).toList();
    return SelfAuditCheck.drift(SelfAuditCheck.CONFIGURATION, "the effective configuration hashes to " + found
        + ", the approved state to " + approved + "; differing: " + String.join(", ", drifted),
        List.of("sha256 " + approved), List.of("sha256 " + found));
  }

  // ---- the audit log ----

  private SelfAuditCheck tree() {
    LogIntegrity.TreeVerdict v = log.verifyTree();
    if (v.intact()) {
      return SelfAuditCheck.ok(SelfAuditCheck.AUDIT_TREE, v.detail());
    }
    return SelfAuditCheck.drift(SelfAuditCheck.AUDIT_TREE, v.detail(), List.of(v.signed()), List.of(v.recomputed()));
  }

  private SelfAuditCheck triggers() {
    List<LogIntegrity.Trigger> all = log.appendOnlyTriggers();
    List<LogIntegrity.Trigger> off = all.stream().filter(t -> !t.enabled()).toList();
    if (off.isEmpty()) {
      return SelfAuditCheck.ok(SelfAuditCheck.AUDIT_TRIGGERS, "all " + all.size()
          + " append-only triggers of the log's tables exist and are enabled");
    }
    return SelfAuditCheck.drift(SelfAuditCheck.AUDIT_TRIGGERS, off.size() + " of the " + all.size()
            + " append-only triggers do not refuse changes: "
            + String.join(", ", off.stream().map(t -> t.name() + " on " + t.table() + " is " + t.state()).toList()),
        off.stream().map(t -> t.name() + " on " + t.table() + ": enabled").toList(),
        off.stream().map(t -> t.name() + " on " + t.table() + ": " + t.state()).toList());
  }

  private SelfAuditCheck signerKey() {
    LogIntegrity.KeyVerdict k = log.signerKey();
    if (k.same()) {
      return SelfAuditCheck.ok(SelfAuditCheck.AUDIT_SIGNER_KEY, "the log is signed with " + k.current()
          + (k.moves().isEmpty() ? ", the key it started with" : ", the key its previous key announced (moved "
              + String.join("; ", k.moves()) + ")")
          + (k.startedWith() == null ? " (as stored; no LOG_KEY_CREATED entry)" : ""));
    }
    List<String> before = new ArrayList<>();
    if (k.startedWith() != null) {
      before.add("started with " + k.startedWith() + " (LOG_KEY_CREATED)");
    }
    if (k.stored() != null) {
      before.add("stored key " + k.stored());
    }
    k.moves().forEach(m -> before.add("moved " + m + " (LOG_KEY_ROTATED)"));
    if (k.announced() != null && !k.announced().equals(k.startedWith())) {
      before.add("last announced key " + k.announced());
    }
    before.add("first checkpoint signed by the log's key");
    List<String> after = new ArrayList<>(List.of("signs with " + k.current(), "first checkpoint "
        + (k.firstCheckpointVerifies() ? "verifies" : "does not verify") + " with it"));
    if (k.chainProblem() != null) {
      after.add(k.chainProblem());
    }
    return SelfAuditCheck.drift(SelfAuditCheck.AUDIT_SIGNER_KEY, k.moves().isEmpty()
        ? "the signer key is not the one the log started with"
        : "the signer key is not the one the log started with nor one its key announced", before, after);
  }

  // ---- lists: OK unless the policy says otherwise ----

  private SelfAuditCheck idleAccounts(Instant now) {
    int days = policies.current().inactivityDays();
    Instant cutoff = now.minus(Duration.ofDays(days));
    List<String> idle = accounts.all().stream()
        .filter(a -> a.enabled() && (a.lastSignInAt() == null || a.lastSignInAt().isBefore(cutoff)))
        .map(Account::pseudonym).toList();
    return SelfAuditCheck.ok(SelfAuditCheck.IDLE_ACCOUNTS, idle.size() + " enabled account(s) without a sign-in in "
        + days + " days (the inactivity check disables them)" + named(idle));
  }

  private SelfAuditCheck lapsedTraining() {
    List<String> lapsed = accounts.all().stream()
        .filter(a -> a.enabled() && a.roles().stream().anyMatch(r -> !r.equals(Roles.ADMINISTRATOR)))
        .filter(a -> !training.hasCurrentTraining(a.id()))
        .map(Account::pseudonym).toList();
    return SelfAuditCheck.ok(SelfAuditCheck.LAPSED_TRAINING, lapsed.size()
        + " enabled account(s) with a role that reaches plate data and no current training (refused until trained)"
        + named(lapsed));
  }

  /**
   * Investigations pending for more than 180 days (R-GOV-4, issue 16 item 3), flagged by number with
   * the day each was opened; like the other lists, they do not make the run a drift: the configuration
   * and the log are as approved, an investigation is late.
   */
  SelfAuditCheck overdueInvestigations(Instant now) {
    Investigations.Overdue overdue = investigations.overdueAt(now, MAX_NAMED);
    if (overdue.count() == 0) {
      return SelfAuditCheck.ok(SelfAuditCheck.OVERDUE_INVESTIGATIONS, "no investigation pending for more than "
          + Investigation.OVERDUE_AFTER.toDays() + " days");
    }
    List<String> named = overdue.first().stream().map(i -> "#" + i.id() + " (opened "
        + i.openedAt().atZone(agencyZone).toLocalDate() + ")").toList();
    return SelfAuditCheck.ok(SelfAuditCheck.OVERDUE_INVESTIGATIONS, "OVERDUE: " + overdue.count()
        + " investigation(s) pending for more than " + Investigation.OVERDUE_AFTER.toDays() + " days: "
        + String.join(", ", named) + (overdue.count() > named.size() ? ", …" : ""));
  }

  private static String named(List<String> pseudonyms) {
    if (pseudonyms.isEmpty()) {
      return "";
    }
    List<String> shown = pseudonyms.subList(0, Math.min(MAX_NAMED, pseudonyms.size()));
    return ": " + String.join(", ", shown) + (pseudonyms.size() > shown.size() ? ", …" : "");
  }
}
