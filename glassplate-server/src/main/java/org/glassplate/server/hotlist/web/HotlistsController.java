package org.glassplate.server.hotlist.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.HotlistEntry;
import org.glassplate.server.hotlist.HotlistImports;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Hot lists, entries, approvals and CSV imports (DESIGN.md contract; R-HOT-1). */
@RestController
class HotlistsController {
  private final Hotlists hotlists;
  private final HotlistImports imports;

  HotlistsController(Hotlists hotlists, HotlistImports imports) {
    this.hotlists = hotlists;
    this.imports = imports;
  }

  record NewList(String name, String source, String description) {
  }

  record NewEntryBody(String plate, String state, String reason, String expiresAt) {
    @Override
    public String toString() {
      return "NewEntryBody[redacted]";
    }
  }

  record NewImport(String mode, Map<String, String> columns, Map<String, String> defaults, Long size) {
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  @PostMapping("/api/v1/hotlists")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody NewList body) {
    HotlistSource source;
    try {
      source = HotlistSource.parse(body.source());
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("source", e.getMessage());
    }
    Hotlist list = hotlists.create(body.name(), source, body.description(), caller());
    return Map.of("id", list.id(), "name", list.name(), "source", list.source().code());
  }

  @GetMapping("/api/v1/hotlists")
  Map<String, Object> lists() {
    return Map.of("hotlists", hotlists.all().stream().map(HotlistsController::json).toList());
  }

  @GetMapping("/api/v1/hotlists/{id}")
  Map<String, Object> list(@PathVariable long id) {
    return json(hotlists.find(id).orElseThrow(() -> ApiException.notFound("hot list")));
  }

  @GetMapping("/api/v1/hotlists/{id}/entries")
  Map<String, Object> entries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
    hotlists.find(id).orElseThrow(() -> ApiException.notFound("hot list"));
    return Map.of("entries", hotlists.entries(id, Math.max(1, Math.min(limit, 1000))).stream()
        .map(HotlistsController::json).toList());
  }

  @PostMapping("/api/v1/hotlists/{id}/entries")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> addEntry(@PathVariable long id, @RequestBody NewEntryBody body) {
    Caller caller = caller();
    Hotlist list = hotlists.find(id).orElseThrow(() -> ApiException.notFound("hot list"));
    if (list.source() != HotlistSource.LOCAL && !caller.hasRole(Roles.SUPERVISOR) && !caller.hasRole(Roles.ADMINISTRATOR)) {
      throw new ApiException(CommonRefusal.FORBIDDEN,
          "entries of state and NCIC lists are active at once, so only a supervisor or administrator adds them");
    }
    Instant expires = null;
    if (body.expiresAt() != null && !body.expiresAt().isBlank()) {
      try {
        expires = java.time.OffsetDateTime.parse(body.expiresAt()).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw ApiException.unprocessable("expiresAt", "expiresAt must be an ISO-8601 time with an offset");
      }
    }
    HotlistEntry e = hotlists.addEntry(id, new Hotlists.NewEntry(body.plate(), body.state(), body.reason(), expires),
        caller);
    return json(e);
  }

  @PostMapping("/api/v1/hotlists/{id}/entries/{entryId}/approval")
  Map<String, Object> approve(@PathVariable long id, @PathVariable long entryId) {
    return json(hotlists.approve(id, entryId, caller()));
  }

  @DeleteMapping("/api/v1/hotlists/{id}/entries/{entryId}")
  Map<String, Object> remove(@PathVariable long id, @PathVariable long entryId) {
    return json(hotlists.remove(id, entryId, caller()));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> startImport(@PathVariable long id, @RequestBody NewImport body) {
    return json(imports.start(id, body.mode() == null ? "append" : body.mode(), body.columns(), body.defaults(),
        body.size(), caller()));
  }

  @PostMapping(path = "/api/v1/hotlists/{id}/imports/{importId}/parts",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  Map<String, Object> part(@PathVariable long id, @PathVariable long importId, @RequestBody String csv) {
    return json(imports.part(id, importId, csv, caller()));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports/{importId}/completion")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> complete(@PathVariable long id, @PathVariable long importId) {
    return json(imports.complete(id, importId, caller(), false));
  }

  @GetMapping("/api/v1/hotlists/{id}/imports/{importId}")
  Map<String, Object> importJob(@PathVariable long id, @PathVariable long importId) {
    return json(imports.find(id, importId).orElseThrow(() -> ApiException.notFound("import")));
  }

  static Map<String, Object> json(Hotlist l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", l.id());
    m.put("name", l.name());
    m.put("source", l.source().code());
    m.put("owner", l.ownerPseudonym());
    m.put("description", l.description());
    m.put("active", l.active());
    m.put("generation", l.generation());
    m.put("createdAt", l.createdAt().toString());
    return m;
  }

  static Map<String, Object> json(HotlistEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("listId", e.listId());
    m.put("plate", e.plate());
    m.put("partial", e.partial());
    m.put("state", e.state());
    m.put("reason", e.reason().code());
    m.put("addedBy", e.addedByPseudonym());
    m.put("status", e.status().name());
    m.put("expiresAt", e.expiresAt().toString());
    m.put("approvedAt", e.approvedAt() == null ? null : e.approvedAt().toString());
    m.put("createdAt", e.createdAt().toString());
    return m;
  }

  static Map<String, Object> json(HotlistImports.ImportJob j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("listId", j.listId());
    m.put("mode", j.mode());
    m.put("status", j.status());
    m.put("progress", j.progress());
    m.put("expectedBytes", j.expectedBytes());
    m.put("receivedBytes", j.receivedBytes());
    m.put("rowsRead", j.rowsRead());
    m.put("rowsAccepted", j.rowsAccepted());
    m.put("rowsRejected", j.rowsRejected());
    m.put("errors", j.errors());
    m.put("startedAt", j.startedAt().toString());
    m.put("finishedAt", j.finishedAt() == null ? null : j.finishedAt().toString());
    return m;
  }

}
