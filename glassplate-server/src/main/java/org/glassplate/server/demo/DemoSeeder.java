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
import java.time.Clock;
import java.time.Duration;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.HotlistImports;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.core.Caller;
import org.glassplate.server.demo.internal.SeedMarks;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.glassplate.server.core.Roles;
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

  private final SeedMarks marks;
  private final Cameras cameras;
  private final TransactionTemplate tx;
  private final Path dataDir;
  private final AccountSeeder accounts;
  private final Hotlists hotlists;
  private final HotlistImports imports;
  private final Clock clock;
  private final DemoHistory history;
  private final DemoProperties props;

  DemoSeeder(SeedMarks marks, Cameras cameras, TransactionTemplate tx, AccountSeeder accounts, Hotlists hotlists,
      HotlistImports imports, Clock clock, @Value("${glassplate.data-dir}") Path dataDir, DemoHistory history,
      DemoProperties props) {
    this.history = history;
    this.props = props;
    this.marks = marks;
    this.cameras = cameras;
    this.tx = tx;
    this.accounts = accounts;
    this.hotlists = hotlists;
    this.imports = imports;
    this.clock = clock;
    this.dataDir = dataDir;
  }

  /**
   * A local list (added by the administrator, approved by the supervisor: two people) and a state
   * extract, with plates the simulated traffic will really pass: the traffic profile's most frequent
   * visitors, one of them entered with a look-alike character so that a look-alike hit shows too. A
   * state list is filled only by an import; the demo's extract is imported by the server itself, as a
   * scheduled download from the state's system would be, so it needs no person's approval.
   */
  private void seedHotlists(AccountSeeder.SeededUser admin,
      AccountSeeder.SeededUser supervisor) {
    Caller adminCaller = new Caller(Caller.Kind.USER, admin.id(), "user:" + admin.id(), java.util.Set.copyOf(admin.roles()), null);
    Caller supervisorCaller = new Caller(Caller.Kind.USER, supervisor.id(), "user:" + supervisor.id(),
        java.util.Set.copyOf(supervisor.roles()), null);
    List<SyntheticPlates.Synthetic> frequent = TrafficReplay.mostFrequentPlates(12).stream()
        .map(TrafficReplay::plate).toList();
    java.time.Instant expires = clock.instant().plus(Duration.ofDays(60));
    Hotlist local = hotlists.create("Mesa Verde PD local list", HotlistSource.LOCAL,
        "Vehicles of open Mesa Verde PD cases, approved by a supervisor", adminCaller);
    String[] localReasons = {"stolen_vehicle", "felony_vehicle", "stolen_plate", "missing_person"};
    for (int i = 0; i < Math.min(4, frequent.size()); i++) {
      SyntheticPlates.Synthetic p = frequent.get(i);
      String plate = i == 3 ? lookAlike(p.plate()) : p.plate();
      var entry = hotlists.addEntry(local.id(), new Hotlists.NewEntry(plate, p.state(), localReasons[i], expires), adminCaller);
      hotlists.approve(local.id(), entry.id(), supervisorCaller);
    }
    Hotlist state = hotlists.create("California stolen vehicle system extract (demo)", HotlistSource.STATE,
        "Daily extract from the state's stolen vehicle system", adminCaller);
    List<Hotlists.NewEntry> extract = new ArrayList<>();
    for (int i = 4; i < frequent.size(); i++) {
      SyntheticPlates.Synthetic p = frequent.get(i);
      extract.add(new Hotlists.NewEntry(p.plate(), p.state(), i % 2 == 0 ? "stolen_vehicle" : "stolen_plate", expires));
    }
    imports.replaceExtract(state.id(), extract.iterator(), Caller.system());
  }

  /** The same plate with one character swapped for a look-alike (8/B, 0/O, 1/I, 5/S, 2/Z, 6/G). */
  static String lookAlike(String plate) {
    String from = "8B0O1I5S2Z6G";
    String to = "B8O0I1S5Z2G6";
    for (int i = plate.length() - 1; i >= 0; i--) {
      int k = from.indexOf(plate.charAt(i));
      if (k >= 0) {
        return plate.substring(0, i) + to.charAt(k) + plate.substring(i + 1);
      }
    }
    return plate;
  }

  /** One demo person per role of DESIGN.md, with fictional names. */
  private static final List<AccountSeeder.Spec> DEMO_USERS = List.of(
      AccountSeeder.Spec.of("investigator", "Dana Investigator", Roles.INVESTIGATOR),
      AccountSeeder.Spec.of("operator", "Omar Operator", Roles.OPERATOR),
      AccountSeeder.Spec.of("supervisor", "Sam Supervisor", Roles.SUPERVISOR),
      AccountSeeder.Spec.of("admin", "Alex Administrator", Roles.ADMINISTRATOR),
      AccountSeeder.Spec.of("admin2", "Avery Administrator", Roles.ADMINISTRATOR),
      AccountSeeder.Spec.of("auditor", "Aud Itor", Roles.AUDITOR));

  /**
   * Seeds the demo people and hot lists unless they exist; returns their credentials, or null when they
   * existed, and puts the people into {@code seeded} by username.
   */
  private List<Map<String, Object>> seedUsers(Map<String, AccountSeeder.SeededUser> seeded) {
    if (accounts.exists(DEMO_USERS.get(0).username())) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (AccountSeeder.Spec spec : DEMO_USERS) {
      AccountSeeder.SeededUser u = accounts.seed(spec.withTokenDays(90));
      seeded.put(u.username(), u);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("username", u.username());
      m.put("password", u.password());
      m.put("totpSecret", u.totpSecret());
      m.put("roles", u.roles());
      m.put("apiToken", u.apiToken());
      out.add(m);
    }
    seedHotlists(seeded.get("admin"), seeded.get("supervisor"));
    return out;
  }

  Path credentialsFile() {
    return dataDir.resolve("demo-credentials.json");
  }

  /** Seeds on the first start; returns the camera credentials either way. */
  List<CameraCredential> seedOnce(TrafficProfile profile) {
    boolean seeded = marks.seeded();
    if (seeded) {
      List<CameraCredential> existing = readCredentials();
      // a data directory seeded before accounts existed gets its people now, once
      tx.executeWithoutResult(s -> {
        List<Map<String, Object>> users = seedUsers(new java.util.HashMap<>());
        if (users != null) {
          writeCredentials(existing, users);
        }
      });
      return existing;
    }
    // The file is written before the transaction commits: if the commit fails, the next start seeds
    // again and overwrites it; a committed seed never exists without its (only) copy of the secrets.
    // With a history, the agency is set up as it stood when its history begins (DemoHistory).
    int days = props.historyDays();
    Map<String, AccountSeeder.SeededUser> people = new java.util.HashMap<>();
    java.util.function.Supplier<List<CameraCredential>> seedAgency = () -> seedAgency(profile, people);
    List<CameraCredential> creds = days > 0
        ? history.clock().at(history.clock().instant().minus(Duration.ofDays(days)).truncatedTo(
            java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(1)), seedAgency)
        : seedAgency.get();
    if (days > 0 && people.containsKey("operator") && people.containsKey("investigator")
        && people.containsKey("auditor")) {
      try {
        history.seedOnce(new DemoHistory.Cast(DemoCity.AGENCY_ID, "", caller(people.get("operator")),
                caller(people.get("investigator")), caller(people.get("auditor"))), creds.stream().map(CameraCredential::id).toList(), days,
            DemoHistory.READ_SHARE, 42);
      } catch (RuntimeException e) {
        // the agency and its credentials stand; the demo runs on without (the rest of) its past
        log.error("the demo history could not be seeded: {}", e.getClass().getName());
      }
    }
    return creds;
  }

  private static Caller caller(AccountSeeder.SeededUser u) {
    return new Caller(Caller.Kind.USER, u.id(), "user:" + u.id(), java.util.Set.copyOf(u.roles()), null);
  }

  private List<CameraCredential> seedAgency(TrafficProfile profile, Map<String, AccountSeeder.SeededUser> people) {
    return tx.execute(s -> {
      List<CameraCredential> out = new ArrayList<>();
      for (int i = 0; i < DemoCity.CAMERA_NAMES.length; i++) {
        double[] pos = position(profile, i);
        Camera.WithToken c = cameras.register(DemoCity.CAMERA_NAMES[i], pos[0], pos[1], (i * 90) % 360);
        out.add(new CameraCredential(c.camera().id(), c.token()));
      }
      List<Map<String, Object>> users = seedUsers(people);
      marks.markSeeded();
      writeCredentials(out, users == null ? List.of() : users);
      log.info("seeded the demo agency: {} cameras, {} people", out.size(), users == null ? 0 : users.size());
      return out;
    });
  }

  /**
   * Where camera {@code camera} stands: the mean position of the busiest profile device it replays,
   * moved to the demo city; a device the release gave no positions for stands on a grid downtown.
   */
  static double[] position(TrafficProfile profile, int camera) {
    if (camera < profile.devices().size()) {
      TrafficProfile.Device d = profile.devices().get(camera);
      if (d.positioned()) {
        return new double[] {DemoCity.lat(d.meanLat()), DemoCity.lon(d.meanLon())};
      }
    }
    return new double[] {DemoCity.LAT + 0.01 * (camera % 4) - 0.015, DemoCity.LON + 0.012 * (camera / 4) - 0.006};
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
