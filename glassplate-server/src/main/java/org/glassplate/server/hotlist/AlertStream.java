package org.glassplate.server.hotlist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
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
 */
@Component
public class AlertStream implements SmartLifecycle {
  /**
   * Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}): an open stream
   * is a request that never ends by itself, and would hold the shutdown until its time-out.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private static final Logger log = LoggerFactory.getLogger(AlertStream.class);

  private final Alerts alerts;
  private final TrainingGate training;
  private final TransactionTemplate tx;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Alert> pending = new ConcurrentLinkedQueue<>();
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "alert-stream");
    t.setDaemon(true);
    return t;
  });

  private volatile boolean running;

  private record Subscriber(Caller operator, SseEmitter emitter) {
  }

  AlertStream(Alerts alerts, TrainingGate training, TransactionTemplate tx) {
    this.alerts = alerts;
    this.training = training;
    this.tx = tx;
  }

  /** How many missed alerts a reconnecting stream is sent at most; the page shows more on reload. */
  static final int RESUME_LIMIT = 500;

  /**
   * Opens a stream for one operator; it stays open until the browser goes away. A stream that reconnects names the last alert it had
   * ({@code Last-Event-ID}, or {@code after} for a page that opens a new stream): the alerts raised
   * since are sent first, so that a dropped connection or a server restart loses none.
   */
  public SseEmitter subscribe(Caller operator, Long afterAlertId) {
    if (!running) {
      throw new Refusal(HotlistRefusal.STOPPING,
          "the server is stopping; the stream reconnects when it is back", null);
    }
    SseEmitter emitter = new SseEmitter(0L);
    Subscriber s = new Subscriber(operator, emitter);
    emitter.onCompletion(() -> subscribers.remove(s));
    emitter.onTimeout(() -> subscribers.remove(s));
    emitter.onError(e -> subscribers.remove(s));
    // subscribed before the missed alerts are read: one raised meanwhile may come twice, never not at all
    subscribers.add(s);
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

  @TransactionalEventListener
  void on(AlertRaised raised) {
    if (subscribers.isEmpty()) {
      return;
    }
    pending.add(raised.alert());
    dispatcher.execute(this::drain);
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
    if (s.operator().kind() == Caller.Kind.USER && !training.hasCurrentTraining(s.operator().id())) {
      // training expired while connected (R-ACC-3): no more plate data on this stream
      subscribers.remove(s);
      s.emitter().complete();
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
