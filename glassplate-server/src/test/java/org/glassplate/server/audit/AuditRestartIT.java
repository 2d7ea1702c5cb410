package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.server.GlassplateApplication;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Caller;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sequencer across restarts and servers (issue 3): one writer per database, hand-over, the stop
 * entry integrated before the sequencer stops, refusal to append to a store that lost signed
 * entries, and a rollback of the whole log caught by an earlier saved checkpoint. Its own context
 * and database: these tests take the log apart.
 */
@TestPropertySource(properties = "glassplate.audit.sequence-timeout=PT2S")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRestartIT extends IntegrationTest {

  @Autowired
  Sequencer sequencer;

  @Autowired
  AuditRecorder recorder;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  Environment env;

  @TempDir
  static Path tmp;

  long probe(AuditRecorder r) {
    return r.recordAndSequence(AuditEvent.of(AuditLogIT.PROBE, Caller.system())
        .with("marker", UUID.randomUUID().toString()).build());
  }

  String verify(String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("audit", "verify", baseUrl(), "--pin-file", tmp.resolve("known-logs").toString()));
    args.addAll(List.of(options));
    int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return exit + " " + lines[lines.length - 1];
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  ConfigurableApplicationContext secondServer() {
    return new SpringApplicationBuilder(GlassplateApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
        "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
        "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
        "--glassplate.data-dir=" + env.getProperty("glassplate.data-dir"),
        // a few connections do: on a shared server (CI's system PostgreSQL) the suite's contexts hold most
        "--spring.datasource.hikari.maximum-pool-size=4");
  }

  void asRogueAdmin(String sql) {
    tx.executeWithoutResult(s -> {
      jdbc.sql("SET LOCAL session_replication_role = replica").update();
      jdbc.sql(sql).update();
    });
  }

  @Test
  @Order(1)
  void aSecondServerStandsByTakesOverWhenTheFirstStopsAndIntegratesItsStopBeforeItEnds() throws Exception {
    await("this server sequences", sequencer::sequencing);
    Path saved = tmp.resolve("before-handover.checkpoint");
    probe(recorder);
    assertThat(verify("--save-checkpoint", saved.toString())).startsWith("0 OK size=");

    long stopsBefore = count("SELECT count(*) FROM audit_entry WHERE type_code = " + AuditEventTypes.SERVER_STOPPED.code());
    // started outside the try: a second server that cannot start fails the test with its own error
    ConfigurableApplicationContext second = secondServer();
    try {
      try (second) {
        Sequencer standby = second.getBean(Sequencer.class);
        Thread.sleep(2500); // long enough to have tried the lock at least once
        assertThat(standby.sequencing()).isFalse();
        assertThat(sequencer.sequencing()).isTrue();

        // The standby's own entries are sequenced by the first server.
        AuditRecorder secondRecorder = second.getBean(AuditRecorder.class);
        long a = probe(secondRecorder);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE idx = " + a)).isEqualTo(1);

        sequencer.stop();
        await("the second server sequences", standby::sequencing);
        long b = probe(secondRecorder);
        assertThat(b).isGreaterThan(a);
      }
      // The second server stopped: its SERVER_STOPPED entry is integrated and signed before it ended.
      assertThat(count("SELECT count(*) FROM audit_pending")).isZero();
      assertThat(count("SELECT count(*) FROM audit_entry WHERE type_code = " + AuditEventTypes.SERVER_STOPPED.code())).isEqualTo(stopsBefore + 1);
      assertThat(count("SELECT max(size) FROM audit_checkpoint")).isEqualTo(count("SELECT size FROM audit_log_state"));
      assertThat(count("SELECT max(idx) FROM audit_entry WHERE type_code = " + AuditEventTypes.SERVER_STOPPED.code()))
          .isEqualTo(count("SELECT max(idx) FROM audit_entry"));
    } finally {
      sequencer.start();
    }
    await("this server sequences again", sequencer::sequencing);
    long c = probe(recorder);
    assertThat(c).isEqualTo(count("SELECT size FROM audit_log_state") - 1);
    // One log across both servers, consistent with what was verified before the hand-over.
    await("a checkpoint covers " + c, () -> count("SELECT max(size) FROM audit_checkpoint") > c);
    assertThat(verify("--trusted-checkpoint", saved.toString())).startsWith("0 OK size=");
  }

  @Test
  @Order(2)
  void theSequencerRefusesToAppendToAStoreThatLostSignedEntries() throws Exception {
    await("this server sequences", sequencer::sequencing);
    probe(recorder);
    await("a checkpoint covers everything",
        () -> count("SELECT max(size) FROM audit_checkpoint") == count("SELECT size FROM audit_log_state"));
    sequencer.stop();
    // A restore of the entries from an older backup, the signed checkpoints left as they were.
    asRogueAdmin("TRUNCATE audit_entry, audit_private, audit_tile");
    asRogueAdmin("UPDATE audit_log_state SET size = 0");
    sequencer.start();

    await("the sequencer reports the fault", () -> sequencer.fault() != null);
    assertThat(sequencer.fault()).contains("fewer than its latest signed checkpoint");
    assertThat(sequencer.sequencing()).isFalse();
    assertThatThrownBy(() -> probe(recorder)).isInstanceOf(AuditUnavailable.class);
    // Nothing was appended on top of the damaged store; the refused entry waits, unsequenced.
    assertThat(count("SELECT count(*) FROM audit_entry")).isZero();
    assertThat(count("SELECT count(*) FROM audit_pending")).isPositive();
  }

  @Test
  @Order(3)
  void aRolledBackLogFailsVerificationAgainstTheEarlierSavedCheckpoint() throws Exception {
    // Start from a clean log (the previous test left a damaged one), then build some history.
    sequencer.stop();
    asRogueAdmin("TRUNCATE audit_entry, audit_private, audit_tile, audit_checkpoint, audit_log_state");
    sequencer.start();
    await("this server sequences", sequencer::sequencing);
    for (int i = 0; i < 20; i++) {
      probe(recorder);
    }
    await("a checkpoint covers everything",
        () -> count("SELECT max(size) FROM audit_checkpoint") == count("SELECT size FROM audit_log_state"));
    Path saved = tmp.resolve("before-rollback.checkpoint");
    String before = verify("--save-checkpoint", saved.toString());
    assertThat(before).startsWith("0 OK size=");
    long savedSize = Long.parseLong(before.replaceAll("0 OK size=(\\d+) .*", "$1"));

    // Roll the whole log back (as a restore of an older database copy would) and restart the sequencer.
    sequencer.stop();
    asRogueAdmin("TRUNCATE audit_entry, audit_private, audit_tile, audit_checkpoint, audit_log_state");
    sequencer.start();
    long last = probe(recorder);
    await("a new checkpoint", () -> count("SELECT coalesce(max(size), 0) FROM audit_checkpoint") > last);

    // On its own the rewritten log is self-consistent, signed by the same key...
    assertThat(verify()).startsWith("0 OK size=");
    // ...but not against what an outside auditor saved earlier: smaller than the saved tree,
    assertThat(verify("--trusted-checkpoint", saved.toString())).startsWith("1 FAIL").contains("rollback");
    // and once it has grown past it again, not an extension of it.
    while (count("SELECT size FROM audit_log_state") <= savedSize) {
      probe(recorder);
    }
    await("a checkpoint beyond the saved size", () -> count("SELECT max(size) FROM audit_checkpoint") > savedSize);
    assertThat(verify("--trusted-checkpoint", saved.toString())).startsWith("1 FAIL").contains("not consistent");
  }
}
