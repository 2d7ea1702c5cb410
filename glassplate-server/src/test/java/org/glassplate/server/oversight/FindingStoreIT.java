package org.glassplate.server.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import org.glassplate.server.oversight.internal.FindingStore;
import org.glassplate.server.oversight.rules.Raised;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Findings are stored by multi-row inserts ({@link FindingStore#insert}) exactly as by the batch of one insert
 * per finding they replaced ({@link #insertOneByOne}, the old code kept here): the same rows in the same order and
 * the same counts of new ones, with findings raised twice in a list, findings already stored, and random lists.
 * Each way writes under people of its own (and in 1999, before any report's year), removed afterwards.
 */
class FindingStoreIT extends IntegrationTest {
  @Autowired
  FindingStore store;

  @Autowired
  JdbcTemplate jdbcTemplate;

  @Test
  void oneStatementStoresWhatTheBatchStored() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String batch = "store-it-batch-" + run + "-";
    String statement = "store-it-one-" + run + "-";
    try {
      Random random = new Random(16);
      List<List<Raised>> pages = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        pages.add(page(random, p == 0 ? 0 : p == 3 ? 2_500 : 1 + random.nextInt(400))); // one over 1,000 rows
      }
      pages.add(pages.get(2)); // a page stored again: nothing new
      List<Integer> byBatch = store(pages, batch, this::insertOneByOne);
      List<Integer> byStatement = store(pages, statement, store::insert);
      assertEquals(byBatch, byStatement);
      assertEquals(0, byStatement.get(byStatement.size() - 1));
      List<String> rowsByBatch = rows(batch);
      assertEquals(rowsByBatch, rows(statement));
      assertTrue(rowsByBatch.size() > 500 && byBatch.stream().mapToInt(i -> i).sum() == rowsByBatch.size(),
          "rows " + rowsByBatch.size() + ", counted " + byBatch);
      assertTrue(pages.stream().mapToInt(List::size).sum() > rowsByBatch.size(), "some were raised twice");
    } finally {
      jdbc.sql("DELETE FROM oversight_finding WHERE person LIKE ?").param("store-it-%-" + run + "-%").update();
    }
  }

  /** People's last actions are stored by one statement as by the batch of one upsert each, to the microsecond. */
  @Test
  void oneStatementStoresLastActionsAsTheBatchDid() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    try {
      Random random = new Random(61);
      for (int round = 0; round < 5; round++) {
        java.util.Map<String, Instant> batch = new java.util.HashMap<>();
        java.util.Map<String, Instant> statement = new java.util.HashMap<>();
        for (int i = round == 2 ? 1_500 : random.nextInt(60); i > 0; i--) {
          String person = "p" + random.nextInt(2_000);
          Instant at = Instant.parse("1999-01-01T00:00:00Z").plusSeconds(random.nextInt(10_000_000))
              .plusNanos(random.nextInt(1_000_000_000));
          batch.put("store-it-batch-" + run + "-" + person, at);
          statement.put("store-it-one-" + run + "-" + person, at);
        }
        saveLastActionsOneByOne(batch);
        store.saveLastActions(statement);
        assertEquals(lastActions("store-it-batch-" + run + "-"), lastActions("store-it-one-" + run + "-"), "round " + round);
      }
      assertTrue(lastActions("store-it-one-" + run + "-").size() > 1_000);
    } finally {
      jdbc.sql("DELETE FROM oversight_person_activity WHERE person LIKE ?").param("store-it-%-" + run + "-%").update();
    }
  }

  List<String> lastActions(String prefix) {
    return jdbc.sql("SELECT substr(person, ?), last_action_at FROM oversight_person_activity WHERE person LIKE ? ORDER BY 1")
        .param(prefix.length() + 1).param(prefix + "%")
        .query((rs, n) -> rs.getString(1) + "|" + rs.getTimestamp(2).toInstant()).list();
  }

  /** Findings among a few people, rules and evidence lists, so that some are raised twice. */
  static List<Raised> page(Random random, int size) {
    List<Raised> out = new ArrayList<>();
    String[] rules = {"REPEATED_PLATE", "OFF_HOURS", "VAGUE_REASON"};
    for (int i = 0; i < size; i++) {
      List<Long> evidence = new ArrayList<>();
      for (int k = random.nextInt(4); k >= 0; k--) {
        evidence.add((long) random.nextInt(30));
      }
      out.add(new Raised(rules[random.nextInt(rules.length)], Finding.Severity.values()[random.nextInt(3)],
          "p" + random.nextInt(6), evidence, Instant.parse("1999-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000))
              .plusNanos(random.nextInt(1_000_000_000)), "Summary " + random.nextInt(5) + (i % 7 == 0 ? " 'quoted' \"and\" {braced}, é" : "")));
    }
    return out;
  }

  static List<Integer> store(List<List<Raised>> pages, String prefix, BiFunction<List<Raised>, Instant, Integer> insert) {
    List<Integer> counts = new ArrayList<>();
    Instant detected = Instant.parse("1999-06-01T00:00:00.123456789Z");
    for (List<Raised> page : pages) {
      List<Raised> mine = page.stream().map(r -> new Raised(r.rule(), r.severity(), prefix + r.person(), r.evidence(),
          r.occurredAt(), r.summary())).toList();
      counts.add(insert.apply(mine, detected));
      detected = detected.plusSeconds(60);
    }
    return counts;
  }

  /** The rows stored under these people, in id order, the prefix left out. */
  List<String> rows(String prefix) {
    return jdbc.sql("""
            SELECT rule, severity, substr(person, ?) AS person, evidence::text AS evidence, summary, occurred_at,
                   detected_at, status FROM oversight_finding WHERE person LIKE ? ORDER BY id""")
        .param(prefix.length() + 1).param(prefix + "%")
        .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
            + rs.getString(5) + "|" + rs.getTimestamp(6).toInstant() + "|" + rs.getTimestamp(7).toInstant() + "|"
            + rs.getString(8))
        .list();
  }

  /** {@link FindingStore#insert} as it was before issue 16's third pass: one batched insert per finding. */
  int insertOneByOne(List<Raised> raised, Instant detectedAt) {
    if (raised.isEmpty()) {
      return 0;
    }
    return jdbcTemplate.execute((ConnectionCallback<Integer>) con -> {
      int n = 0;
      try (PreparedStatement ps = con.prepareStatement("""
          INSERT INTO oversight_finding (rule, severity, person, evidence, summary, occurred_at, detected_at)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule, person, evidence) DO NOTHING""")) {
        for (Raised r : raised) {
          ps.setString(1, r.rule());
          ps.setString(2, r.severity().name());
          ps.setString(3, r.person());
          ps.setArray(4, con.createArrayOf("bigint", r.evidence().toArray()));
          ps.setString(5, r.summary());
          ps.setTimestamp(6, Timestamp.from(r.occurredAt()));
          ps.setTimestamp(7, Timestamp.from(detectedAt));
          ps.addBatch();
        }
        for (int c : ps.executeBatch()) {
          n += Math.max(c, 0);
        }
      }
      return n;
    });
  }

  /** {@link FindingStore#saveLastActions} as it was: a JDBC batch of one upsert per person. */
  void saveLastActionsOneByOne(Map<String, Instant> changed) {
    if (changed.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    changed.forEach((person, at) -> rows.add(new Object[] {person, Timestamp.from(at)}));
    jdbcTemplate.batchUpdate("""
        INSERT INTO oversight_person_activity (person, last_action_at) VALUES (?, ?)
        ON CONFLICT (person) DO UPDATE SET last_action_at = excluded.last_action_at""", rows);
  }
}
