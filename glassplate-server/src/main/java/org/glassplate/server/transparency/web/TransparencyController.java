package org.glassplate.server.transparency.web;

import java.util.Map;
import org.glassplate.server.web.Svg;
import org.glassplate.server.transparency.TransparencyReport;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The public page and its JSON twin, from one report model (R-PUB-1). No login. */
@RestController
class TransparencyController {
  private final TransparencyReport report;

  TransparencyController(TransparencyReport report) {
    this.report = report;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> refused(Map<String, Object> model) {
    return (Map<String, Long>) TransparencyPage.at(model, "searches.refusedByReason");
  }

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  @GetMapping(path = "/transparency.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> json(@RequestParam(required = false) Long auditBefore) {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(report.build(baseUrl(), auditBefore));
  }

  @GetMapping(path = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@RequestParam(required = false) Long auditBefore) {
    Map<String, Object> model = report.build(baseUrl(), auditBefore);
    String activity = "<section id=\"activity\"><h2>Activity, day by day</h2>"
        + "<h3>Searches run per day</h3>"
        + Svg.dailyBars("Searches run per day", TransparencyPage.series(TransparencyPage.at(model, "searches.perDay")), "#2a7a3a")
        + "<h3>Plate reads stored per day</h3>"
        + Svg.dailyBars("Plate reads stored per day", TransparencyPage.series(TransparencyPage.at(model, "reads.perDay")), "#1f5fa8")
        + "<h3>Refused searches by reason</h3>"
        + Svg.horizontalBars("Refused searches by reason", refused(model), "#a33")
        + TransparencyPage.refusedTable(model)
        + "</section>\n";
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML)
        .body(TransparencyPage.render(model, activity));
  }
}
