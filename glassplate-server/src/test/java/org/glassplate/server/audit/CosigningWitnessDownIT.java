package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.witness.FileWitnessStore;
import org.glassplate.log.witness.Witness;
import org.glassplate.log.witness.WitnessCommand;
import org.glassplate.server.core.Caller;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.ServerProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The log side of witnessing when some of its witnesses fail (issue 15): of three witnesses, one
 * takes the request and never answers (for longer than the test runs), one is down (nothing
 * listens), and one works. The working one still cosigns every new checkpoint while the first
 * holds its request, the served checkpoint carries the cosignatures it has, and appends go on.
 */
class CosigningWitnessDownIT extends IntegrationTest {
  private static final WitnessSigner WORKING = WitnessSigner.generate("witness.glassplate.test/working");
  private static final WitnessSigner DOWN = WitnessSigner.generate("witness.glassplate.test/down");
  private static final WitnessSigner SILENT = WitnessSigner.generate("witness.glassplate.test/silent");
  private static final int WORKING_PORT;
  private static final int DOWN_PORT;
  /** Takes connections and holds them without a word. */
  private static final ServerSocket SILENT_SOCKET;
  private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
  private static HttpServer working;

  static {
    try {
      WORKING_PORT = ServerProcesses.freePort();
      DOWN_PORT = ServerProcesses.freePort();
      SILENT_SOCKET = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    Thread accept = new Thread(() -> {
      while (!SILENT_SOCKET.isClosed()) {
        try {
          HELD.add(SILENT_SOCKET.accept());
        } catch (IOException e) {
          return; // closed
        }
      }
    }, "silent-witness");
    accept.setDaemon(true);
    accept.start();
  }

  @DynamicPropertySource
  static void witnesses(DynamicPropertyRegistry r) {
    // the silent one first: asked one after the other, it would hold up the rest
    r.add("glassplate.audit.witnesses[0].url", () -> "http://127.0.0.1:" + SILENT_SOCKET.getLocalPort());
    r.add("glassplate.audit.witnesses[0].vkey", () -> SILENT.key().vkey());
    r.add("glassplate.audit.witnesses[1].url", () -> "http://127.0.0.1:" + DOWN_PORT);
    r.add("glassplate.audit.witnesses[1].vkey", () -> DOWN.key().vkey());
    r.add("glassplate.audit.witnesses[2].url", () -> "http://127.0.0.1:" + WORKING_PORT);
    r.add("glassplate.audit.witnesses[2].vkey", () -> WORKING.key().vkey());
    // longer than this test takes: the silent witness's one request stays out
    r.add("glassplate.audit.witness-timeout", () -> "PT2M");
    r.add("glassplate.audit.witness-retry", () -> "PT1S");
  }

  @Autowired
  AuditRecorder recorder;

  @Autowired
  AuditLog auditLog;

  @AfterAll
  static void stopWitnesses() throws IOException {
    if (working != null) {
      working.stop(0);
    }
    SILENT_SOCKET.close();
    for (Socket s : HELD) {
      s.close();
    }
  }

  /** Starts the working witness in this JVM, once: it needs this log's key. */
  void startWorkingWitness() throws IOException {
    if (working != null) {
      return;
    }
    Path dir = Files.createTempDirectory("cosigning-down-it");
    Witness w = new Witness(WORKING, List.of(auditLog.verifierKey()), new FileWitnessStore(dir), Clock.systemUTC());
    working = WitnessCommand.serve(w, new InetSocketAddress("127.0.0.1", WORKING_PORT));
  }

  long probe() {
    return recorder.recordAndSequence(AuditEvent.of(AuditLogIT.PROBE, Caller.system())
        .with("marker", UUID.randomUUID().toString()).build());
  }

  String served() {
    return get("/api/v1/audit/checkpoint", null).body();
  }

  @Test
  void theWorkingWitnessCosignsEachCheckpointWhileAnotherIsDownAndAThirdNeverAnswers() throws Exception {
    startWorkingWitness();
    long first = probe();
    AuditRestartIT.await("the silent witness holds a request", () -> !HELD.isEmpty());

    String line = "\u2014 " + WORKING.key().name() + " ";
    long last = first;
    for (int round = 0; round < 3; round++) {
      long index = round == 0 ? first : probe(); // appends go on, the silent witness holding its request
      assertThat(index).isGreaterThanOrEqualTo(last);
      last = index;
      AuditRestartIT.await("the checkpoint covering " + index + " carries the working witness's cosignature", () -> {
        String c = served();
        return c.contains(line) && Long.parseLong(c.split("\n")[1]) > index;
      });
    }

    String c = served();
    assertThat(c).doesNotContain("\u2014 " + DOWN.key().name() + " ").doesNotContain("\u2014 " + SILENT.key().name() + " ");
    assertThat(HELD).as("the silent witness was asked once: its request is still out, and is left to finish")
        .hasSize(1);
    assertThat(auditLog.witnesses()).hasSize(3).allSatisfy(w -> {
      if (w.vkey().equals(WORKING.key().vkey())) {
        assertThat(w.lastCosignedSize()).hasValueSatisfying(s -> assertThat(s).isPositive());
      } else {
        assertThat(w.lastCosignedSize()).isEmpty();
        assertThat(w.lastCosignedAt()).isEmpty();
      }
    });
  }
}
