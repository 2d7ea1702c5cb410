package org.glassplate.server.search.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.PartnerOutcome;
import org.glassplate.server.search.SearchResult;
import org.glassplate.server.sharing.PartnerAnswer;

/** The JSON answer of {@code POST /api/v1/searches}. */
final class SearchJson {
  private SearchJson() {
  }

  /**
   * A page of results, with the index of the search's own audit entry; with partners asked, this agency's
   * reads then every partner's, each read naming its {@code agency}, what each partner did in
   * {@code partners}, and the index of this node's entry of their answers in {@code partnersAuditIndex}.
   */
  record Result(String searchId, long auditIndex, List<Read> results, int page, int pageSize, boolean more,
      int camerasCovered, boolean flagged, String policySha256,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Partner> partners,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long partnersAuditIndex) {
  }

  /**
   * What one partner agency asked did (DESIGN.md): {@code status} OK, REFUSED, UNREACHABLE or TIMEOUT;
   * {@code code} (and {@code field}) when refused; {@code auditIndex} and {@code checkpointSize} of the
   * owner's log when answered; {@code message} in words when not answered.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Partner(String agency, String status, String code, String field, Long auditIndex, Long checkpointSize,
      int count, String message) {
  }

  /**
   * One plate read found, by {@code agency}; {@code camera}, position, confidence and vehicle fields may be
   * null. A partner's read has its camera's position (the owner gives no other) and no confidence.
   */
  record Read(String agency, long readId, String capturedAt, long cameraId, String camera, String plate, String state,
      Double lat, Double lon, Double confidence, Vehicle vehicle) {
    @Override
    public String toString() {
      return "Read[" + readId + ", redacted]";
    }
  }

  record Vehicle(String make, String color, String type) {
  }

  static Result result(SearchResult r, Map<Long, String> cameraNames, String agency) {
    List<Read> reads = new ArrayList<>();
    r.results().forEach(read -> reads.add(read(read, cameraNames, agency)));
    List<Partner> partners = null;
    if (r.partners() != null) {
      partners = new ArrayList<>();
      for (PartnerOutcome o : r.partners()) {
        o.results().forEach(read -> reads.add(read(o.agency(), read)));
        partners.add(new Partner(o.agency(), o.status().name(), o.code(), o.field(), o.auditIndex(),
            o.checkpointSize(), o.count(), o.message()));
      }
    }
    return new Result(r.searchId().toString(), r.auditIndex(), reads, r.page(), r.pageSize(), r.more(),
        r.camerasCovered(), r.flagged(), r.policySha256(), partners, r.partnersAuditIndex());
  }

  static Read read(PlateRead r, Map<Long, String> cameraNames, String agency) {
    return new Read(agency, r.id(), r.capturedAt().toString(), r.cameraId(), cameraNames.get(r.cameraId()),
        r.plate().value(), r.state().value(), r.lat(), r.lon(), r.confidence(),
        new Vehicle(r.vehicle().make(), r.vehicle().color(), r.vehicle().type()));
  }

  static Read read(String agency, PartnerAnswer.Result r) {
    PartnerAnswer.Camera c = r.camera();
    PartnerAnswer.Vehicle v = r.vehicle();
    return new Read(agency, r.readId(), r.capturedAt() == null ? null : r.capturedAt().toString(), c == null ? 0 : c.id(), c == null ? null : c.name(),
        r.plate(), r.state(), c == null ? null : c.lat(), c == null ? null : c.lon(), null,
        v == null ? null : new Vehicle(v.make(), v.color(), v.type()));
  }
}
