package org.glassplate.server.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestCallers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * CSV bulk import of reads over real HTTP into real PostgreSQL (issue 17 item 4, R-ING-1, R-ING-2):
 * a real week of Seattle reads, bad lines among good ones, refusals, and a re-sent file stored once.
 */
@org.springframework.context.annotation.Import(TestCallers.class)
class ReadsImportIT extends IntegrationTest {
  private static final DateTimeFormatter SEATTLE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy - HH:mm:ss");
  private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

  @Autowired
  Cameras cameras;

  @TempDir
  Path dir;

  String token;
  long cameraId;
  final List<Long> made = new ArrayList<>();

  @BeforeEach
  void camera() {
    Camera.WithToken c = cameras.register("Import cam", 36.7, -119.7, 90);
    token = c.token();
    cameraId = c.camera().id();
    made.add(cameraId);
  }

  /** The week of Seattle reads is large: it leaves the shared database as it found it. */
  @AfterEach
  void removeReads() {
    for (long id : made) {
      jdbc.sql("DELETE FROM plate_read WHERE camera_id = :c").param("c", id).update();
    }
  }

  private Answer importCsv(String query, String bearer, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/reads/import" + query))
        .header("Content-Type", "text/csv").POST(body);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b.build());
  }

  private Answer importCsv(String bearer, String csv) {
    return importCsv("", bearer, HttpRequest.BodyPublishers.ofString(csv));
  }

  private long storedFor(long camera) {
    return jdbc.sql("SELECT count(*) FROM plate_read WHERE camera_id = :c").param("c", camera).query(Long.class).single();
  }

  /** One Seattle row, as the reads CSV has it (SOURCES.md says how each column is derived). */
  record SeattleRead(String device, String plate, Instant capturedAt, String lat, String lon) {
  }

  private static List<SeattleRead> seattleWeek() throws IOException {
    List<SeattleRead> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        ReadsImportIT.class.getResourceAsStream("spd-alpr-pub.csv.gz")), StandardCharsets.UTF_8))) {
      String[] header = in.readLine().split("\\|", -1);
      List<String> h = List.of(header);
      int dt = h.indexOf("dt");
      int device = h.indexOf("device");
      int hash = h.indexOf("plate_hash");
      int lat = h.indexOf("lat");
      int lon = h.indexOf("lon");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\\|", -1);
        out.add(new SeattleRead(f[device], f[hash].substring(0, 8).toUpperCase(java.util.Locale.ROOT),
            LocalDateTime.parse(f[dt], SEATTLE_TIME).atZone(SEATTLE).toInstant(),
            f[lat].equals("NA") ? "" : f[lat], f[lon].equals("NA") ? "" : f[lon]));
      }
    }
    return out;
  }

  @Test
  void importsTheSeattleWeekWithCountsEqualToTheFileAndASecondImportAddsNothing() throws Exception {
    List<SeattleRead> week = seattleWeek();
    assertThat(week).hasSize(93_490);
    Set<String> hashes = new HashSet<>();
    week.forEach(r -> hashes.add(r.plate()));
    assertThat(hashes).as("8-digit prefixes of the 68,188 distinct hashes stay distinct").hasSize(68_188);

    // whole weeks forward, so the week ends at least a day before now and lies inside the retention period
    Instant last = week.stream().map(SeattleRead::capturedAt).max(Instant::compareTo).orElseThrow();
    long weeks = Duration.between(last, clock.instant().minus(Duration.ofDays(1))).toDays() / 7;
    Duration shift = Duration.ofDays(7 * weeks);

    Map<String, List<SeattleRead>> byDevice = new TreeMap<>();
    week.forEach(r -> byDevice.computeIfAbsent(r.device(), k -> new ArrayList<>()).add(r));
    assertThat(byDevice).hasSize(9);
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, Camera.WithToken> deviceCameras = new LinkedHashMap<>();
    for (Map.Entry<String, List<SeattleRead>> e : byDevice.entrySet()) {
      Path f = dir.resolve("device-" + files.size() + ".csv");
      try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
        w.write("plate,state,capturedAt,lat,lon\n");
        for (SeattleRead r : e.getValue()) {
          w.write(r.plate() + ",," + r.capturedAt().plus(shift) + "," + r.lat() + "," + r.lon() + "\n");
        }
      }
      files.put(e.getKey(), f);
      Camera.WithToken c = cameras.register("Seattle " + files.size(), 47.6, -122.3, 0);
      deviceCameras.put(e.getKey(), c);
      made.add(c.camera().id());
    }
    long auditBefore = audited(AuditEventTypes.READS_INGESTED).size();

    long lines = 0;
    long accepted = 0;
    long batches = 0;
    for (String device : byDevice.keySet()) {
      int rows = byDevice.get(device).size();
      Camera.WithToken c = deviceCameras.get(device);
      Answer a = importCsv("", c.token(), HttpRequest.BodyPublishers.ofFile(files.get(device)));
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      JsonNode json = a.json();
      assertThat(json.path("lines").longValue()).isEqualTo(rows);
      assertThat(json.path("accepted").longValue() + json.path("rejectedCount").longValue()).isEqualTo(rows);
      assertThat(json.path("duplicates").longValue()).isZero();
      json.path("rejected").forEach(r -> {
        assertThat(r.path("line").intValue()).isBetween(2, rows + 1);
        assertThat(r.path("field").stringValue()).isNotBlank();
        assertThat(r.path("message").stringValue()).isNotBlank();
      });
      assertThat(storedFor(c.camera().id())).isEqualTo(json.path("accepted").longValue());
      lines += rows;
      accepted += json.path("accepted").longValue();
      batches += (rows + ReadIngest.MAX_BATCH - 1) / ReadIngest.MAX_BATCH;
    }
    assertThat(lines).isEqualTo(93_490);
    // every row of the release is a good read once its times are moved into the retention period
    assertThat(accepted).isEqualTo(93_490);
    // the position comes from the file where it has one, from the camera where it says NA
    assertThat(jdbc.sql("SELECT count(*) FROM plate_read WHERE camera_id = ANY(:c) AND lat = 47.6 AND lon = -122.3")
        .param("c", deviceCameras.values().stream().mapToLong(c -> c.camera().id()).toArray())
        .query(Long.class).single()).isEqualTo(24_705);
    // each batch of 1,000 lines went through the JSON ingest's path: one audit entry each
    List<JsonNode> entries = audited(AuditEventTypes.READS_INGESTED);
    List<JsonNode> csvEntries = entries.subList((int) auditBefore, entries.size()).stream()
        .filter(e -> "csv".equals(e.path("format").stringValue())).toList();
    assertThat(csvEntries).hasSize((int) batches);
    assertThat(csvEntries.stream().mapToLong(e -> e.path("accepted").longValue()).sum()).isEqualTo(93_490);
    assertThat(csvEntries.toString()).doesNotContain(week.get(0).plate());

    for (String device : byDevice.keySet()) {
      int rows = byDevice.get(device).size();
      Camera.WithToken c = deviceCameras.get(device);
      Answer again = importCsv("", c.token(), HttpRequest.BodyPublishers.ofFile(files.get(device)));
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(again.json().path("accepted").longValue()).isZero();
      assertThat(again.json().path("duplicates").longValue()).isEqualTo(rows);
      assertThat(storedFor(c.camera().id())).isEqualTo(rows);
    }
  }

  @Test
  void rejectsBadLinesByLineAndFieldAndStoresTheGoodOnes() {
    String now = clock.instant().toString();
    String future = clock.instant().plus(Duration.ofHours(1)).toString();
    String csv = String.join("\n",
        "plate,state,capturedAt,lat,lon,confidence,vehicle.make,color,type",    // 1
        "3ABC001,CA," + now + ",36.7,-119.7,91.5,Toyota,silver,sedan",           // 2 good
        "," + "CA," + now + ",,,,,,",                                            // 3 plate missing
        "3ABC003,XX," + now + ",,,,,,",                                          // 4 state
        "3ABC004,CA,yesterday,,,,,,",                                            // 5 capturedAt form
        "3ABC005,CA," + future + ",,,,,,",                                       // 6 capturedAt future
        "3ABC006,CA," + now + ",91,0,,,,",                                       // 7 lat
        "3ABC007,CA," + now + ",36.7,-119.7,abc,,,",                             // 8 confidence
        "3ABC008,CA," + now + ",36.7",                                           // 9 too few values: lon
        "3ABC009,CA," + now + ",,,,\"Toyota,,",                                  // 10 unclosed quote
        "",                                                                      // 11 blank: skipped
        "3abc-012,ca," + now + ",,,,\"Ford, \"\"Motor\"\"\",blue,",              // 12 good, quoted
        "3ABC013,CA," + now + ",36.7,NaN,,,,",                                   // 13 lon
        "3ABC014,CA," + now + ",,,,,,,",                                         // 14 too many values
        "3ABC015,," + now + ",,,,,,") + "\r\n";                                  // 15 good, CRLF, no state

    Answer a = importCsv(token, csv);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(json.path("lines").longValue()).isEqualTo(13);
    assertThat(json.path("accepted").longValue()).isEqualTo(3);
    assertThat(json.path("duplicates").longValue()).isZero();
    assertThat(json.path("rejectedCount").longValue()).isEqualTo(10);
    Map<Integer, String> rejected = new TreeMap<>();
    json.path("rejected").forEach(r -> {
      rejected.put(r.path("line").intValue(), r.path("field").stringValue());
      assertThat(r.path("message").stringValue()).isNotBlank();
    });
    assertThat(rejected).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        3, "plate", 4, "state", 5, "capturedAt", 6, "capturedAt", 7, "lat", 8, "confidence", 9, "lon",
        10, "vehicle.make", 13, "lon", 14, "line")));
    assertThat(a.body()).doesNotContain("3ABC0");

    List<Map<String, Object>> rows = jdbc.sql("""
            SELECT plate, state, vehicle_make, vehicle_color, vehicle_type, confidence FROM plate_read
            WHERE camera_id = :c ORDER BY plate""").param("c", cameraId).query().listOfRows();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsEntry("plate", "3ABC001").containsEntry("state", "CA")
        .containsEntry("vehicle_make", "Toyota").containsEntry("vehicle_color", "silver")
        .containsEntry("vehicle_type", "sedan").containsEntry("confidence", 91.5);
    assertThat(rows.get(1)).containsEntry("plate", "3ABC012").containsEntry("vehicle_make", "Ford, \"Motor\"")
        .containsEntry("vehicle_color", "blue");
    assertThat(rows.get(2)).containsEntry("plate", "3ABC015").containsEntry("state", "ZZ");

    JsonNode entry = lastAudited(AuditEventTypes.READS_INGESTED);
    assertThat(entry.path("format").stringValue()).isEqualTo("csv");
    assertThat(entry.path("accepted").intValue()).isEqualTo(3);
    assertThat(entry.path("rejected").intValue()).isEqualTo(10);
    assertThat(entry.path("actor").stringValue()).isEqualTo("camera:" + cameraId);
  }

  @Test
  void namesTheFilesLinesWhenAPartStartsFurtherIn() {
    String csv = "plate,capturedAt\n4DEF001," + clock.instant() + "\n,"  + clock.instant() + "\n";
    Answer a = importCsv("?line=5001", token, HttpRequest.BodyPublishers.ofString(csv));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("rejected").get(0).path("line").intValue()).isEqualTo(5002);
    assertThat(a.json().path("rejected").get(0).path("field").stringValue()).isEqualTo("plate");
  }

  @Test
  void refusesAnUnknownColumnNamingItAndStoresNothing() {
    Answer a = importCsv(token, "plate,capturedAt,speed\n5GHI001," + clock.instant() + ",55\n");
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("BAD_CSV_HEADER");
    assertThat(a.json().path("error").path("field").stringValue()).isEqualTo("speed");
    assertThat(a.json().path("error").path("message").stringValue()).contains("'speed'");

    Answer missing = importCsv(token, "\uFEFFplate,state\n5GHI002,CA\n");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("field").stringValue()).isEqualTo("capturedAt");

    Answer twice = importCsv(token, "plate,capturedAt,make,vehicle.make\n5GHI003," + clock.instant() + ",a,b\n");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("error").path("field").stringValue()).isEqualTo("vehicle.make");

    Answer empty = importCsv(token, "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("error").path("field").stringValue()).isEqualTo("header");
    assertThat(storedFor(cameraId)).isZero();
  }

  @Test
  void refusesUsersAndCallersWithoutATokenAndStoresNothing() {
    String csv = "plate,capturedAt\n6JKL001," + clock.instant() + "\n";
    Answer none = importCsv(null, csv);
    Answer admin = importCsv(TestCallers.token(7201, org.glassplate.server.core.Roles.ADMINISTRATOR,
        org.glassplate.server.core.Roles.SUPERVISOR, org.glassplate.server.core.Roles.OPERATOR), csv);
    Answer wrongCamera = importCsv("?camera=" + (cameraId + 100_000), token, HttpRequest.BodyPublishers.ofString(csv));
    assertThat(none.status()).isEqualTo(401);
    assertThat(admin.status()).isEqualTo(403);
    // the refused person is on the record
    JsonNode refusal = lastAudited(AuditEventTypes.READS_INGEST_REFUSED);
    assertThat(refusal.path("actor").stringValue()).isEqualTo("user:7201");
    assertThat(refusal.path("outcome").stringValue()).isEqualTo("DENIED");
    assertThat(refusal.path("reasonCode").stringValue()).isEqualTo("ROLE");
    assertThat(refusal.path("endpoint").stringValue()).isEqualTo("POST /api/v1/reads/import");
    assertThat(wrongCamera.status()).isEqualTo(422);
    assertThat(wrongCamera.json().path("error").path("field").stringValue()).isEqualTo("camera");
    assertThat(jdbc.sql("SELECT count(*) FROM plate_read WHERE plate = '6JKL001'").query(Long.class).single()).isZero();
  }

  @Test
  void takesABodyFarLargerThanTheJsonLimitAsAStream() {
    // 60,000 lines, about 3 MiB: past the 2 MiB that bounds every other body
    StringBuilder csv = new StringBuilder("plate,state,capturedAt,lat,lon\n");
    Instant t = clock.instant().minus(Duration.ofHours(1));
    for (int i = 0; i < 60_000; i++) {
      csv.append("7M").append(String.format("%06d", i)).append(",CA,").append(t.plusMillis(i)).append(",36.7,-119.7\n");
    }
    assertThat(csv.length()).isGreaterThan(3 * 1024 * 1024);
    Answer a = importCsv(token, csv.toString());
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("accepted").longValue()).isEqualTo(60_000);
    assertThat(storedFor(cameraId)).isEqualTo(60_000);
  }

  @Test
  void aResentJsonBatchIsStoredOnceAndCountedAsDuplicates() {
    String body = """
        {"reads":[{"plate":"8MNO001","state":"CA","capturedAt":"%1$s"},
                  {"plate":"8MNO002","state":"CA","capturedAt":"%1$s"},
                  {"plate":"8MNO002","state":"CA","capturedAt":"%1$s"}]}""".formatted(clock.instant());
    Answer first = post("/api/v1/reads", token, body);
    Answer again = post("/api/v1/reads", token, body);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("accepted").intValue()).isEqualTo(2);
    assertThat(first.json().path("duplicates").intValue()).isEqualTo(1);
    assertThat(again.json().path("accepted").intValue()).isZero();
    assertThat(again.json().path("duplicates").intValue()).isEqualTo(3);
    assertThat(storedFor(cameraId)).isEqualTo(2);
    assertThat(lastAudited(AuditEventTypes.READS_INGESTED).path("duplicates").intValue()).isEqualTo(3);
  }
}
