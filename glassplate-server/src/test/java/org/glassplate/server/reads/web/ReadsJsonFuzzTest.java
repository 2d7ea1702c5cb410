package org.glassplate.server.reads.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.IngestRules;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadIngest;
import org.glassplate.server.reads.ReadSubmission;
import org.glassplate.server.reads.Rejection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes camera ingest (issue 12, R-ING-1, R-ING-2): Glassplate's reads JSON and the OpenALPR
 * {@code alpr_group} JSON, through {@link ReadsController}'s parsers and {@link ReadIngest}'s rules.
 * A batch is all or nothing read by read: each read is either stored whole or rejected naming its
 * index and field, and no input throws anything else (a 500 would drop the whole batch, good reads
 * with the bad); a stored read is one PostgreSQL can hold (no control characters in its text).
 *
 * <p>{@code mvn verify} runs these on their seed inputs only (Jazzer's regression mode), the files
 * under {@code src/test/resources/org/glassplate/server/reads/web/ReadsJsonFuzzTestInputs/}. To fuzz
 * one for a minute (a finding is saved there as a new input, to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest='ReadsJsonFuzzTest#acceptsOrRejectsEveryRead' -Dsurefire.failIfNoSpecifiedTests=false
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest='ReadsJsonFuzzTest#acceptsOrRejectsEveryAlprGroup' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ReadsJsonFuzzTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Camera CAMERA = new Camera(7, "Fuzz cam", 37.5, -120.1, null, true);
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @FuzzTest(maxDuration = "60s")
  void acceptsOrRejectsEveryRead(byte[] input) {
    JsonNode body = parse(input);
    if (body == null) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    JsonNode reads = body.path("reads");
    if (reads.isArray()) {
      reads.forEach(items::add);
    } else if (body.isObject() && body.has("plate")) {
      items.add(body);
    } else {
      return; // refused whole: 400 MALFORMED_BODY naming "reads"
    }
    ingest(items, ReadsController::glassplate);
  }

  @FuzzTest(maxDuration = "60s")
  void acceptsOrRejectsEveryAlprGroup(byte[] input) {
    JsonNode body = parse(input);
    if (body == null) {
      return;
    }
    List<JsonNode> groups = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(groups::add);
    } else {
      groups.add(body);
    }
    ingest(groups, (g, i) -> {
      JsonNode type = g.path("data_type");
      if (!type.isMissingNode() && !type.isNull() && !type.isString()) {
        throw new ReadsController.FieldError("data_type", "must be a string");
      }
      if (!type.isString() || !type.stringValue().equals("alpr_group")) {
        throw new ReadsController.FieldError("data_type", "only data_type 'alpr_group' is ingested here");
      }
      return ReadsController.openalpr(g, i);
    });
  }

  /** A request body as Spring reads it, or null when it is not JSON (a 400 before any read). */
  private static JsonNode parse(byte[] input) {
    try {
      JsonNode body = JSON.readTree(input);
      return body == null || body.isMissingNode() || body.isNull() ? null : body;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** What the controller and {@link ReadIngest} make of a batch, checked read by read. */
  private static void ingest(List<JsonNode> items, BiFunction<JsonNode, Integer, ReadSubmission> parser) {
    if (items.size() > ReadIngest.MAX_BATCH) {
      return; // refused whole: BATCH_TOO_LARGE
    }
    List<Rejection> rejected = new ArrayList<>();
    List<PlateRead> stored = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ReadSubmission s;
      try {
        s = parser.apply(items.get(i), i);
      } catch (ReadsController.FieldError e) {
        assertNotNull(e.field);
        rejected.add(new Rejection(i, e.field, e.getMessage()));
        continue;
      }
      assertEquals(i, s.index());
      Optional<Rejection> r = IngestRules.validate(s, CAMERA, NOW);
      if (r.isPresent()) {
        assertEquals(i, r.get().index());
        assertNotNull(r.get().field());
        rejected.add(r.get());
      } else {
        stored.add(IngestRules.stored(s, CAMERA));
      }
    }
    assertEquals(items.size(), stored.size() + rejected.size(), "every read is stored or rejected");
    Set<Integer> indexes = new HashSet<>();
    rejected.forEach(r -> assertTrue(indexes.add(r.index()), "one rejection per read"));
    for (PlateRead read : stored) {
      assertTrue(read.plate().value().matches("[A-Z0-9]{1,8}"));
      assertFalse(read.capturedAt().isAfter(NOW.plusSeconds(300)));
      for (String text : new String[] {read.vehicle().make(), read.vehicle().color(), read.vehicle().type()}) {
        assertTrue(text == null || text.length() <= 40 && text.chars().noneMatch(Character::isISOControl),
            "vehicle text PostgreSQL cannot store, or too long");
      }
      assertTrue(read.lat() == null || Math.abs(read.lat()) <= 90);
      assertTrue(read.confidence() == null || read.confidence() >= 0 && read.confidence() <= 100);
    }
  }
}
