package org.glassplate.server.oversight.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.annotation.PreDestroy;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.LogSafe;
import org.glassplate.server.oversight.internal.FindingStore;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PurposeScreen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the misuse rules over the audit log continuously (R-GOV-4): every entry once, in index order,
 * as soon as it has its log index, on a schedule ({@code glassplate.oversight.findings-interval}) and
 * on demand ({@link #catchUp}). Each batch of entries, the findings they raise and the cursor past
 * them are committed together, so a finding is raised once whatever stops the server; a finding with
 * the same rule, person and evidence is stored once however often its entries are examined.
 * Thresholds are those of the policy in force when an entry is examined.
 */
@Component
public class FindingEngine {
  private static final Logger log = LoggerFactory.getLogger(FindingEngine.class);
  /**
   * Entries per batch (one transaction, one page of the log read): a from-scratch run over a million
   * entries commits 100 times, not 500 (docs/BENCHMARKS.md, issue 16).
   */
  static final int BATCH = 10_000;
  /** The entries the history is made of, read back when it is rebuilt. */
  static final List<AuditEventType> SEARCH_TYPES = List.of(AuditEventTypes.SEARCH_PERFORMED,
      AuditEventTypes.SEARCH_DENIED, AuditEventTypes.PARTNER_QUERY, AuditEventTypes.PARTNER_QUERY_REFUSED);

  private final AuditLog auditLog;
  private final FindingStore store;
  private final Policies policies;
  private final LegalFloor floor;
  private final Agency agency;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final List<FindingRule> rules;
  /** What came before the cursor, while it is the stored cursor; null when it must be rebuilt. */
  private History history;
  /** The context of the last batch, kept (with what it remembers of texts) while the policy in force is the same. */
  private RuleContext context;
  private EffectivePolicy contextPolicy;
  /**
   * Reads the page after the one being examined, and parses its entries, while the rules run (the log's
   * entries never change once they have an index), so that reading the log and judging it overlap and
   * the rules' thread only judges.
   */
  private final ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "findings-read-ahead");
    t.setDaemon(true);
    return t;
  });
  /** The page being read ahead, or null. */
  private Ahead ahead;
  /** Nanoseconds the rules waited for pages of the log in this catch-up (the rest is judging and storing). */
  private long waitedForPages;

  private record Ahead(long start, Future<List<LogEntry>> page) {
  }

  /**
   * One entry of a page as read: its record, or why it cannot be read (the class of the exception).
   *
   * @param index the log index
   * @param record the entry as the rules read it, or null
   * @param unreadable the exception's class name when it cannot be read, else null
   */
  private record LogEntry(long index, AuditRecord record, String unreadable) {
  }

  /** {@code count} entries from {@code start}, each read as a record where it can be. */
  private List<LogEntry> read(long start, int count) {
    List<AuditLog.PrivateEntry> entries = auditLog.entriesWithPrivateFields(start, count);
    List<LogEntry> out = new ArrayList<>(entries.size());
    for (AuditLog.PrivateEntry e : entries) {
      try {
        out.add(new LogEntry(e.index(), AuditRecord.of(e), null));
      } catch (RuntimeException unreadable) {
        out.add(new LogEntry(e.index(), null, unreadable.getClass().getName()));
      }
    }
    return out;
  }

  FindingEngine(AuditLog auditLog, FindingStore store, Policies policies, LegalFloor floor, Agency agency,
      Clock clock, PlatformTransactionManager transactions, List<FindingRule> rules) {
    this.auditLog = auditLog;
    this.store = store;
    this.policies = policies;
    this.floor = floor;
    this.agency = agency;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.rules = rules.stream().sorted(Comparator.comparing(FindingRule::id)).toList();
  }

  /** The rules, by id. */
  public List<FindingRule> rules() {
    return rules;
  }

  @Scheduled(fixedDelayString = "${glassplate.oversight.findings-interval:PT10S}",
      initialDelayString = "${glassplate.oversight.findings-initial-delay:PT15S}")
  void scheduled() {
    try {
      catchUp();
    } catch (RuntimeException e) {
      log.error("misuse rules failed: {}", e.getClass().getName(), LogSafe.redact(e));
    }
  }

  /**
   * Examines every entry that has a log index and was not examined yet.
   *
   * @return how many new findings were stored
   */
  public synchronized int catchUp() {
    int raised = 0;
    long examined = 0;
    long started = System.nanoTime();
    waitedForPages = 0;
    try {
      while (true) {
        int[] step = tx.execute(s -> step());
        raised += step[0];
        examined += step[1];
        if (step[1] < BATCH) {
          if (examined >= BATCH) {
            log.debug("misuse rules examined {} entries in {} ms, {} ms of it waiting for pages of the log", examined,
                (System.nanoTime() - started) / 1_000_000, waitedForPages / 1_000_000);
          }
          return raised;
        }
      }
    } finally {
      if (ahead != null) {
        ahead.page().cancel(false);
        ahead = null;
      }
    }
  }

  @PreDestroy
  void stop() {
    readAhead.shutdownNow();
  }

  /** The page of entries from {@code next}: the one read ahead if it starts there and is whole, else read now. */
  private List<LogEntry> page(long next) {
    long t0 = System.nanoTime();
    try {
      return pageNow(next);
    } finally {
      waitedForPages += System.nanoTime() - t0;
    }
  }

  private List<LogEntry> pageNow(long next) {
    Ahead a = ahead;
    ahead = null;
    List<LogEntry> page = null;
    if (a != null && a.start() == next) {
      try {
        page = a.page().get();
      } catch (ExecutionException e) {
        page = null; // read it again here, where a failure rolls the batch back
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the audit log", e);
      }
    } else if (a != null) {
      a.page().cancel(false);
    }
    if (page == null || page.size() < BATCH) {
      page = read(next, BATCH); // a short page may have grown since
    }
    if (page.size() == BATCH) {
      long after = page.get(page.size() - 1).index() + 1;
      ahead = new Ahead(after, readAhead.submit(() -> read(after, BATCH)));
    }
    return page;
  }

  /** One batch: {new findings, entries examined}. */
  private int[] step() {
    long next = store.lockCursor();
    store.commitWithoutWaitingForDisk();
    List<LogEntry> batch = page(next);
    if (batch.isEmpty()) {
      return new int[] {0, 0};
    }
    try {
      RuleContext context = context(next);
      Duration keep = context.lookback();
      List<Raised> raised = new ArrayList<>();
      for (LogEntry e : batch) {
        AuditRecord r = e.record();
        if (r == null) {
          // an entry changed behind the log's back is the self-audit's finding; the rules go on past it
          log.error("misuse rules skip audit entry {}: it cannot be read ({})", e.index(), e.unreadable());
          history.skip(e.index());
          continue;
        }
        for (FindingRule rule : rules) {
          raised.addAll(rule.examine(r, context));
        }
        history.add(r, keep);
      }
      int stored = store.insert(raised, clock.instant());
      store.saveLastActions(history.takeChangedLastActions());
      store.setCursor(history.nextIndex());
      return new int[] {stored, batch.size()};
    } catch (RuntimeException e) {
      history = null; // it may be ahead of what is committed: rebuild it from the log next time
      throw e;
    }
  }

  private RuleContext context(long next) {
    EffectivePolicy policy = policies.current();
    PurposeScreen screen = policies.purposeScreen();
    var thresholds = policy.content().oversight();
    if (history == null || history.nextIndex() != next) {
      history = rebuild(next, new RuleContext(thresholds, screen, policy.sharing(),
          policy.nonHitRetention(), floor, agency.state(), agency.timeZone(), null).lookback());
    }
    if (context == null || context.history() != history || contextPolicy != policy || context.screen() != screen) {
      context = new RuleContext(thresholds, screen, policy.sharing(), policy.nonHitRetention(), floor,
          agency.state(), agency.timeZone(), history);
      contextPolicy = policy;
    }
    return context;
  }

  /**
   * The history as it stood before index {@code next}: the stored last actions, and the searches read
   * back from the log, newest first, until a whole page is older than the longest window.
   */
  private History rebuild(long next, Duration keep) {
    History h = new History(next, store.lastActions());
    List<AuditRecord> earlier = new ArrayList<>();
    long before = next;
    Instant newest = null;
    while (before > 0) {
      List<AuditLog.PrivateEntry> page = auditLog.entriesWithPrivateFieldsBefore(SEARCH_TYPES, before, BATCH);
      boolean anyInWindow = false;
      for (AuditLog.PrivateEntry e : page) {
        AuditRecord r;
        try {
          r = AuditRecord.of(e);
        } catch (RuntimeException unreadable) {
          continue; // reported when it was examined
        }
        newest = newest == null ? r.time() : newest;
        if (!r.time().isBefore(newest.minus(keep))) {
          anyInWindow = true;
          earlier.add(r);
        }
      }
      if (page.size() < BATCH || !anyInWindow) {
        break;
      }
      before = page.get(page.size() - 1).index();
    }
    for (int i = earlier.size() - 1; i >= 0; i--) {
      h.addEarlier(earlier.get(i), keep);
    }
    return h;
  }
}
