package org.glassplate.server.search.web;

import org.glassplate.server.search.SearchRequest;
import org.glassplate.server.search.Searches;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/searches} (DESIGN.md): results only after the search's audit entry has its log index. */
@RestController
class SearchController {
  private final Searches searches;
  private final String agency;

  SearchController(Searches searches, org.glassplate.server.core.Agency agency) {
    this.searches = searches;
    this.agency = agency.id();
  }

  /** The answer, with a W3C {@code Server-Timing} header: time in the read store and in the audit append. */
  @PostMapping("/api/v1/searches")
  ResponseEntity<SearchJson.Result> search(@RequestBody(required = false) SearchRequest body) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    var result = searches.search(CallerAuthentication.current().orElseThrow(), body);
    return ResponseEntity.ok()
        .header("Server-Timing", String.format(java.util.Locale.ROOT, "query;dur=%.2f, audit;dur=%.2f",
            result.queryNanos() / 1e6, result.auditNanos() / 1e6))
        .body(SearchJson.result(result, result.cameraNames(), agency));
  }
}
