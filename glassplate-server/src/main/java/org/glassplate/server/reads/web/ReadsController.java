package org.glassplate.server.reads.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.IngestResult;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadIngest;
import org.glassplate.server.reads.ReadSubmission;
import org.glassplate.server.reads.ReadSubmission.FieldNames;
import org.glassplate.server.reads.ReadsRefusal;
import org.glassplate.server.reads.Rejection;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.WebRefusal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Camera ingest (role CAMERA): Glassplate's own JSON and the OpenALPR / Rekor {@code alpr_group}
 * webhook. Each read is checked on its own; a bad one is reported by index and field and never takes
 * the good ones down with it (R-ING-2).
 */
@RestController
class ReadsController {
  private final ReadIngest ingest;
  private final Cameras cameras;

  ReadsController(ReadIngest ingest, Cameras cameras) {
    this.ingest = ingest;
    this.cameras = cameras;
  }

  @PostMapping(path = "/api/v1/reads", consumes = MediaType.APPLICATION_JSON_VALUE)
  IngestAnswer reads(@RequestBody JsonNode body) {
    JsonNode reads = body.path("reads");
    List<JsonNode> items = new ArrayList<>();
    if (reads.isArray()) {
      reads.forEach(items::add);
    } else if (body.isObject() && body.has("plate")) {
      items.add(body); // a single read
    } else {
      throw new ApiException(WebRefusal.MALFORMED_BODY,
          "body must be {\"reads\":[...]} or a single read object", "reads");
    }
    if (items.size() > ReadIngest.MAX_BATCH) {
      throw new ApiException(ReadsRefusal.BATCH_TOO_LARGE,
          "a batch holds at most " + ReadIngest.MAX_BATCH + " reads", "reads");
    }
    List<ReadSubmission> parsed = new ArrayList<>(items.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        parsed.add(glassplate(items.get(i), i));
      } catch (FieldError e) {
        rejected.add(new Rejection(i, e.field, e.getMessage()));
      }
    }
    return answer(ingest.ingest(camera(), caller(), parsed, rejected, "glassplate"));
  }

  @PostMapping(path = "/api/v1/ingest/openalpr", consumes = MediaType.APPLICATION_JSON_VALUE)
  IngestAnswer openalpr(@RequestBody JsonNode body) {
    List<JsonNode> groups = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(groups::add);
    } else {
      groups.add(body);
    }
    if (groups.size() > ReadIngest.MAX_BATCH) {
      throw new ApiException(ReadsRefusal.BATCH_TOO_LARGE,
          "a batch holds at most " + ReadIngest.MAX_BATCH + " reads", null);
    }
    List<ReadSubmission> parsed = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      JsonNode g = groups.get(i);
      try {
        String type = text(g, "data_type");
        if (type == null || !type.equals("alpr_group")) {
          throw new FieldError("data_type", "only data_type 'alpr_group' is ingested here");
        }
        parsed.add(openalpr(g, i));
      } catch (FieldError e) {
        rejected.add(new Rejection(i, e.field, e.getMessage()));
      }
    }
    return answer(ingest.ingest(camera(), caller(), parsed, rejected, "openalpr"));
  }

  /**
   * What a camera's batch came to: reads accepted, reads stored already (a re-sent read is stored
   * once), those rejected and why, and the alerts they raised.
   */
  record IngestAnswer(int accepted, int duplicates, List<Rejection> rejected, List<?> alerts) {
  }

  private static IngestAnswer answer(IngestResult result) {
    return new IngestAnswer(result.accepted(), result.duplicates(), result.rejected(), result.alerts());
  }

  private Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  private Camera camera() {
    long id = caller().id();
    return cameras.find(id).orElseThrow(() -> ApiException.notFound("camera"));
  }

  static ReadSubmission glassplate(JsonNode r, int index) {
    if (!r.isObject()) {
      throw new FieldError("reads[" + index + "]", "each read must be a JSON object");
    }
    JsonNode v = r.path("vehicle");
    PlateRead.Vehicle vehicle = v.isObject()
        ? new PlateRead.Vehicle(label(v, "make", "vehicle.make"), label(v, "color", "vehicle.color"),
            label(v, "type", "vehicle.type"))
        : PlateRead.Vehicle.NONE;
    return new ReadSubmission(index, text(r, "plate"), text(r, "state"), instant(r, "capturedAt"),
        number(r, "lat"), number(r, "lon"), number(r, "confidence"), vehicle, longValue(r, "cameraId"),
        FieldNames.GLASSPLATE);
  }

  /** The OpenALPR / Rekor Scout {@code alpr_group}: the best plate, its region as the state, epoch_start as the time. */
  static ReadSubmission openalpr(JsonNode g, int index) {
    String plate = text(g, "best_plate_number");
    if (plate == null && g.path("best_plate").isObject()) {
      plate = text(g.path("best_plate"), "plate");
    }
    String region = text(g, "best_region");
    if (region == null && g.path("best_plate").isObject()) {
      region = text(g.path("best_plate"), "region");
    }
    String state = regionToState(region, text(g, "country"));
    JsonNode epoch = g.path("epoch_start");
    if (!epoch.isMissingNode() && !epoch.isNull() && !(epoch.isIntegralNumber() && epoch.canConvertToLong())) {
      throw new FieldError("epoch_start", "epoch_start must be milliseconds since 1970 as an integer");
    }
    Instant captured = epoch.isIntegralNumber() ? Instant.ofEpochMilli(epoch.longValue()) : null;
    JsonNode v = g.path("vehicle");
    PlateRead.Vehicle vehicle = new PlateRead.Vehicle(best(v, "make", "vehicle.make"), best(v, "color", "vehicle.color"),
        best(v, "body_type", "vehicle.body_type"));
    return new ReadSubmission(index, plate, state, captured, number(g, "gps_latitude"),
        number(g, "gps_longitude"), number(g, "best_confidence"), vehicle, null, FieldNames.OPENALPR);
  }

  /**
   * OpenALPR regions look like {@code us-ca}, or {@code ca} with {@code country} "us"; a plate from
   * outside the US has no state here, so it is unknown (ZZ).
   */
  static String regionToState(String region, String country) {
    if (region == null || region.isBlank()) {
      return null;
    }
    String r = region.trim().toLowerCase(java.util.Locale.ROOT);
    if (r.startsWith("us-")) {
      return r.substring(3).toUpperCase(java.util.Locale.ROOT);
    }
    boolean us = country == null || country.isBlank() || country.trim().equalsIgnoreCase("us");
    if (us && r.length() == 2) {
      return r.toUpperCase(java.util.Locale.ROOT);
    }
    return "ZZ";
  }

  private static String best(JsonNode vehicle, String field, String path) {
    JsonNode list = vehicle.path(field);
    if (list.isArray() && !list.isEmpty() && list.get(0).path("name").isString()) {
      String name = list.get(0).path("name").stringValue();
      return name.isBlank() ? null : limit(name, path);
    }
    return null;
  }

  private static String label(JsonNode node, String field, String path) {
    JsonNode n = node.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new FieldError(path, "must be a string");
    }
    return limit(n.stringValue(), path);
  }

  /** A label cut to 40 characters; control characters (which PostgreSQL may not store: U+0000) reject the read. */
  static String limit(String s, String path) {
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw new FieldError(path, "must not contain control characters");
    }
    return s.length() > 40 ? s.substring(0, 40) : s;
  }

  private static String text(JsonNode node, String field) {
    JsonNode n = node.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new FieldError(field, "must be a string");
    }
    return n.stringValue();
  }

  private static Double number(JsonNode node, String field) {
    JsonNode n = node.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    OptionalDouble d = n.isNumber() ? n.doubleValueOpt() : OptionalDouble.empty();
    if (d.isEmpty()) { // not a number, or one too large for a double
      throw new FieldError(field, "must be a number");
    }
    return d.getAsDouble();
  }

  private static Long longValue(JsonNode node, String field) {
    JsonNode n = node.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new FieldError(field, "must be an integer");
    }
    return n.longValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new FieldError(field, "must be an ISO-8601 time with an offset, e.g. 2026-11-21T08:15:00Z");
    }
  }

  /** A read whose field has the wrong type or form; its message names the rule, not the value. */
  static final class FieldError extends RuntimeException {
    final String field;

    FieldError(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }
}
