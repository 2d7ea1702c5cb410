package org.glassplate.server.hotlist.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.HotlistEntry;
import org.glassplate.server.hotlist.HotlistImports;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
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

  /** Why a supervisor refuses an entry or an import; required. */
  record RefusalBody(String reason) {
    @Override
    public String toString() {
      return "RefusalBody[redacted]";
    }
  }

  record NewImport(String mode, Map<String, String> columns, Map<String, String> defaults, Long size) {
  }

  /** A hot list as the API shows it. */
  record HotlistView(long id, String name, String source, String owner, String description, boolean active,
      int generation, String createdAt) {
  }

  record CreatedList(long id, String name, String source) {
  }

  record HotlistList(List<HotlistView> hotlists) {
  }

  /**
   * A hot-list entry; {@code approvedAt} is null until a supervisor approves it, {@code refusalReason}
   * null unless a supervisor refused it ({@code status} {@code REFUSED}).
   */
  record EntryView(long id, long listId, String plate, boolean partial, String state, String reason, String addedBy,
      String status, String expiresAt, String approvedAt, String createdAt, String refusalReason) {
    @Override
    public String toString() {
      return "EntryView[" + id + ", redacted]";
    }
  }

  record EntryList(List<EntryView> entries) {
  }

  /**
   * A bulk import's progress; {@code expectedBytes}, {@code finishedAt} and {@code refusalReason} (set
   * when a supervisor refused it) may be null.
   */
  record ImportView(long id, long listId, String mode, String status, double progress, Long expectedBytes,
      long receivedBytes, int rowsRead, int rowsAccepted, int rowsRejected, List<HotlistImports.RowError> errors,
      String startedAt, String finishedAt, String refusalReason) {
    @Override
    public String toString() {
      return "ImportView[" + id + ", " + status + "]";
    }
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  @PostMapping("/api/v1/hotlists")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedList create(@RequestBody NewList body) {
    HotlistSource source;
    try {
      source = HotlistSource.parse(body.source());
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("source", e.getMessage());
    }
    Hotlist list = hotlists.create(body.name(), source, body.description(), caller());
    return new CreatedList(list.id(), list.name(), list.source().code());
  }

  @GetMapping("/api/v1/hotlists")
  HotlistList lists() {
    return new HotlistList(hotlists.all().stream().map(HotlistsController::json).toList());
  }

  @GetMapping("/api/v1/hotlists/{id}")
  HotlistView list(@PathVariable long id) {
    return json(hotlists.find(id).orElseThrow(() -> ApiException.notFound("hot list")));
  }

  @GetMapping("/api/v1/hotlists/{id}/entries")
  EntryList entries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
    return new EntryList(hotlists.viewEntries(id, Math.max(1, Math.min(limit, 1000)), caller()).stream()
        .map(HotlistsController::json).toList());
  }

  @PostMapping("/api/v1/hotlists/{id}/entries")
  @ResponseStatus(HttpStatus.CREATED)
  EntryView addEntry(@PathVariable long id, @RequestBody NewEntryBody body) {
    Caller caller = caller();
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
  EntryView approve(@PathVariable long id, @PathVariable long entryId) {
    return json(hotlists.approve(id, entryId, caller()));
  }

  @PostMapping("/api/v1/hotlists/{id}/entries/{entryId}/refusal")
  EntryView refuse(@PathVariable long id, @PathVariable long entryId, @RequestBody RefusalBody body) {
    return json(hotlists.refuse(id, entryId, body.reason(), caller()));
  }

  @DeleteMapping("/api/v1/hotlists/{id}/entries/{entryId}")
  EntryView remove(@PathVariable long id, @PathVariable long entryId) {
    return json(hotlists.remove(id, entryId, caller()));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports")
  @ResponseStatus(HttpStatus.CREATED)
  ImportView startImport(@PathVariable long id, @RequestBody NewImport body) {
    return json(imports.start(id, body.mode() == null ? "append" : body.mode(), body.columns(), body.defaults(),
        body.size(), caller()));
  }

  @PostMapping(path = "/api/v1/hotlists/{id}/imports/{importId}/parts",
      consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  ImportView part(@PathVariable long id, @PathVariable long importId, @RequestBody String csv) {
    return json(imports.part(id, importId, csv, caller()));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports/{importId}/completion")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ImportView complete(@PathVariable long id, @PathVariable long importId) {
    return json(imports.complete(id, importId, caller(), false));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports/{importId}/approval")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ImportView approveImport(@PathVariable long id, @PathVariable long importId) {
    return json(imports.approve(id, importId, caller(), false));
  }

  @PostMapping("/api/v1/hotlists/{id}/imports/{importId}/refusal")
  ImportView refuseImport(@PathVariable long id, @PathVariable long importId, @RequestBody RefusalBody body) {
    return json(imports.refuse(id, importId, body.reason(), caller()));
  }

  @DeleteMapping("/api/v1/hotlists/{id}/imports/{importId}")
  ImportView cancelImport(@PathVariable long id, @PathVariable long importId) {
    return json(imports.cancel(id, importId, caller()));
  }

  @GetMapping("/api/v1/hotlists/{id}/imports/{importId}")
  ImportView importJob(@PathVariable long id, @PathVariable long importId) {
    return json(imports.find(id, importId).orElseThrow(() -> ApiException.notFound("import")));
  }

  static HotlistView json(Hotlist l) {
    return new HotlistView(l.id(), l.name(), l.source().code(), l.ownerPseudonym(), l.description(), l.active(),
        l.generation(), l.createdAt().toString());
  }

  static EntryView json(HotlistEntry e) {
    return new EntryView(e.id(), e.listId(), e.plate(), e.partial(), e.state(), e.reason().code(),
        e.addedByPseudonym(), e.status().name(), e.expiresAt().toString(),
        e.approvedAt() == null ? null : e.approvedAt().toString(), e.createdAt().toString(), e.refusalReason());
  }

  static ImportView json(HotlistImports.ImportJob j) {
    return new ImportView(j.id(), j.listId(), j.mode(), j.status(), j.progress(), j.expectedBytes(),
        j.receivedBytes(), j.rowsRead(), j.rowsAccepted(), j.rowsRejected(), j.errors(), j.startedAt().toString(),
        j.finishedAt() == null ? null : j.finishedAt().toString(), j.refusalReason());
  }

}
