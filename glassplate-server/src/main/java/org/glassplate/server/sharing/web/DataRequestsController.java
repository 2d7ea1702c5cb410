package org.glassplate.server.sharing.web;

import java.util.List;
import org.glassplate.server.core.Caller;
import org.glassplate.server.sharing.DataRequest;
import org.glassplate.server.sharing.DataRequestSubmission;
import org.glassplate.server.sharing.DataRequests;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Written data requests (R-SHR-4): {@code POST /api/v1/data-requests} records one,
 * {@code …/{id}/approval} and {@code …/{id}/denial} review it, {@code GET} lists them with their
 * history, {@code POST …/{id}/export} releases an approved one as a zip package.
 */
@RestController
class DataRequestsController {
  private final DataRequests requests;

  DataRequestsController(DataRequests requests) {
    this.requests = requests;
  }

  record AgencyBody(String name, String state, String kind) {
  }

  record RequesterBody(String name, String title, String contact) {
    @Override
    public String toString() {
      return "RequesterBody[redacted]";
    }
  }

  record RequestBodyJson(AgencyBody agency, RequesterBody requester, String purpose, String caseNumber, String offense,
      List<String> plates, String from, String to, String receivedAt, String documentReference) {
    @Override
    public String toString() {
      return "RequestBodyJson[redacted]";
    }
  }

  record NoteBody(String note, String reason) {
    @Override
    public String toString() {
      return "NoteBody[redacted]";
    }
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  @PostMapping("/api/v1/data-requests")
  @ResponseStatus(HttpStatus.CREATED)
  DataRequestsJson.Request record(@RequestBody RequestBodyJson body) {
    AgencyBody a = body.agency() == null ? new AgencyBody(null, null, null) : body.agency();
    RequesterBody p = body.requester() == null ? new RequesterBody(null, null, null) : body.requester();
    DataRequest r = requests.record(caller(), new DataRequestSubmission(a.name(), a.state(), a.kind(), p.name(),
        p.title(), p.contact(), body.purpose(), body.caseNumber(), body.offense(), body.plates(), body.from(),
        body.to(), body.receivedAt(), body.documentReference()));
    return DataRequestsJson.of(r);
  }

  @PostMapping("/api/v1/data-requests/{id}/approval")
  DataRequestsJson.Request approve(@PathVariable long id, @RequestBody(required = false) NoteBody body) {
    return DataRequestsJson.of(requests.approve(id, caller(), body == null ? null : body.note()));
  }

  @PostMapping("/api/v1/data-requests/{id}/denial")
  DataRequestsJson.Request deny(@PathVariable long id, @RequestBody(required = false) NoteBody body) {
    return DataRequestsJson.of(requests.deny(id, caller(), body == null ? null
        : body.reason() != null ? body.reason() : body.note()));
  }

  @GetMapping("/api/v1/data-requests")
  DataRequestsJson.Requests list(@RequestParam(defaultValue = "200") int limit) {
    return new DataRequestsJson.Requests(requests.list(caller(), limit).stream().map(DataRequestsJson::of).toList());
  }

  @GetMapping("/api/v1/data-requests/{id}")
  DataRequestsJson.Request show(@PathVariable long id) {
    return DataRequestsJson.of(requests.show(id, caller()));
  }

  /**
   * The package, with its SHA-256 and the log indexes of its export and release entries in headers
   * ({@code X-Glassplate-Package-Sha256}, {@code X-Glassplate-Export-Audit-Index},
   * {@code X-Glassplate-Release-Audit-Index}).
   */
  @PostMapping(value = "/api/v1/data-requests/{id}/export", produces = "application/zip")
  ResponseEntity<byte[]> export(@PathVariable long id) {
    DataRequests.Export e = requests.export(id, caller());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("data-request-" + id + "-release-" + e.releaseAuditIndex() + ".zip").build().toString())
        .header("X-Glassplate-Package-Sha256", e.sha256())
        .header("X-Glassplate-Export-Audit-Index", String.valueOf(e.exportAuditIndex()))
        .header("X-Glassplate-Release-Audit-Index", String.valueOf(e.releaseAuditIndex()))
        .body(e.zip());
  }
}
