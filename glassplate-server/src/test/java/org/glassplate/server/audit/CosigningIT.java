package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.log.witness.WitnessCommand;
import org.glassplate.server.core.Caller;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.ServerProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 15's acceptance with two nodes: this server is log A, and a stand-alone witness B
 * ({@code ./glassplate witness}, a child JVM) is its witness. Each checkpoint of A soon carries B's
 * cosignature and {@code audit verify A --witness B_KEY --quorum 1} prints OK; after A's log is
 * truncated in the database and regrown with another tail, B refuses to cosign, keeps both signed
 * checkpoints, and {@code audit verify --witness} fails on A. Its own context and database: the
 * second test takes the log apart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CosigningIT extends IntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final WitnessSigner B = WitnessSigner.generate("witness.glassplate.test/b");
  private static final Path TMP;
  private static final int B_PORT;
  private static Process witness;

  static {
    try {
      TMP = Files.createTempDirectory("cosigning-it");
      B_PORT = ServerProcesses.freePort();
      Files.createDirectories(TMP.resolve("witness"));
      // B's key made here so that A can be configured with it before B starts (B needs A's key).
      Files.writeString(TMP.resolve("witness/witness.key"), B.signerKey() + "\n");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void witnesses(DynamicPropertyRegistry r) {
    r.add("glassplate.audit.witnesses[0].url", () -> "http://127.0.0.1:" + B_PORT);
    r.add("glassplate.audit.witnesses[0].vkey", () -> B.key().vkey());
    r.add("glassplate.audit.witness-retry", () -> "PT1S");
    r.add("glassplate.audit.sequence-timeout", () -> "PT2S");
  }

  @Autowired
  Sequencer sequencer;

  @Autowired
  AuditRecorder recorder;

  @Autowired
  AuditLog auditLog;

  @Autowired
  TransactionTemplate tx;

  @AfterAll
  static void stopWitness() throws InterruptedException {
    if (witness != null) {
      witness.destroy();
      if (!witness.waitFor(10, TimeUnit.SECONDS)) {
        witness.destroyForcibly();
      }
    }
  }

  /** Starts B, the stand-alone witness of A's log, as its own process, once. */
  void startWitness() throws Exception {
    if (witness != null) {
      return;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = TMP.resolve("witness.out");
    witness = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        WitnessCommand.class.getName(), "witness", "--port", Integer.toString(B_PORT),
        "--data", TMP.resolve("witness").toString(), "--log", auditLog.verifierKey())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    AuditRestartIT.await("the witness listens", () -> {
      try {
        return Files.readString(out).contains("listening ");
      } catch (IOException e) {
        return false;
      }
    });
    assertThat(Files.readString(out)).contains("witness " + B.key().vkey());
  }

  long probe() {
    return recorder.recordAndSequence(AuditEvent.of(AuditLogIT.PROBE, Caller.system())
        .with("marker", UUID.randomUUID().toString()).build());
  }

  String checkpoint() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/audit/checkpoint")).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  String verify(String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("audit", "verify", baseUrl(), "--pin-file", TMP.resolve("known-logs").toString()));
    args.addAll(List.of(options));
    int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return exit + " " + lines[lines.length - 1];
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  void asRogueAdmin(String sql) {
    tx.executeWithoutResult(s -> {
      jdbc.sql("SET LOCAL session_replication_role = replica").update();
      jdbc.sql(sql).update();
    });
  }

  @Test
  @Order(1)
  void eachCheckpointSoonCarriesTheWitnessCosignatureAndVerifiesWithAQuorumOfOne() throws Exception {
    startWitness();
    String line = "\u2014 " + B.key().name() + " ";
    for (int round = 0; round < 2; round++) {
      long index = probe();
      AuditRestartIT.await("the checkpoint covering " + index + " carries B's cosignature", () -> {
        try {
          String c = checkpoint();
          return c.contains(line) && Long.parseLong(c.split("\n")[1]) > index;
        } catch (Exception e) {
          return false;
        }
      });
    }
    String served = checkpoint();
    long size = Long.parseLong(served.split("\n")[1]);
    assertThat(count("SELECT count(*) FROM audit_cosignature WHERE size = " + size)).isEqualTo(1);
    assertThat(auditLog.witnesses()).singleElement().satisfies(w -> {
      assertThat(w.vkey()).isEqualTo(B.key().vkey());
      assertThat(w.lastCosignedSize()).hasValueSatisfying(s -> assertThat(s).isGreaterThanOrEqualTo(size));
      assertThat(w.lastCosignedAt()).isPresent();
    });
    // The verifier checks B's cosignature on the checkpoint it verified, whatever size it is then.
    assertThat(verify("--witness", B.key().vkey(), "--quorum", "1")).startsWith("0 OK size=");
    // A witness that did not cosign is named.
    WitnessSigner stranger = WitnessSigner.generate("witness.glassplate.test/stranger");
    assertThat(verify("--witness", B.key().vkey(), stranger.key().vkey()))
        .startsWith("1 FAIL: witness quorum not met: 1 of the 2 witnesses cosigned")
        .contains("not cosigned by " + stranger.key().vkey());
  }

  @Test
  @Order(2)
  void aRolledBackAndRewrittenLogIsRefusedByTheWitnessWhichKeepsBothCheckpoints() throws Exception {
    startWitness();
    long cosigned = count("SELECT coalesce(max(size), 0) FROM audit_cosignature");
    assertThat(cosigned).as("B cosigned A's log in the first test").isPositive();

    // An attacker with the database: the log truncated (the triggers disabled, as its owner can)
    // and the server restarted on it, so that it signs a rewritten tail with its own key.
    sequencer.stop();
    asRogueAdmin("TRUNCATE audit_entry, audit_private, audit_tile, audit_checkpoint, audit_log_state, audit_cosignature");
    sequencer.start();
    while (count("SELECT coalesce(max(size), 0) FROM audit_checkpoint") <= cosigned + 1) {
      probe();
    }
    long rewritten = count("SELECT max(size) FROM audit_checkpoint");

    // B refuses: the proof from what it cosigned to the rewritten tree cannot verify. It keeps
    // both signed checkpoints as evidence.
    Path forks = TMP.resolve("witness/forks");
    AuditRestartIT.await("the witness keeps evidence", () -> evidence(forks).findAny().isPresent());
    String evidence = Files.readString(evidence(forks).findFirst().orElseThrow());
    assertThat(evidence).contains("-- the checkpoint this witness cosigned, as the log signed it --")
        .contains("-- the add-checkpoint request that presented the other checkpoint --");
    assertThat(count("SELECT count(*) FROM audit_cosignature")).isZero();
    assertThat(checkpoint()).doesNotContain("\u2014 " + B.key().name() + " ");
    AuditRestartIT.await("a checkpoint at least as large as " + rewritten, () -> {
      try {
        return Long.parseLong(checkpoint().split("\n")[1]) >= rewritten;
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(verify("--witness", B.key().vkey(), "--quorum", "1"))
        .startsWith("1 FAIL: witness quorum not met: 0 of the 1 witnesses cosigned");
  }

  private static Stream<Path> evidence(Path forks) {
    try (Stream<Path> files = Files.walk(forks)) {
      return files.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }
}
