package org.glassplate.server.transparency.web;

import java.util.Map;
import org.glassplate.server.transparency.TransparencyReport;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public page and its JSON twin, from one report model (R-PUB-1). No login. */
@RestController
class TransparencyController {
  private final TransparencyReport report;

  TransparencyController(TransparencyReport report) {
    this.report = report;
  }

  @GetMapping(path = "/transparency.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> json() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(report.build());
  }

  @GetMapping(path = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page() {
    Map<String, Object> model = report.build();
    String activity = "<section id=\"activity\"><h2>Activity, day by day</h2>"
        + Svg.dailyBars("Plate reads stored per day", TransparencyPage.series(TransparencyPage.at(model, "reads.perDay")), "#1f5fa8")
        + "</section>\n";
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML)
        .body(TransparencyPage.render(model, activity));
  }
}
