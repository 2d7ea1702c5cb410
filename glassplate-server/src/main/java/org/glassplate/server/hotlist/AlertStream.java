package org.glassplate.server.hotlist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.glassplate.server.accounts.AccessRevoked;
import org.glassplate.server.accounts.Credential;
import org.glassplate.server.accounts.Entitlements;
import org.glassplate.server.accounts.TokenRevoked;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes new alerts to operators over server-sent events, once the ingest transaction that raised
 * them has committed (R-HOT-2). Delivery runs on its own thread, so a slow browser never slows
 * ingest; each delivery to a person is audited as a view before it is sent (R-AUD-1).
 *
 * <p>A stream lasts only while its person may still see alerts through the credential it was opened
 * with (R-ACC-7; issue 12 item 4): it ends at once when the person is disabled, locked or reset, loses
 * the operator role, or the token is revoked (the accounts feature says so once the change commits,
 * {@link AccessRevoked} and {@link TokenRevoked}); and, should that news ever be missed, every alert
 * is sent only after the same check ({@link Entitlements#withdrawn}), which also catches training
 * that lapsed and a session past its limits, as the sweep every few seconds does for idle streams. A
 * stream that ends is told why (an {@code ended} event) and audited. A person holds at most
 * {@value #MAX_PER_PERSON} streams: opening another ends their oldest.
 */
@Component
public class AlertStream implements SmartLifecycle {
  /**
   * Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}): an open stream
   * is a request that never ends by itself, and would hold the shutdown until its time-out.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;
  /** Streams one person may hold at once (a few tabs or screens). */
  public static final int MAX_PER_PERSON = 3;
  /** What a stream must be entitled to. */
  static final String ROLE = Roles.OPERATOR;

  private static final Logger log = LoggerFactory.getLogger(AlertStream.class);

  private final Alerts alerts;
  private final Entitlements entitlements;
  private final AuditRecorder audit;
  private final TransactionTemplate tx;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Alert> pending = new ConcurrentLinkedQueue<>();
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "alert-stream");
    t.setDaemon(true);
    return t;
  });

  private volatile boolean running;

  private record Subscriber(Caller operator, Credential credential, SseEmitter emitter) {
  }

  AlertStream(Alerts alerts, Entitlements entitlements, AuditRecorder audit, TransactionTemplate tx) {
    this.alerts = alerts;
    this.entitlements = entitlements;
    this.audit = audit;
    this.tx = tx;
  }

  /** How many missed alerts a reconnecting stream is sent at most; the page shows more on reload. */
  static final int RESUME_LIMIT = 500;

  /**
   * Opens a stream for one operator; it stays open until the browser goes away or the operator's
   * access through {@code credential} ends. A stream that reconnects names the last alert it had
   * ({@code Last-Event-ID}, or {@code after} for a page that opens a new stream): the alerts raised
   * since are sent first, so that a dropped connection or a server restart loses none.
   */
  public SseEmitter subscribe(Caller operator, Credential credential, Long afterAlertId) {
    if (!running) {
      throw new Refusal(HotlistRefusal.STOPPING,
          "the server is stopping; the stream reconnects when it is back", null);
    }
    SseEmitter emitter = new SseEmitter(0L);
    Subscriber s = new Subscriber(operator, credential, emitter);
    emitter.onCompletion(() -> subscribers.remove(s));
    emitter.onTimeout(() -> subscribers.remove(s));
    emitter.onError(e -> subscribers.remove(s));
    List<Subscriber> oldest = new ArrayList<>();
    synchronized (this) {
      List<Subscriber> theirs = subscribers.stream().filter(x -> x.credential().accountId() == credential.accountId())
          .toList();
      // subscribers keeps the order streams were opened in: the first of theirs is the oldest
      oldest.addAll(theirs.subList(0, Math.max(0, theirs.size() - (MAX_PER_PERSON - 1))));
      // subscribed before the missed alerts are read: one raised meanwhile may come twice, never not at all
      subscribers.add(s);
    }
    oldest.forEach(o -> end(o, "REPLACED_BY_NEWER_STREAM"));
    List<Alert> missed;
    try {
      // audited before anything is sent; if the audit log cannot take it, the stream is refused (503)
      missed = afterAlertId == null ? List.of()
          : tx.execute(status -> alerts.viewAfter(operator, afterAlertId, RESUME_LIMIT, "stream"));
    } catch (RuntimeException e) {
      subscribers.remove(s);
      throw e;
    }
    try {
      emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON).reconnectTime(2000));
      for (Alert a : missed) {
        emitter.send(SseEmitter.event().name("alert").id(Long.toString(a.id()))
            .data(a.toJson(), MediaType.APPLICATION_JSON));
      }
    } catch (IOException e) {
      subscribers.remove(s);
    }
    return emitter;
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every open stream when the server stops, so that the graceful shutdown is not held up;
   * browsers reconnect on their own (the stream asks for a retry after 2 s) once it is back.
   */
  @Override
  public void stop() {
    running = false;
    for (Subscriber s : subscribers) {
      subscribers.remove(s);
      try {
        s.emitter().send(SseEmitter.event().name("closing").data("{}", MediaType.APPLICATION_JSON));
        s.emitter().complete();
      } catch (IOException | IllegalStateException e) {
        // the browser had already gone
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  @jakarta.annotation.PreDestroy
  void close() {
    dispatcher.shutdownNow();
    subscribers.forEach(s -> s.emitter().complete());
    subscribers.clear();
  }

  int subscriberCount() {
    return subscribers.size();
  }

  /** How many streams the person holds open now. */
  public int openStreams(long accountId) {
    return (int) subscribers.stream().filter(s -> s.credential().accountId() == accountId).count();
  }

  @TransactionalEventListener
  void on(AlertRaised raised) {
    if (subscribers.isEmpty()) {
      return;
    }
    pending.add(raised.alert());
    dispatcher.execute(this::drain);
  }

  /** The person's access was withdrawn or narrowed: their streams are checked now, after the commit. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(AccessRevoked revoked) {
    recheck(s -> s.credential().accountId() == revoked.accountId());
  }

  /** A token was revoked: the streams opened with it end now, after the commit. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(TokenRevoked revoked) {
    recheck(s -> s.credential().accountId() == revoked.accountId());
  }

  /**
   * Ends the streams whose person may no longer see alerts through them: training lapsed, a session
   * idle or too old, or a revocation whose news was missed.
   */
  @Scheduled(fixedDelayString = "${glassplate.hotlist.stream-check:PT3S}", initialDelayString = "PT3S")
  void sweep() {
    recheck(s -> true);
  }

  private void recheck(Predicate<Subscriber> which) {
    for (Subscriber s : subscribers) {
      if (!which.test(s)) {
        continue;
      }
      try {
        withdrawn(s).ifPresent(reason -> end(s, reason));
      } catch (RuntimeException e) {
        // the check itself failed (the database is away): end the stream rather than keep it unchecked
        log.warn("checking an alert stream failed: {}", e.getClass().getName());
        end(s, "CHECK_FAILED");
      }
    }
  }

  private Optional<String> withdrawn(Subscriber s) {
    return entitlements.withdrawn(s.credential(), ROLE);
  }

  /** Ends a stream, telling the page why (it does not reconnect), and audits it. */
  private void end(Subscriber s, String reason) {
    if (!subscribers.remove(s)) {
      return; // ended already
    }
    try {
      s.emitter().send(SseEmitter.event().name("ended").data("{\"reason\":\"" + reason + "\"}",
          MediaType.APPLICATION_JSON));
      s.emitter().complete();
    } catch (IOException | IllegalStateException e) {
      // the browser had already gone
    }
    try {
      audit.recordDenied(AuditEvent.of(HotlistAuditTypes.ALERT_STREAM_ENDED, s.operator())
          .outcome("ENDED").reasonCode(reason).build());
    } catch (RuntimeException e) {
      // the stream is closed whatever the log says: closing never needs the log's leave
      log.warn("auditing the end of an alert stream failed: {}", e.getClass().getName());
    }
  }

  private void drain() {
    List<Alert> batch = new ArrayList<>();
    for (Alert a; (a = pending.poll()) != null; ) {
      batch.add(a);
    }
    if (batch.isEmpty() || subscribers.isEmpty()) {
      return;
    }
    try {
      for (Subscriber s : subscribers) {
        deliver(s, batch);
      }
    } catch (RuntimeException e) {
      log.warn("alert delivery failed: {}", e.getClass().getName());
    }
  }

  private void deliver(Subscriber s, List<Alert> batch) {
    Optional<String> withdrawn;
    try {
      withdrawn = withdrawn(s);
    } catch (RuntimeException e) {
      withdrawn = Optional.of("CHECK_FAILED");
    }
    if (withdrawn.isPresent()) {
      // access ended while connected (R-ACC-7): no more plate data on this stream
      end(s, withdrawn.get());
      return;
    }
    // audited before it is shown: if the audit log cannot take it, the operator is not shown it
    tx.executeWithoutResult(status -> alerts.recordView(s.operator(), batch, "stream"));
    try {
      for (Alert a : batch) {
        s.emitter().send(SseEmitter.event().name("alert").id(Long.toString(a.id()))
            .data(a.toJson(), MediaType.APPLICATION_JSON));
      }
    } catch (IOException | IllegalStateException e) {
      subscribers.remove(s);
      s.emitter().completeWithError(e);
    }
  }

  /** Keeps idle connections open through proxies and notices browsers that went away. */
  @Scheduled(fixedDelay = 15_000)
  void heartbeat() {
    for (Subscriber s : subscribers) {
      try {
        s.emitter().send(SseEmitter.event().comment("keep-alive"));
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(s);
      }
    }
  }
}
