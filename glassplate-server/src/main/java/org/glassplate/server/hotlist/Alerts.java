package org.glassplate.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.hotlist.internal.AlertStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alerts raised by hot-list hits, their verification by a person, and the accuracy figures
 * (R-HOT-2, R-HOT-3). Every view of an alert by a person is audited (R-AUD-1). An alert holds a
 * copy of the read, so past the policy's hit retention its plate and position are erased; the
 * counts and outcomes stay for the accuracy figures.
 */
@Service
public class Alerts {
  static final int MAX_NOTE = 2000;

  private final AlertStore store;
  private final AuditRecorder audit;
  private final HotlistPolicy policy;
  private final Clock clock;
  private final AlertMetrics metrics;

  Alerts(AlertStore store, AuditRecorder audit, HotlistPolicy policy, Clock clock, AlertMetrics metrics) {
    this.store = store;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The newest alerts (at most {@code limit}, newest first), and the view is audited. */
  @Transactional
  public List<Alert> viewRecent(Caller viewer, int limit, String channel) {
    List<Alert> alerts = store.recent(limit);
    recordView(viewer, alerts, channel);
    return alerts;
  }

  /**
   * The newest alerts nobody has verified yet (at most {@code limit}, newest first), and the view is
   * audited.
   */
  @Transactional
  public List<Alert> viewRecentUnverified(Caller viewer, int limit, String channel) {
    List<Alert> alerts = store.recentUnverified(limit);
    recordView(viewer, alerts, channel);
    return alerts;
  }

  /** How many alerts (not yet past the hit retention) nobody has verified yet. */
  public long countUnverified() {
    return store.countUnverified();
  }

  /**
   * The alerts raised after alert {@code afterId}, oldest first, for a stream that reconnects and
   * must not miss what came meanwhile: the newest {@code limit} of them if there are more (the
   * newest matter most). The view is audited when there is any.
   */
  @Transactional
  public List<Alert> viewAfter(Caller viewer, long afterId, int limit, String channel) {
    List<Alert> alerts = store.after(afterId, limit);
    if (!alerts.isEmpty()) {
      recordView(viewer, alerts, channel);
    }
    return alerts;
  }

  /** One alert, and the view is audited. */
  @Transactional
  public Alert view(Caller viewer, long id, String channel) {
    Alert a = find(id).orElseThrow(() -> Refusal.notFound("alert"));
    recordView(viewer, List.of(a), channel);
    return a;
  }

  /** Records that a person was shown these alerts (R-AUD-1: every alert viewed). */
  public void recordView(Caller viewer, List<Alert> alerts, String channel) {
    audit.record(AuditEvent.of(HotlistAuditTypes.ALERTS_VIEWED, viewer)
        .with("channel", channel).with("resultCount", alerts.size())
        .with("alertIds", alerts.stream().map(a -> Long.toString(a.id())).collect(Collectors.joining(",")))
        .build());
  }

  public Optional<Alert> find(long id) {
    return store.find(id);
  }

  /**
   * Records a person's verification of a hit (R-HOT-3). An alert is verified once; a misread or an
   * "other" outcome says in the note what the person saw. The note is private (it may name people):
   * staff see it on the alert, the audit entry only commits to it.
   */
  @Transactional
  public Alert verify(long alertId, VerificationOutcome outcome, String note, Caller person) {
    if (note != null && note.length() > MAX_NOTE) {
      throw Refusal.invalid("note", "note is at most " + MAX_NOTE + " characters");
    }
    Alert a = find(alertId).orElseThrow(() -> Refusal.notFound("alert"));
    if (a.verification() != null) {
      throw new Refusal(HotlistRefusal.ALREADY_VERIFIED, "this alert has already been verified");
    }
    if (outcome.needsNote() && (note == null || note.isBlank())) {
      throw Refusal.invalid("note", "a note is required when the outcome is " + outcome.code()
          + ": say what you saw");
    }
    if (!store.verify(alertId, outcome, note, person.id(), person.pseudonym(), clock.instant())) {
      throw new Refusal(HotlistRefusal.ALREADY_VERIFIED, "this alert has already been verified");
    }
    audit.record(AuditEvent.of(HotlistAuditTypes.ALERT_VERIFIED, person).policy(policy.sha256())
        .with("alertId", alertId).with("verification", outcome.code()).with("matchKind", a.matchKind().code())
        .with("hotlistId", a.listId()).with("source", a.source().code())
        .with("notePresent", note != null && !note.isBlank()).secret("note", note).build());
    metrics.verified(outcome);
    return find(alertId).orElseThrow();
  }

  /** Accuracy figures of alerts raised since {@code since}: over all, per match kind and per list. */
  public Accuracy accuracy(Instant since) {
    Map<String, long[]> all = new TreeMap<>();
    Map<String, long[]> byKind = new TreeMap<>();
    Map<String, long[]> byList = new TreeMap<>();
    for (MatchKind k : MatchKind.values()) {
      byKind.put(k.code(), new long[6]);
    }
    all.put("all", new long[6]);
    for (AlertStore.Count c : store.countsSince(since)) {
      add(all.get("all"), c.outcome(), c.n());
      add(byKind.computeIfAbsent(c.matchKind(), k -> new long[6]), c.outcome(), c.n());
      add(byList.computeIfAbsent(String.valueOf(c.listId()), k -> new long[6]), c.outcome(), c.n());
    }
    return new Accuracy(figures(all).get(0), figures(byKind), figures(byList));
  }

  /** Hit accuracy over all alerts, per match kind and per list (group = the list's id). */
  public record Accuracy(HitAccuracy all, List<HitAccuracy> byMatchKind, List<HitAccuracy> byList) {
  }

  private static void add(long[] f, String outcome, long n) {
    f[0] += n;
    if (outcome != null) {
      f[1] += n;
      switch (VerificationOutcome.parse(outcome)) {
        case CONFIRMED -> f[2] += n;
        case MISREAD -> f[3] += n;
        case STALE_ENTRY -> f[4] += n;
        case OTHER -> f[5] += n;
      }
    }
  }

  private static List<HitAccuracy> figures(Map<String, long[]> m) {
    List<HitAccuracy> out = new ArrayList<>();
    m.forEach((k, f) -> out.add(new HitAccuracy(k, f[0], f[1], f[2], f[3], f[4], f[5])));
    return out;
  }

  /**
   * Which of {@code readIds} raised a hit (an alert), for a sharing agreement that shares hits only
   * (R-SHR-1): a page of search results at most, never a whole table.
   */
  public java.util.Set<Long> raisedHits(java.util.Collection<Long> readIds) {
    if (readIds.size() > 1000) {
      throw new IllegalArgumentException("at most 1000 reads at a time");
    }
    return java.util.Set.copyOf(store.readsWithAlerts(readIds));
  }

  /** How many alerts (hits) were raised since {@code since}: a public figure (R-PUB-1). */
  public long countRaisedSince(Instant since) {
    return store.countRaisedSince(since);
  }

  /**
   * Erases the read copied into alerts once the policy's hit retention has passed (as the hit read
   * itself is deleted then): plate, state and position go, the outcome stays for the figures.
   */
  @Scheduled(fixedDelayString = "${glassplate.hotlist.redact-interval:PT1M}", initialDelayString = "PT30S")
  @Transactional
  public int redactPastRetention() {
    Instant cutoff = clock.instant().minus(policy.hitRetention());
    int n = store.redactCapturedBefore(cutoff);
    if (n > 0) {
      audit.record(AuditEvent.of(HotlistAuditTypes.ALERTS_REDACTED, Caller.system()).policy(policy.sha256())
          .with("alertsRedacted", n).with("capturedBefore", cutoff.toString()).build());
    }
    return n;
  }
}
