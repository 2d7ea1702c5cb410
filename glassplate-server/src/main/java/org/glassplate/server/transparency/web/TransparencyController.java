package org.glassplate.server.transparency.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.web.Agency;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public figures, computed from the live system, never typed in (R-PUB-1). */
@RestController
class TransparencyController {
  private final Agency agency;
  private final Cameras cameras;
  private final Reads reads;
  private final Clock clock;

  TransparencyController(Agency agency, Cameras cameras, Reads reads, Clock clock) {
    this.agency = agency;
    this.cameras = cameras;
    this.reads = reads;
    this.clock = clock;
  }

  @GetMapping("/transparency.json")
  Map<String, Object> json() {
    Instant now = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generatedAt", now.toString());
    out.put("agency", Map.of("id", agency.id(), "name", agency.name(), "state", agency.state()));
    out.put("cameras", Map.of("active", cameras.countActive()));
    out.put("reads", Map.of("last30Days", reads.countCapturedSince(now.minus(Duration.ofDays(30)))));
    return out;
  }
}
