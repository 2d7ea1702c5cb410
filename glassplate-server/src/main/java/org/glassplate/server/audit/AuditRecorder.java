package org.glassplate.server.audit;

import org.glassplate.server.audit.internal.AuditStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassplate.log.tiles.Tiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.glassplate.server.core.Figures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only way to write an audit entry (R-AUD-1). {@link #record} appends in the caller's
 * transaction, so the entry and the action it records commit together or not at all; if the append
 * fails, {@link AuditUnavailable} is thrown and the action must not happen (fail closed).
 * {@link #recordAndSequence} commits the entry on its own and returns only once it has its log index,
 * for actions that must be on the record before they show anything (a search's results).
 * {@link #recordDenied} commits a refusal on its own, so that it stays on the record when the
 * request that was refused rolls back (STYLE.md 6; the only place a refusal is audited).
 *
 * <p>An entry is canonical JSON (keys sorted, no spaces) of its public fields plus
 * {@code commitment}: base64 SHA-256 over a random 16-byte salt followed by the canonical JSON of
 * the private fields. The salt and private fields are kept apart for auditors to open.
 */
@Component
public class AuditRecorder {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final JsonMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final long DB_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /** The append latency and, for callers that wait for the index, the time to it (issue 18). */
  static final String APPEND_METRIC = "glassplate.audit.append";
  static final String SEQUENCED_METRIC = "glassplate.audit.append.sequenced";

  private final Clock clock;
  private final String agencyId;
  private final Sequencer sequencer;
  private final AuditStore store;
  private final TransactionTemplate ownTransaction;
  private final long timeoutNanos;
  private final Timer appendTimer;
  private final Timer sequencedTimer;

  AuditRecorder(Clock clock, @Value("${glassplate.agency.id:demo-pd}") String agencyId,
      Sequencer sequencer, AuditStore store, PlatformTransactionManager transactions, AuditSettings settings,
      MeterRegistry registry) {
    this.clock = clock;
    this.agencyId = agencyId;
    this.sequencer = sequencer;
    this.store = store;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.timeoutNanos = settings.sequenceTimeout().toNanos();
    this.appendTimer = Timer.builder(APPEND_METRIC)
        .description("time to write one audit entry (durable with the action's transaction)").register(registry);
    this.sequencedTimer = Timer.builder(SEQUENCED_METRIC)
        .description("time from writing an audit entry to its log index, for callers that wait for it (searches)")
        .register(registry);
  }

  /**
   * Appends the entry in the current transaction (or on its own when there is none).
   *
   * @return the pending entry's id (its log index is assigned when the sequencer integrates it,
   *     shortly after the transaction commits)
   * @throws AuditUnavailable if the entry cannot be written
   */
  public long record(AuditEvent event) {
    long id = insert(event);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          sequencer.wake();
        }
      });
    } else {
      sequencer.wake();
    }
    return id;
  }

  /**
   * Records a refusal (or a failed attempt) in a transaction of its own, whatever the caller's: it is
   * committed when this returns, and stays when the caller's transaction rolls back.
   *
   * @param event the refusal, usually built with {@link AuditEvent.Builder#denied} or
   *     {@link AuditEvent.Builder#failed}
   * @return the pending entry's id
   * @throws AuditUnavailable if it cannot be written; the caller must then answer with this failure
   *     rather than go on (fail closed: still a refusal, never the data)
   */
  public long recordDenied(AuditEvent event) {
    try {
      return ownTransaction.execute(status -> record(event));
    } catch (AuditUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditUnavailable(e);
    }
  }

  /**
   * Records a refusal as {@link #recordDenied(AuditEvent)} does, then returns {@code refusal} for the
   * caller to throw: {@code throw audit.recordDenied(event, new Refusal(...))}.
   *
   * @throws AuditUnavailable instead, if the refusal cannot be recorded
   */
  public <E extends RuntimeException> E recordDenied(AuditEvent event, E refusal) {
    recordDenied(event);
    return refusal;
  }

  /**
   * Commits the entry in a transaction of its own, whatever the caller's, then waits until the
   * sequencer has given it a log index (at most {@code glassplate.audit.sequence-timeout}).
   *
   * @return the entry's log index
   * @throws AuditUnavailable if the entry cannot be written or gets no index in time; the entry
   *     may still be integrated later, but the caller must not go on
   */
  public long recordAndSequence(AuditEvent event) {
    long started = System.nanoTime();
    long index = recordAndAwait(event);
    Figures.record(() -> sequencedTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    return index;
  }

  private long recordAndAwait(AuditEvent event) {
    long[] pendingId = {-1};
    CompletableFuture<Long> index;
    try {
      // Registered before the commit, so the sequencer cannot integrate it unnoticed.
      index = ownTransaction.execute(status -> {
        pendingId[0] = insert(event);
        return sequencer.expect(pendingId[0]);
      });
    } catch (RuntimeException e) {
      if (pendingId[0] >= 0) {
        sequencer.forget(pendingId[0]);
      }
      throw e instanceof AuditUnavailable a ? a : new AuditUnavailable(e);
    }
    sequencer.wake();
    return awaitIndex(pendingId[0], index);
  }

  private long awaitIndex(long pendingId, CompletableFuture<Long> index) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          try {
            // This server's sequencer completes the future; another server's is seen in the table.
            return index.get(sequencer.sequencing() ? left : Math.min(left, DB_POLL_NANOS), TimeUnit.NANOSECONDS);
          } catch (TimeoutException e) {
            // look in storage below
          }
        }
        Optional<Long> stored = store.indexOfPending(pendingId);
        if (stored.isPresent()) {
          return stored.get();
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new AuditUnavailable(new TimeoutException("no log index within the sequence timeout"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailable(e);
    } catch (ExecutionException | DataAccessException e) {
      throw new AuditUnavailable(e);
    } finally {
      sequencer.forget(pendingId);
    }
  }

  private long insert(AuditEvent event) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String privateJson = CANONICAL.writeValueAsString(new TreeMap<>(event.privateFields()));
    java.time.Instant time = clock.instant();
    byte[] entry = entryBytes(event, time, salt, privateJson);
    if (entry.length > Tiles.MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException("an audit entry is at most " + Tiles.MAX_ENTRY_SIZE + " bytes (tlog-tiles)");
    }
    try {
      long started = System.nanoTime();
      long id = store.insertPending(event.type().code(), entry, salt, privateJson, time);
      Figures.record(() -> appendTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
      return id;
    } catch (DataAccessException e) {
      throw new AuditUnavailable(e);
    }
  }

  /** The public entry; its {@code time} is also stored as the entry's {@code recorded_at} (the figures count by it). */
  byte[] entryBytes(AuditEvent event, java.time.Instant time, byte[] salt, String privateJson) {
    return entryBytes(event, time, salt, privateJson, agencyId);
  }

  /** One entry as {@link #record} writes it into audit_pending, built without the application (see {@link OfflineAudit}). */
  record PendingRow(int typeCode, byte[] entry, byte[] salt, String privateJson, java.time.Instant time) {
  }

  static PendingRow pendingRow(AuditEvent event, java.time.Instant time, String agencyId) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String privateJson = CANONICAL.writeValueAsString(new TreeMap<>(event.privateFields()));
    return new PendingRow(event.type().code(), entryBytes(event, time, salt, privateJson, agencyId), salt,
        privateJson, time);
  }

  static byte[] entryBytes(AuditEvent event, java.time.Instant time, byte[] salt, String privateJson,
      String agencyId) {
    Map<String, Object> e = new TreeMap<>(event.publicFields());
    e.put("type", event.type().name());
    e.put("typeCode", event.type().code());
    e.put("time", time.toString());
    e.put("agency", agencyId);
    e.put("actor", event.actor().pseudonym());
    e.put("actorKind", event.actor().kind().name());
    e.put("roles", event.actor().roles().stream().sorted().toList());
    e.put("outcome", event.outcome());
    if (event.reasonCode() != null) {
      e.put("reasonCode", event.reasonCode());
    }
    if (event.policySha256() != null) {
      e.put("policySha256", event.policySha256());
    }
    e.put("commitment", commitment(salt, privateJson));
    return CANONICAL.writeValueAsString(e).getBytes(StandardCharsets.UTF_8);
  }

  /** base64(SHA-256(salt || canonical private JSON)). */
  public static String commitment(byte[] salt, String privateJson) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      d.update(privateJson.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Asks the sequencer for a checkpoint covering what it has integrated, now rather than at its interval. */
  void checkpointSoon() {
    sequencer.checkpointSoon();
  }
}
