package org.glassplate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.server.audit.LogIntegrity;
import org.glassplate.server.oversight.Findings;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The demo's 30 days of history (issue 16 item 6), seeded with a cast of its own into the shared
 * database: the misuse rules raise exactly the story's findings and none on the innocent
 * investigators' searches; the seeded entries carry their past times in index order; the log still
 * verifies from outside and its tree recomputes; a second seeding does nothing.
 */
class DemoHistoryIT extends IntegrationTest {
  /** A small share of the traffic keeps the shared database light; the story's searches are all there. */
  private static final double READ_SHARE = 0.02;

  @Autowired
  DemoHistory history;

  @Autowired
  Findings findings;

  @Autowired
  LogIntegrity integrity;

  @Autowired
  Cameras cameras;

  @TempDir
  Path tmp;

  @Autowired
  org.glassplate.server.core.Agency agency;

  @Test
  void seedsTheStoryOnceAndTheRulesFindExactlyItsMisuse() {
    String suffix = "-h" + (100_000 + new Random().nextInt(900_000));
    DemoHistory.Cast cast = new DemoHistory.Cast("demo-history-it" + suffix, suffix, null, null, null);
    List<Long> cams = List.of(cameras.register("History IT cam A", DemoCity.LAT, DemoCity.LON, 0).camera().id(),
        cameras.register("History IT cam B (mobile)", DemoCity.LAT + 0.01, DemoCity.LON, 90).camera().id());
    long sizeBefore = logSize();
    Instant seeding = clock.instant();

    DemoHistory.Seeded seeded = history.seedOnce(cast, cams, 30, READ_SHARE, 7).orElseThrow();

    assertThat(seeded.refused()).isEqualTo(1);
    assertThat(seeded.searches()).isGreaterThan(40);
    assertThat(seeded.reads()).isGreaterThan(1000);
    long sizeAfter = logSize();
    long written = writtenBy(seeded, cams);
    assertThat(written).as("the cast's searches and its cameras' batches").isGreaterThan(seeded.searches());
    assertThat(history.seedOnce(cast, cams, 30, READ_SHARE, 7)).as("the second seeding").isEmpty();
    // counted over every entry written, sequenced or not (the log's size grows as the first seeding's last
    // entries get their index, and by other tests' background work)
    assertThat(writtenBy(seeded, cams)).as("nothing written by the second seeding").isEqualTo(written);

    findings.catchUp();
    for (Map.Entry<DemoHistory.Part, String> p : seeded.people()) {
      Map<String, Long> want = switch (p.getKey()) {
        case INNOCENT -> Map.of();
        case VAGUE -> Map.of("VAGUE_REASON", 3L);
        case RETRIED -> Map.of("PROHIBITED_PURPOSE", 1L, "FEDERAL_OR_OUT_OF_STATE", 1L, "REFUSED_THEN_RETRIED", 1L);
        case NIGHT -> Map.of("OFF_HOURS", 5L, "REPEATED_PLATE", 1L);
      };
      assertThat(findingsOf(p.getValue())).as(p.getKey() + " " + p.getValue()).isEqualTo(new TreeMap<>(want));
    }

    String wade = seeded.people().stream().filter(p -> p.getKey() == DemoHistory.Part.NIGHT).findFirst()
        .orElseThrow().getValue();
    long investigation = seeded.investigation().orElseThrow();
    Map<String, Object> inv = jdbc.sql("SELECT subject, outcome, closed_at FROM oversight_investigation WHERE id = :id")
        .param("id", investigation).query().singleRow();
    assertThat(inv.get("subject")).as("the investigation is of Wade").isEqualTo(wade);
    assertThat(inv.get("outcome")).isEqualTo("COUNSELING_OR_TRAINING");
    // closed at the moment the story gives it (15:30 in the city, before the seeding ran), not when seeded
    java.time.ZonedDateTime closed = ((java.sql.Timestamp) inv.get("closed_at")).toInstant()
        .atZone(agency.timeZone());
    assertThat(closed.toInstant()).as("closed in the past it stands for").isBefore(seeding);
    assertThat(closed.toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).as("closed at 15:30 in the city")
        .isEqualTo(java.time.LocalTime.of(15, 30));
    assertThat(jdbc.sql("""
            SELECT f.rule FROM oversight_finding f JOIN oversight_investigation_finding i ON i.finding_id = f.id
            WHERE i.investigation_id = :id""").param("id", investigation).query(String.class).list())
        .as("opened from Wade's REPEATED_PLATE finding").containsExactly("REPEATED_PLATE");

    List<Instant> times = searchTimes(seeded, sizeBefore);
    assertThat(times).hasSize(seeded.searches() + seeded.refused());
    assertThat(times).as("in time order in the log").isSorted();
    assertThat(times.get(0)).isBefore(clock.instant().minus(Duration.ofDays(25)));
    assertThat(recordedDays(seeded, sizeBefore)).as("counted on their own days").isGreaterThan(15);

    awaitSignedAtLeast(sizeAfter); // the tree is checked against the latest signed checkpoint
    LogIntegrity.TreeVerdict tree = integrity.verifyTree();
    assertThat(tree.intact()).as(tree.detail()).isTrue();
    assertThat(tree.size()).isGreaterThanOrEqualTo(sizeAfter);
    String verified = verify();
    assertThat(verified).startsWith("OK size=");
  }

