package org.glassplate.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
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
 * tokens. It replays the shipped traffic profile of a real week (Seattle PD, {@link TrafficProfile})
 * from the same hour of the week as now: which cameras are busy when, and how often the same plate
 * comes back, each profile plate standing for one synthetic plate with its vehicle. Every camera
 * sends reads ({@link DemoCity#cameraFor}), where it is: a fixed camera at its corner, a patrol car
 * along its beat ({@link DemoCity#readPosition}).
 */
@Component
class TrafficSimulator implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The profile's hours of the week are the demo city's. */
  static final ZoneId CITY_ZONE = ZoneId.of("America/Los_Angeles");

  private final DemoProperties props;
  private final DemoSeeder seeder;
  private final Clock clock;
  private final Cameras registered;
  /** Where each demo camera stands, whether it patrols, and where its car starts its beat; by credential index. */
  private final List<Station> stations = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile ScheduledExecutorService executor;
  private volatile int port;
  private List<DemoSeeder.CameraCredential> cameras = List.of();
  private TrafficProfile profile;
  private TrafficReplay replay;
  private double owed;
  private final Random random = new Random(42);

  private record Station(double lat, double lon, boolean patrol, double phase) {
  }

  TrafficSimulator(DemoProperties props, DemoSeeder seeder, Clock clock, Cameras registered) {
    this.registered = registered;
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
    profile = TrafficProfile.shipped();
    cameras = seeder.seedOnce(profile);
    if (cameras.isEmpty() || props.rate() <= 0) {
      return;
    }
    for (int i = 0; i < cameras.size(); i++) {
      Camera c = registered.find(cameras.get(i).id()).orElse(null);
      stations.add(c == null ? null : new Station(c.lat(), c.lon(), DemoCity.patrol(c.name()), i * 1_300.0));
    }
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), CITY_ZONE);
    int hour = TrafficProfile.hourOfWeek(now.getDayOfWeek(), now.getHour());
    replay = new TrafficReplay(profile, hour, 42);
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-traffic");
      t.setDaemon(true);
      return t;
    });
    executor = ex;
    ex.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    log.info("demo traffic: {} reads/s replaying the Seattle traffic profile ({} reads, {} devices) from hour {} of the week (0 is Monday 00:00)",
        props.rate(), profile.reads(), profile.devices().size(), replay.hourOfWeek());
  }

  private void tick() {
    try {
      owed += props.rate();
      int n = (int) owed;
      owed -= n;
      Map<Integer, List<Map<String, Object>>> byCamera = new LinkedHashMap<>();
      Instant now = clock.instant();
      for (int i = 0; i < n; i++) {
        TrafficReplay.SimulatedRead r = replay.next();
        int cam = DemoCity.cameraFor(r.device(), cameras.size(), random);
        Map<String, Object> read = new LinkedHashMap<>();
        SyntheticPlates.Synthetic p = TrafficReplay.plate(r.plate());
        read.put("plate", p.plate());
        read.put("state", p.state());
        Station at = stations.get(cam);
        if (at != null) {
          double[] pos = DemoCity.readPosition(at.patrol(), at.lat(), at.lon(), now, at.phase(), random);
          read.put("lat", pos[0]);
          read.put("lon", pos[1]);
        }
        read.put("capturedAt", now.toString());
        read.put("confidence", 80 + random.nextInt(20));
        SyntheticPlates.Vehicle v = SyntheticPlates.vehicle(p.plate());
        read.put("vehicle", Map.of("make", v.make(), "color", v.color(), "type", v.type()));
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
