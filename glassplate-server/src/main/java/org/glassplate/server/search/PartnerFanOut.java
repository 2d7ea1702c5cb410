package org.glassplate.server.search;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.sharing.Agreements;
import org.glassplate.server.sharing.FederationClient;
import org.glassplate.server.sharing.FederationResult;
import org.glassplate.server.sharing.PartnerQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks partner agencies the same search, in parallel (issue 14, item 4): every agency whose agreement in
 * force has it answer us (direction {@code they-answer} or {@code both}), or only those named. A named
 * agency without such an agreement is answered {@code REFUSED NO_AGREEMENT} here, without a query. The
 * queries run on a bounded pool; each has the {@link FederationClient}'s own timeout, and the whole
 * fan-out a bound of that timeout plus {@value #GRACE_SECONDS} s, after which a partner still silent is
 * {@code TIMEOUT}. Every partner asked is in the answer, in the order asked.
 */
@Component
class PartnerFanOut {
  static final long GRACE_SECONDS = 2;
  private static final int QUEUE = 256;

  private final Agreements agreements;
  private final FederationClient client;
  private final LegalFloor floor;
  private final ThreadPoolExecutor pool;
  /** The bound of a whole fan-out; a test may shorten it. */
  private Duration overall;

  PartnerFanOut(Agreements agreements, FederationClient client, LegalFloor floor,
      @Value("${glassplate.sharing.timeout:PT10S}") Duration timeout,
      @Value("${glassplate.sharing.fan-out-threads:8}") int threads) {
    this.agreements = agreements;
    this.client = client;
    this.floor = floor;
    this.overall = timeout.plusSeconds(GRACE_SECONDS);
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "partner-fan-out-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * A partner to ask: its agreement, or, when there is none that has it answer us, the refusal to answer
   * without asking.
   */
  record Target(String agency, SharingAgreement agreement, PartnerOutcome refusedHere) {
  }

  /** The partners {@code partners} names, each with its agreement in force, or refused here. */
  List<Target> targets(SearchRequest.Partners partners) {
    List<SharingAgreement> answering = agreements.inForce().agreements().stream()
        .map(Agreements.AgreementInForce::agreement)
        .filter(a -> a.terms() != null && a.terms().direction().theyAnswer())
        .toList();
    List<Target> out = new ArrayList<>();
    if (partners.all()) {
      answering.forEach(a -> out.add(target(a)));
      return out;
    }
    for (String id : partners.ids()) {
      Optional<SharingAgreement> a = answering.stream().filter(x -> x.id().equals(id)).findFirst();
      out.add(a.map(this::target).orElseGet(() -> new Target(id, null, PartnerOutcome.refusedHere(id, "NO_AGREEMENT",
          "no sharing agreement in force has this agency answer ours"))));
    }
    return out;
  }

  private Target target(SharingAgreement a) {
    Optional<String> rule = floor.violation(a);
    if (rule.isPresent()) { // the policy's own checks keep such an agreement out; this is the last line
      return new Target(a.id(), null, PartnerOutcome.refusedHere(a.id(), "LEGAL_FLOOR",
          "refused by the legal floor: " + rule.get()));
    }
    return new Target(a.id(), a, null);
  }

  /** Sends {@code query} to every target with an agreement, in parallel; one outcome per target, in order. */
  List<PartnerOutcome> ask(List<Target> targets, PartnerQuery query) {
    List<CompletableFuture<FederationResult>> sent = new ArrayList<>();
    for (Target t : targets) {
      if (t.agreement() == null) {
        sent.add(null);
        continue;
      }
      try {
        sent.add(CompletableFuture.supplyAsync(() -> client.search(t.agreement(), query), pool));
      } catch (RejectedExecutionException e) {
        sent.add(CompletableFuture.completedFuture(new FederationResult(FederationResult.Status.UNREACHABLE, null, 0,
            null, null, "this node has too many partner queries under way; try again")));
      }
    }
    long deadline = System.nanoTime() + overall.toNanos();
    List<PartnerOutcome> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      CompletableFuture<FederationResult> f = sent.get(i);
      if (f == null) {
        out.add(t.refusedHere());
        continue;
      }
      try {
        out.add(PartnerOutcome.of(t.agency(), f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
      } catch (TimeoutException e) {
        f.cancel(true);
        out.add(PartnerOutcome.noAnswer(t.agency(), FederationResult.Status.TIMEOUT,
            "no answer within " + overall.toMillis() + " ms"));
      } catch (ExecutionException e) {
        out.add(PartnerOutcome.noAnswer(t.agency(), FederationResult.Status.UNREACHABLE,
            "the query could not be sent (" + e.getCause().getClass().getSimpleName() + ")"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(PartnerOutcome.noAnswer(t.agency(), FederationResult.Status.UNREACHABLE,
            "interrupted while waiting for the partner node"));
      }
    }
    return out;
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }
}