  private void awaitSignedAtLeast(long size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (jdbc.sql("SELECT coalesce(max(size), 0) FROM audit_checkpoint").query(Long.class).single() < size) {
      assertThat(System.nanoTime() - deadline).as("no checkpoint signed the seeded entries").isNegative();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Entries written (sequenced or pending) by the cast's people and cameras. */
  private long writtenBy(DemoHistory.Seeded seeded, List<Long> cams) {
    List<String> actors = new ArrayList<>(seeded.people().stream().map(Map.Entry::getValue).toList());
    cams.forEach(c -> actors.add("camera:" + c));
    return jdbc.sql("SELECT count(*) FROM " + org.glassplate.server.support.AuditEntries.ALL
            + " WHERE convert_from(entry, 'UTF8')::jsonb ->> 'actor' IN (:actors)")
        .param("actors", actors).query(Long.class).single();
  }

  private long logSize() {
    return jdbc.sql("SELECT size FROM audit_log_state").query(Long.class).single();
  }

  private Map<String, Long> findingsOf(String person) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.sql("SELECT rule, count(*) FROM oversight_finding WHERE person = :p GROUP BY rule").param("p", person)
        .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
    return out;
  }

  /** The {@code time} of the cast's searches and refusals, in log order. */
  private List<Instant> searchTimes(DemoHistory.Seeded seeded, long from) {
    List<Instant> out = new ArrayList<>();
    for (String entry : castSearches(seeded, from, "convert_from(entry, 'UTF8')")) {
      JsonNode e = JSON.readTree(entry);
      out.add(Instant.parse(e.path("time").stringValue()));
    }
    return out;
  }

  /** On how many UTC days the cast's searches were recorded (the public figures count by day). */
  private long recordedDays(DemoHistory.Seeded seeded, long from) {
    return castSearches(seeded, from, "(recorded_at AT TIME ZONE 'UTC')::date::text").stream().distinct().count();
  }

  private List<String> castSearches(DemoHistory.Seeded seeded, long from, String column) {
    List<String> people = seeded.people().stream().map(Map.Entry::getValue).toList();
    return jdbc.sql("SELECT " + column + " FROM audit_entry WHERE idx >= :from"
            + " AND convert_from(entry, 'UTF8')::jsonb ->> 'type' IN ('SEARCH_PERFORMED', 'SEARCH_DENIED')"
            + " AND convert_from(entry, 'UTF8')::jsonb ->> 'actor' IN (:people) ORDER BY idx")
        .param("from", from).param("people", people).query(String.class).list();
  }

  private String verify() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(new String[] {"audit", "verify", baseUrl(), "--pin-file",
        tmp.resolve("known-logs").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(exit).as(text).isZero();
    return text.substring(text.lastIndexOf('\n') + 1);
  }
}
