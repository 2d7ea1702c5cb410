package org.glassplate.server.audit;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.CosignatureVerificationException;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.server.audit.internal.CosignatureRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The log side of witnessing (issue 15, R-AUD-5; C2SP tlog-witness): after each new checkpoint,
 * and again every {@code glassplate.audit.witness-retry} while a witness has not cosigned the
 * latest one, sends it to each witness of {@code glassplate.audit.witnesses} with the consistency
 * proof from the size that witness last cosigned (or the size its 409 names), and likewise to the
 * partner nodes that the policy in force has agreements with ({@link AgreementWitnessing}, asked
 * each time, so agreements come and go with policy versions), verifies the
 * returned {@code cosignature/v1} against the configured (or agreed) key and stores it. The served checkpoint
 * carries the lines of the witnesses that cosigned exactly it ({@link #servedNote}).
 */
@Component
class Cosigning {
  private static final Logger log = LoggerFactory.getLogger(Cosigning.class);
  private static final long CACHE_NANOS = 250_000_000L;

  private final CosigningSettings settings;
  private final ObjectProvider<AgreementWitnessing> agreements;
  private final Checkpoints checkpoints;
  private final TileStore tiles;
  private final CosignatureRows rows;
  private final Clock clock;
  private final HttpClient http;
  private final Map<WitnessKey, Attempt> attempts = new ConcurrentHashMap<>();
  private volatile Served served;
  /** The witnesses a request is out to; one at a time per witness. */
  private final Set<WitnessKey> asking = ConcurrentHashMap.newKeySet();
  private final ExecutorService askers;

  /** The last request to one witness: of which size, when, and the size it says it knows. */
  private record Attempt(long size, long atNanos, long knownSize) {
  }

  /** The served note of one checkpoint, with its cosignature lines, as read at {@code readAt}. */
  private record Served(long size, String note, long readAtNanos) {
  }

  Cosigning(CosigningSettings settings, Checkpoints checkpoints, TileStore tiles, CosignatureRows rows, Clock clock,
      ObjectProvider<AgreementWitnessing> agreements) {
    this.settings = settings;
    this.agreements = agreements;
    this.checkpoints = checkpoints;
    this.tiles = tiles;
    this.rows = rows;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.witnessTimeout()).build();
    AtomicInteger n = new AtomicInteger();
    // one thread per witness being asked at most (a witness is asked again only once it answered); the
    // witnesses named by agreements come and go with the policy, so the pool is not of a fixed size
    this.askers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "cosigning-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The witnesses of this log now: the configured ones, then each agreement partner's node whose
   * witness key is not configured already (a partner's agreement cannot replace a configured URL).
   */
  List<CosigningSettings.ConfiguredWitness> witnesses() {
    AgreementWitnessing a = agreements.getIfAvailable();
    List<AgreementWitnessing.PartnerWitness> partners = a == null ? List.of() : a.witnesses();
    if (partners.isEmpty()) {
      return settings.witnesses();
    }
    List<CosigningSettings.ConfiguredWitness> out = new ArrayList<>(settings.witnesses());
    for (AgreementWitnessing.PartnerWitness p : partners) {
      CosigningSettings.ConfiguredWitness w = new CosigningSettings.ConfiguredWitness(p.url(), p.vkey());
      if (out.stream().noneMatch(x -> x.key().equals(w.key()))) {
        out.add(w);
      }
    }
    return out;
  }

  /** This log's witnesses, with the latest size each cosigned and when (empty: none yet). */
  List<WitnessStatus> status() {
    List<WitnessStatus> out = new ArrayList<>();
    for (CosigningSettings.ConfiguredWitness w : witnesses()) {
      CosignatureRows.Row r = rows.latest(w.key().name(), w.key().keyId());
      out.add(new WitnessStatus(w.key().vkey(), w.url().toString(),
          r == null ? Optional.empty() : Optional.of(r.size()),
          r == null ? Optional.empty() : Optional.of(r.receivedAt())));
    }
    return out;
  }

  /**
   * The checkpoint note as served: the log's signed note followed by the cosignature lines of the
   * witnesses that cosigned exactly this checkpoint (same size and root), if any.
   */
  String servedNote(AuditLog.SignedCheckpoint c) {
    if (witnesses().isEmpty()) {
      return c.note();
    }
    Served s = served;
    if (s != null && s.size() == c.size() && System.nanoTime() - s.readAtNanos() < CACHE_NANOS) {
      return s.note();
    }
    StringBuilder note = new StringBuilder(c.note());
    for (String line : rows.lines(c.size(), c.rootHash())) {
      note.append(line).append('\n');
    }
    String n = note.toString();
    served = new Served(c.size(), n, System.nanoTime());
    return n;
  }

  /**
   * Sends the latest checkpoint to the witnesses that have not cosigned it, each on a thread of its
   * own: a witness that is down or never answers delays neither the others nor the node's other
   * scheduled jobs (one scheduler thread), and a witness still busy with an earlier request is left
   * to finish it. Appends never wait for any of this.
   */
  @Scheduled(fixedDelayString = "${glassplate.audit.witness-poll:PT1S}")
  void collect() {
    List<CosigningSettings.ConfiguredWitness> witnesses = witnesses();
    if (witnesses.isEmpty()) {
      return;
    }
    Optional<AuditLog.SignedCheckpoint> latest = checkpoints.latest();
    if (latest.isEmpty() || latest.get().size() == 0) {
      return;
    }
    for (CosigningSettings.ConfiguredWitness w : witnesses) {
      if (!asking.add(w.key())) {
        continue;
      }
      try {
        askers.execute(() -> {
          try {
            ask(w, latest.get());
          } catch (RuntimeException e) {
            log.warn("asking witness {} to cosign failed: {}", w.url(), e.toString());
          } finally {
            asking.remove(w.key());
          }
        });
      } catch (RejectedExecutionException e) {
        asking.remove(w.key()); // shutting down
      }
    }
  }

  @PreDestroy
  void stop() {
    askers.shutdownNow();
  }

  private void ask(CosigningSettings.ConfiguredWitness w, AuditLog.SignedCheckpoint c) {
    WitnessKey key = w.key();
    CosignatureRows.Row cosigned = rows.latest(key.name(), key.keyId());
    if (cosigned != null && cosigned.size() >= c.size()) {
      return;
    }
    Attempt last = attempts.get(key);
    long now = System.nanoTime();
    if (last != null && last.size() == c.size() && now - last.atNanos() < settings.witnessRetry().toNanos()) {
      return;
    }
    long old = cosigned != null ? cosigned.size() : 0;
    if (last != null && last.knownSize() >= 0) {
      old = last.knownSize();
    }
    for (int round = 0; round < 2; round++) {
      long known = send(w, key, c, old);
      attempts.put(key, new Attempt(c.size(), now, known));
      if (known < 0 || known == old) {
        return;
      }
      old = known; // a 409 named the size the witness knows: ask once more from there
    }
  }

  /** Sends one add-checkpoint; returns the size the witness says it knows on a 409, else -1. */
  private long send(CosigningSettings.ConfiguredWitness w, WitnessKey key, AuditLog.SignedCheckpoint c, long old) {
    if (old > c.size()) {
      log.error("witness {} knows this log at size {}, larger than its latest checkpoint {}: the log was rolled back",
          w.url(), old, c.size());
      return -1;
    }
    StringBuilder body = new StringBuilder("old ").append(old).append('\n');
    if (old > 0 && old < c.size()) {
      for (byte[] h : Proofs.consistency(old, c.size(), tiles.reader(c.size()))) {
        body.append(Base64.getEncoder().encodeToString(h)).append('\n');
      }
    }
    body.append('\n').append(c.note());
    HttpResponse<String> res;
    try {
      res = http.send(HttpRequest.newBuilder(w.addCheckpoint())
              .timeout(settings.witnessTimeout())
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.warn("witness {} did not answer: {}", w.url(), e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    if (res.statusCode() == 409 && res.headers().firstValue("Content-Type").orElse("").startsWith("text/x.tlog.size")) {
      try {
        return Long.parseLong(res.body().strip());
      } catch (NumberFormatException e) {
        log.warn("witness {} answered 409 without a size", w.url());
        return -1;
      }
    }
    if (res.statusCode() != 200) {
      log.warn("witness {} refused the checkpoint of size {}: HTTP {} {}", w.url(), c.size(), res.statusCode(),
          firstLine(res.body()));
      return -1;
    }
    String checkpointBody = c.note().substring(0, c.note().indexOf("\n\n") + 1);
    try {
      Checkpoint.parse(checkpointBody);
    } catch (CheckpointVerificationException e) {
      throw new IllegalStateException("the log's own checkpoint does not parse", e);
    }
    for (String line : res.body().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        Cosignature.verify(line, key, checkpointBody);
      } catch (CosignatureVerificationException e) {
        continue; // another of the witness's keys, or a bad line: not this witness's cosignature
      }
      Instant at = clock.instant();
      rows.insert(new CosignatureRows.Row(key.name(), key.keyId(), c.size(), c.rootHash(), line, at));
      served = null;
      return -1;
    }
    log.warn("witness {} answered 200 without a valid cosignature by {} of the checkpoint of size {}",
        w.url(), key.vkey(), c.size());
    return -1;
  }

  private static String firstLine(String s) {
    int i = s.indexOf('\n');
    String l = i < 0 ? s : s.substring(0, i);
    return l.length() > 200 ? l.substring(0, 200) : l;
  }
}
