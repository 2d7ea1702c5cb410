package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.oversight.VendorAuditImport;
import org.glassplate.server.oversight.VendorAuditImports;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/oversight/vendor-audits} (the latest uploads) and {@code GET /api/v1/oversight/vendor-audits/{id}}
 * (one, with its progress: what the upload page polls), for auditors (R-GOV-5, issue 17). Uploads are sent to
 * {@code POST /api/v1/oversight/vendor-audits} by a script with a bearer token, or {@code POST /oversight/vendor-audits}
 * by the page's form (both in {@link VendorAuditPages}).
 */
@RestController
class VendorAuditController {
  static final String API = "/api/v1/oversight/vendor-audits";

  private final VendorAuditImports imports;

  VendorAuditController(VendorAuditImports imports) {
    this.imports = imports;
  }

  @GetMapping(API)
  VendorAuditJson.History list() {
    List<VendorAuditImport> unfinished = imports.unfinished();
    return new VendorAuditJson.History(imports.recent().stream()
        .map(i -> VendorAuditJson.of(i, ahead(i, unfinished))).toList());
  }

  @GetMapping(API + "/{id}")
  VendorAuditJson one(@PathVariable long id) {
    VendorAuditImport i = imports.find(id);
    return VendorAuditJson.of(i, ahead(i, imports.unfinished()));
  }

  /** How many imports run before this one: those unfinished and uploaded earlier. */
  static int ahead(VendorAuditImport i, List<VendorAuditImport> unfinished) {
    return i.status() == VendorAuditImport.Status.QUEUED
        ? (int) unfinished.stream().filter(u -> u.id() < i.id()).count() : 0;
  }
}
