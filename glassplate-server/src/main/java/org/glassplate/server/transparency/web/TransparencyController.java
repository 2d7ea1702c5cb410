package org.glassplate.server.transparency.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.transparency.Report;
import org.glassplate.server.transparency.TransparencyReport;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
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

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  @GetMapping(path = "/transparency.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Report> json(@RequestParam(required = false) Long auditBefore,
      @RequestParam(required = false) String auditType) {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache())
        .body(report.report(baseUrl(), auditBefore, auditType));
  }

  @GetMapping(path = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(required = false) Long auditBefore, @RequestParam(required = false) String auditType) {
    Report model = report.report(baseUrl(), auditBefore, auditType);
    TransparencyView view = TransparencyView.of(
        Layout.of(model.agency().name() + " · License plate readers · Transparency", request), model);
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
    return Pages.page("transparency/page", view);
  }
}
