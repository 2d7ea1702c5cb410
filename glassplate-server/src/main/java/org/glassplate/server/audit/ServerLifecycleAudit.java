package org.glassplate.server.audit;

import org.glassplate.server.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Audits the server's own life (R-AUD-1): the creation of the log's signer key and of the witness
 * key, each start and each
 * stop. It starts after the sequencer and before the web server, and stops after the web server has
 * finished its last request and before the sequencer integrates what is left, so that the stop
 * entry is the last one this server writes.
 */
@Component
class ServerLifecycleAudit implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ServerLifecycleAudit.class);

  private final AuditRecorder recorder;
  private final LogKey key;
  private final NodeWitness witness;
  private volatile boolean running;

  ServerLifecycleAudit(AuditRecorder recorder, LogKey key, NodeWitness witness) {
    this.recorder = recorder;
    this.key = key;
    this.witness = witness;
  }

  @Override
  public void start() {
    if (key.createdNow()) {
      try {
        recorder.record(AuditEvent.of(AuditTypes.LOG_KEY_CREATED, Caller.system())
            .with("origin", key.origin())
            .with("verifierKey", key.verifierKey())
            .build());
      } catch (RuntimeException e) {
        key.discardUnaudited(); // a key nobody can see was created must not be used
        throw e;
      }
    }
    if (witness.keyCreatedNow()) {
      recorder.record(AuditEvent.of(AuditTypes.WITNESS_KEY_CREATED, Caller.system())
          .with("witnessKey", witness.key().vkey())
          .build());
    }
    recorder.record(AuditEvent.of(AuditTypes.SERVER_STARTED, Caller.system())
        .with("origin", key.origin())
        .build());
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    try {
      recorder.record(AuditEvent.of(AuditTypes.SERVER_STOPPED, Caller.system()).build());
    } catch (RuntimeException e) {
      log.error("could not audit the server's stop ({})", e.getClass().getSimpleName());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Sequencer.PHASE + 4096;
  }
}
