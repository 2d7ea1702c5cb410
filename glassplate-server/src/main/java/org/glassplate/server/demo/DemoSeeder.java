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
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.glassplate.server.web.Roles;
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
  private final AccountSeeder accounts;

  DemoSeeder(JdbcClient jdbc, Cameras cameras, TransactionTemplate tx, AccountSeeder accounts,
      @Value("${glassplate.data-dir}") Path dataDir) {
    this.jdbc = jdbc;
    this.cameras = cameras;
    this.tx = tx;
    this.accounts = accounts;
    this.dataDir = dataDir;
  }

  /** One demo person per role of DESIGN.md, with fictional names. */
  private static final List<AccountSeeder.Spec> DEMO_USERS = List.of(
      AccountSeeder.Spec.of("investigator", "Dana Investigator", Roles.INVESTIGATOR),
      AccountSeeder.Spec.of("operator", "Omar Operator", Roles.OPERATOR),
      AccountSeeder.Spec.of("supervisor", "Sam Supervisor", Roles.SUPERVISOR),
      AccountSeeder.Spec.of("admin", "Alex Administrator", Roles.ADMINISTRATOR),
      AccountSeeder.Spec.of("admin2", "Avery Administrator", Roles.ADMINISTRATOR),
      AccountSeeder.Spec.of("auditor", "Aud Itor", Roles.AUDITOR));

  /** Seeds the demo people unless they exist; returns their credentials, or empty when they existed. */
  private List<Map<String, Object>> seedUsers() {
    if (accounts.exists(DEMO_USERS.get(0).username())) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (AccountSeeder.Spec spec : DEMO_USERS) {
      AccountSeeder.SeededUser u = accounts.seed(spec.withTokenDays(90));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("username", u.username());
      m.put("password", u.password());
      m.put("totpSecret", u.totpSecret());
      m.put("roles", u.roles());
      m.put("apiToken", u.apiToken());
      out.add(m);
    }
    return out;
  }

  Path credentialsFile() {
    return dataDir.resolve("demo-credentials.json");
  }

  /** Seeds on the first start; returns the camera credentials either way. */
  List<CameraCredential> seedOnce(Optional<SeattleWeek> week) {
    boolean seeded = jdbc.sql("SELECT count(*) FROM demo_seed").query(Long.class).single() > 0;
    if (seeded) {
      List<CameraCredential> existing = readCredentials();
      // a data directory seeded before accounts existed gets its people now, once
      tx.executeWithoutResult(s -> {
        List<Map<String, Object>> users = seedUsers();
        if (users != null) {
          writeCredentials(existing, users);
        }
      });
      return existing;
    }
    // The file is written before the transaction commits: if the commit fails, the next start seeds
    // again and overwrites it; a committed seed never exists without its (only) copy of the secrets.
    List<CameraCredential> creds = tx.execute(s -> {
      List<CameraCredential> out = new ArrayList<>();
      for (int i = 0; i < DemoCity.CAMERA_NAMES.length; i++) {
        double[] pos = position(week, i);
        Camera.WithToken c = cameras.register(DemoCity.CAMERA_NAMES[i], pos[0], pos[1], (i * 90) % 360);
        out.add(new CameraCredential(c.camera().id(), c.token()));
      }
      List<Map<String, Object>> users = seedUsers();
      jdbc.sql("INSERT INTO demo_seed (seeded_at) VALUES (now())").update();
      writeCredentials(out, users == null ? List.of() : users);
      log.info("seeded the demo agency: {} cameras, {} people", out.size(), users == null ? 0 : users.size());
      return out;
    });
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
