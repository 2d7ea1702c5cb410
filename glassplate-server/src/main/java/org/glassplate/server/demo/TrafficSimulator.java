package org.glassplate.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts simulated camera traffic through the real ingest API, over HTTP, with the cameras' own
 * tokens. It replays the real Seattle week from the same weekday and time of day as now (which
 * cameras are busy, repeat visits), with each hashed plate turned into a synthetic plate; without
 * the file it falls back to random plates from a fixed pool.
 */
@Component
class TrafficSimulator implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId CITY_ZONE = ZoneId.of("America/Los_Angeles");

  private final DemoProperties props;
  private final DemoSeeder seeder;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile ScheduledExecutorService executor;
  private volatile int port;
  private List<DemoSeeder.CameraCredential> cameras = List.of();
  private Optional<SeattleWeek> week = Optional.empty();
  private int next;
  private double owed;
  private final Random random = new Random(42);

  TrafficSimulator(DemoProperties props, DemoSeeder seeder, Clock clock) {
    this.props = props;
    this.seeder = seeder;
    this.clock = clock;
  }

  @EventListener
  void onWebServer(WebServerInitializedEvent e) {
    port = e.getWebServer().getPort();
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    if (!props.enabled()) {
      return;
    }
    week = loadWeek();
    cameras = seeder.seedOnce(week);
    if (cameras.isEmpty() || props.rate() <= 0) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), CITY_ZONE);
    next = week.map(w -> w.startIndex(now.getDayOfWeek(), now.toLocalTime())).orElse(0);
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-traffic");
      t.setDaemon(true);
      return t;
    });
    executor = ex;
    ex.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    log.info("demo traffic: {} reads/s from {}", props.rate(), week.isPresent() ? "the Seattle week" : "random plates");
  }

  private Optional<SeattleWeek> loadWeek() {
    for (Path p : candidates()) {
      if (p != null && Files.isRegularFile(p)) {
        try {
          return Optional.of(SeattleWeek.load(p));
        } catch (Exception e) {
          log.warn("cannot read the Seattle week at {}: {}", p, e.getClass().getSimpleName());
        }
      }
    }
    log.info("Seattle week not found; simulating random plates");
    return Optional.empty();
  }

  private List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    if (props.seattleFile() != null) {
      out.add(props.seattleFile());
    }
    Path rel = Path.of("data", "external", "seattle-spd-alpr-reads", "spd-alpr-pub.csv.gz");
    out.add(Path.of("..", "shared").resolve(rel).toAbsolutePath().normalize());
    // Run with -jar ROOT/glassplate-server/target/glassplate.jar: the class path is the jar; look
    // beside each of its parent folders for shared/ (ROOT/../shared).
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      for (Path p = Path.of(entry).toAbsolutePath(); p != null; p = p.getParent()) {
        out.add(p.resolve("shared").resolve(rel).normalize());
      }
    }
    return out;
  }

  private void tick() {
    try {
      owed += props.rate();
      int n = (int) owed;
      owed -= n;
      Map<Integer, List<Map<String, Object>>> byCamera = new LinkedHashMap<>();
      Instant now = clock.instant();
      for (int i = 0; i < n; i++) {
        int cam;
        Map<String, Object> read = new LinkedHashMap<>();
        if (week.isPresent()) {
          List<SeattleWeek.Row> rows = week.get().rows();
          SeattleWeek.Row r = rows.get(next);
          next = (next + 1) % rows.size();
          cam = r.device() % cameras.size();
          SyntheticPlates.Synthetic p = SyntheticPlates.fromHash(r.plateHash());
          read.put("plate", p.plate());
          read.put("state", p.state());
          read.put("lat", DemoCity.lat(r.lat()));
          read.put("lon", DemoCity.lon(r.lon()));
        } else {
          cam = random.nextInt(cameras.size());
          SyntheticPlates.Synthetic p = SyntheticPlates.fromHash("pool-" + random.nextInt(5000));
          read.put("plate", p.plate());
          read.put("state", p.state());
        }
        read.put("capturedAt", now.toString());
        read.put("confidence", 80 + random.nextInt(20));
        byCamera.computeIfAbsent(cam, k -> new ArrayList<>()).add(read);
      }
      for (Map.Entry<Integer, List<Map<String, Object>>> e : byCamera.entrySet()) {
        post(cameras.get(e.getKey()).token(), Map.of("reads", e.getValue()));
      }
    } catch (RuntimeException e) {
      log.warn("demo traffic tick failed: {}", e.getClass().getSimpleName());
    }
  }

  private void post(String token, Map<String, Object> body) {
    if (port == 0) {
      return;
    }
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    try {
      HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        log.warn("demo traffic: ingest answered {}", r.statusCode());
      }
    } catch (java.io.IOException e) {
      log.debug("demo traffic: ingest unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    // started by onReady once the web server answers
  }

  @Override
  public void stop() {
    ScheduledExecutorService ex = executor;
    if (ex != null) {
      ex.shutdownNow();
      try {
        ex.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null && !executor.isShutdown();
  }

  /** Stop before the web server's graceful shutdown begins. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
