package org.glassplate.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo agency once per database (a marker row makes a restart keep everything and seed
 * nothing twice) and writes {@code DIR/demo-credentials.json} (DESIGN.md): the only place the demo's
 * secrets exist, since they are stored hashed.
 */
@Component
class DemoSeeder {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final JdbcClient jdbc;
  private final Cameras cameras;
  private final TransactionTemplate tx;
  private final Path dataDir;

  DemoSeeder(JdbcClient jdbc, Cameras cameras, TransactionTemplate tx, @Value("${glassplate.data-dir}") Path dataDir) {
    this.jdbc = jdbc;
    this.cameras = cameras;
    this.tx = tx;
    this.dataDir = dataDir;
  }

  Path credentialsFile() {
    return dataDir.resolve("demo-credentials.json");
  }

  /** Seeds on the first start; returns the camera credentials either way. */
  List<CameraCredential> seedOnce(Optional<SeattleWeek> week) {
    boolean seeded = jdbc.sql("SELECT count(*) FROM demo_seed").query(Long.class).single() > 0;
    if (seeded) {
      return readCredentials();
    }
    List<CameraCredential> creds = tx.execute(s -> {
      List<CameraCredential> out = new ArrayList<>();
      for (int i = 0; i < DemoCity.CAMERA_NAMES.length; i++) {
        double[] pos = position(week, i);
        Camera.WithToken c = cameras.register(DemoCity.CAMERA_NAMES[i], pos[0], pos[1], (i * 90) % 360);
        out.add(new CameraCredential(c.camera().id(), c.token()));
      }
      jdbc.sql("INSERT INTO demo_seed (seeded_at) VALUES (now())").update();
      return out;
    });
    writeCredentials(creds, List.of());
    log.info("seeded the demo agency: {} cameras", creds.size());
    return creds;
  }

  /** The mean position of the i-th Seattle device, moved to the demo city. */
  private static double[] position(Optional<SeattleWeek> week, int device) {
    if (week.isPresent()) {
      double lat = 0;
      double lon = 0;
      int n = 0;
      for (SeattleWeek.Row r : week.get().rows()) {
        if (r.device() == device) {
          lat += r.lat();
          lon += r.lon();
          n++;
        }
      }
      if (n > 0) {
        return new double[] {DemoCity.lat(lat / n), DemoCity.lon(lon / n)};
      }
    }
    return new double[] {DemoCity.LAT + 0.01 * (device % 4) - 0.015, DemoCity.LON + 0.012 * (device / 4) - 0.006};
  }

  record CameraCredential(long id, String token) {
  }

  void writeCredentials(List<CameraCredential> cameraCreds, List<Map<String, Object>> users) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("users", users);
    doc.put("cameras", cameraCreds.stream().map(c -> Map.of("id", c.id(), "token", c.token())).toList());
    try {
      Files.createDirectories(dataDir);
      Path tmp = Files.createTempFile(dataDir, "demo-credentials", ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(doc));
      Files.move(tmp, credentialsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo credentials file", e);
    }
  }

  List<CameraCredential> readCredentials() {
    try {
      JsonNode doc = JSON.readTree(Files.readString(credentialsFile()));
      List<CameraCredential> out = new ArrayList<>();
      doc.path("cameras").forEach(c -> out.add(new CameraCredential(c.path("id").longValue(), c.path("token").stringValue())));
      return out;
    } catch (IOException e) {
      log.warn("demo credentials file is missing or unreadable; the simulator stays off");
      return List.of();
    }
  }
}
