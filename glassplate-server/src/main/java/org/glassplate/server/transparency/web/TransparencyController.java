package org.glassplate.server.transparency.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.transparency.Report;
import org.glassplate.server.transparency.TransparencyReport;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.Svg;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The public page and its JSON twin, from one report model (R-PUB-1). No login. */
@Controller
class TransparencyController {
  private final TransparencyReport report;

  TransparencyController(TransparencyReport report) {
    this.report = report;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> refused(Map<String, Object> model) {
    return (Map<String, Long>) TransparencyView.at(model, "searches.refusedByReason");
  }

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  @GetMapping(path = "/transparency.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Report> json(@RequestParam(required = false) Long auditBefore) {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(report.report(baseUrl(), auditBefore));
  }

  @GetMapping(path = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(required = false) Long auditBefore) {
    Map<String, Object> model = report.build(baseUrl(), auditBefore);
    List<String> labels = new ArrayList<>();
    List<double[]> positions = TransparencyView.positions(model, labels);
    TransparencyView view = new TransparencyView(
        Layout.of(TransparencyView.at(model, "agency.name") + " · License plate readers · Transparency", request),
        model,
        Svg.dailyBars("Searches run per day",
            TransparencyView.series(TransparencyView.at(model, "searches.perDay")), "#2a7a3a"),
        Svg.dailyBars("Plate reads stored per day",
            TransparencyView.series(TransparencyView.at(model, "reads.perDay")), "#1f5fa8"),
        Svg.horizontalBars("Refused searches by reason", refused(model), "#a33"),
        Svg.cameraMap(positions, labels));
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
    return Pages.page("transparency/page", view);
  }
}
