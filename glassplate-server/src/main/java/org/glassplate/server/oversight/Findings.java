package org.glassplate.server.oversight;

import java.util.List;
import java.util.regex.Pattern;
import java.time.Clock;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.TrainingCheck;
import org.glassplate.server.oversight.internal.FindingStore;
import org.glassplate.server.oversight.rules.FindingEngine;
import org.glassplate.server.oversight.rules.FindingRule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Misuse findings for auditors (R-GOV-4): the list, filtered by rule, person and status; one finding
 * with its evidence entries opened, private fields and all, which is recorded before anything private
 * is shown; and dismissal with a reason, recorded in the same transaction (fail closed). The rules run
 * continuously ({@link FindingEngine}); {@link #catchUp} runs them now.
 */
@Service
public class Findings {
  /** Most findings one list shows. */
  public static final int MAX_LISTED = 500;
  /** Most evidence entries one finding's page opens (HIGH_VOLUME may rest on more). */
  public static final int MAX_OPENED = 200;
  static final int MAX_REASON = 1000;
  private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9:._/-]{1,130}");

  private final FindingStore store;
  private final FindingEngine engine;
  private final AuditRecorder audit;
  private final AuditLog auditLog;
  private final TrainingCheck training;
  private final Clock clock;
  private final TransactionTemplate tx;

  Findings(FindingStore store, FindingEngine engine, AuditRecorder audit, AuditLog auditLog, TrainingCheck training,
      Clock clock, PlatformTransactionManager transactions) {
    this.store = store;
    this.engine = engine;
    this.audit = audit;
    this.auditLog = auditLog;
    this.training = training;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * One finding's evidence as an auditor sees it.
   *
   * @param index the entry's log index
   * @param entry the public entry (canonical JSON)
   * @param privateFields the private fields (canonical JSON), or null if none is stored
   */
  public record Evidence(long index, String entry, String privateFields) {
    @Override
    public String toString() {
      return "Evidence[" + index + ", redacted]";
    }
  }

  /**
   * A finding with its evidence opened.
   *
   * @param finding the finding
   * @param evidence its evidence entries (the first {@value #MAX_OPENED})
   * @param openingAuditIndex the log index of the entry that records this opening
   */
  public record Opened(Finding finding, List<Evidence> evidence, long openingAuditIndex) {
  }

  /** The ids of the rules, sorted. */
  public List<String> ruleIds() {
    return engine.rules().stream().map(FindingRule::id).toList();
  }

  /** Runs the rules over every entry not examined yet; returns how many new findings were stored. */
  public int catchUp() {
    return engine.catchUp();
  }

  /**
   * Findings newest first (at most {@value #MAX_LISTED}), each filter ignored when null or blank; the
   * listing is recorded ({@code FINDINGS_VIEWED}).
   *
   * @throws Refusal 422 naming {@code rule}, {@code person} or {@code status} when it is no such thing
   */
  public List<Finding> list(String rule, String person, String status, Caller auditor) {
    String r = blankToNull(rule);
    if (r != null && !ruleIds().contains(r)) {
      throw Refusal.invalid("rule", "not a rule id: one of " + String.join(", ", ruleIds()));
    }
    String p = blankToNull(person);
    if (p != null && !PSEUDONYM.matcher(p).matches()) {
      throw Refusal.invalid("person", "a person is named by pseudonym, e.g. user:17");
    }
    Finding.Status s = null;
    if (blankToNull(status) != null) {
      try {
        s = Finding.Status.valueOf(status.strip());
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("status", "status is OPEN, DISMISSED or UNDER_INVESTIGATION");
      }
    }
    List<Finding> found = store.find(r, p, s, MAX_LISTED);
    audit.record(AuditEvent.of(FindingAuditTypes.FINDINGS_VIEWED, auditor)
        .with("rule", r)
        .with("person", p)
        .with("status", s == null ? null : s.name())
        .with("count", found.size())
        .build());
    return found;
  }

  /**
   * One finding with its evidence opened: the auditor needs current training (the entries hold plates,
   * case numbers and reasons; a refusal is recorded), and the opening is recorded, durably, before any
   * private field is read.
   *
   * @throws Refusal 404 if there is no such finding; 403 {@code TRAINING_REQUIRED}
   */
  public Opened open(long id, Caller auditor) {
    Finding f = store.find(id).orElseThrow(() -> Refusal.notFound("finding " + id));
    try {
      training.requireCurrentTraining(auditor);
    } catch (Refusal r) {
      throw audit.recordDenied(AuditEvent.of(FindingAuditTypes.FINDING_ACCESS_REFUSED, auditor).denied(r.code())
          .with("findingId", id).build(), r);
    }
    List<Long> opened = f.evidence().stream().limit(MAX_OPENED).toList();
    long auditIndex = audit.recordAndSequence(AuditEvent.of(FindingAuditTypes.FINDING_EVIDENCE_OPENED, auditor)
        .with("findingId", id)
        .with("rule", f.rule())
        .with("person", f.person())
        .with("openedIndexes", opened)
        .build());
    List<Evidence> evidence = opened.stream().flatMap(i -> auditLog.entriesWithPrivateFields(i, 1).stream()
            .filter(e -> e.index() == i))
        .map(e -> new Evidence(e.index(), e.json(), e.privateFields())).toList();
    return new Opened(f, evidence, auditIndex);
  }

  /**
   * Dismisses an open finding with the auditor's reason, recorded ({@code FINDING_DISMISSED}, the reason
   * private) in the same transaction: if the entry cannot be written, the finding stays open.
   *
   * @throws Refusal 422 naming {@code reason} when it is missing or too long; 404; 409 {@code FINDING_NOT_OPEN}
   */
  public Finding dismiss(long id, String reason, Caller auditor) {
    String why = blankToNull(reason);
    if (why == null) {
      throw Refusal.invalid("reason", "a reason is required: why is this no misuse?");
    }
    if (why.length() > MAX_REASON) {
      throw Refusal.invalid("reason", "the reason is longer than " + MAX_REASON + " characters");
    }
    return tx.execute(s -> {
      Finding f = store.lock(id).orElseThrow(() -> Refusal.notFound("finding " + id));
      if (f.status() != Finding.Status.OPEN) {
        throw new Refusal(FindingRefusal.FINDING_NOT_OPEN, "finding " + id + " is " + f.status()
            + ", not OPEN: only an open finding is dismissed");
      }
      store.dismiss(id, why, auditor.pseudonym(), clock.instant());
      audit.record(AuditEvent.of(FindingAuditTypes.FINDING_DISMISSED, auditor)
          .with("findingId", id)
          .with("rule", f.rule())
          .with("person", f.person())
          .secret("reason", why)
          .build());
      return store.find(id).orElseThrow();
    });
  }

  /**
   * The findings with these ids, without their evidence (an investigation's page lists them; reading
   * the investigation is recorded there), in the order asked; an id with no finding is left out.
   */
  public List<Finding> withIds(List<Long> ids) {
    return ids.stream().limit(MAX_LISTED).map(store::find).flatMap(java.util.Optional::stream).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
