package org.glassplate.server.search.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.PartnerSearchResult;
import org.glassplate.server.search.Searches;
import org.glassplate.server.sharing.FederationRequests;
import org.glassplate.server.sharing.PartnerAnswer;
import org.glassplate.server.sharing.PartnerQuery;
import org.glassplate.server.web.WebRefusal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/federation/searches}: a partner node's signed query, answered on this, the data
 * owner's, side (issue 14, R-SHR-2, R-SHR-3). First the signature and the agreement
 * ({@link FederationRequests}, in the sharing feature, whose request and answer records are the wire
 * format), then the query as a local search with the agreement's scope ({@link Searches#partnerSearch}).
 * It lives in the search feature because it runs a search: sharing, whose client the search feature
 * uses to ask partners, does not depend on search. The body size limit of every request applies.
 */
@RestController
class FederationSearchController {
  /** How long an answer waits for a signed checkpoint that covers its entry (one is signed about every second). */
  private static final long CHECKPOINT_WAIT_MILLIS = 3000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FederationRequests federation;
  private final Searches searches;
  private final AuditLog auditLog;
  private final Agency agency;

  FederationSearchController(FederationRequests federation, Searches searches, AuditLog auditLog, Agency agency) {
    this.federation = federation;
    this.searches = searches;
    this.auditLog = auditLog;
    this.agency = agency;
  }

  @PostMapping(path = FederationRequests.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  PartnerAnswer search(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    Map<String, List<String>> fields = new TreeMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      fields.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    String query = request.getQueryString();
    URI target = URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
    FederationRequests.Authenticated who = federation.authenticate(request.getMethod(), target, fields, body,
        request.getRemoteAddr());
    PartnerQuery q;
    try {
      q = JSON.readValue(body, PartnerQuery.class);
    } catch (DatabindException e) {
      String field = e.getPath().stream()
          .map(p -> p.getPropertyName() != null ? p.getPropertyName() : "[" + p.getIndex() + "]")
          .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
      throw federation.refuse(who, "INVALID_FIELD", field.isEmpty()
          ? new Refusal(WebRefusal.MALFORMED_BODY, "the request body is not a federation query")
          : Refusal.invalid(field, "field has the wrong type or form"));
    } catch (JacksonException | IllegalArgumentException e) {
      throw federation.refuse(who, "MALFORMED_BODY", new Refusal(WebRefusal.MALFORMED_BODY,
          "the request body is not a federation query (see DESIGN.md, POST /api/v1/federation/searches)"));
    }
    if (q == null || !who.agencyId().equals(q.requestingAgency())) {
      throw federation.refuse(who, "INVALID_REQUESTING_AGENCY", Refusal.invalid("requestingAgency",
          "requestingAgency must be the signature's key id"));
    }
    PartnerSearchResult found = searches.partnerSearch(who.agreement(), q, request.getRemoteAddr());
    return new PartnerAnswer(agency.id(), found.auditIndex(), checkpointSize(found.auditIndex()),
        found.results().stream().map(r -> result(r, found.cameras().get(r.cameraId()))).toList());
  }

  /**
   * The size of the latest signed checkpoint, once one covers the entry at {@code index}; if none does
   * within {@link #CHECKPOINT_WAIT_MILLIS}, the latest size all the same (a later one will cover it).
   */
  private long checkpointSize(long index) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECKPOINT_WAIT_MILLIS);
    if (!auditLog.includes(index)) {
      auditLog.checkpointSoon(); // else the partner waits up to the sequencer's interval (a second) for one
    }
    while (!auditLog.includes(index) && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return auditLog.size();
  }

  private static PartnerAnswer.Result result(PlateRead r, Camera camera) {
    PlateRead.Vehicle v = r.vehicle();
    boolean noVehicle = v.make() == null && v.color() == null && v.type() == null;
    return new PartnerAnswer.Result(r.id(), r.plate().value(), r.state().value(), r.capturedAt(),
        camera == null ? new PartnerAnswer.Camera(r.cameraId(), null, null, null)
            : new PartnerAnswer.Camera(camera.id(), camera.name(), camera.lat(), camera.lon()),
        noVehicle ? null : new PartnerAnswer.Vehicle(v.make(), v.color(), v.type()));
  }
}
